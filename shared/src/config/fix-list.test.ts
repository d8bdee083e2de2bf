// Every quick fix the linter offers, applied and re-linted with the real rules: on one bad
// file per diagnostic code (rules/rule-fixtures.ts), on the differential corpus
// (test/fixtures/config-corpus) and on the cases issue 15 names. The diagnostic goes away and
// no new error appears. Plus the offset form both front ends apply, and "Migrate to 3.1".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintConfig } from './lint';
import { applyOffsetEdits, fixesForDiagnostic, lintTargetLabel, migrationFix, DEFAULT_LINT_TARGET } from './fix-list';
import { fixtures, G } from './rules/rule-fixtures';
import type { Diagnostic, LintOptions, TargetName } from './types';

interface Case {
  name: string;
  text: string;
  target?: TargetName;
  env?: Record<string, string>;
}

const CORPUS = join(__dirname, '../../../test/fixtures/config-corpus');
const PLACEHOLDERS: Record<string, string> = {
  __ADDR__: '127.0.0.1:5000',
  __ROOT__: '/var/lib/registry',
  __CERT__: '/etc/registry/cert.pem',
  __KEY__: '/etc/registry/key.pem',
  __OTHERKEY__: '/etc/registry/other.pem',
  __RSAKEY__: '/etc/registry/rsa.pem',
  __DIR__: '/etc/registry',
  __HTPASSWD__: '/etc/registry/htpasswd',
  __UPSTREAM__: 'https://registry-1.docker.io',
};

function corpusCases(): Case[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ name: `corpus ${f}`, text: readFileSync(join(CORPUS, f), 'utf8').replace(/__[A-Z0-9_]+__/g, (m) => PLACEHOLDERS[m] ?? m) }));
}

/** The cases issue 15 item 14 names, each as it is typed. */
const issueCases: Case[] = [
  { name: 'age: 168', text: `${G}  maintenance:\n    uploadpurging:\n      enabled: true\n      age: 168\n      interval: 24h\n      dryrun: false\n` },
  { name: 'interval: 1d', text: `${G}  maintenance:\n    uploadpurging:\n      enabled: true\n      age: 168h\n      interval: 1d\n      dryrun: false\n` },
  { name: 'invalid log level', text: `${G}log:\n  level: verbose\n` },
  { name: 'missing uploadpurging fields', text: `${G}  maintenance:\n    uploadpurging:\n      enabled: true\n` },
  { name: 'two drivers', text: `${G}  inmemory: {}\n` },
  { name: 'two auth types', text: `${G}auth:\n  htpasswd:\n    realm: r\n    path: /p\n  silly:\n    realm: r\n    service: s\n` },
];

const key = (d: Diagnostic) => `${d.code}\u0000${d.message}`;
const count = (ds: Diagnostic[], k: string) => ds.filter((d) => key(d) === k).length;

/**
 * The registry stops at the first problem of some sections, and so does the linter: fixing that
 * problem shows the next one, which was there all along (e.g. a misspelt auth type renamed to
 * htpasswd now needs its path). Each such pair is listed here, nothing else is tolerated.
 */
const REVEALED: Record<string, string[]> = {
  'auth-unknown': ['auth-required'],
  'version-missing': ['storage-missing'],
};

/** Apply each fix of each diagnostic of `c`; returns how many fixes were checked and what went wrong. */
function checkEveryFix(c: Case): { checked: number; failures: string[] } {
  const options: LintOptions = { target: c.target ?? 'auto', env: c.env };
  const before = lintConfig(c.text, options);
  // Re-lint against the exact version the first lint used, so a fix cannot "pass" by flipping the detected version.
  const again: LintOptions = { ...options, target: before.target ?? (before.version === '2.8' ? '2.8' : '3.1') };
  let checked = 0;
  const failures: string[] = [];
  for (const d of before.diagnostics) {
    for (const fix of fixesForDiagnostic(d)) {
      checked++;
      const fixed = applyOffsetEdits(c.text, fix.edits);
      const after = lintConfig(fixed, again).diagnostics;
      const where = `${c.name}: ${d.code} "${d.message}" -> "${fix.title}"\n--- fixed text ---\n${fixed}\n--- after ---\n${after.map((x) => `${x.code}: ${x.message}`).join('\n')}\n`;
      if (fixed === c.text) failures.push(`the fix changes nothing: ${where}`);
      else if (count(after, key(d)) >= count(before.diagnostics, key(d))) failures.push(`the diagnostic is still there: ${where}`);
      // A new error: a code reported as an error more often than before (removing one of three auth types
      // changes the message of the one left, so codes are counted, not messages).
      const errors = (ds: Diagnostic[], code: string) => ds.filter((x) => x.severity === 'error' && x.code === code).length;
      const newErrors = after.filter(
        (x) => x.severity === 'error' && errors(after, x.code) > errors(before.diagnostics, x.code) && !REVEALED[d.code]?.includes(x.code),
      );
      if (newErrors.length) failures.push(`a new error (${newErrors.map((x) => x.code).join(', ')}): ${where}`);
    }
  }
  return { checked, failures };
}

