// `dockhand ls REGISTRY [--json]`: every repository, streamed page by page (Link paging).
import { printJson, type Command } from '../command';
import { parseRegistry } from '../../reference/reference';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

export const lsCommand: Command = {
  name: 'ls',
  summary: 'List the repositories of a registry',
  usage: `dockhand ls REGISTRY [--json] [--page-size N] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, 'page-size': { type: 'string' }, ...registryOptionFlags },
  async run(args, ctx) {
    const host = parseRegistry(onePositional(args, 'registry host'));
    const pageSize = typeof args.values['page-size'] === 'string' ? Number(args.values['page-size']) : undefined;
    return withClients(args, ctx, async (client) => {
      const all: string[] = [];
      let count = 0;
      for await (const page of client(host).catalogPages({ signal: ctx.signal, ...(pageSize ? { pageSize } : {}) })) {
        count += page.length;
        if (args.values.json) for (const r of page) all.push(r);
        else ctx.stdout.write(page.map((r) => `${r}\n`).join(''));
      }
      if (args.values.json) printJson(ctx, all);
      // An empty list from a pull-through cache surprises: it lists only what it has cached.
      else if (count === 0)
        ctx.stderr.write(
          `${host} has no repositories. A pull-through cache (a mirror) lists only the images it has cached so far; pull one through it, or list the upstream registry.\n`,
        );
      return 0;
    });
  },
};
