// Scenarios the two event stores must both pass (they share their SQL: sql-store.ts): run on
// SQLite by store-queries.test.ts and on the test bed's PostgreSQL by
// test/integration/events-postgres.test.ts. Test support only: no product code imports it.
import assert from 'node:assert/strict';
import { registryEvent } from './test-envelopes';
import { validateEvent, type NewEvent } from './validate';
import type { EventStore } from './store';
import { dockhandUserAgent } from '../transport/user-agent';

const day = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const at = (daysAgo: number) => new Date(NOW - daysAgo * day).toISOString();
const ev = (o: Parameters<typeof registryEvent>[0]) => validateEvent(registryEvent(o)) as NewEvent;

/** Compaction by retention removes old events, keeps new ones and each tag's newest push and pull. */
export async function checkCompaction(s: EventStore): Promise<void> {
  const old: NewEvent[] = [];
  const digest = 'sha256:' + 'c'.repeat(64);
  for (let i = 0; i < 50; i++) old.push(ev({ id: `old-push-${i}`, repository: 'team/app', tag: 'v1', digest, timestamp: at(200 - i) }));
  for (let i = 0; i < 30; i++) old.push(ev({ id: `old-pull-${i}`, action: 'pull', repository: 'team/app', tag: 'v1', digest, timestamp: at(150 - i) }));
  old.push(ev({ id: 'old-delete', action: 'delete', repository: 'team/gone', timestamp: at(120) }));
  const fresh = Array.from({ length: 20 }, (_, i) => ev({ id: `new-${i}`, repository: 'team/web', tag: `t${i}`, timestamp: at(i / 10) }));
  await s.insert([...old, ...fresh]);
  assert.equal(await s.count(), 101);
  const removed = await s.compact(new Date(NOW - 90 * day));
  // 49 older pushes and 29 older pulls of team/app:v1 and the old delete go; the newest push and pull of v1 stay.
  assert.equal(removed, 79);
  const left = await s.query({ limit: 1000, blobs: true });
  const ids = new Set(left.map((e) => e.id));
  for (const e of fresh) assert.ok(ids.has(e.id), `kept the new event ${e.id}`);
  assert.ok(ids.has('old-push-49') && ids.has('old-pull-29'), 'kept the newest push and pull of team/app:v1');
  assert.equal(ids.has('old-push-0') || ids.has('old-pull-0') || ids.has('old-delete'), false, 'the old ones are gone');
  assert.equal((await s.tagDates('team/app'))[0]?.lastPulled, at(121), 'last-pulled survives compaction');
  assert.equal(await s.compact(new Date(NOW - 90 * day)), 0, 'a second pass finds nothing more');
}

/** The text filter applies before the limit. */
export async function checkTextBeforeLimit(s: EventStore): Promise<void> {
  // Ten events by bob, then 500 newer ones by others: a limit of 10 must still find bob's ten.
  const bob = Array.from({ length: 10 }, (_, i) => ({ ...ev({ id: `bob-${i}`, tag: `bobtag${i}`, timestamp: at(10) }), actor: 'Bob_100%' }));
  const others = Array.from({ length: 500 }, (_, i) => ev({ id: `other-${i}`, tag: `o${i}`, timestamp: at(1) }));
  await s.insert([...bob, ...others]);
  const found = await s.query({ text: 'bob_100%', limit: 10 });
  assert.deepEqual(found.map((e) => e.id).sort(), bob.map((e) => e.id).sort());
  assert.equal((await s.query({ text: 'bob_1000', limit: 10 })).length, 0, 'LIKE wildcards in the text are taken literally');
  const byTag = await s.query({ text: 'BOBTAG3', limit: 10 });
  assert.deepEqual(byTag.map((e) => e.id), ['bob-3'], 'case-insensitive, over tags too');
}

/** Tag dates are per registry and repository, and Dockhand's own reads are not pulls. */
export async function checkTagDates(s: EventStore): Promise<void> {
  const a = '127.0.0.1:5001';
  const b = 'registry.example:5002';
  await s.insert([
    ev({ id: 'a-push', host: a, repository: 'team/app', tag: 'v1', timestamp: at(30), digest: 'sha256:' + 'a'.repeat(64) }),
    ev({ id: 'b-push', host: b, repository: 'team/app', tag: 'v1', timestamp: at(20), digest: 'sha256:' + 'b'.repeat(64) }),
    ev({ id: 'b-pull', host: b, action: 'pull', repository: 'team/app', tag: 'v1', timestamp: at(5), digest: 'sha256:' + 'b'.repeat(64) }),
    ev({ id: 'a-dockhand', host: a, action: 'pull', repository: 'team/app', tag: 'v1', timestamp: at(1), userAgent: dockhandUserAgent() }),
    ev({ id: 'a-vscode', host: a, action: 'pull', repository: 'team/app', digest: 'sha256:' + 'a'.repeat(64), timestamp: at(1), userAgent: dockhandUserAgent('vscode') }),
  ]);
  const [onA] = await s.tagDates('team/app', a);
  assert.deepEqual(onA, { tag: 'v1', digest: 'sha256:' + 'a'.repeat(64), pushedAt: at(30) }, 'registry A: its own push, no pull (Dockhand read it)');
  const [onB] = await s.tagDates('team/app', b);
  assert.deepEqual(onB, { tag: 'v1', digest: 'sha256:' + 'b'.repeat(64), pushedAt: at(20), lastPulled: at(5) });
  assert.equal((await s.tagDates('team/app', '127.0.0.1:5099')).length, 0, 'another registry knows nothing');
  assert.equal((await s.query({ action: 'pull', limit: 10 })).length, 3, 'Dockhand’s reads are still listed as events');
}
