// Dockhand's cache folder (layer indexes, blob holders): DOCKHAND_CACHE_DIR, else the platform's
// user cache folder.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DOCKHAND_CACHE_DIR) return env.DOCKHAND_CACHE_DIR;
  const home = env.HOME || homedir();
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(home, 'AppData', 'Local'), 'dockhand', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'dockhand');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'dockhand');
}
