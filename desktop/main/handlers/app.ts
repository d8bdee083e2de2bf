// app:* — what the renderer needs to know about where it runs.
import type { DockhandApi } from '../../common';
import { defaultConfigPath, type MainContext } from '../main-context';

export const APP_VERSION = '0.1.0';

export function appHandlers(ctx: MainContext): DockhandApi['app'] {
  return {
    async info() {
      return {
        mode: ctx.mode,
        version: APP_VERSION,
        canPickFiles: !!ctx.pickFile,
        defaultConfigPath: defaultConfigPath(ctx.env),
      };
    },
  };
}
