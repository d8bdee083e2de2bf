// repositories:* — the full catalog of a registry.
import type { DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';

export function repositoryHandlers(_ctx: MainContext): DockhandApi['repositories'] {
  return {
    async list() { throw new Error('not implemented yet'); },
  };
}
