// repositories:* — the catalog of a registry (Link paging past the 1000 cap): whole, or a page at a time.
import type { DockhandApi } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';
import { CatalogPaging } from '../catalog-paging';

export function repositoryHandlers(ctx: MainContext): DockhandApi['repositories'] {
  const paging = new CatalogPaging();
  return {
    async list(registryId) {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const names = await client.catalog({ pageSize: 1000 });
      return [...new Set(names)].sort((a, b) => a.localeCompare(b));
    },
    async page(registryId, cursor) {
      if (cursor) return paging.next(registryId, cursor);
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      return paging.first(registryId, (signal) => client.catalogPages({ pageSize: 1000, signal }));
    },
    async stopPaging(cursor) {
      paging.stop(cursor);
    },
  };
}
