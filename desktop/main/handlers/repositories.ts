// repositories:* — the full catalog of a registry (Link paging past the 1000 cap).
import type { DockhandApi } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';

export function repositoryHandlers(ctx: MainContext): DockhandApi['repositories'] {
  return {
    async list(registryId) {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const names = await client.catalog({ pageSize: 1000 });
      return [...new Set(names)].sort((a, b) => a.localeCompare(b));
    },
  };
}
