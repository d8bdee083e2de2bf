// `dockhand tags REPO [--sort name|semver|date] [--json]`: every tag of a repository. Without
// --sort, tags stream out page by page in the registry's order; a sort reads them all first
// (and --sort date reads every image's config for its creation date).
import { once } from 'node:events';
import { printJson, UsageError, type Command } from '../command';
import { parseRepository } from '../../reference/reference';
import { scanRepository } from '../../cleanup/scan-repository';
import { createdOf } from '../../cleanup/repo-graph';
import { sortTagNames, sortTags } from '../../tags/index';
import type { RegistryClient } from '../../registry/client';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

const SORTS = ['name', 'semver', 'date'] as const;
type TagSort = (typeof SORTS)[number];

/** Tags in the asked order: names A-Z (numeric aware); versions newest first, then the other tags A-Z; dates newest first, undated last. */
export async function sortedTags(c: RegistryClient, repository: string, sort: TagSort, signal: AbortSignal): Promise<string[]> {
  if (sort === 'date') {
    const graph = await scanRepository(c, repository, { signal, withCreated: true });
    return sortTags(
      graph.tags.map((t) => ({ tag: t.tag, created: createdOf(graph, t.digest) })),
      'date',
      'desc',
      'with-direction',
    ).map((t) => t.tag);
  }
  const tags = await c.listTags(repository, { signal });
  return sortTagNames(tags, sort, sort === 'name' ? 'asc' : 'desc', undefined, 'with-direction');
}

/** Tags as printJson would print the whole list (2-space indented array), written page by page in slices: memory stays at one page, not the whole list plus its text. */
export async function writeJsonArray(out: NodeJS.WritableStream, pages: AsyncIterable<string[]>): Promise<void> {
  let first = true;
  for await (const page of pages) {
    for (let i = 0; i < page.length; i += 1000) {
      const text = page
        .slice(i, i + 1000)
        .map((t) => `  ${JSON.stringify(t)}`)
        .join(',\n');
      const more = out.write(`${first ? '[\n' : ',\n'}${text}`);
      first = false;
      if (!more) await once(out, 'drain'); // a slow reader: wait, do not buffer the rest
    }
  }
  out.write(first ? '[]\n' : '\n]\n');
}

export const tagsCommand: Command = {
  name: 'tags',
  summary: 'List the tags of a repository',
  usage: `dockhand tags REPO [--sort name|semver|date] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { json: { type: 'boolean' }, sort: { type: 'string' }, ...registryOptionFlags },
  async run(args, ctx) {
    const ref = parseRepository(onePositional(args, 'repository'));
    const sort = args.values.sort;
    if (sort !== undefined && !SORTS.includes(sort as TagSort)) throw new UsageError(`--sort ${String(sort)}: use name, semver or date`);
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      if (sort) {
        const tags = await sortedTags(c, ref.repository, sort as TagSort, ctx.signal);
        if (args.values.json) printJson(ctx, tags);
        else ctx.stdout.write(tags.map((t) => `${t}\n`).join(''));
      } else if (args.values.json) {
        await writeJsonArray(ctx.stdout, c.tagPages(ref.repository, { signal: ctx.signal }));
      } else {
        for await (const page of c.tagPages(ref.repository, { signal: ctx.signal })) ctx.stdout.write(page.map((t) => `${t}\n`).join(''));
      }
      return 0;
    });
  },
};
