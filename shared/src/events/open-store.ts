// Opens the store a `--store` value names: `sqlite:PATH` (default: events.db in the events folder)
// or `postgres://USER[:PASS]@HOST[:PORT]/DB` (also postgresql://).
import { isAbsolute, resolve } from 'node:path';
import { eventsDir, eventsFiles } from './paths';
import type { EventStore } from './store';

export type StoreSpec = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export function parseStoreSpec(value: string | undefined, env: NodeJS.ProcessEnv): StoreSpec {
  if (!value) return { kind: 'sqlite', path: eventsFiles(eventsDir(env)).db };
  if (/^postgres(ql)?:\/\//i.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new Error('--store: the PostgreSQL URL is malformed (expected postgres://USER@HOST:PORT/DB)');
    }
    return { kind: 'postgres', url: value };
  }
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (!path) throw new Error('--store sqlite: needs a file path, e.g. sqlite:/var/lib/dockhand/events.db');
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(path) };
  }
  throw new Error(`--store ${JSON.stringify(value.slice(0, 80))} is neither sqlite:PATH nor postgres://USER@HOST/DB`);
}

/** The store spec without secrets (for receiver.json and logs). */
export function describeStoreSpec(spec: StoreSpec): string {
  if (spec.kind === 'sqlite') return `sqlite:${spec.path}`;
  const u = new URL(spec.url);
  u.password = '';
  u.search = '';
  return u.toString();
}

export async function openStore(spec: StoreSpec, opts: { readonly?: boolean } = {}): Promise<EventStore> {
  if (spec.kind === 'sqlite') return (await import('./sqlite-store')).openSqliteStore(spec.path, opts);
  return (await import('./postgres-store')).openPostgresStore(spec.url);
}
