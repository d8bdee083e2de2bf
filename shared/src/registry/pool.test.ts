import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClientPool } from './pool';
import type { RegistryClient } from './client';

/** Count close() calls on a client (the pool closes what it drops). */
function watchClose(c: RegistryClient): { count: number } {
  const seen = { count: 0 };
  const close = c.close.bind(c);
  c.close = () => {
    seen.count++;
    return close();
  };
  return seen;
}

test('one client per host and settings; other settings get their own', async () => {
  const credentials = { get: async () => undefined };
  const pool = new RegistryClientPool({ credentials });
  const a = pool.get({ host: '127.0.0.1:5000' });
  assert.equal(pool.get({ host: '127.0.0.1:5000' }), a);
  assert.equal(pool.get({ host: 'http://127.0.0.1:5000' }), a, 'the host is normalized as in references');
  assert.notEqual(pool.get({ host: '127.0.0.1:5000', caFile: '/tmp/ca.pem' }), a);
  assert.notEqual(pool.get({ host: '127.0.0.1:5000', insecure: true }), a);
  assert.notEqual(pool.get({ host: '127.0.0.1:5000', clientCert: 'CERT', clientKey: 'KEY' }), a);
  assert.notEqual(pool.get({ host: '127.0.0.1:5000', credentials: { get: async () => undefined } }), a, 'another credential provider');
  assert.notEqual(pool.get({ host: '127.0.0.1:5001' }), a);
  await pool.close();
});

test('an entry whose settings change gets a new client, and the old one is closed', async () => {
  const pool = new RegistryClientPool();
  const first = pool.get({ host: '127.0.0.1:5000' }, { id: 'r1', extra: 'http://127.0.0.1:5000' });
  const closed = watchClose(first);
  assert.equal(pool.get({ host: '127.0.0.1:5000' }, { id: 'r1', extra: 'http://127.0.0.1:5000' }), first);
  const second = pool.get({ host: '127.0.0.1:5000' }, { id: 'r1', extra: 'https://127.0.0.1:5000' });
  assert.notEqual(second, first);
  assert.equal(closed.count, 1);
  await pool.close();
});

test("forget drops a host's clients (or an entry's) and closes them; close drops all", async () => {
  const pool = new RegistryClientPool();
  const a = pool.get({ host: 'a.example:5000' });
  const a2 = pool.get({ host: 'a.example:5000', insecure: true });
  const b = pool.get({ host: 'b.example' });
  const e = pool.get({ host: 'e.example' }, { id: 'entry' });
  const seen = [a, a2, b, e].map(watchClose);
  await pool.forget({ host: 'a.example:5000' });
  assert.deepEqual(
    seen.map((s) => s.count),
    [1, 1, 0, 0],
  );
  assert.notEqual(pool.get({ host: 'a.example:5000' }), a, 'a fresh client after forget');
  assert.equal(pool.get({ host: 'b.example' }), b);
  await pool.forget({ id: 'entry' });
  assert.deepEqual(
    seen.map((s) => s.count),
    [1, 1, 0, 1],
  );
  await pool.close();
  assert.deepEqual(
    seen.map((s) => s.count),
    [1, 1, 1, 1],
  );
});
