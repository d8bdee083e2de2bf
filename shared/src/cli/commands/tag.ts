// `dockhand tag SRC NEWTAG`: server-side retag (same repository: the manifest is put under
// the new tag, no blob moves). NEWTAG may also be a full reference in another repository or
// registry; then the image is copied (mounting blobs inside one registry).
import { printJson, UsageError, type Command } from '../command';
import { parseReference, formatReference, InvalidReferenceError } from '../../reference/reference';
import { retag } from '../../ops/retag';
import { copyImage } from '../../ops/copy';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients } from './registry-flags';

const TAG_RE = /^[\w][\w.-]{0,127}$/;

export const tagCommand: Command = {
  name: 'tag',
  summary: 'Give an image another tag in the registry (no pull, no blob copy)',
  usage: `dockhand tag SRC NEWTAG|DEST_REF [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    if (args.positionals.length !== 2) throw new UsageError('give the source reference and the new tag');
    const [srcText, newText] = args.positionals as [string, string];
    const src = parseReference(srcText);
    const dest = TAG_RE.test(newText) ? { registry: src.registry, repository: src.repository, tag: newText } : parseReference(newText, { defaultTag: false });
    if (!dest.tag) throw new InvalidReferenceError(`"${newText}" names no tag`, newText);
    if (dest.digest) throw new UsageError('the new name must be a tag, not a digest');
    return withClients(args, ctx, async (client) => {
      if (dest.registry === src.registry && dest.repository === src.repository) {
        const r = await retag(client(src.registry), src, dest.tag!, { signal: ctx.signal });
        if (args.values.json)
          printJson(ctx, { source: formatReference(src), target: formatReference(dest), digest: r.digest, mediaType: r.mediaType, copied: false });
        else ctx.stdout.write(`Tagged ${formatReference(dest)} -> ${r.digest}\n`);
      } else {
        const r = await copyImage({ client: client(src.registry), ref: src }, { client: client(dest.registry), ref: dest }, { signal: ctx.signal });
        if (args.values.json) printJson(ctx, { source: formatReference(src), target: formatReference(dest), ...r, copied: true });
        else
          ctx.stdout.write(
            `Tagged ${formatReference(dest)} -> ${r.digest} (copied: ${r.blobsMounted} mounted, ${r.blobsCopied} copied, ${r.blobsSkipped} already there)\n`,
          );
      }
      return 0;
    });
  },
};
