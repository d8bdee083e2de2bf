// tags:* — a repository's tags with digest, kind, platforms, creation date and size
// (read through the shared client's inspect, a few at a time).
import { formatPlatform } from '@dockhand/shared/registry/manifest';
import { mapLimit } from '@dockhand/shared/registry/client';
import type { DockhandApi, TagRow } from '../../preload/api';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';

/** Tags beyond this many are listed by name only (no manifest reads). */
export const TAG_DETAIL_LIMIT = 400;

export function tagHandlers(ctx: MainContext): DockhandApi['tags'] {
  return {
    async list(registryId, repository) {
      const r = await ctx.store.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const repo = String(repository);
      const tags = await client.listTags(repo);
      return mapLimit(tags, 6, async (tag, i): Promise<TagRow> => {
        if (i >= TAG_DETAIL_LIMIT) return { tag, kind: 'unknown', platforms: [] };
        try {
          const info = await client.inspect(repo, tag);
          const runnable = info.platforms.filter((p) => !p.attestation);
          const created = runnable.map((p) => p.configSummary?.created).filter((c): c is string => !!c).sort().pop();
          return {
            tag,
            digest: info.digest,
            mediaType: info.mediaType,
            kind: info.isIndex ? 'index' : runnable.length ? 'image' : 'unknown',
            created,
            size: info.totalSize,
            platforms: runnable.map((p) => formatPlatform(p.platform)),
          };
        } catch (err) {
          return { tag, kind: 'unknown', platforms: [], error: (err as Error).message };
        }
      });
    },
  };
}
