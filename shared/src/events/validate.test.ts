import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvelopeError, parseEnvelope } from './validate';
import { registryEvent } from './test-envelopes';

test('parseEnvelope flattens good registry events and normalises the timestamp', () => {
  const r = parseEnvelope({ events: [registryEvent({ id: 'a', tag: 'v1' })] });
  assert.equal(r.rejected.length, 0);
  assert.equal(r.good.length, 1);
  const e = r.good[0]!;
  assert.equal(e.timestamp, '2026-01-02T03:04:05.123Z');
  assert.equal(e.repository, 'team/app');
  assert.equal(e.tag, 'v1');
  assert.equal(e.actor, 'alice');
  assert.equal(e.userAgent, 'skopeo/1.9.3');
  assert.equal(e.sourceInstanceId, 'inst-1');
});

test('parseEnvelope rejects bad events one by one and keeps the good ones', () => {
  const bad = [
    { ...registryEvent({ id: 'x1' }), action: 'explode' },
    { ...registryEvent({ id: 'x2' }), timestamp: 'yesterday' },
    registryEvent({ id: 'x3', repository: 'Bad/Upper' }),
    registryEvent({ id: 'x4', digest: 'md5:zz' }),
    { ...registryEvent({ id: '' }) },
    'not an object',
    { ...registryEvent({ id: 'x5' }), request: { useragent: 'evil\u001b[2J' } },
  ];
  const r = parseEnvelope({ events: [registryEvent({ id: 'ok1' }), ...bad, registryEvent({ id: 'ok2' })] });
  assert.deepEqual(
    r.good.map((e) => e.id),
    ['ok1', 'ok2'],
  );
  assert.equal(r.rejected.length, bad.length);
  assert.match(r.rejected[0]!.reason, /action "explode" is not one of/);
  assert.match(r.rejected[1]!.reason, /timestamp/);
  assert.match(r.rejected[2]!.reason, /repository/);
  assert.match(r.rejected[3]!.reason, /digest/);
  assert.match(r.rejected[6]!.reason, /control characters/);
  assert.equal(r.rejected[0]!.id, 'x1');
});

test('parseEnvelope drops repeated ids inside one envelope and refuses non-envelopes', () => {
  assert.equal(parseEnvelope({ events: [registryEvent({ id: 'd' }), registryEvent({ id: 'd' })] }).good.length, 1);
  assert.deepEqual(parseEnvelope({}), { good: [], rejected: [] });
  assert.throws(() => parseEnvelope([]), EnvelopeError);
  assert.throws(() => parseEnvelope({ events: 'x' }), /must be an array/);
});
