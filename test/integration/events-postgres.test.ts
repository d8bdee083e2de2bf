// Issue 18 scale items against real servers: two receivers on one real PostgreSQL (Debian's, from
// the test bed), each sent half of a burst plus events the other also got, end with every event
// exactly once; the shared queries (compaction, text filter, per-registry dates) on PostgreSQL; a
// burst of 10,000 events into a real `dockhand listen` process loses none; and a receiver
// SIGKILLed mid-burst loses no event it acknowledged.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { startPostgres, tempDir, freePort, type PostgresHandle } from '../bed/index';
import { startReceiver } from '../../shared/src/events/receiver';
import { openStore } from '../../shared/src/events/open-store';
import { EVENTS_MEDIA_TYPE } from '../../shared/src/events/api-types';
import { registryEvent } from '../../shared/src/events/test-envelopes';
import { checkCompaction, checkTagDates, checkTextBeforeLimit } from '../../shared/src/events/store-scenarios';

const TOKEN = 'burst-token-0123456789abc';
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function post(addr: string, events: unknown[]): Promise<Response> {
  return fetch(`http://${addr}/events`, {
    method: 'POST',
    headers: { 'content-type': EVENTS_MEDIA_TYPE, authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ events }),
  });
}

const burst = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) =>
    registryEvent({ id: `${prefix}-${i}`, repository: `team/r${i % 50}`, tag: `t${i}`, timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() }),
  );

