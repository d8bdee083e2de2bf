import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { digestFromStatus, readProgressStream, StreamFailure, toProgressEvent } from './progress-stream';
import type { EngineProgressEvent } from './types';

const D = 'sha256:' + 'b'.repeat(64);

test('push messages map to layer states, status and digest', () => {
  assert.deepEqual(toProgressEvent({ status: 'Preparing', id: 'abc', progressDetail: {} }), { kind: 'layer', id: 'abc', state: 'preparing' });
  assert.deepEqual(toProgressEvent({ status: 'Pushing', id: 'abc', progressDetail: { current: 5, total: 10 } }), {
    kind: 'layer',
    id: 'abc',
    state: 'pushing',
    current: 5,
    total: 10,
  });
  assert.deepEqual(toProgressEvent({ status: 'Layer already exists', id: 'abc' }), { kind: 'layer', id: 'abc', state: 'exists' });
  assert.deepEqual(toProgressEvent({ status: 'Mounted from team/other', id: 'abc' }), { kind: 'layer', id: 'abc', state: 'mounted' });
  assert.deepEqual(toProgressEvent({ aux: { Tag: '1', Digest: D, Size: 527 } }), { kind: 'digest', digest: D, size: 527, tag: '1' });
  assert.deepEqual(toProgressEvent({ status: 'The push refers to repository [x/y]' }), { kind: 'status', message: 'The push refers to repository [x/y]' });
  assert.equal(toProgressEvent({}), undefined);
});

test('an error message throws StreamFailure with the engine text', () => {
  assert.throws(
    () => toProgressEvent({ errorDetail: { message: 'denied: nope' }, error: 'denied: nope' }),
    (e: Error) => e instanceof StreamFailure && e.message === 'denied: nope',
  );
});

test('digestFromStatus reads push and pull lines', () => {
  assert.deepEqual(digestFromStatus(`1.2: digest: ${D} size: 527`), { digest: D, size: 527 });
  assert.deepEqual(digestFromStatus(`Digest: ${D}`), { digest: D, size: undefined });
  assert.equal(digestFromStatus('Status: up to date'), undefined);
});

test('(fake stream) lines split across chunks are parsed in order', async () => {
  const s = new PassThrough();
  const seen: EngineProgressEvent[] = [];
  const p = readProgressStream(s, (e) => seen.push(e));
  s.write('{"status":"Preparing","id":"l1"}\n{"status":"Push');
  s.write('ing","id":"l1","progressDetail":{"current":1,"total":2}}\r\n');
  s.end(`{"aux":{"Tag":"t","Digest":"${D}","Size":9}}`);
  const events = await p;
  assert.deepEqual(events, seen);
  assert.deepEqual(
    events.map((e) => (e.kind === 'layer' ? e.state : e.kind)),
    ['preparing', 'pushing', 'digest'],
  );
});

test('(fake stream) an error line inside a 200 stream rejects', async () => {
  const s = new PassThrough();
  const p = readProgressStream(s, () => {});
  s.write('{"status":"Preparing","id":"l1"}\n');
  s.write('{"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}\n');
  await assert.rejects(p, /unauthorized: authentication required/);
});

test('(fake stream) a stream closed early rejects', async () => {
  const s = new PassThrough();
  const p = readProgressStream(s, () => {});
  s.write('{"status":"Preparing","id":"l1"}\n');
  s.destroy();
  await assert.rejects(p, /closed the progress stream/);
});
