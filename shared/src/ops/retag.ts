// Server-side retag: put the same manifest bytes under a new tag. No blob moves.
import type { RegistryClient, OperationOptions } from '../registry/client';
import type { ImageReference } from '../reference/reference';
import { manifestReference } from '../reference/reference';

export interface RetagResult {
  digest: string;
  mediaType: string;
  tag: string;
}

/** Point `newTag` (in the same repository) at what `source` points at. */
export async function retag(client: RegistryClient, source: ImageReference, newTag: string, opts: OperationOptions = {}): Promise<RetagResult> {
  const m = await client.getManifest(source.repository, manifestReference(source), { signal: opts.signal });
  await client.putManifest(source.repository, newTag, m.raw, m.mediaType, { signal: opts.signal });
  opts.onProgress?.({ phase: 'tag', message: `${newTag} -> ${m.digest}`, digest: m.digest });
  return { digest: m.digest, mediaType: m.mediaType, tag: newTag };
}
