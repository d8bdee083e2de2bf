// Image references parsed and normalized exactly like Docker (distribution/reference
// ParseNormalizedNamed): "nginx" -> docker.io/library/nginx:latest, host detection (a "."
// or ":" in the first component, "localhost", or an upper-case first component), tag and
// digest grammar, lower-case repository paths, the 255-character limit on the repository
// path (the host not counted, as in distribution/reference since v0.6.0). Hosts are checked
// beyond docker's regexp: a port is at most 65535 and a bracketed IPv6 address must be valid.
import { isIPv6 } from 'node:net';
import { DOCKER_HUB, DOCKER_HUB_CREDENTIAL_KEY, DOCKER_HUB_ENDPOINT, DOCKER_HUB_LEGACY } from './docker-hub';

export interface ImageReference {
  /** Registry as written in references: "docker.io", "ghcr.io", "127.0.0.1:5000". */
  registry: string;
  /** Repository path: "library/nginx", "team/app". */
  repository: string;
  /** Tag, if any. `parseReference` fills in "latest" when neither tag nor digest was given. */
  tag?: string;
  /** "sha256:<64 hex>", if given. */
  digest?: string;
}

/** A reference could not be parsed: `message` names the rule that was broken. */
export class InvalidReferenceError extends Error {
  override name = 'InvalidReferenceError';
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
  }
}

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|${IPV6})`;
const DOMAIN_RE = new RegExp(`^${HOST}(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = new RegExp(`^${PATH_COMPONENT}$`);
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const HEX64_RE = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;
const SCHEME_RE = /^https?:\/\//i;

/** Why `host` ("name[:port]", "[v6]:port") is not a usable registry host, or undefined when it is. */
function hostProblem(host: string): string | undefined {
  if (!DOMAIN_RE.test(host)) return 'not a valid host name';
  const v6 = /^\[([^\]]*)\]/.exec(host);
  if (v6 && !isIPv6(v6[1]!)) return `"${v6[1]}" is not a valid IPv6 address`;
  const port = /:([0-9]+)$/.exec(v6 ? host.slice(v6[0].length) : host)?.[1];
  if (port !== undefined && Number(port) > 65535) return `port ${port} is above 65535`;
  return undefined;
}

/** Parse a full image reference (`[host[:port]/]path[:tag][@digest]`), defaulting to tag "latest". */
export function parseReference(input: string, opts: { defaultTag?: string | false } = {}): ImageReference {
  const ref = parseAny(input);
  if (!ref.tag && !ref.digest && opts.defaultTag !== false) ref.tag = opts.defaultTag ?? 'latest';
  return ref;
}

/** Parse a repository name (no tag or digest allowed): "nginx" -> docker.io/library/nginx. */
export function parseRepository(input: string): ImageReference {
  const ref = parseAny(input);
  if (ref.tag || ref.digest) throw new InvalidReferenceError(`"${input}" is an image reference; give a repository without ":tag" or "@digest"`, input);
  return ref;
}

/** Parse a registry host ("127.0.0.1:5000", "ghcr.io", "docker.io"), with an optional scheme that is dropped. */
export function parseRegistry(input: string): string {
  const host = input
    .trim()
    .replace(SCHEME_RE, '')
    .replace(/\/+(v[12]\/?)?$/, '');
  if (!host) throw new InvalidReferenceError('empty registry host', input);
  if (host.includes('/'))
    throw new InvalidReferenceError(`"${input}" is not a registry host (it contains a path); give e.g. "registry.example.com:5000"`, input);
  const problem = hostProblem(host);
  if (problem) throw new InvalidReferenceError(`"${input}" is not a valid registry host: ${problem}`, input);
  const lower = host.toLowerCase();
  return lower === DOCKER_HUB_LEGACY || lower === DOCKER_HUB_ENDPOINT ? DOCKER_HUB : lower;
}

/** A repository path as the registry API takes it (`team/app`: no host, tag or digest), checked with the reference grammar. Returns it unchanged. */
export function checkRepositoryPath(path: string): string {
  if (typeof path !== 'string' || !path) throw new InvalidReferenceError('empty repository name', String(path));
  const ref = parseAny(`dockhand.invalid/${path}`);
  if (ref.tag || ref.digest || ref.repository !== path)
    throw new InvalidReferenceError(`"${path}" is not a repository name: give a path like "team/app", without a host, ":tag" or "@digest"`, path);
  return path;
}

/** A tag ("1.2", "latest") checked with the reference grammar. Returns it unchanged. */
export function checkTag(tag: string): string {
  if (typeof tag !== 'string' || !TAG_RE.test(tag)) {
    throw new InvalidReferenceError(
      `invalid tag "${String(tag).slice(0, 140)}": a tag is up to 128 characters of letters, digits, "_", "." and "-", not starting with "." or "-"`,
      String(tag),
    );
  }
  return tag;
}

