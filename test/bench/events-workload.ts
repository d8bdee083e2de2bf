// Issue 18 benchmark rows: ingest of a 10,000-event burst through `dockhand listen`'s HTTP path
// (peer: the same batches inserted straight into the store, the floor), and a query by repository
// at a million stored events through GET /api/events (peer: the same query on the store directly).
// Both on SQLite; PostgreSQL too when BENCH_EVENTS_PG=1 (it starts the bed's PostgreSQL).
import { join } from 'node:path';
import { startReceiver } from '../../shared/src/events/receiver';
import { EventsClient } from '../../shared/src/events/events-client';
import { openStore, type StoreSpec } from '../../shared/src/events/open-store';
import { EVENTS_MEDIA_TYPE } from '../../shared/src/events/api-types';
import { validateEvent, type NewEvent } from '../../shared/src/events/validate';
import { registryEvent } from '../../shared/src/events/test-envelopes';
import { startPostgres, tempDir } from '../bed/index';
import { bulkFill } from './events-fill';
import type { Row } from './report';
import type { Sample } from './measure';

const TOKEN = 'bench-token-0123456789abcdef';
const REPOS = 1000;
const ev = (prefix: string, i: number) =>
  registryEvent({ id: `${prefix}-${i}`, repository: `team/r${i % REPOS}`, tag: `t${i}`, timestamp: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() });

async function workload(spec: StoreSpec, label: string, total: number, quick: boolean): Promise<Row[]> {
  const dir = tempDir('dockhand-bench-events');
  const store = await openStore(spec); // creates the schema (migrations), as the receiver would
  const fillStart = performance.now();
  await bulkFill(spec, total, REPOS);
  const fillS = (performance.now() - fillStart) / 1000;
  const loaded =
    `the ${total} events (${REPOS} repositories, ${total / REPOS} each) were loaded by one SQL INSERT ... SELECT ` +
    `(${spec.kind === 'sqlite' ? 'a recursive CTE' : 'generate_series, then ANALYZE'}) into the table Dockhand created, with Dockhand's indexes in place, in ${fillS.toFixed(0)} s, not over HTTP`;
  const r = await startReceiver({ env: { DOCKHAND_EVENTS_DIR: dir }, host: '127.0.0.1', port: 0, ingestToken: TOKEN, store: spec });
  const rows: Row[] = [];
  try {
    const burst = quick ? 2000 : 10_000;
    const batch = 10;
    const d: Sample[] = [];
    const p: Sample[] = [];
    const resent: string[] = [];
    for (let run = 0; run < (quick ? 1 : 2); run++) {
      let t = performance.now();
      for (let i = 0; i < burst; i += batch) {
        const send = () =>
          fetch(`http://${r.info.addr}/events`, {
            method: 'POST',
            headers: { 'content-type': EVENTS_MEDIA_TYPE, authorization: `Bearer ${TOKEN}` },
            body: JSON.stringify({ events: Array.from({ length: batch }, (_, j) => ev(`http${run}`, i + j)) }),
          });
        // A network error is sent again, as the registry does (the receiver dedupes by id); counted in the note.
        const res = await send().catch((err: Error) => {
          resent.push(`${err.message}: ${String((err.cause as Error | undefined)?.message ?? '')}`);
          return send();
        });
        if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
        await res.arrayBuffer();
      }
      d.push({ wallMs: performance.now() - t });
      t = performance.now();
      for (let i = 0; i < burst; i += batch) await store.insert(Array.from({ length: batch }, (_, j) => validateEvent(ev(`direct${run}`, i + j)) as NewEvent));
      p.push({ wallMs: performance.now() - t });
    }
    rows.push({
      workload: `events: ingest a ${burst}-event burst in envelopes of ${batch} over HTTP (${label}${spec.kind === 'sqlite' ? ', synchronous=NORMAL' : ''})`,
      dockhand: d,
      peer: p,
      peerName: 'same batches straight into the store',
      target: '< 60 s (10,000 events a minute)',
      met: () => d.every((s) => s.wallMs < 60_000 * (burst / 10_000)),
      note:
        `events: ${label}${spec.kind === 'sqlite' ? ' (WAL, synchronous=NORMAL)' : ''} held ${total} events before the burst; ` +
        `every batch committed before its 200, one envelope at a time; ${resent.length} envelopes sent again after a network error${resent.length ? ` (${resent[0]})` : ''}; ${loaded}.`,
    });
    const client = new EventsClient(r.info);
    const qd: Sample[] = [];
    const qp: Sample[] = [];
    for (let i = 0; i < 20; i++) {
      let t = performance.now();
      await client.listEvents({ repo: `team/r${(i * 37) % REPOS}`, limit: 200 });
      qd.push({ wallMs: performance.now() - t });
      t = performance.now();
      await store.query({ repo: `team/r${(i * 53) % REPOS}`, limit: 200 });
      qp.push({ wallMs: performance.now() - t });
    }
    rows.push({
      workload: `events: newest 200 events of one repository at ${total} events (${label})`,
      dockhand: qd,
      peer: qp,
      peerName: 'same query on the store (no HTTP)',
      target: '< 50 ms',
      note: `events: query by repository over HTTP (GET /api/events?repo=, client token) on the receiver; ${loaded}.`,
      met: () => [...qd].sort((a, b) => a.wallMs - b.wallMs)[10]!.wallMs < 50,
    });
  } finally {
    await r.close();
    await store.close();
  }
  return rows;
}

export async function eventsRows(opts: { quick: boolean; log: (s: string) => void }): Promise<Row[]> {
  const total = opts.quick ? 20_000 : 1_000_000;
  const dir = tempDir('dockhand-bench-events-db');
  opts.log(`events: filling SQLite with ${total} events`);
  const rows = await workload({ kind: 'sqlite', path: join(dir, 'events.db') }, 'SQLite', total, opts.quick);
  if (process.env.BENCH_EVENTS_PG === '1') {
    const pg = await startPostgres();
    try {
      opts.log(`events: filling PostgreSQL with ${total} events`);
      rows.push(...(await workload({ kind: 'postgres', url: await pg.createDatabase('bench_events') }, 'PostgreSQL', total, opts.quick)));
    } finally {
      await pg.stop();
    }
  }
  return rows;
}
