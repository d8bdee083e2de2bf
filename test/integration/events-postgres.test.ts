// Issue 18 scale items against real servers: two receivers on one real PostgreSQL (Debian's, from
// the test bed), each sent half of a burst plus events the other also got, end with every event
// exactly once; and a receiver SIGKILLed mid-burst loses no event it acknowledged.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startPostgres, tempDir, freePort, type PostgresHandle } from '../bed/index';
import { startReceiver } from '../../shared/src/events/receiver';
import { openStore } from '../../shared/src/events/open-store';
import { EVENTS_MEDIA_TYPE } from '../../shared/src/events/api-types';
import { registryEvent } from '../../shared/src/events/test-envelopes';

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

test('a receiver killed (SIGKILL) mid-burst and restarted has every event it acknowledged', async () => {
  const dir = tempDir('dockhand-events-kill');
  const db = join(dir, 'events.db');
  const port = await freePort();
  const cli = resolve('shared/src/cli/entry.ts');
  const start = () => {
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
    cleanups.push(async () => {
      child.kill('SIGKILL');
    });
    return { child, ready };
  };
  const first = start();
  await first.ready;
  const events = burst(3000, 'kill');
  const acked = new Set<string>();
  let sent = 0;
  let killed = false;
  const sender = (async () => {
    for (let i = 0; i < events.length; i += 10) {
      const batch = events.slice(i, i + 10);
      try {
        const res = await post(`127.0.0.1:${port}`, batch);
        if (res.status === 200) for (const e of batch) acked.add(String(e.id));
      } catch {
        if (killed) return;
      }
      sent += batch.length;
    }
  })();
  // Kill once a good part of the burst is acknowledged (condition, not a timer).
  while (acked.size < 500) await new Promise((r) => setTimeout(r, 20));
  killed = true;
  first.child.kill('SIGKILL');
  await sender;
  assert.ok(acked.size >= 500 && acked.size < events.length, `killed mid-burst (${acked.size} acknowledged of ${sent} sent)`);
  const second = start();
  await second.ready;
  const store = await openStore({ kind: 'sqlite', path: db }, { readonly: true });
  try {
    const stored = new Set<string>();
    let before: number | undefined;
    for (;;) {
      const page = await store.query({ limit: 1000, ...(before ? { before } : {}) });
      for (const e of page) stored.add(e.id);
      if (page.length < 1000) break;
      before = page[page.length - 1]!.seq;
    }
    const lost = [...acked].filter((id) => !stored.has(id));
    assert.deepEqual(lost, [], 'no acknowledged event is lost');
  } finally {
    await store.close();
  }
  second.child.kill('SIGTERM');
});
