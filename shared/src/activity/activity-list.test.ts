// The Activity list of both front ends (ReceiverSession + the receiver's link, on a real receiver
// with the real SQLite store): the free-text filter applies before the row limit, and a limit over
// the receiver's page size (1000) is filled page by page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../events/receiver';
import { registryEvent } from '../events/test-envelopes';
import { validateEvent, type NewEvent } from '../events/validate';
import { receiverLink } from './receiver-link';
import { ReceiverSession } from './receiver-session';

test('Activity list: text filter first, then the limit; limits above 1000 are paged', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-activity-'));
  const env = { DOCKHAND_EVENTS_DIR: dir, HOME: dir };
  const r = await startReceiver({ env, host: '127.0.0.1', port: 0, ingestToken: 'activity-token-0123456789', store: { kind: 'sqlite', path: join(dir, 'events.db') } });
  const session = new ReceiverSession({ link: receiverLink, env });
  try {
    const ev = (id: string, tag: string, actor: string) => ({ ...(validateEvent(registryEvent({ id, tag })) as NewEvent), actor });
    // 12 events by "carol" first (oldest), then 1500 newer ones by "dave".
    await r.store.insert(Array.from({ length: 12 }, (_, i) => ev(`carol-${i}`, `c${i}`, 'carol')));
    await r.store.insert(Array.from({ length: 1500 }, (_, i) => ev(`dave-${i}`, `d${i}`, 'dave')));
    assert.ok(await session.attach(), 'attached to the running receiver');
    const carol = await session.list({ text: 'CAROL', limit: 10 });
    assert.equal(carol.length, 10, 'ten matches although the 10 newest events are all by dave');
    assert.ok(carol.every((e) => e.actor === 'carol'));
    assert.equal((await session.list({ limit: 1200 })).length, 1200, 'a limit above one receiver page is filled');
    assert.equal((await session.list({ text: 'carol', limit: 5000 })).length, 12);
  } finally {
    session.dispose();
    await r.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
