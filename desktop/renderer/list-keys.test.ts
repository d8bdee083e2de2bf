import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTypeAheadKey, listKey, TypeAhead } from './list-keys';

test('arrows, Home/End and paging stay inside the list; Enter opens', () => {
  assert.deepEqual(listKey('ArrowDown', 0, 3), { index: 1 });
  assert.deepEqual(listKey('ArrowDown', 2, 3), { index: 2 });
  assert.deepEqual(listKey('ArrowUp', 0, 3), { index: 0 });
  assert.deepEqual(listKey('End', 0, 3), { index: 2 });
  assert.deepEqual(listKey('Home', 2, 3), { index: 0 });
  assert.deepEqual(listKey('PageDown', 5, 100, 20), { index: 25 });
  assert.deepEqual(listKey('PageUp', 5, 100, 20), { index: 0 });
  assert.deepEqual(listKey('Enter', 1, 3), { open: true });
  assert.deepEqual(listKey('ArrowDown', 0, 0), {});
  assert.deepEqual(listKey('x', 0, 3), {});
});

test('type-ahead: a prefix typed quickly, a repeated letter cycles, a pause starts over', () => {
  let now = 0;
  const ta = new TypeAhead(() => now);
  const labels = ['alpha', 'beta', 'bravo', 'charlie', 'brick'];
  assert.equal(ta.next('b', labels, 0), 1);
  now += 100;
  assert.equal(ta.next('r', labels, 1), 2, '"br" stays on the first match from the active item');
  now += 1000;
  assert.equal(ta.next('b', labels, 2), 4, 'after a pause, "b" again moves on to the next b');
  now += 1000;
  assert.equal(ta.next('z', labels, 4), undefined);
  assert.equal(isTypeAheadKey({ key: 'a', ctrlKey: false, metaKey: false, altKey: false }), true);
  assert.equal(isTypeAheadKey({ key: 'a', ctrlKey: true, metaKey: false, altKey: false }), false);
  assert.equal(isTypeAheadKey({ key: 'ArrowDown', ctrlKey: false, metaKey: false, altKey: false }), false);
});
