// `dockhand diff A B [--json]`: what differs between two images (tags, digests, even in two
// registries): config, history, layers shared or not, and files added, removed and changed.
import { printJson, UsageError, type Command } from '../command';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients } from './registry-flags';
import { imageFilesFlags, IMAGE_FILES_USAGE, openFilesOf, refArg } from './image-files-flags';
import { diffImages } from '../../image-files/image-diff';
import { formatImageDiff } from '../../image-files/diff-text';
import { escapeTerminal } from '../../format/terminal-text';

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
      ctx.stdout.write(formatImageDiff(d, escapeTerminal));
      return 0;
    });
  },
};
