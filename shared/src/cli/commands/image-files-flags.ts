// What `dockhand files`, `cat`, `wasted` and `diff` share: --platform, the index cache, and
// opening an image's files with a progress line on a terminal.
import type { CliContext, ParsedArgs } from '../command';
import { parseReference, manifestReference, type ImageReference } from '../../reference/reference';
import type { RegistryClient } from '../../registry/client';
import { LayerIndexCache } from '../../image-files/index-cache';
import { openImageFiles, resolveImage, type ImageFiles } from '../../image-files/image-files';
import { humanSize } from './registry-flags';

export const imageFilesFlags = {
  platform: { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const;

export const IMAGE_FILES_USAGE = '[--platform OS/ARCH[/VARIANT]] [--no-cache]';

export const CACHE_HELP =
  'Layer indexes are cached by digest in $DOCKHAND_CACHE_DIR or the user cache folder (~/.cache/dockhand/layer-index), at most 512 MiB.';

export async function openFilesOf(ref: ImageReference, client: (host: string) => RegistryClient, args: ParsedArgs, ctx: CliContext): Promise<ImageFiles> {
  const c = client(ref.registry);
  const image = await resolveImage(c, ref.repository, manifestReference(ref), {
    signal: ctx.signal,
    ...(typeof args.values.platform === 'string' ? { platform: args.values.platform } : {}),
  });
  const cache = args.values['no-cache'] ? false : new LayerIndexCache({ env: ctx.env });
  const tty = Boolean(ctx.stderr.isTTY);
  const total = image.layers.reduce((a, l) => a + l.size, 0);
  const done = new Map<number, number>();
  let last = 0;
  const files = await openImageFiles(c, image, {
    signal: ctx.signal,
    cache,
    onProgress: (p) => {
      if (!tty) return;
      done.set(p.layer, p.fromCache ? p.size : p.bytes);
      const now = Date.now();
      if (now - last < 200 && !p.done) return;
      last = now;
      const sum = [...done.values()].reduce((a, b) => a + b, 0);
      ctx.stderr.write(`\rindexing layers: ${humanSize(sum)} of ${humanSize(total)}   `);
    },
  });
  if (tty) ctx.stderr.write('\r\x1b[K');
  return files;
}

export function refArg(s: string): ImageReference {
  return parseReference(s);
}
