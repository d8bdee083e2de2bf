import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JobRunner } from './jobs';

test('a job streams its events in order to a long poll, then reports its result', async () => {
  const jobs = new JobRunner();
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const ref = jobs.start('demo', async (ctx) => {
    ctx.emit({ kind: 'status', message: 'one' });
    await gate;
    ctx.emit({ kind: 'layer', id: 'sha256:a', state: 'pushed', current: 5, total: 5 });
    return { message: 'done' };
  });
  const first = await jobs.poll(ref.jobId, 0, 1000);
  assert.equal(first.state, 'running');
  assert.deepEqual(
    first.events.map((e) => e.seq),
    [1],
  );
  const waiting = jobs.poll(ref.jobId, first.lastSeq, 10_000);
  release();
  const second = await waiting;
  assert.deepEqual(
    second.events.map((e) => e.kind),
    ['layer'],
  );
  let last = second;
  while (last.state === 'running') last = await jobs.poll(ref.jobId, last.lastSeq, 1000);
  assert.equal(last.state, 'succeeded');
  assert.deepEqual(last.result, { message: 'done' });
});

test("cancel aborts the job's signal and the job ends as cancelled, not failed", async () => {
  const jobs = new JobRunner();
  const ref = jobs.start(
    'long',
    (ctx) =>
      new Promise((_, reject) => {
        ctx.signal.addEventListener('abort', () => reject(new Error('aborted by signal')));
      }),
  );
  await jobs.cancel(ref.jobId);
  let snap = await jobs.poll(ref.jobId, 0, 1000);
  while (snap.state === 'running') snap = await jobs.poll(ref.jobId, snap.lastSeq, 1000);
  assert.equal(snap.state, 'cancelled');
  assert.equal(snap.error?.message, 'aborted by signal');
});

test('a failing job carries the error as plain data; unknown job ids are refused', async () => {
  const jobs = new JobRunner();
  const ref = jobs.start('bad', async () => {
    throw Object.assign(new Error('registry said no'), { code: 'DENIED', status: 403 });
  });
  let snap = await jobs.poll(ref.jobId, 0, 1000);
  while (snap.state === 'running') snap = await jobs.poll(ref.jobId, snap.lastSeq, 1000);
  assert.equal(snap.state, 'failed');
  assert.deepEqual(snap.error, { name: 'Error', message: 'registry said no', code: 'DENIED', status: 403 });
  await assert.rejects(jobs.poll('nope', 0, 0), /No such job/);
});
