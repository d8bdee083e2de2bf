// `dockhand wasted REF [--top N] [--json]`: bytes of files that later layers overwrite or delete
// (stored and downloaded, never seen by a container), per layer and in total, biggest first.
import { printJson, UsageError, type Command } from '../command';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional, humanSize } from './registry-flags';
import { imageFilesFlags, IMAGE_FILES_USAGE, openFilesOf, refArg } from './image-files-flags';
import { wastedSpace } from '../../image-files/wasted-space';
import { escapeTerminal } from '../../format/terminal-text';

export const wastedCommand: Command = {
  name: 'wasted',
  summary: 'Show the space an image wastes on files that later layers overwrite or delete (like dive)',
  usage: `dockhand wasted REF [--top N] [--json] ${IMAGE_FILES_USAGE} ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, top: { type: 'string' }, ...imageFilesFlags, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = refArg(onePositional(args, 'image reference'));
    const top = args.values.top === undefined ? 20 : Number(args.values.top);
    if (!Number.isInteger(top) || top < 0) throw new UsageError('--top takes a number of files');
    return withClients(args, ctx, async (client) => {
      const files = await openFilesOf(ref, client, args, ctx);
      const w = wastedSpace(
        files.tree,
        files.image.layers,
        files.indexes.map((i) => i.entries),
        top,
      );
      if (args.values.json) {
        printJson(ctx, {
          reference: args.positionals[0],
          digest: files.image.digest,
          ...w,
          layers: w.layers.map((l) => ({ ...l, layer: l.layer + 1 })),
          biggest: w.biggest.map((h) => ({ ...h, path: `/${h.path}`, layer: h.layer + 1, by: h.by + 1 })),
        });
        return 0;
      }
      const out = [
        `Wasted:     ${humanSize(w.totalWasted)} (${w.totalWasted} bytes) of ${humanSize(w.totalFileBytes)} in files; efficiency ${(w.efficiency * 100).toFixed(1)}%`,
        '',
        'Layer  Stored      Files       Wasted',
        ...w.layers.map(
          (l) => `L${String(l.layer + 1).padEnd(5)} ${humanSize(l.size).padEnd(11)} ${humanSize(l.fileBytes).padEnd(11)} ${humanSize(l.wastedBytes)}`,
        ),
      ];
      if (w.biggest.length) {
        out.push('', 'Biggest wasted files:');
        for (const h of w.biggest) out.push(`  ${humanSize(h.size).padStart(10)}  /${escapeTerminal(h.path)} (L${h.layer + 1}, ${h.reason} in L${h.by + 1})`);
      }
      ctx.stdout.write(out.join('\n') + '\n');
      return 0;
    });
  },
};
