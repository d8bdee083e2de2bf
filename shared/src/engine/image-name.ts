// Docker image names as the engine understands them: "busybox" is
// docker.io/library/busybox:latest, "127.0.0.1:5000/app:1" is on 127.0.0.1:5000.
// Only what the engine layer needs: the registry host (for credentials), the repository
// as the Engine API wants it, and the tag or digest.
import { DOCKER_HUB } from '../reference/docker-hub';
import { parseReference } from '../reference/reference';

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

/**
 * Parse an image name with the shared Docker-compatible reference parser (throws its
 * InvalidReferenceError naming the broken rule) and add the engine's forms of it.
 */
export function parseDockerImageName(input: string): DockerImageName {
  const { registry, repository: path, tag, digest } = parseReference(input.trim(), { defaultTag: false });
  const repository = registry === DOCKER_HUB ? path.replace(/^library\//, '') : `${registry}/${path}`;
  const suffix = (tag ? `:${tag}` : digest ? '' : ':latest') + (digest ? `@${digest}` : '');
  return { registry, path, tag, digest, repository, full: `${registry === DOCKER_HUB ? `${DOCKER_HUB}/${path}` : repository}${suffix}` };
}

/** "repo:tag" or "repo@digest" in the engine's short form (what `docker images` shows). */
export function engineRef(name: DockerImageName): string {
  if (name.digest) return `${name.repository}@${name.digest}`;
  return `${name.repository}:${name.tag ?? 'latest'}`;
}
