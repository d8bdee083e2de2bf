// Discoveries -> flat rows for a table of attachments (the extension's details webview and
// the desktop's image view): the image's own, its platforms', and attachments of attachments
// right after the one they are attached to, each once (pure, JSON-safe).
import type { Discovery } from './discover';
import type { Attachment, AttachmentKind } from './types';

export interface AttachmentRow {
  digest: string;
  kind: AttachmentKind;
  format: string;
  predicateTypes?: string[];
  /** buildx attestations: the platform they describe. */
  platform?: string;
  /** Attached to a platform manifest of the index rather than the index. */
  onPlatform?: string;
  /** Attached to another attachment (a signature on an SBOM). */
  attachedTo?: string;
  size: number;
  created?: string;
  source: Attachment['source'];
  tag?: string;
}

export function attachmentRows(discoveries: readonly Discovery[], top: string): AttachmentRow[] {
  const out: AttachmentRow[] = [];
  const seen = new Set<string>();
  const add = (a: Attachment, attachedTo?: string) => {
    if (seen.has(a.digest)) return;
    seen.add(a.digest);
    out.push({
      digest: a.digest,
      kind: a.kind,
      format: a.format,
      size: a.size,
      source: a.source,
      ...(a.predicateTypes?.length ? { predicateTypes: a.predicateTypes } : {}),
      ...(a.platform ? { platform: a.platform } : {}),
      ...(a.subject !== top && !attachedTo ? { onPlatform: a.subject } : {}),
      ...(attachedTo ? { attachedTo } : {}),
      ...(a.created ? { created: a.created } : {}),
      ...(a.tag ? { tag: a.tag } : {}),
    });
    for (const inner of a.attachments ?? []) add(inner, a.digest);
  };
  for (const d of discoveries) for (const a of d.attachments) add(a);
  return out;
}

/** The attachment with `digest` among the discoveries (nested ones too). */
export function findAttachment(discoveries: readonly Discovery[], digest: string): Attachment | undefined {
  const walk = (list: readonly Attachment[]): Attachment | undefined => {
    for (const a of list) {
      if (a.digest === digest) return a;
      const inner = walk(a.attachments ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  for (const d of discoveries) {
    const hit = walk(d.attachments);
    if (hit) return hit;
  }
  return undefined;
}
