// DigestVerifier: passes bytes through unchanged, fails on a wrong digest or size, and
// starts reading its source only when its consumer reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DigestVerifier, DigestMismatchError, computeDigest } from './digest';

function chunks(data: Buffer, size = 64 * 1024): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

async function run(data: Buffer, expected: string, size?: number): Promise<Buffer> {
  const v = new DigestVerifier(expected, size);
  const got: Buffer[] = [];
  v.on('data', (c: Buffer) => got.push(c));
  await pipeline(Readable.from(chunks(data)), v);
  return Buffer.concat(got);
}

for (const [label, bytes] of [
  ['64 KiB', 64 * 1024 + 17],
  ['9 MiB', 9 * 1024 * 1024 + 5],
] as const) {
  test(`${label}: the right digest passes every byte through unchanged`, async () => {
    const data = randomBytes(bytes);
    const out = await run(data, computeDigest(data), data.length);
    assert.equal(out.length, data.length);
    assert.ok(out.equals(data));
  });

  test(`${label}: one flipped byte fails with DigestMismatchError naming both digests`, async () => {
    const data = randomBytes(bytes);
    const expected = computeDigest(data);
    const bad = Buffer.from(data);
    bad[bad.length >> 1]! ^= 0xff;
    await assert.rejects(
      run(bad, expected, data.length),
      (e: unknown) => e instanceof DigestMismatchError && e.expected === expected && e.actual === `sha256:${createHash('sha256').update(bad).digest('hex')}`,
    );
  });

  test(`${label}: a short body fails on its size`, async () => {
    const data = randomBytes(bytes);
    await assert.rejects(run(data.subarray(0, data.length - 1), computeDigest(data), data.length), /expected \d+ bytes, got \d+/);
  });
}

test('a destroyed verifier closes with the error; the source is not read before the consumer reads', async () => {
  const data = randomBytes(3 * 1024 * 1024);
  const v = new DigestVerifier(computeDigest(data), data.length);
  let error: Error | undefined;
  v.on('error', (e) => {
    error = e;
  });
  let started = 0;
  const closed = new Promise((r) => v.once('close', r));
  v.startWhenRead(() => {
    started++;
    Readable.from(chunks(data)).pipe(v);
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(started, 0, 'nothing read before a consumer');
  v.once('data', () => v.destroy(new Error('stop')));
  await closed;
  assert.equal(started, 1);
  assert.equal(error?.message, 'stop');
});
