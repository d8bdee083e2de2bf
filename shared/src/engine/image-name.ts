// Docker image names as the engine understands them: "busybox" is
// docker.io/library/busybox:latest, "127.0.0.1:5000/app:1" is on 127.0.0.1:5000.
// Only what the engine layer needs: the registry host (for credentials), the repository
// as the Engine API wants it, and the tag or digest.

export interface DockerImageName {
  /** Registry host, "docker.io" for Docker Hub. */
  registry: string;
  /** Repository path inside the registry, e.g. "library/busybox" or "team/app". */
  path: string;
  tag?: string;
  digest?: string;
  /** Repository as the engine names it: "busybox", "user/app", "127.0.0.1:5000/team/app". */
  repository: string;
  /** Full normalized name: "127.0.0.1:5000/team/app:1.2" (":latest" added when neither tag nor digest). */
  full: string;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function parseDockerImageName(input: string): DockerImageName {
  const ref = input.trim();
  if (!ref) throw new Error('empty image reference');
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`invalid digest in image reference "${input}"`);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`invalid tag "${tag}" in image reference "${input}"`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift() as string;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (parts.length === 0 || parts.some((p) => !PATH_COMPONENT.test(p))) {
    throw new Error(`invalid repository name in image reference "${input}" (lowercase letters, digits and . _ - separators only)`);
  }
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  const repository = registry === 'docker.io' ? path.replace(/^library\//, '') : `${registry}/${path}`;
  const suffix = (tag ? `:${tag}` : digest ? '' : ':latest') + (digest ? `@${digest}` : '');
  return { registry, path, tag, digest, repository, full: `${registry === 'docker.io' ? `docker.io/${path}` : repository}${suffix}` };
}

/** "repo:tag" or "repo@digest" in the engine's short form (what `docker images` shows). */
export function engineRef(name: DockerImageName): string {
  if (name.digest) return `${name.repository}@${name.digest}`;
  return `${name.repository}:${name.tag ?? 'latest'}`;
}
