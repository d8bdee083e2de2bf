// images:* — image detail, delete (with the sibling-tag plan) and copy.
import type { DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';

export function imageHandlers(_ctx: MainContext): DockhandApi['images'] {
  const todo = async (): Promise<never> => { throw new Error('not implemented yet'); };
  return { detail: todo, planDelete: todo, delete: todo, copy: todo };
}
