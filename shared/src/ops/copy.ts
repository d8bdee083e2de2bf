// Copy an image or a whole index (every platform, attestations included) from one
// repository/registry to another with the digest preserved: blobs already at the target
// are skipped, blobs in the same registry are mounted, the rest are streamed (constant
// memory, bounded parallelism); child manifests are put by digest before the top one.
import type { Readable } from 'node:stream';
import type { RegistryClient, FetchedManifest, OperationOptions } from '../registry/client';
import { RegistryError } from '../registry/client';
import type { Descriptor } from '../registry/manifest';
import type { ImageReference } from '../reference/reference';
import { manifestReference } from '../reference/reference';
import { isRetryableBlobFailure } from './retryable';
import { uniqueChildren } from '../registry/index-children';
import { mountBlobFromHolders } from '../registry/blob-mount';

export interface CopyOptions extends OperationOptions {
  /** Blobs transferred at once (default 4). */
  concurrency?: number;
  /** Upload in chunks of this many bytes (default: one streamed PUT per blob). */
  chunkSize?: number;
  /** Try cross-repository mounts (from the source in the same registry, from repositories seen holding the blob, from the source's name on the target) before uploading (default true). */
  mount?: boolean;
}

export interface CopyResult {
  digest: string;
  mediaType: string;
  /** Manifests written (children of an index plus the top one). */
  manifests: number;
  blobsCopied: number;
  blobsMounted: number;
  blobsSkipped: number;
  bytesCopied: number;
}

export interface CopyEndpoint {
  client: RegistryClient;
  ref: ImageReference;
}

/**
 * Copying an image onto itself (same registry, repository and tag, or by digest into the same
 * repository) would write nothing and report success: refuse it and say what was meant.
 */
export function refuseCopyOntoItself(source: CopyEndpoint, target: CopyEndpoint): void {
  if (source.client.host !== target.client.host || source.ref.repository !== target.ref.repository) return;
  const sameTag = target.ref.tag !== undefined && target.ref.tag === source.ref.tag;
  const byDigest = target.ref.tag === undefined;
  if (!sameTag && !byDigest) return;
  throw new RegistryError({
    code: 'SAME_SOURCE_AND_TARGET',
    summary: `the copy's source and target are the same image (${target.client.host}/${target.ref.repository}${sameTag ? `:${target.ref.tag}` : ''})`,
    fix: 'Choose another registry, repository or tag as the target; to give the image a second tag in this repository, retag it instead.',
    host: target.client.host,
    repository: target.ref.repository,
  });
}

