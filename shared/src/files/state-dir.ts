// Dockhand's per-user state folders (the events receiver, the sandbox registry): the folder an
// override variable names, else $XDG_STATE_HOME/dockhand/<name>, else ~/.local/state/dockhand/<name>.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dockhandStateDir(env: NodeJS.ProcessEnv, name: string, overrideVar: string): string {
  const override = env[overrideVar];
  if (override) return override;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'dockhand', name);
}
