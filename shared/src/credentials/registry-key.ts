// Registry host names and config.json keys, matched the way the docker CLI matches them.
//
// docker stores Docker Hub under the legacy key "https://index.docker.io/v1/" and every
// other registry under its bare host ("127.0.0.1:5000"). Older clients wrote keys with a
// scheme and a path ("https://registry.example.com/v1/"); docker's file store finds those
// by comparing ConvertToHostname(key) (strip "http://"/"https://", cut at the first "/")
// with the host. podman's auth.json uses "docker.io" for Hub and may add a namespace
// ("quay.io/org"); a namespaced key applies to that namespace only.

export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
export const DOCKER_HUB_HOST = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** docker's ConvertToHostname: strip an http(s) scheme, keep what is before the first "/". */
export function convertToHostname(key: string): string {
  let s = key.trim();
  if (s.startsWith('http://')) s = s.slice('http://'.length);
  else if (s.startsWith('https://')) s = s.slice('https://'.length);
  const slash = s.indexOf('/');
  return slash === -1 ? s : s.slice(0, slash);
}

export function isDockerHub(host: string): boolean {
  return DOCKER_HUB_ALIASES.has(convertToHostname(host).toLowerCase());
}

/**
 * The canonical host for anything a user may type or a config may hold:
 * "https://127.0.0.1:5000/v2/" -> "127.0.0.1:5000", "index.docker.io" -> "docker.io".
 * Host names are case-insensitive and lower-cased; the port is kept.
 */
export function normalizeRegistryHost(input: string): string {
  const host = convertToHostname(input.trim().replace(/^https?:\/\//i, (m) => m.toLowerCase())).replace(/\/+$/, '');
  if (!host) throw new Error(`"${input}" is not a registry host (expected e.g. "registry.example.com" or "127.0.0.1:5000")`);
  if (isDockerHub(host)) return DOCKER_HUB_HOST;
  return host.toLowerCase();
}

/** The key docker writes into config.json (auths, credHelpers) and passes to credential helpers for `host`. */
export function dockerConfigKey(host: string): string {
  const h = normalizeRegistryHost(host);
  return h === DOCKER_HUB_HOST ? DOCKER_HUB_CONFIG_KEY : h;
}

/** Does a config.json / auth.json key name this registry host (as a whole registry, not one namespace)? */
export function keyMatchesHost(key: string, host: string): boolean {
  const want = normalizeRegistryHost(host);
  let k = key.trim();
  const hadScheme = /^https?:\/\//.test(k);
  if (hadScheme) k = k.replace(/^https?:\/\//, '');
  const slash = k.indexOf('/');
  const keyHost = slash === -1 ? k : k.slice(0, slash);
  const path = slash === -1 ? '' : k.slice(slash);
  if (!keyHost) return false;
  // A path after a bare host ("quay.io/org") is a podman namespace: not the whole registry.
  // With a scheme (legacy docker keys) the path is an API path ("/v1/", "/v2/") and ignored, as docker does.
  if (path && path !== '/' && !hadScheme) return false;
  return normalizeRegistryHost(keyHost) === want;
}

/**
 * Pick the entry of `map` for `host`: the exact docker key first, then any key docker would
 * match (scheme, trailing path, case), as docker's file store does. Returns the key found.
 */
export function findKeyForHost(keys: Iterable<string>, host: string): string | undefined {
  const list = [...keys];
  const exact = dockerConfigKey(host);
  if (list.includes(exact)) return exact;
  const hub = normalizeRegistryHost(host) === DOCKER_HUB_HOST;
  if (hub && list.includes(DOCKER_HUB_HOST)) return DOCKER_HUB_HOST;
  return list.find((k) => keyMatchesHost(k, host));
}
