// Registry host names and config.json keys, matched the way the docker CLI matches them.
//
// docker stores Docker Hub under the legacy key "https://index.docker.io/v1/" and every
// other registry under its bare host ("127.0.0.1:5000"). Older clients wrote keys with a
// scheme and a path ("https://registry.example.com/v1/"); docker's file store finds those
// by comparing ConvertToHostname(key) (strip "http://"/"https://", cut at the first "/")
// with the host. podman's auth.json uses "docker.io" for Hub and may add a namespace
// ("quay.io/org", "docker.io/library/busybox"); a namespaced key applies to that namespace
// only, and for a repository the most specific key wins, as in podman and skopeo.

export const DOCKER_HUB_CONFIG_KEY = 'https://index.docker.io/v1/';
export const DOCKER_HUB_HOST = 'docker.io';
const SCHEME_RE = /^https?:\/\//i;
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * docker's ConvertToHostname: strip a scheme, keep what is before the first "/". With a
 * scheme, an unbracketed IPv6 address with a port ("https://::1:6555/v2/") comes back
 * bracketed ("[::1]:6555"), as Go's url.Parse + JoinHostPort give it.
 */
export function convertToHostname(key: string): string {
  const s = key.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s);
  const authority = scheme ? s.slice(scheme[0].length).split('/')[0]! : '';
  if (!authority) {
    const slash = s.indexOf('/');
    return slash === -1 ? s : s.slice(0, slash);
  }
  const v6WithPort = /^([0-9a-f:]*:[0-9a-f:]*:[0-9a-f]*):([0-9]+)$/i.exec(authority);
  return v6WithPort ? `[${v6WithPort[1]}]:${v6WithPort[2]}` : authority;
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
  const host = convertToHostname(input).replace(/\/+$/, '');
  if (!host || host.endsWith(':')) throw new Error(`"${input}" is not a registry host (expected e.g. "registry.example.com" or "127.0.0.1:5000")`);
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
  const hadScheme = SCHEME_RE.test(k);
  if (hadScheme) k = k.replace(SCHEME_RE, '');
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

/**
 * A credential key split into its registry host and podman namespace:
 * "docker.io/library/busybox" -> { host: "docker.io", namespace: "library/busybox" }. A key
 * with a scheme has no namespace (its path is an API path, "/v1/"). Undefined for an empty host.
 */
export function splitCredentialKey(key: string): { host: string; namespace?: string } | undefined {
  const k = key.trim();
  if (SCHEME_RE.test(k)) {
    const host = convertToHostname(k);
    return host && !host.endsWith(':') ? { host: normalizeRegistryHost(host) } : undefined;
  }
  const slash = k.indexOf('/');
  const host = slash === -1 ? k : k.slice(0, slash);
  const namespace = slash === -1 ? '' : k.slice(slash + 1).replace(/\/+$/, '');
  if (!host || host.endsWith(':')) return undefined;
  return { host: normalizeRegistryHost(host), ...(namespace ? { namespace } : {}) };
}

/**
 * What a lookup names: a registry host, optionally with a repository. "example.org/team/app"
 * -> { host: "example.org", repository: "team/app" }. With a scheme the path is an API path
 * and dropped ("https://example.org/v2/" -> host only). An explicit `repository` wins.
 */
export function splitLookupTarget(input: string, repository?: string): { host: string; repository?: string } {
  const text = input.trim();
  const slash = SCHEME_RE.test(text) ? -1 : text.indexOf('/');
  const host = normalizeRegistryHost(slash === -1 ? text : text.slice(0, slash));
  const repo = repository ?? (slash === -1 ? '' : text.slice(slash + 1).replace(/\/+$/, ''));
  return { host, ...(repo ? { repository: repo } : {}) };
}

/**
 * Pick the entry of `keys` for `repository` on `host`, the most specific first (podman's
 * rule): the key with the longest namespace that is `repository` or one of its parent
 * paths ("docker.io/library" for library/busybox), else the registry's own key
 * (findKeyForHost). Without a repository, only registry-wide keys count.
 */
export function findKeyForRepository(keys: Iterable<string>, host: string, repository?: string): string | undefined {
  const list = [...keys];
  if (repository) {
    const want = normalizeRegistryHost(host);
    let best: { key: string; length: number } | undefined;
    for (const key of list) {
      const split = splitCredentialKey(key);
      const ns = split?.namespace;
      if (!ns || split.host !== want) continue;
      if ((repository === ns || repository.startsWith(`${ns}/`)) && (!best || ns.length > best.length)) best = { key, length: ns.length };
    }
    if (best) return best.key;
  }
  return findKeyForHost(list, host);
}
