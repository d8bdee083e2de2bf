import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectedNodes, withoutSelectionList, isNodeList } from './selection';
import type { TagNode } from './nodes';

const target = { url: 'http://reg:5000', host: 'reg:5000' };
const tag = (t: string): TagNode => ({ kind: 'tag', target, repo: 'team/app', tag: t });

test('selection: a one-item command drops the selected-items list VS Code passes as its second argument, and keeps its own arguments', () => {
  const a = tag('a');
  assert.deepEqual(withoutSelectionList([a, [a, tag('b')]]), [a]);
  assert.deepEqual(withoutSelectionList([a, 'new-tag']), [a, 'new-tag']);
  assert.deepEqual(withoutSelectionList([a, { confirm: 'untag' }]), [a, { confirm: 'untag' }]);
  assert.deepEqual(withoutSelectionList([a, []]), [a, []], 'an empty list is not a selection');
  assert.equal(isNodeList([a, 'x']), false);
});

test('selection: a multi-item command gets every selected tag from the list, or the one node given', () => {
  const [a, b] = [tag('a'), tag('b')];
  assert.deepEqual(selectedNodes(a, [a, b, { kind: 'repository', target, repo: 'x' }], 'tag'), [a, b]);
  assert.deepEqual(selectedNodes(a, { confirm: 'untag' }, 'tag'), [a]);
  assert.deepEqual(selectedNodes(undefined, undefined, 'tag'), [], 'no view, no selection');
});
