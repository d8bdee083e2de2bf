import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getCompletions, getHoverDoc } from './index';

const text = 'version: 0.1\nlog:\n  level: debug\nstorage:\n  filesystem:\n    rootdirectory: /data\n';

test('hover on a key shows its path, description, enum and default', () => {
  const h = getHoverDoc(text, text.indexOf('level') + 2, '2.8');
  assert.ok(h);
  assert.equal(h.path, 'log.level');
  assert.deepEqual(h.enum, ['error', 'warn', 'info', 'debug']);
  assert.equal(h.default, 'info');
  assert.match(h.description, /error, warn, info or debug/);
  assert.equal(h.range.start.offset, text.indexOf('level'));
  const r = getHoverDoc(text, text.indexOf('/data') + 1, '2.8');
  assert.equal(r?.path, 'storage.filesystem.rootdirectory');
  assert.equal(r?.default, '/var/lib/registry');
  assert.equal(getHoverDoc(text, text.length + 5, '2.8'), undefined);
});

test('completions offer the schema keys of the mapping at the cursor, and enum values', () => {
  const t = 'version: 0.1\nstorage:\n  ';
  const keys = getCompletions(t, t.length, '2.8').map((c) => c.label);
  for (const k of ['filesystem', 's3', 'delete', 'maintenance', 'swift']) assert.ok(keys.includes(k), k);
  const k3 = getCompletions(t, t.length, '3').map((c) => c.label);
  assert.ok(k3.includes('tag') && !k3.includes('swift'));
  const top = getCompletions('', 0, '2.8').map((c) => c.label);
  assert.ok(top.includes('version') && top.includes('http'));
  const v = 'log:\n  formatter: ';
  assert.deepEqual(
    getCompletions(v, v.length, '2.8').map((c) => c.label),
    ['text', 'json', 'logstash'],
  );
});
