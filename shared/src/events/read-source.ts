// Where the CLI reads stored events from: the running receiver (its HTTP API), else the store
// directly (`--store`, or the default SQLite file, opened read-only). Front ends use the receiver only.
import { existsSync } from 'node:fs';
import { EventsClient } from './events-client';
import { openStore, parseStoreSpec } from './open-store';
import type { EventStore } from './store';

export async function readFromEvents<T>(o: {
  env: NodeJS.ProcessEnv;
  storeArg?: string;
  /** The error when the SQLite file does not exist yet. */
  missing: (path: string) => string;
  viaReceiver: (c: EventsClient) => Promise<T>;
  viaStore: (s: EventStore) => Promise<T>;
}): Promise<{ value: T; source: string }> {
  const client = o.storeArg ? undefined : await EventsClient.find(o.env);
  if (client) return { value: await o.viaReceiver(client), source: `receiver ${client.info.addr}` };
  const spec = parseStoreSpec(o.storeArg, o.env);
  if (spec.kind === 'sqlite' && !existsSync(spec.path)) throw new Error(o.missing(spec.path));
  const store = await openStore(spec, { readonly: spec.kind === 'sqlite' });
  try {
    return { value: await o.viaStore(store), source: store.description };
  } finally {
    await store.close();
  }
}
