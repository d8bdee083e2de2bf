import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, deref } from './yaml-tree';

test('every key and value carries its source offsets (quotes included)', () => {
  const text = 'a: 1\nb:\n  c: "x y"\n  d: [p, q]\n';
  const { root, error } = parseYaml(text);
  assert.equal(error, undefined);
  assert.ok(root && root.kind === 'map');
  const b = root.pairs[1].value;
  assert.ok(b.kind === 'map');
  const c = b.pairs[0].value;
  assert.equal(text.slice(c.start, c.end), '"x y"');
  const d = b.pairs[1].value;
  assert.ok(d.kind === 'seq');
  assert.equal(text.slice(d.items[1].start, d.items[1].end), 'q');
  assert.equal(text.slice(root.pairs[1].key.start, root.pairs[1].key.end), 'b');
});

test('syntax errors come back with a position, never thrown', () => {
  const text = 'a: 1\nb: [x\n';
  const r = parseYaml(text);
  assert.equal(r.root, undefined);
  assert.ok(r.error);
  assert.ok(r.error.offset > 4 && r.error.offset <= text.length);
});

test('only the first document counts (yaml.v2), even when a later one is broken', () => {
  const r = parseYaml('a: 1\n---\nb: [\n');
  assert.equal(r.error, undefined);
  assert.ok(r.root && r.root.kind === 'map' && r.root.pairs.length === 1);
});

test('aliases resolve to their anchors; unknown ones are listed', () => {
  const r = parseYaml('a: &x {k: v}\nb: *x\nc: *nope\n');
  assert.ok(r.root && r.root.kind === 'map');
  assert.equal(deref(r.root.pairs[1].value)?.kind, 'map');
  assert.deepEqual(
    r.unknownAliases.map((a) => a.name),
    ['nope'],
  );
});
