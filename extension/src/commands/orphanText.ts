// Words for the attachments a manifest deletion would orphan (Delete… dialog, messages): one
// line each, kind, format, short digest and the tag that holds it. Pure: no vscode.
export interface OrphanLike {
  kind: string;
  format: string;
  digest: string;
  tag?: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The paragraph for the delete dialog's detail; empty when nothing would be orphaned. */
export function orphanDetail(orphans: readonly OrphanLike[], withLabel: string): string {
  if (!orphans.length) return '';
  const shown = orphans.slice(0, 12).map((o) => `  • ${o.kind} (${o.format}) ${o.digest.slice(0, 19)}${o.tag ? `, tag ${o.tag}` : ''}`);
  if (orphans.length > shown.length) shown.push(`  • … and ${orphans.length - shown.length} more`);
  return `\n\nDeleting the manifest leaves ${plural(orphans.length, 'attachment')} (signatures, SBOMs, attestations) as orphans:\n\n${shown.join('\n')}\n\n"${withLabel}" deletes them too; removing only the tag keeps the image and them.`;
}

/** The button that deletes the manifest and its attachments. */
export function deleteWithLabel(shortDigest: string, count: number): string {
  return `Delete Manifest ${shortDigest}… and ${plural(count, 'Attachment')}`;
}
