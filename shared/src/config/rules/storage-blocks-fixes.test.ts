// The uploadpurging diagnostics whose message names the fix carry it as a quick fix, and
// applying the fix makes the diagnostic go away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from '../lint';
import { applyFix } from '../fixes';

const config = (block: string) =>
  `version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n  maintenance:\n    uploadpurging:\n${block}`;

const apply = applyFix;

function fixOnce(text: string, title: RegExp): string {
  const d = lintConfig(text).diagnostics.find((x) => x.code === 'uploadpurging' && x.fix && title.test(x.fix.title));
  assert.ok(d?.fix, `a fix ${title} for: ${JSON.stringify(lintConfig(text).diagnostics.map((x) => x.message))}`);
  return apply(text, d.fix);
}

const rest = '      enabled: true\n      interval: 24h\n      dryrun: false\n';

test('age: 168 (a number) -> 168h', () => {
  const fixed = fixOnce(config(`${rest}      age: 168\n`), /^Change to 168h$/);
  assert.match(fixed, /age: 168h\n/);
  assert.deepEqual(
    lintConfig(fixed).diagnostics.filter((d) => d.code === 'uploadpurging'),
    [],
  );
});

test('age: 7d (days are no Go duration) -> 168h; an unparseable one -> the default', () => {
  assert.match(fixOnce(config(`${rest}      age: 7d\n`), /^Change to 168h$/), /age: 168h\n/);
  const fixed = fixOnce(config(`${rest}      age: soon\n`), /^Change to 168h$/);
  assert.deepEqual(
    lintConfig(fixed).diagnostics.filter((d) => d.code === 'uploadpurging'),
    [],
  );
});

test('dryrun: maybe -> false; missing fields are added', () => {
  const fixed = fixOnce(config('      enabled: true\n      age: 168h\n      interval: 24h\n      dryrun: maybe\n'), /^Change to false$/);
  assert.deepEqual(
    lintConfig(fixed).diagnostics.filter((d) => d.code === 'uploadpurging'),
    [],
  );
  const added = fixOnce(config('      enabled: true\n'), /^Add age, interval, dryrun$/);
  assert.deepEqual(
    lintConfig(added).diagnostics.filter((d) => d.code === 'uploadpurging'),
    [],
  );
});
