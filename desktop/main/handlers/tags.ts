// tags:* — a repository's tags with digest, date, size and platforms.
import type { DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';

export function tagHandlers(_ctx: MainContext): DockhandApi['tags'] {
  return {
    async list() { throw new Error('not implemented yet'); },
  };
}