function checkAll(cases: Case[], atLeast: number): void {
  let checked = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const r = checkEveryFix(c);
    checked += r.checked;
    failures.push(...r.failures);
  }
  assert.deepEqual(failures, []);
  assert.ok(checked >= atLeast, `only ${checked} fixes checked`);
}

test('every fix on the one-bad-file-per-code fixtures removes its diagnostic and adds no error', () => {
  checkAll(
    fixtures.map((f) => ({ name: `fixture ${f.code}`, text: f.bad, target: f.target ?? '2.8', env: f.env })),
    54,
  );
});

test('every fix on the differential corpus removes its diagnostic and adds no error', () => {
  checkAll(corpusCases(), 105);
});

test("the issue's cases all get fixes, each clean", () => {
  for (const c of issueCases) {
    const fixable = lintConfig(c.text).diagnostics.filter((d) => d.severity === 'error');
    assert.ok(fixable.length > 0, `${c.name}: an error is reported`);
    for (const d of fixable) assert.ok(fixesForDiagnostic(d).length > 0, `${c.name}: ${d.code} "${d.message}" has a fix`);
    checkAll([c], 1);
  }
});

test('age: 168 becomes 168h: the offset edit replaces exactly the value', () => {
  const text = issueCases[0]!.text;
  const d = lintConfig(text).diagnostics.find((x) => x.code === 'uploadpurging')!;
  const [fix, ...rest] = fixesForDiagnostic(d);
  assert.equal(fix!.title, 'Change to 168h');
  assert.equal(fix!.preferred, true);
  assert.equal(rest.length, 0);
  assert.deepEqual(fix!.edits, [{ offset: text.indexOf('168\n'), length: 3, newText: '168h' }]);
});

test('an invalid log level: the preferred fix first, each other level after it, not preferred', () => {
  const d = lintConfig(`${G}log:\n  level: debgu\n`).diagnostics.find((x) => x.code === 'invalid-loglevel')!;
  const fixes = fixesForDiagnostic(d);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.preferred]),
    [
      ['Change to debug', true],
      ['Change to error', false],
      ['Change to warn', false],
      ['Change to info', false],
    ],
  );
});

test('applyOffsetEdits applies edits from the end (offsets stay valid) and refuses edits outside the text', () => {
  assert.equal(
    applyOffsetEdits('abcdef', [
      { offset: 0, length: 1, newText: 'X' },
      { offset: 4, length: 2, newText: 'YZ!' },
    ]),
    'XbcdYZ!',
  );
  assert.throws(() => applyOffsetEdits('abc', [{ offset: 2, length: 5, newText: '' }]), /outside the text/);
  assert.throws(
    () =>
      applyOffsetEdits('abcdef', [
        { offset: 0, length: 3, newText: '' },
        { offset: 2, length: 1, newText: '' },
      ]),
    /overlap/,
  );
  assert.equal(
    applyOffsetEdits('abc', [
      { offset: 1, length: 0, newText: '#' },
      { offset: 1, length: 1, newText: 'B' },
    ]),
    'a#Bc',
    'an insertion and a replacement at one offset: in the order given',
  );
});

test('Migrate to 3.1: a 2.8 file becomes a clean 3.1 file; nothing to migrate gives no fix', () => {
  // redis.pool last: an insertion and a replacement at one offset (the comment, then the new key)
  const text = `${G}redis:\n  addr: localhost:6379\n  dialtimeout: 10ms\nreporting:\n  bugsnag:\n    apikey: k\n`;
  const withPool = `${G}redis:\n  addr: localhost:6379\n  pool:\n    maxidle: 16\n`;
  const pooled = migrationFix(withPool, '3.1')!;
  const pooledText = applyOffsetEdits(withPool, pooled.edits);
  assert.match(pooledText, /\n {2}# dockhand migrate: redis\.pool [^\n]*\n {2}maxidleconns: 16\n/);
  assert.deepEqual(
    lintConfig(pooledText).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  assert.equal(lintConfig(text).version, '2.8');
  const m = migrationFix(text, '3.1');
  assert.ok(m, 'a migration');
  assert.match(m.title, /^Migrate to registry 3\.1 \(\d+ changes, explained in comments\)$/);
  const migrated = applyOffsetEdits(text, m.edits);
  const after = lintConfig(migrated);
  assert.equal(after.target, '3.1');
  assert.deepEqual(
    after.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  assert.equal(migrationFix('version: 0.1\n  bad: [', '3.1'), undefined);
});

test('both front ends say which version: the default is 3.1, and why', () => {
  const plain = lintConfig(G);
  assert.equal(plain.versionSource, 'default');
  assert.deepEqual(lintTargetLabel(plain), {
    version: DEFAULT_LINT_TARGET,
    text: 'Registry 3.1 (default)',
    why: 'Checked against registry 3.1: the default (3.1): nothing in the file tells the versions apart.',
  });
  assert.equal(lintTargetLabel(lintConfig(`# dockhand-target: 2.8\n${G}`)).text, 'Registry 2.8 (detected)');
  assert.equal(lintTargetLabel(lintConfig(G, { target: '3.0' })).text, 'Registry 3.0 (chosen)');
  assert.equal(lintTargetLabel(lintConfig(G, { target: '2.8-debian' })).text, 'Registry 2.8-debian (chosen)');
});
