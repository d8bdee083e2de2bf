// Dockhand's own keychain (keytar on a real headless gnome-keyring): a `dockhand login` in
// one process is found by a second process and authenticates a push; a wrong password, a
// locked keychain and a missing D-Bus session each give a clear error and change no file;
// no secret appears in any output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry, startKeyring, type RegistryHandle, type KeyringHandle } from '../bed/index';
import { OutputLog, assertNoSecrets, dockhand, fixtureScript, isolatedEnv, run, snapshot, writeJson } from '../fixtures/credentials/harness';

let reg: RegistryHandle;
let keyring: KeyringHandle;
let work: string;
const log = new OutputLog();
const wrongPassword = 'wrong-' + randomBytes(8).toString('hex');
const plaintextInConfig = 'plain-' + randomBytes(8).toString('hex');

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'dockhand-cred-keychain-'));
  [reg, keyring] = await Promise.all([startRegistry({ tls: true, htpasswd: true }), startKeyring()]);
});

after(async () => {
  try {
    assertNoSecrets(log, [
      [reg.username, reg.password!],
      [reg.username, wrongPassword],
      ['old', plaintextInConfig],
    ]);
  } finally {
    await Promise.allSettled([reg?.stop(), keyring?.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
});

/** A HOME whose docker config holds an unrelated plaintext entry (so "no file changed" is checked on a real file). */
function setup(name: string, withKeyring = true): { env: NodeJS.ProcessEnv; files: string[] } {
  const home = join(work, name);
  const env = isolatedEnv(home, { ...(withKeyring ? keyring.env : {}), HOME: home, NODE_EXTRA_CA_CERTS: reg.caFile });
  const configPath = join(env.DOCKER_CONFIG!, 'config.json');
  writeJson(configPath, { auths: { 'old.example': { auth: Buffer.from(`old:${plaintextInConfig}`).toString('base64') } }, psFormat: 'x' });
  return { env, files: [configPath, env.REGISTRY_AUTH_FILE!] };
}

function login(env: NodeJS.ProcessEnv, password: string, extra: string[] = []) {
  return dockhand(['login', reg.host, '--username', reg.username!, '--password-stdin', ...extra], { env, input: password + '\n', log });
}

test('a keytar login made by dockhand in one process is found by a second process and pushes', async () => {
  const { env, files } = setup('shared');
  const before = snapshot(files);
  const r = await login(env, reg.password!);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Login Succeeded: .* stored in OS keychain \(keytar\)/);
  assert.deepEqual(snapshot(files), before, 'a keychain login writes no file');

  const shown = await dockhand(['creds', reg.host, '--json'], { env, log });
  assert.equal(shown.code, 0, shown.stderr);
  const json = JSON.parse(shown.stdout);
  assert.equal(json.used.source.kind, 'keychain');
  assert.equal(json.used.username, reg.username);

  const pushed = await fixtureScript('resolve-and-push.ts', [reg.host, reg.url, reg.caFile!, 'creds/keychain'], { env, log });
  assert.equal(pushed.code, 0, pushed.stderr);
  const result = JSON.parse(pushed.stdout);
  assert.equal(result.kind, 'keychain');
  assert.match(result.digest, /^sha256:/);

  const listed = await dockhand(['creds'], { env, log });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, new RegExp(`${reg.host.replace(/\./g, '\\.')}\\s+${reg.username}\\s+keychain`));
  assert.match(listed.stdout, /old\.example\s+old\s+auths/);

  const out = await dockhand(['logout', reg.host], { env, log });
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /Removed .* from OS keychain/);
  const after = await dockhand(['creds', reg.host], { env, log });
  assert.equal(after.code, 1);
  assert.match(after.stdout, /no credential/);
});

test('a wrong password: clear error, nothing stored, no file changed', async () => {
  const { env, files } = setup('wrong');
  const before = snapshot(files);
  for (const store of ['keychain', 'docker']) {
    const r = await login(env, wrongPassword, ['--store', store]);
    assert.equal(r.code, 1, `${store}: ${r.stdout}`);
    if (store === 'keychain') assert.match(r.stderr, /did not accept the credential for user ".*".*Nothing was stored/);
    else assert.match(r.stderr, /names no credential helper/); // refused before asking the registry: no plaintext writes
  }
  assert.deepEqual(snapshot(files), before);
  const shown = await dockhand(['creds', reg.host], { env, log });
  assert.equal(shown.code, 1);
});

test('no D-Bus session: the keychain is reported unavailable with alternatives; docker config still works', async () => {
  const { env, files } = setup('no-dbus', false);
  const before = snapshot(files);
  const r = await login(env, reg.password!);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not available.*--store docker/);
  assert.deepEqual(snapshot(files), before);
  const listed = await dockhand(['creds'], { env, log });
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /old\.example/);
  assert.match(listed.stderr, /warning: .*keychain.*not available/i);
});

test('login verifies through the bearer token flow of a token-auth registry', async () => {
  const tokenReg = await startRegistry({ token: true });
  try {
    const home = join(work, 'token');
    const env = isolatedEnv(home, { ...keyring.env, HOME: home, NODE_EXTRA_CA_CERTS: tokenReg.caFile });
    const bad = await dockhand(['login', tokenReg.host, '--username', tokenReg.username!, '--password-stdin'], { env, input: wrongPassword, log });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /did not accept the credential/);
    const good = await dockhand(['login', tokenReg.host, '--username', tokenReg.username!, '--password-stdin'], { env, input: tokenReg.password!, log });
    assert.equal(good.code, 0, good.stderr);
    assert.ok(!good.stdout.includes(tokenReg.password!) && !good.stderr.includes(tokenReg.password!));
    const shown = await dockhand(['creds', tokenReg.host, '--json'], { env, log });
    assert.equal(JSON.parse(shown.stdout).used.source.kind, 'keychain');
  } finally {
    await tokenReg.stop();
  }
});

// Last: it locks the bed keyring for good.
test('a locked keychain: login and lookups fail clearly and change no file', async () => {
  const { env, files } = setup('locked');
  const stored = await login(env, reg.password!);
  assert.equal(stored.code, 0, stored.stderr);
  const lock = await run(
    'dbus-send',
    [
      '--session',
      '--dest=org.freedesktop.secrets',
      '--print-reply',
      '/org/freedesktop/secrets',
      'org.freedesktop.Secret.Service.Lock',
      'array:objpath:/org/freedesktop/secrets/collection/login',
    ],
    { env },
  );
  assert.equal(lock.code, 0, lock.stderr);
  const before = snapshot(files);

  const r = await login(env, reg.password!);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /OS keychain \(keytar\) is locked .*unlock/);
  const shown = await dockhand(['creds', reg.host], { env, log });
  assert.equal(shown.code, 1);
  assert.match(shown.stderr, /is locked/);
  const out = await dockhand(['logout', reg.host], { env, log });
  assert.equal(out.code, 1);
  assert.match(out.stderr, /is locked/);
  const listed = await dockhand(['creds'], { env, log });
  assert.equal(listed.code, 0, listed.stderr); // the listing still shows the other sources, with a warning
  assert.match(listed.stderr, /warning: .*locked/);
  assert.deepEqual(snapshot(files), before);
});
