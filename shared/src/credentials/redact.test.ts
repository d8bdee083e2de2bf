import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact, redactError, rememberSecret, REDACTED } from './redact';

test('remembered secrets and their encodings are removed', () => {
  rememberSecret('hunter2-secret', 'alice');
  const basic = Buffer.from('alice:hunter2-secret').toString('base64');
  const out = redact(`pw hunter2-secret, header ${basic}, url ${encodeURIComponent('hunter2-secret')}`);
  assert.ok(!out.includes('hunter2-secret'));
  assert.ok(!out.includes(basic.replace(/=+$/, '')));
  assert.ok(out.includes(REDACTED));
});

test('secret-shaped fields are removed even when unknown', () => {
  const cases = [
    'Authorization: Basic YWxpY2U6c2VjcmV0MTIz',
    'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def',
    '{"password": "p@ss\\"word", "Secret":"zzz", "identitytoken":"it-1", "auth":"QUJD"}',
    'https://bob:topsecret@registry.example.com/v2/',
    'token=abcdef&x=1',
    'retry with Basic dWdseTpsb25nLXBhc3N3b3Jk in the log',
  ];
  const leaks = ['YWxpY2U6c2VjcmV0MTIz', 'eyJhbGciOiJIUzI1NiJ9', 'p@ss', 'zzz', 'it-1', 'QUJD', 'topsecret', 'abcdef', 'dWdseTpsb25nLXBhc3N3b3Jk'];
  const out = cases.map((c) => redact(c)).join('\n');
  for (const l of leaks) assert.ok(!out.includes(l), `leaked ${l}: ${out}`);
  assert.match(out, /registry\.example\.com/);
});

test('extra secrets and redactError', () => {
  const err = redactError(new Error('failed with one-off-secret inside'), ['one-off-secret']);
  assert.equal(err.message, `failed with ${REDACTED} inside`);
  assert.ok(!err.stack?.includes('one-off-secret'));
  assert.equal(redact('nothing here'), 'nothing here');
});

test('a remembered secret is removed from base64 text wherever it starts (any alignment, either alphabet)', () => {
  rememberSecret('aligned-Secret-42?>', 'dora');
  for (const prefix of ['', 'x', 'xy', 'xyz:', '{"auth":"']) {
    for (const inner of ['aligned-Secret-42?>', 'dora:aligned-Secret-42?>']) {
      const std = Buffer.from(`${prefix}${inner} and more`).toString('base64');
      const url = Buffer.from(`${prefix}${inner} and more`).toString('base64url');
      for (const text of [std, url]) {
        const out = redact(`body: ${text}`);
        assert.ok(out.includes(REDACTED), `not redacted: ${text}`);
        const left = out.replace(/\[REDACTED\]/g, ' ');
        // What is left must not decode back to the secret in any alignment.
        for (const chunk of left.split(/\s+/)) {
          for (const cut of [0, 1, 2, 3])
            assert.ok(!Buffer.from(chunk.slice(cut), 'base64').toString('latin1').includes('Secret-42'), `still decodes: ${chunk}`);
        }
      }
    }
  }
});
