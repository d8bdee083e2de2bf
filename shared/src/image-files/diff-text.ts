// An image diff as text (what `dockhand diff` prints, and what the editors show): a header per
// image, then config, history, layers and files. `e` escapes registry-supplied text for the
// place it is shown (a terminal needs control characters made visible).
import { formatBytes as humanSize } from '../format/bytes';
import type { FileChange, ImageDiff } from './image-diff';

function fileLine(mark: string, c: FileChange, e: (s: string) => string): string {
  const s = c.b ?? c.a!;
  const size = s.type === 'file' ? ` ${humanSize(s.size)}` : s.type === 'dir' ? '/' : ` (${s.type})`;
  const what = c.what ? ` [${c.what.join(', ')}${c.a && c.b && c.a.size !== c.b.size ? `: ${humanSize(c.a.size)} -> ${humanSize(c.b.size)}` : ''}]` : '';
  return `  ${mark} /${e(c.path)}${size}${what}`;
}

export function formatImageDiff(d: ImageDiff, e: (s: string) => string = (s) => s): string {
  const out = [`--- ${e(d.a.reference)} ${d.a.digest} ${d.a.platform}`, `+++ ${e(d.b.reference)} ${d.b.digest} ${d.b.platform}`];
  if (d.identical) out.push('', 'The images are the same.');
  if (d.config.length) {
    out.push('', 'Config:');
    for (const c of d.config) out.push(`  ${e(c.field)}: ${c.a === undefined ? '(none)' : e(c.a)} -> ${c.b === undefined ? '(none)' : e(c.b)}`);
  }
  if (d.history.onlyA.length || d.history.onlyB.length) {
    out.push('', `History (${d.history.common} step(s) in common):`);
    for (const h of d.history.onlyA) out.push(`  - ${e(h)}`);
    for (const h of d.history.onlyB) out.push(`  + ${e(h)}`);
  }
  out.push('', `Layers: ${d.layers.shared.length} shared, ${d.layers.onlyA.length} only in A, ${d.layers.onlyB.length} only in B`);
  for (const l of d.layers.onlyA) out.push(`  - ${l.digest} ${humanSize(l.size)}`);
  for (const l of d.layers.onlyB) out.push(`  + ${l.digest} ${humanSize(l.size)}`);
  const f = d.files;
  out.push(
    '',
    `Files: ${f.added.length} added (${humanSize(f.addedBytes)}), ${f.removed.length} removed (${humanSize(f.removedBytes)}), ${f.changed.length} changed`,
  );
  for (const c of f.removed) out.push(fileLine('-', c, e));
  for (const c of f.added) out.push(fileLine('+', c, e));
  for (const c of f.changed) out.push(fileLine('~', c, e));
  return out.join('\n') + '\n';
}
