import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retentionPolicyFrom, PolicyInputError } from './policy-input';

const labels = { keep: '--keep', olderThan: '--older-than', match: '--match', exclude: '--exclude', sort: '--sort' };

test('retentionPolicyFrom: what was typed becomes the policy; empty fields are not given', () => {
  const p = retentionPolicyFrom({ keep: '3', olderThan: '30d', match: ['^pr-', '^tmp-'], exclude: '^latest$', sort: 'semver' });
  assert.equal(p.keepNewest, 3);
  assert.equal(p.olderThanMs, 30 * 24 * 3600 * 1000);
  assert.deepEqual(p.deletePatterns?.map(String), ['/^pr-/', '/^tmp-/']);
  assert.deepEqual(p.keepPatterns?.map(String), ['/^latest$/']);
  assert.equal(p.sort, 'semver');
  assert.deepEqual(retentionPolicyFrom({ keep: 0 }), { keepNewest: 0 });
  assert.deepEqual(retentionPolicyFrom({ keep: null, olderThan: '', match: '', exclude: undefined, sort: '' }), {});
});

test('retentionPolicyFrom: bad input is refused naming the field as the front end calls it', () => {
  const refused = (input: Parameters<typeof retentionPolicyFrom>[0], field: string, message: RegExp) =>
    assert.throws(
      () => retentionPolicyFrom(input, labels),
      (e: unknown) => e instanceof PolicyInputError && e.field === field && message.test(e.message),
    );
  refused({ keep: '5x' }, 'keep', /^--keep 5x: give a whole number/);
  refused({ keep: -1 }, 'keep', /^--keep -1: give a whole number/);
  refused({ keep: 1.5 }, 'keep', /whole number/);
  refused({ olderThan: 'soon' }, 'olderThan', /^--older-than: /);
  refused({ match: '(' }, 'match', /^--match \(: not a regular expression/);
  refused({ exclude: ['ok', '['] }, 'exclude', /^--exclude \[: not a regular expression/);
  refused({ sort: 'size' }, 'sort', /^--sort size: use date or semver/);
});
