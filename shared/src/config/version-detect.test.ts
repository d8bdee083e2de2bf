import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from './index';

const base = 'version: 0.1\nhttp:\n  secret: s\nstorage:\n  inmemory:\n';

test('version: the target option wins, then a dockhand-target comment, then version-specific keys, else 3', () => {
  assert.deepEqual(pick(base, '2.8'), ['2.8', 'target']);
  assert.deepEqual(pick('# dockhand-target: 2.8\n' + base), ['2.8', 'detected']);
  assert.deepEqual(pick(base + 'redis:\n  addrs: [r:6379]\n'), ['3', 'detected']);
  assert.deepEqual(pick(base + '  tag:\n    concurrencylimit: 2\n'), ['3', 'detected']);
  assert.deepEqual(pick(base + 'reporting:\n  bugsnag:\n    apikey: k\n'), ['2.8', 'detected']);
  assert.deepEqual(pick(base + 'redis:\n  addr: r:6379\n  pool:\n    maxidle: 2\n'), ['2.8', 'detected']);
  assert.deepEqual(pick(base), ['3', 'default']);
});

test('the detected version changes the verdict: storage.tag is fine in 3.x', () => {
  const text = base + '  tag:\n    concurrencylimit: 2\n';
  assert.ok(!lintConfig(text).diagnostics.some((d) => d.severity === 'error'));
  assert.ok(lintConfig(text, { target: '2.8' }).diagnostics.some((d) => d.code === 'storage-driver-count'));
});

function pick(text: string, target?: '2.8' | '3'): [string, string] {
  const r = lintConfig(text, { target });
  return [r.version, r.versionSource];
}
