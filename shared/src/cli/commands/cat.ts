// `dockhand cat REF PATH`: print one file of a remote image. Only the layer that last wrote the
// file is streamed, and only up to the file (symlinks are followed as in the container).
import { pipeline } from 'node:stream/promises';
import { UsageError, type Command } from '../command';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients } from './registry-flags';
import { imageFilesFlags, IMAGE_FILES_USAGE, openFilesOf, refArg, CACHE_HELP } from './image-files-flags';
import { readImageFile } from '../../image-files/image-files';

export const catCommand: Command = {
  name: 'cat',
  summary: 'Print a file from inside a remote image (reads only the layer that holds it, up to the file)',
  usage: `dockhand cat REF PATH ${IMAGE_FILES_USAGE} ${REGISTRY_FLAGS_USAGE}\n\n${CACHE_HELP}`,
  options: { ...imageFilesFlags, ...registryOptionFlags },
  async run(args, ctx) {
    if (args.positionals.length !== 2) throw new UsageError('give an image reference and the path of a file inside it');
    const ref = refArg(args.positionals[0]!);
    return withClients(args, ctx, async (client) => {
      const files = await openFilesOf(ref, client, args, ctx);
      const { stream } = await readImageFile(client(ref.registry), files, args.positionals[1]!, { signal: ctx.signal });
      await pipeline(stream, ctx.stdout, { end: false });
      return 0;
    });
  },
};
