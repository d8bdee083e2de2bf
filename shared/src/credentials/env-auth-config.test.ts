// DOCKER_AUTH_CONFIG: decoding (env-auth-config.ts) and its place in the lookup order (store.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvAuthConfig } from './env-auth-config';
import { createCredentialStore } from './store';
import type { KeychainBackend } from './keychain';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const envOf = (value: unknown) => ({ DOCKER_AUTH_CONFIG: typeof value === 'string' ? value : JSON.stringify(value) });
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dockhand-env-auth-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('DOCKER_AUTH_CONFIG: auth entries decode to username and password', () => {
  const r = readEnvAuthConfig(
    envOf({ auths: { 'ci.example:5000': { auth: b64('robot:s3cret:with:colons') }, 'https://index.docker.io/v1/': { auth: b64('hub:hubpw') } } }),
  );
  assert.equal(r.problem, undefined);
  assert.deepEqual(r.auths['ci.example:5000'], { username: 'robot', password: 's3cret:with:colons' });
  assert.deepEqual(r.auths['https://index.docker.io/v1/'], { username: 'hub', password: 'hubpw' });
});

test('DOCKER_AUTH_CONFIG unset or blank is no source and no problem', () => {
  assert.deepEqual(readEnvAuthConfig({}), { auths: {} });
  assert.deepEqual(readEnvAuthConfig({ DOCKER_AUTH_CONFIG: '  ' }), { auths: {} });
});

test('a malformed DOCKER_AUTH_CONFIG is ignored whole, with a reason that never quotes it', () => {
  const bad: Array<[unknown, RegExp]> = [
    ['{"auths": {"x.example": {"auth": "dTpw"}', /not valid JSON/],
    [[1, 2], /JSON object/],
    [{ auths: {}, credsStore: 'pass' }, /only "auths", not "credsStore"/],
    [{ auths: { 'x.example': { username: 'u', password: 'topsecret-pw' } } }, /auths\["x\.example"\] may hold only "auth".*"username", "password"/],
    [{ auths: { 'x.example': { auth: '' } } }, /has no "auth"/],
    [{ auths: { 'x.example': { auth: '!!notbase64' } } }, /not base64/],
    [{ auths: { 'x.example': 'dTpw' } }, /must be an object/],
  ];
  for (const [value, re] of bad) {
    const r = readEnvAuthConfig(envOf(value));
    assert.deepEqual(r.auths, {}, JSON.stringify(value));
    assert.match(r.problem ?? '', re);
    assert.match(r.problem ?? '', /DOCKER_AUTH_CONFIG is ignored: .*Fix or unset it/);
    assert.ok(!(r.problem ?? '').includes('topsecret-pw'));
  }
});

test('lookup order: Dockhand keychain, then DOCKER_AUTH_CONFIG, then config.json; a bad variable falls through and is listed as a problem (fake keychain)', async () => {
  const home = join(dir, 'order');
  await mkdir(join(home, '.docker'), { recursive: true });
  await writeFile(
    join(home, '.docker', 'config.json'),
    JSON.stringify({ auths: { 'ci.example': { auth: b64('file-user:file-pw') }, 'other.example': { auth: b64('o:p') } } }),
  );
  const base = { HOME: home, PATH: join(home, 'no-bin'), XDG_RUNTIME_DIR: join(home, 'run') };
  const env = { ...base, ...envOf({ auths: { 'ci.example': { auth: b64('env-user:env-pw') } } }) };

  let got = await createCredentialStore({ env, keychain: 'none' }).get('ci.example');
  assert.deepEqual(
    [got?.username, got?.password, got?.source.kind, got?.source.detail],
    ['env-user', 'env-pw', 'dockerAuthConfig', 'DOCKER_AUTH_CONFIG auths["ci.example"]'],
  );
  got = await createCredentialStore({ env, keychain: 'none' }).get('https://CI.example/v2/');
  assert.equal(got?.username, 'env-user');
  assert.equal((await createCredentialStore({ env, keychain: 'none' }).get('other.example'))?.source.kind, 'auths');

  const data = new Map<string, string>();
  const kc: KeychainBackend = {
    name: 'memory (fake keychain)',
    get: async (s, a) => data.get(`${s}/${a}`),
    set: async (s, a, v) => void data.set(`${s}/${a}`, v),
    delete: async () => false,
    find: async () => [],
  };
  const withKc = createCredentialStore({ env, keychain: kc });
  await withKc.login('ci.example', { username: 'kc-user', password: 'kc-pw' }, { verify: async () => undefined });
  assert.equal((await withKc.get('ci.example'))?.source.kind, 'keychain');

  const badEnv = { ...base, DOCKER_AUTH_CONFIG: '{"auths": {"ci.example": {"username": "env-user", "password": "env-pw"}}}' };
  const bad = createCredentialStore({ env: badEnv, keychain: 'none' });
  assert.equal((await bad.get('ci.example'))?.username, 'file-user');
  const listing = await bad.list();
  assert.equal(listing.problems.length, 1);
  assert.equal(listing.problems[0]!.source, 'dockerAuthConfig');
  assert.ok(!listing.problems[0]!.message.includes('env-pw'));

  const good = await createCredentialStore({ env, keychain: 'none' }).list();
  assert.ok(good.registries.some((r) => r.source.kind === 'dockerAuthConfig' && r.host === 'ci.example' && r.username === 'env-user'));
  const out = await createCredentialStore({ env, keychain: 'none' }).logout('ci.example');
  assert.ok(out.remaining.some((s) => s.kind === 'dockerAuthConfig' && /unset DOCKER_AUTH_CONFIG/.test(s.detail)));
});
