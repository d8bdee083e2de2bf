// Before uploading a blob, ask the target registry to mount it from a repository that holds it
// (POST /v2/<repo>/blobs/uploads/?mount=<digest>&from=<holder>): the source repository when it is
// in the same registry, the repositories the blob-holders cache saw holding it there, and, as a
// guess, the source's repository name on the target. A refusal (202) is silent: the upload session
// the last refusal opened is handed back, so falling back to a copy costs no extra round trip.
import type { RegistryClient } from './client';

/** Mount requests tried per blob at most (each refusal costs one round trip). */
export const MAX_MOUNT_ATTEMPTS = 3;

export interface MountCandidates {
  /** Repositories of the target registry known to hold the blob (the source, same registry). */
  preferred?: string[];
  /** Repository names that may hold it on the target (the source's name, another registry). */
  guesses?: string[];
  signal?: AbortSignal;
}

export interface MountOutcome {
  /** The repository it was mounted from; undefined: not mounted, upload it. */
  mountedFrom?: string;
  /** An upload session the last refused mount opened (use it as uploadBlob's `location`). */
  location?: string;
}

/** Try mounting `digest` into `repository` from the candidates; never throws for a refusal or a failed request (only when cancelled). */
export async function mountBlobFromHolders(client: RegistryClient, repository: string, digest: string, opts: MountCandidates = {}): Promise<MountOutcome> {
  const cache = client.blobHolders;
  const known = cache ? await cache.holders(client.host, digest) : [];
  const fromCache = new Set(known);
  const candidates = [...new Set([...(opts.preferred ?? []), ...known, ...(opts.guesses ?? [])])].filter((r) => r !== repository).slice(0, MAX_MOUNT_ATTEMPTS);
  let location: string | undefined;
  for (let i = 0; i < candidates.length; i++) {
    const from = candidates[i]!;
    const last = i === candidates.length - 1;
    if (location) {
      await client.cancelUpload(repository, location, { signal: opts.signal });
      location = undefined;
    }
    let mounted: boolean;
    try {
      mounted = await client.mountBlob(repository, digest, from, {
        signal: opts.signal,
        ...(last
          ? {
              session: (l: string) => {
                location = l;
              },
            }
          : {}),
      });
    } catch (err) {
      // Denied (no pull right on `from`), or the registry has no mount: the copy goes on without it
      // (a registry that is down fails the upload that follows, with its own message).
      if (opts.signal?.aborted) throw err;
      continue;
    }
    if (mounted) {
      cache?.record(client.host, repository, [digest]);
      return { mountedFrom: from };
    }
    if (fromCache.has(from)) cache?.forget(client.host, from, digest);
  }
  return location ? { location } : {};
}
