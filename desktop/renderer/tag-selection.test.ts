import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TagSelection } from './tag-selection';

const order = ['a', 'b', 'c', 'd', 'e'];

test('toggle adds and removes one tag; Shift extends from the last toggled tag', () => {
  const s = new TagSelection();
  s.toggle('b');
  assert.deepEqual(s.tags(order), ['b']);
  s.extend(order, 3);
  assert.deepEqual(s.tags(order), ['b', 'c', 'd']);
  s.extend(order, 0); // the range follows the anchor, it does not grow from the last one
  assert.deepEqual(s.tags(order), ['a', 'b']);
  s.toggle('a');
  assert.deepEqual(s.tags(order), ['b']);
});

test('Shift without an anchor selects just the row it lands on and anchors there', () => {
  const s = new TagSelection();
  s.extend(order, 2);
  assert.deepEqual(s.tags(order), ['c']);
  s.extend(order, 4);
  assert.deepEqual(s.tags(order), ['c', 'd', 'e']);
});

test('all, clear, and a reload that drops deleted tags', () => {
  const s = new TagSelection();
  s.all(['c', 'a']);
  assert.equal(s.size, 2);
  assert.deepEqual(s.tags(order), ['a', 'c'], 'in the order shown');
  s.keepOnly(new Set(['a', 'b']));
  assert.deepEqual(s.tags(), ['a']);
  s.clear();
  assert.equal(s.size, 0);
  assert.equal(s.has('a'), false);
});
