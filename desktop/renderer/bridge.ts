// Which DockhandApi the renderer talks to: window.dockhand from the Electron preload, or
// the served mode's HTTP bridge. Nothing else in the renderer knows the difference.
import type { DockhandApi } from '../common';
import { createHttpBridge, readServedToken } from './http-bridge';

declare global {
  interface Window {
    dockhand?: DockhandApi;
  }
}

export function connectBridge(): DockhandApi | undefined {
  if (window.dockhand) return window.dockhand;
  const token = readServedToken();
  return token ? createHttpBridge(token) : undefined;
}
