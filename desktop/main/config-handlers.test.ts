// The config editor's backend hands the renderer every fix of a diagnostic as offsets, the
// extension's words for the version checked against, and "Migrate to 3.1" as edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configHandlers, lintReport } from './handlers/config';
import type { MainContext } from './main-context';
import type { ConfigFixInfo } from '../common';
import { applyOffsetEdits } from '@dockhand/shared/config';

const G = 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /r\nhttp:\n  addr: :5000\n  secret: s\n';
const apply = (text: string, fix: ConfigFixInfo) => applyOffsetEdits(text, fix.edits.map((e) => ({ offset: e.from, length: e.to - e.from, newText: e.insert })));

test('lintReport: every fix of a diagnostic (preferred first) as offsets, and the version in the extension words', () => {
  const text = `${G}log:\n  level: debgu\n`;
  const r = lintReport(text, 'auto');
  assert.equal(r.target, '3.1');
  assert.equal(r.label.text, 'Registry 3.1 (default)');
  const d = r.diagnostics.find((x) => x.code === 'invalid-loglevel')!;
  assert.deepEqual(
    d.fixes?.map((f) => f.title),
    ['Change to debug', 'Change to error', 'Change to warn', 'Change to info'],
  );
  assert.deepEqual(d.fix, d.fixes![0]);
  const fixed = apply(text, d.fixes![2]!);
  assert.match(fixed, /level: warn\n$/);
  assert.deepEqual(lintReport(fixed, 'auto').diagnostics, []);
  assert.equal(lintReport(G, '2.8-debian').label.text, 'Registry 2.8-debian (chosen)');
});

test('migrate: a 2.8 file becomes 3.1 (checked as 3.1 after); a 3.x file only gets the target comment', async () => {
  const api = configHandlers({} as MainContext);
  const text = `${G}redis:\n  addr: localhost:6379\n  pool:\n    maxidle: 16\n`;
  assert.equal(lintReport(text, 'auto').target, '2.8');
  const m = await api.migrate(text, '3.1');
  assert.ok(m);
  assert.equal(m.to, '3.1');
  assert.equal(m.changes, 2);
  const migrated = apply(text, m);
  const after = lintReport(migrated, 'auto');
  assert.equal(after.label.text, 'Registry 3.1 (detected)');
  assert.deepEqual(after.diagnostics.map((d) => d.code), []);
  assert.equal((await api.migrate(G, '3.1'))?.changes, 0, 'a file without 2.8-only keys: only the target comment');
  assert.equal(await api.migrate('version: 0.1\n  bad: [', '3.1'), null, 'unparseable: nothing');
});
