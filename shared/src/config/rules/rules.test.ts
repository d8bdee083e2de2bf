// One fixture per diagnostic code: `bad` must report it with the range starting at (and
// spanning) `mark`; `good` (the fixed file) must not. Fails when a rule is removed, and
// when a code has no fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from '../lint';
import { ruleCodes } from './index';
import { fixtures, G } from './rule-fixtures';

const untestable = new Set(['internal-error']);
/** Codes with their own test files: hardening.test.ts (parsing and bounds), lint-runner.test.ts (worker), files/referenced-files.test.ts (files with real keys), rules/targets.test.ts (driver parameters per target). */
const testedElsewhere = new Set([
  'yaml-encoding',
  'yaml-merge',
  'yaml-alias-cycle',
  'lint-too-large',
  'lint-truncated',
  'lint-timeout',
  'lint-failed',
  'file-not-here',
  'file-invalid',
  'file-warning',
  'tls-key-mismatch',
  'swift-param',
  'gcs-credentials',
]);

for (const f of fixtures) {
  test(`rule ${f.code}: reported on the bad fixture at the exact range, not on the fixed one`, () => {
    const target = f.target ?? '2.8';
    const bad = lintConfig(f.bad, { target, env: f.env });
    const hits = bad.diagnostics.filter((d) => d.code === f.code);
    assert.ok(
      hits.length > 0,
      `expected ${f.code} in: ${JSON.stringify(
        bad.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col} ${d.message}`),
        null,
        1,
      )}`,
    );
    const start = f.first ? f.bad.indexOf(f.mark) : f.bad.lastIndexOf(f.mark);
    assert.ok(start >= 0, 'mark not found in fixture');
    const hit = hits.find((d) => d.range.start.offset === (f.env && !f.keyRange ? 0 : start));
    assert.ok(hit, `${f.code} reported at ${hits.map((h) => h.range.start.offset)}, want offset ${start}`);
    if (!f.startOnly && (!f.env || f.keyRange)) assert.equal(hit.range.end.offset, start + f.mark.length, 'range end');
    if (f.severity) assert.equal(hit.severity, f.severity);
    const good = lintConfig(f.good, { target, env: f.goodEnv });
    assert.deepEqual(
      good.diagnostics.filter((d) => d.code === f.code).map((d) => d.message),
      [],
    );
  });
}

test('every diagnostic code has a fixture', () => {
  const tested = new Set(fixtures.map((f) => f.code));
  const missing = ruleCodes().filter((c) => !tested.has(c) && !untestable.has(c) && !testedElsewhere.has(c));
  assert.deepEqual(missing, []);
});

test('fixes turn bad fixtures into files without that diagnostic', () => {
  const cases: [string, string][] = [
    ['unknown-key', G + 'log:\n  levle: debug\n'],
    ['version-unsupported', G.replace('0.1', '1.0')],
    ['version-missing', G.replace('version: 0.1\n', '')],
    ['uploadpurging', G + '  maintenance:\n    uploadpurging:\n      enabled: true\n'],
    ['type-mismatch', G.replace('secret: s', 'secret: s\n  headers:\n    X-Frame-Options: DENY')],
    ['storage-driver-unknown', G.replace('filesystem:', 'filesytem:')],
    ['redirect-disable', G + '  redirect:\n    enabled: true\n'],
    ['http-secret-missing', G.replace('  secret: s\n', '')],
  ];
  for (const [code, text] of cases) {
    const d = lintConfig(text, { target: '2.8' }).diagnostics.find((x) => x.code === code);
    assert.ok(d?.fix, `${code} has a fix`);
    let out = text;
    for (const e of [...d.fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset))
      out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    const after = lintConfig(out, { target: '2.8' });
    assert.equal(
      after.diagnostics.filter((x) => x.code === code).length,
      0,
      `${code} fixed:\n${out}\n${JSON.stringify(after.diagnostics.map((x) => x.message))}`,
    );
    assert.ok(!after.diagnostics.some((x) => x.code === 'yaml-syntax'), `${code} fix keeps valid YAML:\n${out}`);
  }
});

test('did-you-mean fix renames a misspelled key to the schema key at that level', () => {
  const d = lintConfig(G + 'log:\n  formater: json\n', { target: '2.8' }).diagnostics.find((x) => x.code === 'unknown-key');
  assert.match(d!.message, /Did you mean formatter\?/);
  assert.equal(d!.fix!.edits[0].newText, 'formatter');
});
