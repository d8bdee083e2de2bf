// config:* — the registry config editor: open, lint, hover docs, save.
import type { DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';

export function configHandlers(ctx: MainContext): DockhandApi['config'] {
  const todo = async (): Promise<never> => { throw new Error('not implemented yet'); };
  return { pick: async () => (ctx.pickFile ? ctx.pickFile() : undefined), open: todo, lint: todo, hover: todo, save: todo };
}
