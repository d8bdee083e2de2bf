// The app namespace of DockhandApi (see index.ts): what the renderer learns about where it runs.
import { type MethodArgs } from './args';

export type ThemeKind = 'light' | 'dark';

export interface AppInfo {
  /** 'electron' inside the desktop app, 'served' when the renderer is served to a browser. */
  mode: 'electron' | 'served';
  version: string;
  /** Whether a native file picker exists (config.pick). */
  canPickFiles: boolean;
  /** Default path offered by the config editor (may not exist). */
  defaultConfigPath?: string;
}

export interface AppApi {
  info(): Promise<AppInfo>;
}

export const APP_METHODS = {
  info: [],
} as const satisfies MethodArgs<AppApi>;
