// app:* — what the renderer needs to know about where it runs.
import { join } from 'node:path';
import type { DockhandApi } from '../../preload/api';
import type { MainContext } from '../main-context';

export const APP_VERSION = '0.1.0';

export function appHandlers(ctx: MainContext): DockhandApi['app'] {
  return {
    async info() {
      return {
        mode: ctx.mode,
        version: APP_VERSION,
        canPickFiles: !!ctx.pickFile,
        defaultConfigPath: ctx.env.DOCKHAND_DESKTOP_CONFIG ?? join(ctx.env.HOME ?? '/', 'config.yml'),
      };
    },
  };
}
