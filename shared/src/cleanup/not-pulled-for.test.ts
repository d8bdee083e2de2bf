import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, validatePolicy, describePolicy } from './policy';

const now = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const ago = (d: number) => new Date(now.getTime() - d * DAY).toISOString();

test('--not-pulled-for deletes only what was not pulled for the period, and says which dates were known', () => {
  const tags = [
    { tag: 'pulled-recently', digest: 'sha256:a', created: ago(400), lastPulled: ago(10) },
    { tag: 'pulled-long-ago', digest: 'sha256:b', created: ago(400), lastPulled: ago(200) },
    { tag: 'never-pulled-old', digest: 'sha256:c', created: ago(400), pushedAt: ago(300) },
    { tag: 'never-pulled-new', digest: 'sha256:d', created: ago(400), pushedAt: ago(5) },
    { tag: 'no-dates', digest: 'sha256:e' },
  ];
  const v = evaluatePolicy(tags, { notPulledForMs: 90 * DAY, usageKnownSince: ago(365) }, now);
  const fate = Object.fromEntries(v.map((t) => [t.tag, t.keep ? `keep: ${t.reason}` : 'delete']));
  assert.match(fate['pulled-recently']!, /^keep: pulled less than 90d ago \(last pull 2026-05-22\)/);
  assert.equal(fate['pulled-long-ago'], 'delete');
  assert.equal(fate['never-pulled-old'], 'delete');
  assert.match(fate['never-pulled-new']!, /^keep: pushed less than 90d ago/);
  assert.equal(fate['no-dates'], 'delete', 'events cover the whole period and no pull was seen');
  assert.match(describePolicy({ notPulledForMs: 90 * DAY, usageKnownSince: ago(365) }), /not pulled for 90d \(pulls known since 2025-06-01\)/);
});

test('--not-pulled-for keeps tags whose pulls are unknown (events recorded for less than the period)', () => {
  const v = evaluatePolicy(
    [
      { tag: 'old', digest: 'sha256:a', created: ago(400) },
      { tag: 'stale-pull', digest: 'sha256:b', created: ago(400), lastPulled: ago(50) },
    ],
    { notPulledForMs: 30 * DAY, usageKnownSince: ago(10) },
    now,
  );
  assert.equal(v[0]!.keep, true);
  assert.match(v[0]!.reason, /last pull unknown: events recorded only since 2026-05-22/);
  assert.equal(v[1]!.keep, false, 'a known pull older than the period is enough to delete');
  const none = evaluatePolicy([{ tag: 'x', digest: 'sha256:x', created: ago(400) }], { notPulledForMs: 30 * DAY }, now);
  assert.match(none[0]!.reason, /never \(no events\)/);
});

test('--not-pulled-for alone is a policy; a zero duration is not', () => {
  validatePolicy({ notPulledForMs: DAY });
  assert.throws(() => validatePolicy({ notPulledForMs: 0 }), /positive duration/);
});
