// The merge rules on hand-written layer indexes: whiteouts, opaque directories, replacement,
// directory merge, implied parents, hard links, symlink resolution and wasted bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MergedTree } from './merged-tree';
import { entryFromHeader, modeString, normalizePath, type LayerEntry } from './layer-entry';

const f = (path: string, size = 1, extra: Partial<LayerEntry> = {}): LayerEntry => ({ path, type: 'file', size, mode: 0o644, uid: 0, gid: 0, ...extra });
const d = (path: string): LayerEntry => ({ path, type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
const wh = (path: string): LayerEntry => ({ path, type: 'whiteout', size: 0, mode: 0, uid: 0, gid: 0 });
const opq = (path: string): LayerEntry => ({ path, type: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });
const paths = (t: MergedTree) => [...t.walk()].map((e) => e.path);

test('tar names: normalized, whiteouts and opaque markers recognized, escapes refused', () => {
  assert.equal(normalizePath('./etc//passwd'), 'etc/passwd');
  assert.equal(normalizePath('/'), '');
  assert.equal(normalizePath('a/../../b'), undefined);
  assert.deepEqual(entryFromHeader({ name: 'app/.wh.old', type: 'file', size: 0 })?.type, 'whiteout');
  assert.equal(entryFromHeader({ name: 'app/.wh.old', type: 'file' })?.path, 'app/old');
  assert.deepEqual(entryFromHeader({ name: './app/.wh..wh..opq', type: 'file' }), { path: 'app', type: 'opaque', size: 0, mode: 0, uid: 0, gid: 0 });
  assert.equal(entryFromHeader({ name: 'x/../../etc', type: 'file' }), undefined);
  assert.equal(entryFromHeader({ name: 'l', type: 'link', linkname: './bin/busybox' })?.link, 'bin/busybox');
  assert.equal(modeString({ type: 'dir', mode: 0o1777 }), 'drwxrwxrwt');
  assert.equal(modeString({ type: 'file', mode: 0o4755 }), '-rwsr-xr-x');
});

test('whiteouts delete lower entries (and subtrees); a layer does not white out its own entries', () => {
  const t = MergedTree.fromLayers([
    [d('app'), f('app/a', 10), d('app/sub'), f('app/sub/x', 5), f('keep', 3)],
    [wh('app/a'), wh('app/sub'), f('app/b', 2), wh('nothing-there')],
  ]);
  assert.deepEqual(paths(t), ['app', 'app/b', 'keep']);
  assert.deepEqual(
    t.hidden.map((h) => [h.path, h.layer, h.by, h.reason]),
    [
      ['app/a', 0, 1, 'deleted'],
      ['app/sub/x', 0, 1, 'deleted'],
    ],
  );
  assert.deepEqual(t.wastedPerLayer(), [15, 0]);
});

test("an opaque directory hides everything beneath it from lower layers, keeps its own layer's entries", () => {
  const t = MergedTree.fromLayers([
    [d('etc'), d('etc/conf.d'), f('etc/conf.d/old', 7), f('etc/conf.d/shared', 1)],
    [f('etc/conf.d/new', 4), opq('etc/conf.d'), f('etc/conf.d/shared', 9)],
  ]);
  assert.deepEqual(paths(t), ['etc', 'etc/conf.d', 'etc/conf.d/new', 'etc/conf.d/shared']);
  assert.equal(t.get('etc/conf.d/shared')?.size, 9);
  assert.equal(t.get('etc/conf.d/shared')?.layer, 1);
  assert.equal(t.wastedPerLayer()[0], 8);
});

test('replacement: file over file, file over directory, directory over directory merges; parents implied', () => {
  const t = MergedTree.fromLayers([
    [d('a'), f('a/one', 1), f('b', 100), d('c'), f('c/x', 2)],
    [{ ...d('a'), mode: 0o700 }, f('a/two', 1), f('b', 50), f('c', 4), f('deep/er/file', 1)],
  ]);
  assert.deepEqual(paths(t), ['a', 'a/one', 'a/two', 'b', 'c', 'deep', 'deep/er', 'deep/er/file']);
  assert.equal(t.get('a')?.mode, 0o700);
  assert.equal(t.get('deep/er')?.implied, true);
  assert.deepEqual(
    t.hidden.map((h) => [h.path, h.reason]),
    [
      ['b', 'overwritten'],
      ['c/x', 'deleted'],
    ],
  );
});

test("hard links take their target's size; symlinks resolve like the kernel, loops end", () => {
  const t = MergedTree.fromLayers([
    [d('bin'), f('bin/busybox', 1000, { mode: 0o755 }), { path: 'bin/sh', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link: 'busybox' }],
    [
      { path: 'bin/hard', type: 'hardlink', size: 0, mode: 0o755, uid: 0, gid: 0, link: 'bin/busybox' },
      { path: 'usr', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link: '/' },
      { path: 'loop', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, link: 'loop' },
    ],
  ]);
  assert.equal(t.get('bin/hard')?.size, 1000);
  assert.equal(t.resolve('bin/sh')?.path, 'bin/busybox');
  assert.equal(t.resolve('bin/sh', false)?.path, 'bin/sh');
  assert.equal(t.resolve('usr/bin/../bin/sh')?.path, 'bin/busybox');
  assert.equal(t.resolve('loop'), undefined);
  assert.equal(t.resolve('bin/busybox/x'), undefined);
});
