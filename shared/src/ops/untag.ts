// Remove one tag and keep its siblings. A registry cannot delete a tag by name (only a
// manifest by digest), so like regctl's `tag delete` we point the tag at a unique throwaway
// manifest (an empty image whose config carries a random label), then delete that manifest by
// digest: only this tag goes. If the delete is refused, the tag is put back where it was.
import { randomUUID } from 'node:crypto';
import type { RegistryClient, OperationOptions } from '../registry/client';
import { RegistryError, isRegistryError } from '../registry/client';
import type { ImageReference } from '../reference/reference';
import { computeDigest } from '../registry/digest';
import { MEDIA_TYPES } from '../registry/media-types';

export interface UntagResult {
  tag: string;
  /** What the tag pointed at before (still there if other tags or digests reference it). */
  previousDigest: string;
  /** The throwaway manifest that was put and deleted. */
  throwawayDigest: string;
}

export async function untag(client: RegistryClient, ref: ImageReference, opts: OperationOptions = {}): Promise<UntagResult> {
  const repo = ref.repository;
  if (!ref.tag || ref.digest) {
    throw new RegistryError({
      code: 'TAG_INVALID',
      summary: 'untag needs a tag (not a digest)',
      fix: 'Name the tag: REPO:TAG. To delete a digest and all its tags, use rm without --untag.',
      host: client.host,
      repository: repo,
    });
  }
  const previous = await client.getManifest(repo, ref.tag, { signal: opts.signal });
  const nonce = randomUUID();
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: new Date().toISOString(),
      config: { Labels: { 'org.dockhand.untag': nonce, 'org.dockhand.untag.tag': ref.tag } },
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  );
  const configDigest = computeDigest(config);
  try {
    await client.uploadBlob(repo, configDigest, config.length, config, { signal: opts.signal });
  } catch (err) {
    // The first write is the upload: a read-only registry refuses it. Say that the tag cannot
    // be removed here at all, not that "starting an upload" failed.
    if (isRegistryError(err, 'PROXY_CACHE')) {
      throw new RegistryError({
        code: 'PROXY_CACHE',
        status: err.status,
        host: client.host,
        repository: repo,
        cause: err,
        summary: `removing the tag ${ref.tag} failed: ${client.host} is read-only, a pull-through cache (proxy.remoteurl) or a registry in read-only mode, and refuses every change`,
        fix: 'Remove the tag in the upstream registry the cache mirrors; the cache keeps what it has cached until its TTL expires.',
      });
    }
    throw err;
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociManifest,
      config: { mediaType: MEDIA_TYPES.ociConfig, digest: configDigest, size: config.length },
      layers: [],
      annotations: { 'org.dockhand.untag': nonce },
    }),
  );
  const { digest: throwawayDigest } = await client.putManifest(repo, ref.tag, manifest, MEDIA_TYPES.ociManifest, { signal: opts.signal });
  opts.onProgress?.({ phase: 'tag', message: `${ref.tag} -> throwaway ${throwawayDigest}`, digest: throwawayDigest });
  try {
    await client.deleteManifest(repo, throwawayDigest, { signal: opts.signal });
  } catch (err) {
    // Put the tag back where it was before reporting the failure.
    await client.putManifest(repo, ref.tag, previous.raw, previous.mediaType).catch(() => undefined);
    throw err;
  }
  opts.onProgress?.({ phase: 'delete', message: `removed tag ${ref.tag}`, digest: throwawayDigest });
  return { tag: ref.tag, previousDigest: previous.digest, throwawayDigest };
}
