// Text of attachments for the CLI (referrers, inspect, rm, cp): one line each, registry-supplied
// strings with control characters escaped so they cannot drive the terminal.
import type { Attachment, Discovery } from '../../attachments/index';
import { humanSize } from './registry-flags';

/** Control characters (ESC, CR, ...) shown as \xNN. */
export function terminalSafe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const SOURCE_TEXT: Record<Attachment['source'], string> = {
  'referrers-api': 'referrers API',
  'tag-schema': 'tag schema',
  'cosign-tag': 'cosign tag',
  index: 'in the index',
};

export function attachmentLine(a: Attachment, indent = '  '): string[] {
  const parts = [`${a.kind.padEnd(11)} ${a.format}`];
  if (a.predicateTypes?.length) parts.push(`predicate ${a.predicateTypes.join(', ')}`);
  if (a.platform) parts.push(`for ${a.platform}`);
  parts.push(humanSize(a.size));
  if (a.created) parts.push(a.created);
  parts.push(a.tag ? `${SOURCE_TEXT[a.source]} ${a.tag}` : SOURCE_TEXT[a.source]);
  const lines = [`${indent}${terminalSafe(parts.join('  '))}  ${a.digest}`];
  for (const inner of a.attachments ?? []) lines.push(...attachmentLine(inner, `${indent}  └ `));
  return lines;
}

/** Attachments per subject; `top` is the image's own digest (others are its platforms). */
export function discoveriesText(discoveries: readonly Discovery[], top: string): string {
  const lines: string[] = [];
  for (const d of discoveries) {
    if (!d.attachments.length) continue;
    lines.push(d.subject === top ? `Attached to ${d.subject}:` : `Attached to platform manifest ${d.subject}:`);
    for (const a of d.attachments) lines.push(...attachmentLine(a));
  }
  if (!lines.length) lines.push('No signatures, SBOMs or attestations attached.');
  for (const d of discoveries) for (const n of d.notes) lines.push(`note: ${terminalSafe(n)}`);
  return lines.join('\n') + '\n';
}

/** "2 signatures, 1 SBOM, 2 attestations" */
export function countText(attachments: readonly Attachment[]): string {
  const counts = new Map<string, number>();
  for (const a of attachments) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  if (!counts.size) return 'none';
  const plural = (k: string, n: number) => (k === 'sbom' ? (n === 1 ? 'SBOM' : 'SBOMs') : n === 1 ? k : `${k}s`);
  return [...counts].map(([k, n]) => `${n} ${plural(k, n)}`).join(', ');
}

/** Indented JSON for the terminal: JSON escapes C0 controls itself; C1 controls (U+007F-U+009F) are escaped too. */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
