// Delete the attachments of an image that is being deleted (rm --with-attachments): cosign tags
// and referrer artifacts by digest, attachments of attachments first, the tag-schema index
// "sha256-<hex>" last. Attestation manifests inside an index go with the index itself.
import type { RegistryClient } from '../registry/client';
import { isRegistryError } from '../registry/client';
import type { Discovery } from './discover';
import { flattenAttachments } from './copy';
import { tagSchemaTag } from './formats';

export interface AttachmentDeletion {
  digest: string;
  /** What it is: "signature (cosign simple-signing)", "tag-schema index", ... */
  what: string;
  tag?: string;
}

/** The manifests to delete, in order, to remove every attachment in the discoveries. */
export async function attachmentDeletions(
  client: RegistryClient,
  repository: string,
  discoveries: readonly Discovery[],
  opts: { signal?: AbortSignal } = {},
): Promise<AttachmentDeletion[]> {
  const all = flattenAttachments(discoveries).reverse(); // nested ones (listed after their parent) first
  const out: AttachmentDeletion[] = [];
  const seen = new Set<string>();
  for (const a of all) {
    if (seen.has(a.digest)) continue;
    seen.add(a.digest);
    out.push({ digest: a.digest, what: `${a.kind} (${a.format})`, ...(a.source === 'cosign-tag' && a.tag ? { tag: a.tag } : {}) });
  }
  const subjects = new Set(
    flattenAttachments(discoveries)
      .filter((a) => a.source === 'tag-schema')
      .map((a) => a.subject),
  );
  for (const s of subjects) {
    const h = await client.headManifest(repository, tagSchemaTag(s), { signal: opts.signal });
    if (h && !seen.has(h.digest)) {
      seen.add(h.digest);
      out.push({ digest: h.digest, what: 'tag-schema index', tag: tagSchemaTag(s) });
    }
  }
  return out;
}

/** Delete them; a manifest already gone counts as deleted. */
export async function deleteAttachments(
  client: RegistryClient,
  repository: string,
  deletions: readonly AttachmentDeletion[],
  opts: { signal?: AbortSignal } = {},
): Promise<{ deleted: string[]; failed: Array<{ digest: string; error: string }> }> {
  const deleted: string[] = [];
  const failed: Array<{ digest: string; error: string }> = [];
  for (const d of deletions) {
    try {
      await client.deleteManifest(repository, d.digest, { signal: opts.signal });
      deleted.push(d.digest);
    } catch (err) {
      if (isRegistryError(err, 'MANIFEST_UNKNOWN')) {
        deleted.push(d.digest);
        continue;
      }
      failed.push({ digest: d.digest, error: (err as Error).message });
      if (opts.signal?.aborted) break;
    }
  }
  return { deleted, failed };
}
