import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenCache, validateRealm } from './bearer';
import { RegistryError } from './registry-error';
import { parseRetryAfter, backoffDelay, DEFAULT_RETRY, sleep } from './retry';

test('token cache: keyed by the scope set in any order, dropped at expiry', () => {
  const c = new TokenCache();
  c.set(['b', 'a'], { token: 't1', expiresAt: 1_000 });
  assert.equal(c.get(['a', 'b'], 500), 't1');
  assert.equal(c.get(['a'], 500), undefined);
  assert.equal(c.get(['a', 'b'], 1_000), undefined, 'expired');
  assert.equal(c.get(['a', 'b'], 500), undefined, 'and gone');
});

test('realm validation: https anywhere; http only for loopback realms or plain-HTTP registries', () => {
  assert.equal(validateRealm('https://auth.example.com/token', 'https', 'r').host, 'auth.example.com');
  assert.equal(validateRealm('http://127.0.0.1:9000/token', 'https', 'r').port, '9000');
  assert.equal(validateRealm('http://auth.lan/token', 'http', 'r').host, 'auth.lan');
  const bad = ['http://auth.example.com/token', 'file:///etc/passwd', 'relative/token', 'https://user:pw@auth.example.com/'];
  for (const realm of bad)
    assert.throws(
      () => validateRealm(realm, 'https', 'r'),
      (e: unknown) => e instanceof RegistryError && e.code === 'AUTH_REALM_INVALID',
      realm,
    );
});

test('Retry-After: seconds or an HTTP date', () => {
  assert.equal(parseRetryAfter('5'), 5000);
  assert.equal(parseRetryAfter(['2']), 2000);
  const now = Date.parse('2024-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now), 10_000);
  assert.equal(parseRetryAfter(undefined), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
});

test('backoff grows exponentially with jitter and is capped', () => {
  assert.equal(
    backoffDelay(0, DEFAULT_RETRY, () => 0),
    125,
  );
  assert.equal(
    backoffDelay(0, DEFAULT_RETRY, () => 1),
    250,
  );
  assert.equal(
    backoffDelay(3, DEFAULT_RETRY, () => 1),
    2000,
  );
  assert.equal(
    backoffDelay(20, DEFAULT_RETRY, () => 1),
    DEFAULT_RETRY.maxDelayMs,
  );
});

test('sleep rejects when the signal aborts', async () => {
  const ac = new AbortController();
  const p = sleep(60_000, ac.signal);
  ac.abort(new Error('stop'));
  await assert.rejects(p, /stop/);
});
