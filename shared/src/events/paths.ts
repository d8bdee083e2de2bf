// Where the events receiver keeps its files (no SQLite here: front ends import this):
//   $DOCKHAND_EVENTS_DIR, else $XDG_STATE_HOME/dockhand/events, else ~/.local/state/dockhand/events
//     events.db       the default SQLite store
//     receiver.json   {addr, pid, clientToken, store} while a receiver runs (mode 600)
//     token           the ingest token the registry sends, when none was given (mode 600)
import { join } from 'node:path';
import { dockhandStateDir } from '../files/state-dir';

export function eventsDir(env: NodeJS.ProcessEnv): string {
  return dockhandStateDir(env, 'events', 'DOCKHAND_EVENTS_DIR');
}

export const eventsFiles = (dir: string) => ({
  db: join(dir, 'events.db'),
  receiver: join(dir, 'receiver.json'),
  token: join(dir, 'token'),
});

export function receiverStateFile(env: NodeJS.ProcessEnv): string {
  return eventsFiles(eventsDir(env)).receiver;
}
