import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLimiter } from './limiter';

test('createLimiter never runs more than the limit at once and runs everything', async () => {
  const limit = createLimiter(3);
  let active = 0;
  let peak = 0;
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limit(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setImmediate(r));
        active--;
        return i * 2;
      }),
    ),
  );
  assert.equal(peak, 3);
  assert.deepEqual(
    results,
    Array.from({ length: 20 }, (_, i) => i * 2),
  );
});

test('createLimiter releases its slot when a task throws', async () => {
  const limit = createLimiter(1);
  await assert.rejects(
    limit(async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(await limit(async () => 'next'), 'next');
});
