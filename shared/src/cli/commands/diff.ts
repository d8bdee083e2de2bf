// `dockhand diff A B [--json]`: what differs between two images (tags, digests, even in two
// registries): config, history, layers shared or not, and files added, removed and changed.
import { printJson, UsageError, type Command } from '../command';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, humanSize } from './registry-flags';
import { imageFilesFlags, IMAGE_FILES_USAGE, openFilesOf, refArg } from './image-files-flags';
import { diffImages, type FileChange } from '../../image-files/image-diff';
import { escapeTerminal } from '../../format/terminal-text';

function fileLine(mark: string, c: FileChange): string {
  const s = c.b ?? c.a!;
  const size = s.type === 'file' ? ` ${humanSize(s.size)}` : s.type === 'dir' ? '/' : ` (${s.type})`;
  const what = c.what ? ` [${c.what.join(', ')}${c.a && c.b && c.a.size !== c.b.size ? `: ${humanSize(c.a.size)} -> ${humanSize(c.b.size)}` : ''}]` : '';
  return `  ${mark} /${escapeTerminal(c.path)}${size}${what}`;
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare two images: config, history, layers, and files added, removed and changed',
  usage: `dockhand diff A B [--json] ${IMAGE_FILES_USAGE} ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, ...imageFilesFlags, ...registryOptionFlags },
  async run(args, ctx) {
    if (args.positionals.length !== 2) throw new UsageError('give two image references');
    const [ra, rb] = [refArg(args.positionals[0]!), refArg(args.positionals[1]!)];
    return withClients(args, ctx, async (client) => {
      const a = await openFilesOf(ra, client, args, ctx);
      const b = await openFilesOf(rb, client, args, ctx);
      const d = diffImages(a, b, { a: args.positionals[0]!, b: args.positionals[1]! });
      if (args.values.json) {
        printJson(ctx, d);
        return 0;
      }
      const e = escapeTerminal;
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
      out.push('', `Files: ${f.added.length} added (${humanSize(f.addedBytes)}), ${f.removed.length} removed (${humanSize(f.removedBytes)}), ${f.changed.length} changed`);
      for (const c of f.removed) out.push(fileLine('-', c));
      for (const c of f.added) out.push(fileLine('+', c));
      for (const c of f.changed) out.push(fileLine('~', c));
      ctx.stdout.write(out.join('\n') + '\n');
      return 0;
    });
  },
};