/** A real `dockhand listen` process (the CLI entry under Node, no wrapper process: a signal reaches the receiver itself). */
function startListen(dir: string, db: string, port: number): { child: ChildProcess; ready: Promise<void> } {
  const cli = resolve('shared/src/cli/entry.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'listen', '--addr', `127.0.0.1:${port}`, '--token', TOKEN, '--store', `sqlite:${db}`], {
    env: { ...process.env, DOCKHAND_EVENTS_DIR: dir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c) => {
    err += String(c);
  });
  const ready = new Promise<void>((res, rej) => {
    const t = setInterval(() => {
      if (err.includes('Receiving registry events')) {
        clearInterval(t);
        res();
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(t);
      rej(new Error(`listen exited ${code}: ${err}`));
    });
  });
  ready.catch(() => undefined);
  cleanups.push(async () => {
    child.kill('SIGKILL');
  });
  return { child, ready };
}

/** Every event id in a SQLite store, read page by page. */
async function storedIds(db: string): Promise<Set<string>> {
  const store = await openStore({ kind: 'sqlite', path: db }, { readonly: true });
  try {
    const stored = new Set<string>();
    let before: number | undefined;
    for (;;) {
      const page = await store.query({ limit: 1000, blobs: true, ...(before ? { before } : {}) });
      for (const e of page) stored.add(e.id);
      if (page.length < 1000) break;
      before = page[page.length - 1]!.seq;
    }
    return stored;
  } finally {
    await store.close();
  }
}

test('two receivers on one PostgreSQL store every event of a burst exactly once, duplicates included', async () => {
  const pg: PostgresHandle = await startPostgres();
  cleanups.push(() => pg.stop());
  const url = await pg.createDatabase('events_two');
  const mk = async (name: string) => {
    const dir = tempDir(`dockhand-events-${name}`);
    const r = await startReceiver({ env: { DOCKHAND_EVENTS_DIR: dir }, host: '127.0.0.1', port: 0, ingestToken: TOKEN, store: { kind: 'postgres', url } });
    cleanups.push(() => r.close());
    return r;
  };
  const [a, b] = await Promise.all([mk('a'), mk('b')]);
  const events = burst(2000, 'pg');
  const half = events.length / 2;
  const toA = [...events.slice(0, half), ...events.slice(half, half + 100)];
  const toB = [...events.slice(half), ...events.slice(0, 100)];
  const send = async (addr: string, list: unknown[]) => {
    let accepted = 0;
    for (let i = 0; i < list.length; i += 25) {
      const res = await post(addr, list.slice(i, i + 25));
      assert.equal(res.status, 200, await res.clone().text());
      accepted += ((await res.json()) as { accepted: number }).accepted;
    }
    return accepted;
  };
  const [acceptedA, acceptedB] = await Promise.all([send(a.info.addr, toA), send(b.info.addr, toB)]);
  assert.equal(acceptedA + acceptedB, events.length, 'each event was newly stored by exactly one receiver');
  const store = await openStore({ kind: 'postgres', url });
  try {
    assert.equal(await store.count(), events.length);
    const r7 = await store.query({ repo: 'team/r7', limit: 1000 });
    assert.equal(r7.length, events.length / 50);
    assert.equal(new Set(r7.map((e) => e.id)).size, r7.length);
  } finally {
    await store.close();
  }
});

test('on PostgreSQL: compaction by retention, the text filter before the limit, per-registry tag dates without Dockhand’s reads', async () => {
  const pg: PostgresHandle = await startPostgres();
  cleanups.push(() => pg.stop());
  for (const [name, check] of [
    ['compaction', checkCompaction],
    ['text', checkTextBeforeLimit],
    ['tag_dates', checkTagDates],
  ] as const) {
    const store = await openStore({ kind: 'postgres', url: await pg.createDatabase(`events_${name}`) });
    try {
      await check(store);
    } finally {
      await store.close();
    }
  }
});

test('a burst of 10,000 events into a real dockhand listen process: every one answered 200 and stored once', async (t) => {
  const dir = tempDir('dockhand-events-burst');
  const db = join(dir, 'events.db');
  const port = await freePort();
  const listen = startListen(dir, db, port);
  await listen.ready;
  const events = burst(10_000, 'burst');
  const statuses = new Map<number, number>();
  let next = 0;
  const started = Date.now();
  // Four senders at once, envelopes of 10 (the registry's own batching is per endpoint, in order).
  const sender = async () => {
    while (next < events.length) {
      const batch = events.slice(next, next + 10);
      next += 10;
      const res = await post(`127.0.0.1:${port}`, batch);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      await res.arrayBuffer();
    }
  };
  await Promise.all([sender(), sender(), sender(), sender()]);
  const seconds = (Date.now() - started) / 1000;
  t.diagnostic(`10,000 events in ${seconds.toFixed(1)} s (${Math.round(10_000 / seconds)} events/s)`);
  assert.deepEqual([...statuses], [[200, 1000]], 'every envelope was acknowledged');
  const stored = await storedIds(db);
  assert.equal(stored.size, events.length);
  assert.deepEqual(
    events.filter((e) => !stored.has(String(e.id))).map((e) => e.id),
    [],
    'no event is missing',
  );
  listen.child.kill('SIGTERM');
  await once(listen.child, 'exit');
});

test('a receiver killed (SIGKILL) mid-burst and restarted has every event it acknowledged', async () => {
  const dir = tempDir('dockhand-events-kill');
  const db = join(dir, 'events.db');
  const port = await freePort();
  const start = () => startListen(dir, db, port);
  const first = start();
  await first.ready;
  const events = burst(3000, 'kill');
  const acked = new Set<string>();
  let sent = 0;
  let killed = false;
  const exited = once(first.child, 'exit');
  // Two senders; the receiver is SIGKILLed from inside the burst once 500 events are acknowledged
  // (a condition, not a timer), while the other sender's envelope may be in flight.
  const sender = async (from: number) => {
    for (let i = from; i < events.length; i += 20) {
      const batch = events.slice(i, i + 10);
      try {
        const res = await post(`127.0.0.1:${port}`, batch);
        if (res.status === 200) for (const e of batch) acked.add(String(e.id));
        if (acked.size >= 500 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      } catch {
        if (killed) return;
        throw new Error('the receiver failed before it was killed');
      }
      sent += batch.length;
    }
  };
  await Promise.all([sender(0), sender(10)]);
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  assert.equal(signal, 'SIGKILL', `the receiver process died of SIGKILL (exit ${code})`);
  await assert.rejects(post(`127.0.0.1:${port}`, events.slice(0, 1)), 'nothing answers on the port after the kill');
  assert.ok(acked.size >= 500 && acked.size < events.length, `killed mid-burst (${acked.size} acknowledged of ${sent} sent)`);
  const second = start();
  await second.ready;
  // Restarted on the same file, it serves what it acknowledged before the kill.
  const health = await fetch(`http://127.0.0.1:${port}/events`, { method: 'GET' });
  assert.equal(health.status, 405, 'the restarted receiver answers');
  const stored = await storedIds(db);
  const lost = [...acked].filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], 'no acknowledged event is lost');
  second.child.kill('SIGTERM');
  await once(second.child, 'exit');
});
