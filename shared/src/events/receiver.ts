// Starts the receiver: opens the store, serves HTTP on loopback, publishes receiver.json, compacts
// old events by the retention setting; close() undoes it all.
import { randomBytes } from 'node:crypto';
import type { ReceiverInfo } from './api-types';
import { findReceiver } from './events-client';
import { describeStoreSpec, openStore, type StoreSpec } from './open-store';
import { receiverStateFile } from './paths';
import { removeReceiverInfo, writeReceiverInfo } from './receiver-state';
import { EventsServer } from './server';
import type { EventStore } from './store';

export interface ReceiverOptions {
  env: NodeJS.ProcessEnv;
  host: string;
  port: number;
  ingestToken: string;
  store: StoreSpec;
  /** Events older than this many ms are compacted (hourly and at start); undefined keeps all. */
  retentionMs?: number;
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface RunningReceiver {
  info: ReceiverInfo;
  store: EventStore;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function startReceiver(opts: ReceiverOptions): Promise<RunningReceiver> {
  if (!LOOPBACK.test(opts.host) && !opts.env.DOCKHAND_EVENTS_ALLOW_REMOTE) {
    throw new Error(
      `--addr ${opts.host}: the receiver listens on loopback only (127.0.0.1); put a TLS proxy in front of it for remote registries, or set DOCKHAND_EVENTS_ALLOW_REMOTE=1`,
    );
  }
  const statePath = receiverStateFile(opts.env);
  const other = await findReceiver(opts.env);
  if (other && other.pid !== process.pid)
    throw new Error(`a receiver already runs (pid ${other.pid}, ${other.addr}); stop it first, or give this one its own DOCKHAND_EVENTS_DIR`);
  const store = await openStore(opts.store);
  const clientToken = randomBytes(24).toString('base64url');
  const server = new EventsServer({ store, ingestToken: opts.ingestToken, clientToken, maxBodyBytes: opts.maxBodyBytes, log: opts.log });
  let addr: string;
  try {
    addr = await server.listen(opts.host, opts.port);
  } catch (err) {
    await store.close();
    throw new Error(`cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}`);
  }
  const info: ReceiverInfo = { addr, pid: process.pid, clientToken, store: describeStoreSpec(opts.store), startedAt: new Date().toISOString() };
  await writeReceiverInfo(statePath, info);
  let timer: NodeJS.Timeout | undefined;
  if (opts.retentionMs !== undefined) {
    const compact = () =>
      store
        .compact(new Date(Date.now() - opts.retentionMs!))
        .then((n) => {
          if (n) opts.log?.(`retention: compacted ${n} old events`);
        })
        .catch((err: unknown) => opts.log?.(`retention: ${(err as Error).message}`));
    void compact();
    timer = setInterval(() => void compact(), 3600_000);
    timer.unref();
  }
  let closed = false;
  return {
    info,
    store,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await server.close();
      await removeReceiverInfo(statePath, process.pid);
      await store.close();
    },
  };
}
