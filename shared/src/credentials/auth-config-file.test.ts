import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAuthConfigText, decodeAuthEntry, entryHasCredential } from './auth-config-file';
import { CredentialConfigError } from './errors';

const b64 = (s: string) => Buffer.from(s).toString('base64');

test('parses auths, credsStore, credHelpers and ignores other keys', () => {
  const text = JSON.stringify({
    auths: { 'a:1': { auth: b64('u:p') }, 'b:2': {} },
    credsStore: 'pass',
    credHelpers: { 'c:3': 'secretservice' },
    psFormat: 'x',
  });
  const f = parseAuthConfigText('/x/config.json', text);
  assert.deepEqual(Object.keys(f.auths), ['a:1', 'b:2']);
  assert.equal(f.credsStore, 'pass');
  assert.deepEqual(f.credHelpers, { 'c:3': 'secretservice' });
});

test('empty file is an empty config', () => {
  const f = parseAuthConfigText('/x/config.json', '  \n');
  assert.deepEqual(f.auths, {});
  assert.equal(f.credsStore, undefined);
});

test('malformed JSON: error has the path, line and column, and does not quote the text', () => {
  const secret = 'c2VjcmV0LXNob3VsZC1ub3QtbGVhaw==';
  const text = `{\n  "auths": {\n    "h:1": { "auth": "${secret}" },\n  }\n}`;
  assert.throws(
    () => parseAuthConfigText('/x/config.json', text),
    (e: unknown) => {
      assert.ok(e instanceof CredentialConfigError);
      assert.equal(e.file, '/x/config.json');
      assert.equal(e.line, 4);
      assert.match(e.message, /^\/x\/config\.json:4:\d+: not valid JSON/);
      assert.ok(!e.message.includes(secret));
      return true;
    },
  );
});

test('wrong types are reported at their position', () => {
  assert.throws(() => parseAuthConfigText('/c.json', '{\n"credsStore": 5}'), /\/c\.json:2:\d+: "credsStore" must be a string/);
  assert.throws(() => parseAuthConfigText('/c.json', '{"auths": {"h": "x"}}'), /auths\["h"\] must be an object/);
  assert.throws(() => parseAuthConfigText('/c.json', '{"credHelpers": {"h": 1}}'), /credHelpers\["h"\] must be a string/);
  assert.throws(() => parseAuthConfigText('/c.json', '[]'), /top level must be a JSON object/);
  assert.throws(() => parseAuthConfigText('/c.json', '{"a": 1} // c'), /comments are not allowed|invalid/i);
});

test('decodeAuthEntry: base64 user:pass, colon in password, NUL trimming, auth wins', () => {
  const where = { path: '/c', key: 'h' };
  assert.deepEqual(decodeAuthEntry({ auth: b64('alice:pa:ss') }, where), { username: 'alice', password: 'pa:ss' });
  assert.deepEqual(decodeAuthEntry({ auth: b64('bob:pw\0\0') }, where), { username: 'bob', password: 'pw' });
  assert.deepEqual(decodeAuthEntry({ auth: b64('a:b'), username: 'x', password: 'y' }, where), { username: 'a', password: 'b' });
  assert.deepEqual(decodeAuthEntry({ username: 'x', password: 'y' }, where), { username: 'x', password: 'y' });
  assert.deepEqual(decodeAuthEntry({ identitytoken: 'tok1234' }, where), { identityToken: 'tok1234' });
  assert.deepEqual(decodeAuthEntry({ registrytoken: 'rtok5678' }, where), { registryToken: 'rtok5678' });
});

test('decodeAuthEntry: invalid base64 and missing colon are clear errors without the value', () => {
  const where = { path: '/c', key: 'h:1' };
  assert.throws(
    () => decodeAuthEntry({ auth: '!!!notbase64!!!' }, where),
    (e: Error) => /not valid base64/.test(e.message) && !e.message.includes('notbase64'),
  );
  assert.throws(() => decodeAuthEntry({ auth: b64('nocolonhere') }, where), /does not decode to "username:password"/);
  assert.throws(() => decodeAuthEntry({ auth: b64(':onlypass') }, where), /does not decode/);
});

test("entryHasCredential: docker's empty entries are not credentials", () => {
  assert.equal(entryHasCredential({}), false);
  assert.equal(entryHasCredential({ email: 'a@b' }), false);
  assert.equal(entryHasCredential({ auth: 'eA==' }), true);
});
