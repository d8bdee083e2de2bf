// pushArchive: daemonless push of a `docker save` tar or an OCI layout folder (or tar) to a
// registry. Blobs first (skipping those the registry has), child manifests by digest, then
// the top manifest by tag: the tag appears only when everything it needs is there, so a
// cancelled push leaves no tag. See archive-source.ts for how layers are prepared.
import { parseDockerImageName } from './image-name';
import { openArchive, type PushNode } from './archive-source';
import { OperationCancelledError } from './errors';
import { createRegistrySink, type BlobSink } from './registry-sink';
import type { PushArchiveOptions, PushArchiveResult } from './types';

const shortId = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

async function pushNode(sink: BlobSink, repo: string, node: PushNode, reference: string, opts: PushArchiveOptions, seen: Set<string>): Promise<string> {
  const check = () => {
    if (opts.signal?.aborted) throw new OperationCancelledError('push cancelled');
  };
  for (const child of node.children) await pushNode(sink, repo, child, child.digest, opts, seen);
  const blobs = node.blobs.filter((b) => !seen.has(b.digest));
  for (const b of blobs) opts.onProgress?.({ kind: 'layer', id: shortId(b.digest), state: 'waiting', total: b.size });
  for (const b of blobs) {
    check();
    seen.add(b.digest);
    const id = shortId(b.digest);
    if (await sink.hasBlob(repo, b.digest, opts.signal)) {
      opts.onProgress?.({ kind: 'layer', id, state: 'exists', total: b.size });
      continue;
    }
    if (await sink.mountBlob(repo, b.digest, opts.signal)) {
      opts.onProgress?.({ kind: 'layer', id, state: 'mounted', total: b.size });
      continue;
    }
    opts.onProgress?.({ kind: 'layer', id, state: 'pushing', current: 0, total: b.size });
    let last = 0;
    await sink.uploadBlob(
      repo,
      b,
      (done) => {
        if (done - last >= 512 * 1024 || done === b.size) {
          last = done;
          opts.onProgress?.({ kind: 'layer', id, state: 'pushing', current: done, total: b.size });
        }
      },
      opts.signal,
    );
    opts.onProgress?.({ kind: 'layer', id, state: 'pushed', total: b.size });
  }
  check();
  return sink.putManifest(repo, reference, node.mediaType, node.bytes, opts.signal);
}

export async function pushArchive(source: string, destRef: string, opts: PushArchiveOptions = {}): Promise<PushArchiveResult> {
  const dest = parseDockerImageName(destRef);
  if (dest.digest) throw new Error(`cannot push to "${destRef}": give a tag, not a digest`);
  const tag = dest.tag ?? 'latest';
  const archive = await openArchive(source, { layerCompression: opts.layerCompression, onProgress: opts.onProgress, signal: opts.signal });
  const sink = createRegistrySink({ host: dest.registry, credentials: opts.credentials, caFile: opts.caFile, insecure: opts.insecure, env: opts.env });
  try {
    opts.onProgress?.({ kind: 'status', message: `The push refers to repository [${dest.registry}/${dest.path}] (from ${archive.format} ${source})` });
    // the registry client checks the digest the registry reports against the bytes sent
    const digest = await pushNode(sink, dest.path, archive.root, tag, opts, new Set());
    opts.onProgress?.({ kind: 'digest', digest, size: archive.root.bytes.length, tag });
    return {
      digest,
      size: archive.root.bytes.length,
      ref: `${dest.repository}:${tag}`,
      mediaType: archive.root.mediaType,
      credentialSource: await sink.credentialSource(dest.path),
    };
  } catch (err) {
    if (opts.signal?.aborted) throw new OperationCancelledError(`push of ${source} to ${destRef} cancelled`);
    throw err;
  } finally {
    archive.close();
    await sink.close();
  }
}
