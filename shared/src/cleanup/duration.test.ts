import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration, formatDuration, DurationError } from './duration';

test('parseDuration reads Go-style durations and days/weeks', () => {
  assert.equal(parseDuration('720h'), 720 * 3_600_000);
  assert.equal(parseDuration('1h30m'), 90 * 60_000);
  assert.equal(parseDuration('1.5h'), 90 * 60_000);
  assert.equal(parseDuration('250ms'), 250);
  assert.equal(parseDuration('30d'), 30 * 86_400_000);
  assert.equal(parseDuration('2w'), 14 * 86_400_000);
  assert.equal(parseDuration('1w3d'), 10 * 86_400_000);
  assert.equal(parseDuration('0'), 0);
});

test('parseDuration rejects what Go rejects, with an example', () => {
  for (const bad of ['', '30', 'd', '30days', '1h 30m', '-5m', '5y']) {
    assert.throws(
      () => parseDuration(bad),
      (e: unknown) => e instanceof DurationError && /e\.g\. 30d/.test(e.message),
      bad,
    );
  }
});

test('formatDuration shows days, hours and minutes', () => {
  assert.equal(formatDuration(30 * 86_400_000), '30d');
  assert.equal(formatDuration(86_400_000 + 6 * 3_600_000), '1d 6h');
  assert.equal(formatDuration(45_000), '45s');
});
