import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CANCELLED, runLoad, type LoadScreen } from './cancellable-load';

function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A screen that records what it was asked to show and keeps the latest Cancel. */
function recordingScreen(): LoadScreen & { shown: string[]; cancel(): void } {
  let cancel: (() => void) | undefined;
  const shown: string[] = [];
  return {
    shown,
    busy(c) {
      cancel = c;
      shown.push('busy');
    },
    cancelled() {
      shown.push('cancelled');
    },
    cancel: () => cancel?.(),
  };
}

test('a load shows its busy state with Cancel and answers the value', async () => {
  const screen = recordingScreen();
  const answer = deferred<string>();
  const result = runLoad({}, screen, () => answer.promise);
  assert.deepEqual(screen.shown, ['busy']);
  answer.resolve('rows');
  assert.equal(await result, 'rows');
  assert.deepEqual(screen.shown, ['busy']);
});

test('Cancel shows the stopped state at once; the late answer is dropped', async () => {
  const screen = recordingScreen();
  const answer = deferred<string>();
  const result = runLoad({}, screen, () => answer.promise);
  screen.cancel();
  assert.deepEqual(screen.shown, ['busy', 'cancelled'], 'the stopped state shows before the work answers');
  answer.resolve('late rows');
  assert.equal(await result, CANCELLED);
});

test('Cancel also drops a late failure (no error box over "Stopped …")', async () => {
  const screen = recordingScreen();
  const answer = deferred<string>();
  const result = runLoad({}, screen, () => answer.promise);
  screen.cancel();
  answer.reject(new Error('first-byte timeout'));
  assert.equal(await result, CANCELLED);
});

test('a failure of the current load rejects as usual', async () => {
  const screen = recordingScreen();
  await assert.rejects(
    runLoad({}, screen, () => Promise.reject(new Error('sent no answer in time'))),
    /sent no answer in time/,
  );
  assert.deepEqual(screen.shown, ['busy']);
});

test('a newer load into the same place supersedes the older; another place is independent', async () => {
  const place = {};
  const first = deferred<string>();
  const second = deferred<string>();
  const other = deferred<string>();
  const s1 = recordingScreen();
  const s2 = recordingScreen();
  const s3 = recordingScreen();
  const r1 = runLoad(place, s1, () => first.promise);
  const r2 = runLoad(place, s2, () => second.promise);
  const r3 = runLoad({}, s3, () => other.promise);
  s1.cancel();
  assert.deepEqual(s1.shown, ['busy'], "the stale load's Cancel does not cover the newer load");
  second.resolve('new');
  first.resolve('old');
  other.resolve('other');
  assert.equal(await r1, CANCELLED);
  assert.equal(await r2, 'new');
  assert.equal(await r3, 'other');
});

test('Retry after Cancel starts a new current load in the same place', async () => {
  const place = {};
  const screen = recordingScreen();
  const hung = deferred<string>();
  const r1 = runLoad(place, screen, () => hung.promise);
  screen.cancel();
  const r2 = runLoad(place, screen, () => Promise.resolve('again'));
  assert.equal(await r2, 'again');
  hung.resolve('late');
  assert.equal(await r1, CANCELLED);
  assert.deepEqual(screen.shown, ['busy', 'cancelled', 'busy']);
});
