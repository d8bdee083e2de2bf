// A fix computed for the linted text still applies after the user typed elsewhere (mapped over
// those edits), and is refused when the user edited the very range it replaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditorState } from '@codemirror/state';
import { lintConfig, fixesForDiagnostic } from '@dockhand/shared/config';
import { LintBases, mapFix } from './config-fix-apply';
import type { ConfigFixInfo } from '../../common';

const TEXT = 'version: 0.1\nlog:\n  level: verbose\nstorage:\n  filesystem:\n    rootdirectory: /r\nhttp:\n  addr: :5000\n  secret: s\n';

function levelFix(text: string): ConfigFixInfo {
  const d = lintConfig(text).diagnostics.find((x) => x.code === 'invalid-loglevel')!;
  const f = fixesForDiagnostic(d)[0]!;
  return { title: f.title, edits: f.edits.map((e) => ({ from: e.offset, to: e.offset + e.length, insert: e.newText })) };
}

test('a fix maps over edits typed after the lint: both the edit and the fix are kept', () => {
  const bases = new LintBases();
  let state = EditorState.create({ doc: TEXT });
  const basis = bases.start(TEXT.length);
  const fix = levelFix(TEXT);
  // the user types a comment on line 1 (before the fix's range) and a key at the end (after it)
  for (const change of [
    { from: 12, insert: ' # mine' },
    { from: TEXT.length + 7, insert: '  relativeurls: true\n' },
  ]) {
    const tr = state.update({ changes: change });
    bases.record(tr.changes);
    state = tr.state;
  }
  const changes = mapFix(fix, basis, state.doc.length);
  assert.notEqual(changes, 'changed-since');
  const out = state.update({ changes: changes as Exclude<typeof changes, string> }).state.doc.toString();
  assert.equal(out, TEXT.replace('version: 0.1', 'version: 0.1 # mine').replace('verbose', 'info') + '  relativeurls: true\n');
  assert.deepEqual(
    lintConfig(out).diagnostics.map((d) => d.code),
    [],
  );
});

test('a fix whose range was edited since the lint is refused, and so is one from a basis too old to track', () => {
  const bases = new LintBases();
  let state = EditorState.create({ doc: TEXT });
  const basis = bases.start(TEXT.length);
  const at = TEXT.indexOf('verbose');
  const tr = state.update({ changes: { from: at + 3, to: at + 4, insert: 'X' } });
  bases.record(tr.changes);
  state = tr.state;
  assert.equal(mapFix(levelFix(TEXT), basis, state.doc.length), 'changed-since');
  for (let i = 0; i < 4; i++) bases.start(state.doc.length);
  const old = bases.start(0);
  assert.equal(basis.changes, undefined, 'the oldest basis is no longer tracked');
  assert.equal(mapFix(levelFix(TEXT), basis, state.doc.length), 'changed-since');
  assert.notEqual(old.changes, undefined);
});
