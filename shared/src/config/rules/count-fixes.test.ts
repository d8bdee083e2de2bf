// Diagnostics whose message names the fix carry it: an invalid log level offers each valid
// level (the closest, or the default info, first); a second storage driver or auth type is
// removed. Applying a fix makes its diagnostic go away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from '../lint';
import { applyFix } from '../fixes';
import type { Diagnostic } from '../types';

const base = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n';

const apply = applyFix;

function only(text: string, code: string): Diagnostic {
  const ds = lintConfig(text).diagnostics.filter((d) => d.code === code);
  assert.equal(ds.length, 1, JSON.stringify(lintConfig(text).diagnostics.map((d) => d.message)));
  return ds[0]!;
}

test('an invalid log level: Change to info first (no close match), then every other level; each fix is clean', () => {
  const text = `${base}log:\n  level: verbose\n`;
  const d = only(text, 'invalid-loglevel');
  assert.deepEqual(
    [d.fix, ...(d.alternatives ?? [])].map((f) => f?.title),
    ['Change to info', 'Change to error', 'Change to warn', 'Change to debug'],
  );
  for (const f of [d.fix!, ...d.alternatives!]) {
    const fixed = apply(text, f);
    assert.match(fixed, new RegExp(`level: ${f.title.replace('Change to ', '')}\\n$`));
    assert.deepEqual(
      lintConfig(fixed).diagnostics.map((x) => x.code),
      [],
    );
  }
});

test('a misspelt log level: the closest level is the preferred fix', () => {
  const d = only(`${base}log:\n  level: debgu\n`, 'invalid-loglevel');
  assert.equal(d.fix?.title, 'Change to debug');
  assert.equal(d.alternatives?.length, 3);
});

test('two storage drivers: Remove the second one', () => {
  const text = `${base}  inmemory: {}\n  delete:\n    enabled: true\n`;
  const d = only(text, 'storage-driver-count');
  assert.equal(d.fix?.title, 'Remove the inmemory driver');
  const fixed = apply(text, d.fix!);
  assert.equal(fixed, `${base}  delete:\n    enabled: true\n`);
  assert.deepEqual(
    lintConfig(fixed).diagnostics.map((x) => x.code),
    [],
  );
});

test('two auth types: Remove the second block, its options with it', () => {
  const text = `${base}auth:\n  htpasswd:\n    realm: a\n    path: /p\n  silly:\n    realm: a\n    service: b\n`;
  const d = only(text, 'auth-type-count');
  assert.equal(d.fix?.title, 'Remove the silly auth block');
  const fixed = apply(text, d.fix!);
  assert.equal(fixed, `${base}auth:\n  htpasswd:\n    realm: a\n    path: /p\n`);
  assert.deepEqual(
    lintConfig(fixed)
      .diagnostics.filter((x) => x.severity === 'error')
      .map((x) => x.code),
    [],
  );
});
