// `dockhand tags REPO [--json]`: every tag of a repository.
import { printJson, type Command } from '../command';
import { parseRepository } from '../../reference/reference';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

export const tagsCommand: Command = {
  name: 'tags',
  summary: 'List the tags of a repository',
  usage: `dockhand tags REPO [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseRepository(onePositional(args, 'repository'));
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      if (args.values.json) {
        printJson(ctx, await c.listTags(ref.repository, { signal: ctx.signal }));
      } else {
        for await (const page of c.tagPages(ref.repository, { signal: ctx.signal })) ctx.stdout.write(page.map((t) => `${t}\n`).join(''));
      }
      return 0;
    });
  },
};