/** A tag or a digest, as in `/v2/<name>/manifests/<reference>`. Returns it unchanged. */
export function checkTagOrDigest(reference: string): string {
  if (typeof reference === 'string' && reference.includes(':')) {
    validateDigest(reference, reference);
    return reference;
  }
  return checkTag(reference);
}

function parseAny(input: string): ImageReference {
  if (typeof input !== 'string' || input.length === 0) throw new InvalidReferenceError('empty image reference', String(input));
  if (/\s/.test(input)) throw new InvalidReferenceError(`"${input}" contains whitespace`, input);
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    validateDigest(digest, input);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) {
      throw new InvalidReferenceError(
        tag === ''
          ? `"${input}" has an empty tag after ":"`
          : `invalid tag "${tag}" in "${input}": a tag is up to 128 characters of letters, digits, "_", "." and "-", not starting with "." or "-"`,
        input,
      );
    }
  }
  if (!rest) throw new InvalidReferenceError(`"${input}" has no repository name`, input);
  if (HEX64_RE.test(rest))
    throw new InvalidReferenceError(`invalid repository name "${rest}": a 64-character hexadecimal string is an image ID, not a name`, input);

  let registry: string;
  let path: string;
  const firstSlash = rest.indexOf('/');
  const first = firstSlash >= 0 ? rest.slice(0, firstSlash) : '';
  if (firstSlash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    registry = DOCKER_HUB;
    path = rest;
  } else {
    registry = first;
    path = rest.slice(firstSlash + 1);
    const problem = hostProblem(registry);
    if (problem) throw new InvalidReferenceError(`invalid registry host "${registry}" in "${input}": ${problem}`, input);
  }
  if (registry === DOCKER_HUB_LEGACY || registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (path.toLowerCase() !== path)
    throw new InvalidReferenceError(`invalid repository name "${path}" in "${input}": repository names must be lowercase`, input);
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT_RE.test(component)) {
      throw new InvalidReferenceError(
        component === ''
          ? `"${input}" has an empty path component (a doubled or trailing "/")`
          : `invalid repository path component "${component}" in "${input}": use lowercase letters, digits and single ".", "_", "__" or "-" separators between them`,
        input,
      );
    }
  }
  if (path.length > NAME_TOTAL_LENGTH_MAX)
    throw new InvalidReferenceError(
      `repository path in "${input}" is longer than ${NAME_TOTAL_LENGTH_MAX} characters (${path.length}; the host is not counted)`,
      input,
    );
  return { registry, repository: path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

function validateDigest(digest: string, input: string): void {
  if (!DIGEST_RE.test(digest))
    throw new InvalidReferenceError(`invalid digest "${digest}" in "${input}": expected "sha256:" followed by 64 hexadecimal characters`, input);
  const [algorithm, hex] = digest.split(':') as [string, string];
  if (algorithm === 'sha256' && !HEX64_RE.test(hex))
    throw new InvalidReferenceError(`invalid digest "${digest}" in "${input}": a sha256 digest is 64 lowercase hexadecimal characters`, input);
  if (algorithm === 'sha512' && !/^[a-f0-9]{128}$/.test(hex))
    throw new InvalidReferenceError(`invalid digest "${digest}" in "${input}": a sha512 digest is 128 lowercase hexadecimal characters`, input);
  if (algorithm !== 'sha256' && algorithm !== 'sha512') throw new InvalidReferenceError(`unsupported digest algorithm "${algorithm}" in "${input}"`, input);
}

/** The tag or digest to put in `/v2/<name>/manifests/<reference>`: the digest wins. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest';
}

/** Full form: "docker.io/library/nginx:latest", "host:5000/a/b@sha256:...". */
export function formatReference(ref: ImageReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Short form like `docker` prints it: "nginx:latest", "user/app:1", "host:5000/a:b". */
export function familiarReference(ref: ImageReference): string {
  let name = `${ref.registry}/${ref.repository}`;
  if (ref.registry === DOCKER_HUB)
    name = ref.repository.startsWith('library/') && ref.repository.split('/').length === 2 ? ref.repository.slice(8) : ref.repository;
  return `${name}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The host to send HTTP requests to: docker.io is served by registry-1.docker.io. */
export function registryEndpointHost(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_ENDPOINT : registry;
}

/** The key under which Docker stores the registry's credentials: "https://index.docker.io/v1/" for Docker Hub. */
export function credentialKey(registry: string): string {
  return registry === DOCKER_HUB ? DOCKER_HUB_CREDENTIAL_KEY : registry;
}

export function isDockerHub(registry: string): boolean {
  return registry === DOCKER_HUB;
}
