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