/** Copy `source.ref` to `target.ref` (its tag, or by digest when it has none). */
export async function copyImage(source: CopyEndpoint, target: CopyEndpoint, opts: CopyOptions = {}): Promise<CopyResult> {
  const srcRepo = source.ref.repository;
  const dstRepo = target.ref.repository;
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const sameRegistry = source.client.host === target.client.host;
  const result: CopyResult = { digest: '', mediaType: '', manifests: 0, blobsCopied: 0, blobsMounted: 0, blobsSkipped: 0, bytesCopied: 0 };
  const blobTasks = new Map<string, Promise<void>>();
  const limiter = new Limiter(concurrency);
  /** Child manifests fetched at once (a separate limiter: a child's blobs wait on `limiter`). */
  const manifestLimiter = new Limiter(concurrency);
  /** Source streams in flight: destroyed if the copy fails, so no socket stays open. */
  const streams = new Set<Readable>();
  let failure: unknown;

  const copyBlob = (d: Descriptor): Promise<void> => {
    let task = blobTasks.get(d.digest);
    if (!task) {
      task = limiter.run(async () => {
        if (failure !== undefined) throw failure; // the copy already failed: start nothing new
        if (await target.client.headBlob(dstRepo, d.digest, { signal: opts.signal })) {
          target.client.blobHolders?.record(target.client.host, dstRepo, [d.digest]);
          result.blobsSkipped++;
          opts.onProgress?.({ phase: 'skip', message: `${short(d.digest)} already exists`, digest: d.digest, bytesTotal: d.size });
          return;
        }
        let session: string | undefined;
        if (opts.mount !== false) {
          const mount = await mountBlobFromHolders(target.client, dstRepo, d.digest, {
            preferred: sameRegistry ? [srcRepo] : [],
            guesses: sameRegistry ? [] : [srcRepo],
            signal: opts.signal,
          });
          if (mount.mountedFrom) {
            result.blobsMounted++;
            opts.onProgress?.({ phase: 'mount', message: `${short(d.digest)} mounted from ${mount.mountedFrom}`, digest: d.digest, bytesTotal: d.size });
            return;
          }
          session = mount.location;
        }
        const message = `copying ${short(d.digest)}`;
        const onProgress = opts.onProgress;
        for (let attempt = 0; ; attempt++) {
          let done = 0;
          try {
            // The source GET and the target's upload session (POST) go out together: one round trip less per blob.
            // Bytes are counted as the digest check passes them on (no extra stream stage per chunk).
            const [fetched, started] = await Promise.allSettled([
              source.client.getBlob(srcRepo, d.digest, {
                signal: opts.signal,
                expectedSize: d.size,
                ...(onProgress
                  ? {
                      onBytes: (n: number) => {
                        done += n;
                        onProgress({ phase: 'blob', message, digest: d.digest, bytesDone: done, bytesTotal: d.size });
                      },
                    }
                  : {}),
              }),
              session ?? target.client.startUpload(dstRepo, { signal: opts.signal }),
            ]);
            session = undefined; // a retry opens a new session
            if (fetched.status === 'rejected') {
              if (started.status === 'fulfilled') void target.client.cancelUpload(dstRepo, started.value);
              throw fetched.reason;
            }
            const blob = fetched.value;
            if (started.status === 'rejected') {
              blob.stream.destroy();
              throw started.reason;
            }
            streams.add(blob.stream);
            blob.stream.on('close', () => streams.delete(blob.stream));
            await target.client.uploadBlob(dstRepo, d.digest, d.size, () => blob.stream, {
              signal: opts.signal,
              chunkSize: opts.chunkSize,
              location: started.value,
              sizeChecked: true,
            });
            break;
          } catch (err) {
            if (attempt >= 2 || opts.signal?.aborted || !isRetryableBlobFailure(err)) throw err;
          }
        }
        target.client.blobHolders?.record(target.client.host, dstRepo, [d.digest]);
        result.blobsCopied++;
        result.bytesCopied += d.size;
      });
      blobTasks.set(d.digest, task);
    }
    return task;
  };

  const copyTree = async (fetched: FetchedManifest, putAs: string): Promise<void> => {
    const m = fetched.manifest;
    if (m.kind === 'schema1') {
      throw new RegistryError({
        code: 'UNSUPPORTED',
        summary: `${srcRepo}@${fetched.digest} is a legacy schema 1 manifest`,
        fix: 'Schema 1 images cannot be copied with their digest preserved; rebuild and push the image with a current Docker.',
        host: source.client.host,
        repository: srcRepo,
      });
    }
    if (m.kind === 'index') {
      // Each child once, and no more of them than a real image has; fetched a few at a time.
      const children = uniqueChildren(m, { host: source.client.host, repository: srcRepo, digest: fetched.digest });
      await Promise.all(
        children.map(async (d) => {
          const child = await manifestLimiter.run(() => {
            if (failure !== undefined) throw failure;
            return source.client.getManifest(srcRepo, d.digest, { signal: opts.signal });
          });
          await copyTree(child, child.digest);
        }),
      );
    } else {
      await Promise.all([m.config, ...m.layers].map((d) => copyBlob(d)));
    }
    if (m.subject) {
      /* referrers are copied only if asked; the subject is the image itself */
    }
    await target.client.putManifest(dstRepo, putAs, fetched.raw, fetched.mediaType, { signal: opts.signal });
    result.manifests++;
    opts.onProgress?.({
      phase: 'manifest',
      message: putAs === fetched.digest ? `wrote manifest ${short(fetched.digest)}` : `wrote manifest ${short(fetched.digest)} as tag ${putAs}`,
      digest: fetched.digest,
    });
  };

  refuseCopyOntoItself(source, target);
  const top = await source.client.getManifest(srcRepo, manifestReference(source.ref), { signal: opts.signal });
  if (target.ref.digest && target.ref.digest !== top.digest) {
    throw new RegistryError({
      code: 'DIGEST_MISMATCH',
      summary: `the target names digest ${target.ref.digest} but the source is ${top.digest}`,
      fix: 'Drop "@digest" from the target, or give the matching one.',
      host: target.client.host,
      repository: dstRepo,
    });
  }
  result.digest = top.digest;
  result.mediaType = top.mediaType;
  try {
    await copyTree(top, target.ref.tag ?? top.digest);
  } catch (err) {
    failure = err;
    for (const s of streams) s.destroy();
    // Let the other in-flight blob tasks settle before reporting, so nothing runs on after we return.
    await Promise.allSettled(blobTasks.values());
    throw err;
  } finally {
    await Promise.all([source.client.blobHolders?.flush(), target.client.blobHolders?.flush()]);
  }
  return result;
}

function short(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}

/** At most `limit` tasks at a time. */
class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
