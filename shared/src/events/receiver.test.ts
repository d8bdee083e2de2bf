// The receiver end to end on loopback with the real SQLite store: ingest, auth, validation,
// dedupe, the query API, the event stream and receiver.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENTS_MEDIA_TYPE, type StoredEvent } from './api-types';
import { EventsClient } from './events-client';
import { startReceiver } from './receiver';
import { receiverStateFile } from './paths';
import { fakeDigest, registryEvent } from './test-envelopes';

const TOKEN = 'ingest-token-0123456789';

async function withReceiver(fn: (base: string, env: NodeJS.ProcessEnv) => Promise<void>, opts: { maxBodyBytes?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-events-'));
  const env = { DOCKHAND_EVENTS_DIR: dir };
  const r = await startReceiver({ env, host: '127.0.0.1', port: 0, ingestToken: TOKEN, store: { kind: 'sqlite', path: join(dir, 'events.db') }, ...opts });
  try {
    await fn(`http://${r.info.addr}`, env);
  } finally {
    await r.close();
    assert.equal(existsSync(receiverStateFile(env)), false, 'receiver.json is removed at close');
    rmSync(dir, { recursive: true, force: true });
  }
}

function post(base: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/events`, {
    method: 'POST',
    headers: { 'content-type': EVENTS_MEDIA_TYPE, authorization: `Bearer ${TOKEN}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

test('the receiver stores good events before answering, dedupes by id and serves them to the client', async () => {
  await withReceiver(async (base, env) => {
    assert.equal(statSync(receiverStateFile(env)).mode & 0o777, 0o600);
    const client = await EventsClient.find(env);
    assert.ok(client, 'receiver.json names the running receiver');
    const seen: StoredEvent[] = [];
    let open!: () => void;
    const opened = new Promise<void>((r) => {
      open = r;
    });
    const sub = client.subscribe({
      onEvent: (e) => seen.push(e),
      onStatus: (s) => {
        if (s === 'open') open();
      },
    });
    await opened;
    const d1 = fakeDigest('one');
    let res = await post(base, {
      events: [
        registryEvent({ id: 'e1', tag: 'v1', digest: d1, timestamp: '2026-01-01T00:00:00Z' }),
        registryEvent({ id: 'e2', action: 'pull', digest: d1, timestamp: '2026-01-05T00:00:00Z' }),
      ],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { accepted: 2, duplicates: 0, rejected: [] });
    res = await post(
      base,
      { events: [registryEvent({ id: 'e1', tag: 'v1' }), registryEvent({ id: 'e3', tag: 'v2', repository: 'other/app' })] },
      { authorization: '', 'x-dockhand-token': TOKEN },
    );
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { accepted: 1, duplicates: 1, rejected: [] });

    const page = await client.listEvents({ repo: 'team/app' });
    assert.deepEqual(
      page.events.map((e) => e.id),
      ['e2', 'e1'],
    );
    assert.equal((await client.listEvents({ action: 'pull' })).events.length, 1);
    assert.deepEqual(
      (await client.listEvents({ since: '2026-01-03T00:00:00Z' })).events.map((e) => e.id),
      ['e2'],
    );
    const tags = await client.tagDates('team/app');
    assert.deepEqual(tags.tags, [{ tag: 'v1', digest: d1, pushedAt: '2026-01-01T00:00:00.000Z', lastPulled: '2026-01-05T00:00:00.000Z' }]);
    assert.equal((await client.health()).events, 3);

    const deadline = Date.now() + 60_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    sub.close();
    assert.deepEqual(
      seen.map((e) => e.id),
      ['e1', 'e2', 'e3'],
      'the stream sends each new event once',
    );
  });
});

test('the receiver refuses wrong tokens, wrong types, oversize and broken bodies, and keeps good events of a mixed envelope', async () => {
  await withReceiver(
    async (base, env) => {
      let res = await post(base, { events: [registryEvent({ id: 'n1' })] }, { authorization: 'Bearer wrong-token-0123456789' });
      assert.equal(res.status, 401);
      assert.match(((await res.json()) as { message: string }).message, /token/);
      assert.equal((await post(base, { events: [] }, { 'content-type': 'text/plain' })).status, 415);
      assert.equal((await post(base, '{"events": [', {})).status, 400);
      assert.equal((await post(base, { events: [registryEvent({ id: 'big', tag: 'x'.repeat(100) })], pad: 'x'.repeat(5000) })).status, 413);
      res = await post(base, { events: [registryEvent({ id: 'g1' }), { ...registryEvent({ id: 'b1' }), action: 'explode' }, registryEvent({ id: 'g2' })] });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { accepted: number; rejected: { index: number; id: string }[]; message: string };
      assert.equal(body.accepted, 2);
      assert.deepEqual(
        body.rejected.map((r) => [r.index, r.id]),
        [[1, 'b1']],
      );
      assert.match(body.message, /1 of 3 events rejected \(the others were stored\)/);
      const client = (await EventsClient.find(env))!;
      assert.deepEqual((await client.listEvents()).events.map((e) => e.id).sort(), ['g1', 'g2']);
      assert.equal((await fetch(`${base}/api/events`)).status, 401, '/api/ needs the client token');
      assert.equal(
        (await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
        401,
        'the ingest token is not the client token',
      );
    },
    { maxBodyBytes: 4096 },
  );
});
