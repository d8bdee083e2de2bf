// `dockhand digest REF [--json]`: the manifest digest a tag points at.
import { printJson, type Command } from '../command';
import { parseReference, manifestReference, formatReference } from '../../reference/reference';
import { RegistryError } from '../../registry/client';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

export const digestCommand: Command = {
  name: 'digest',
  summary: 'Print the digest of an image manifest',
  usage: `dockhand digest REF [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'));
    return withClients(args, ctx, async (client) => {
      const head = await client(ref.registry).headManifest(ref.repository, manifestReference(ref), { signal: ctx.signal });
      if (!head)
        throw new RegistryError({
          code: 'MANIFEST_UNKNOWN',
          status: 404,
          summary: `no manifest ${formatReference(ref)}`,
          fix: `Check the tag (dockhand tags ${ref.registry}/${ref.repository}).`,
          host: ref.registry,
          repository: ref.repository,
        });
      if (args.values.json) printJson(ctx, { reference: formatReference(ref), digest: head.digest, mediaType: head.mediaType, size: head.size });
      else ctx.stdout.write(`${head.digest}\n`);
      return 0;
    });
  },
};
