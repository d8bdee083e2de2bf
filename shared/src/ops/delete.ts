// Delete a manifest by digest and report every tag that dies with it (distribution removes
// all tags pointing at a deleted digest).
import type { RegistryClient, OperationOptions } from '../registry/client';
import { mapLimit } from '../registry/limiter';
import type { ImageReference } from '../reference/reference';
import { manifestReference } from '../reference/reference';

export interface DeleteResult {
  digest: string;
  /** Tags that pointed at the digest (all of them die), including the one named. */
  tags: string[];
  /** Tags other than the one named that die too. */
  siblings: string[];
  deleted: boolean;
}

/** Every tag of `repository` whose manifest digest is `digest`. */
export async function tagsPointingAt(client: RegistryClient, repository: string, digest: string, opts: OperationOptions = {}): Promise<string[]> {
  const tags = await client.listTags(repository, { signal: opts.signal });
  const heads = await mapLimit(tags, 8, async (t) => ({ t, h: await client.headManifest(repository, t, { signal: opts.signal }) }));
  return heads
    .filter((x) => x.h?.digest === digest)
    .map((x) => x.t)
    .sort();
}

/** Delete what `ref` points at; `dryRun` only reports. */
export async function deleteManifestWithSiblings(
  client: RegistryClient,
  ref: ImageReference,
  opts: OperationOptions & { dryRun?: boolean } = {},
): Promise<DeleteResult> {
  const digest = await client.resolveDigest(ref.repository, manifestReference(ref), { signal: opts.signal });
  const tags = await tagsPointingAt(client, ref.repository, digest, opts);
  const siblings = tags.filter((t) => t !== ref.tag);
  if (!opts.dryRun) {
    await client.deleteManifest(ref.repository, digest, { signal: opts.signal });
    opts.onProgress?.({ phase: 'delete', message: `deleted ${digest}${tags.length ? ` (tags: ${tags.join(', ')})` : ''}`, digest });
  }
  return { digest, tags, siblings, deleted: !opts.dryRun };
}
