// `dockhand manifest REF [--json]`: the raw manifest bytes exactly as the registry stores
// them (digest verified); --json wraps them with the digest and media type.
import { printJson, type Command } from '../command';
import { parseReference, manifestReference, formatReference } from '../../reference/reference';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

export const manifestCommand: Command = {
  name: 'manifest',
  summary: 'Print the raw manifest of an image or index',
  usage: `dockhand manifest REF [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'));
    return withClients(args, ctx, async (client) => {
      const m = await client(ref.registry).getManifest(ref.repository, manifestReference(ref), { signal: ctx.signal });
      if (args.values.json)
        printJson(ctx, {
          reference: formatReference(ref),
          digest: m.digest,
          mediaType: m.mediaType,
          size: m.size,
          manifest: JSON.parse(m.raw.toString('utf8')) as unknown,
        });
      else ctx.stdout.write(m.raw);
      return 0;
    });
  },
};
