// Credentials stored by the real docker CLI through real credential helpers
// (docker-credential-secretservice on a headless gnome-keyring, docker-credential-pass on
// a GnuPG/pass store) are found by Dockhand's resolver and authenticate a real push to the
// TLS+htpasswd registry; per-registry credHelpers win over credsStore; `dockhand login
// --store docker` stores through docker's helper so the docker CLI sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry, startKeyring, startPass, pushBlob, registryFetch, type RegistryHandle, type KeyringHandle, type PassHandle } from '../bed/index';
import { createCredentialStore } from '../../shared/src/credentials/store';
import { OutputLog, assertNoSecrets, dockhand, isolatedEnv, run, writeJson } from '../fixtures/credentials/harness';

let reg: RegistryHandle;
let keyring: KeyringHandle;
let pass: PassHandle;
let work: string;
const log = new OutputLog();
const wrongPassword = 'wrong-' + randomBytes(8).toString('hex');

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'dockhand-cred-helpers-'));
  [reg, keyring, pass] = await Promise.all([startRegistry({ tls: true, htpasswd: true }), startKeyring(), startPass()]);
});

after(async () => {
  try {
    assertNoSecrets(log, [
      [reg.username, reg.password!],
      [reg.username, wrongPassword],
    ]);
  } finally {
    await Promise.allSettled([reg?.stop(), keyring?.stop(), pass?.stop()]);
    rmSync(work, { recursive: true, force: true });
  }
});

/** An isolated HOME with a docker config folder, and the keyring + pass environment. */
function envFor(name: string, config: unknown): { env: NodeJS.ProcessEnv; configPath: string } {
  const home = join(work, name);
  const env = isolatedEnv(home, {
    ...keyring.env,
    HOME: home,
    GNUPGHOME: pass.env.GNUPGHOME,
    PASSWORD_STORE_DIR: pass.env.PASSWORD_STORE_DIR,
    NODE_EXTRA_CA_CERTS: reg.caFile,
  });
  const configPath = join(env.DOCKER_CONFIG!, 'config.json');
  writeJson(configPath, config);
  return { env, configPath };
}

async function dockerLogin(env: NodeJS.ProcessEnv, password: string): Promise<void> {
  const r = await run('docker', ['login', '--username', reg.username!, '--password-stdin', reg.host], { env, input: password + '\n' });
  log.add(r);
  assert.equal(r.code, 0, `docker login failed: ${r.stderr}`);
  assert.match(r.stdout, /Login Succeeded/);
}

async function helperStore(env: NodeJS.ProcessEnv, helper: string, username: string, secret: string): Promise<void> {
  const r = await run(`docker-credential-${helper}`, ['store'], { env, input: JSON.stringify({ ServerURL: reg.host, Username: username, Secret: secret }) });
  log.add(r);
  assert.equal(r.code, 0, `${helper} store failed: ${r.stdout} ${r.stderr}`);
}

/** Push a blob with the resolved credential through the bed's own HTTP client (independent of Dockhand's transport). */
async function pushWith(cred: { username?: string; password?: string } | undefined, repo: string): Promise<string> {
  return pushBlob({ url: reg.url, caFile: reg.caFile, username: cred?.username, password: cred?.password }, repo, randomBytes(256));
}

test('the registry rejects anonymous and wrong-password pushes (the checks below can fail)', async () => {
  const anon = await registryFetch({ url: reg.url, caFile: reg.caFile }, '/v2/_catalog', { anonymous: true });
  assert.equal(anon.status, 401);
  await anon.body?.cancel();
  await assert.rejects(pushWith({ username: reg.username, password: wrongPassword }, 'creds/negative'), /401/);
});

test('docker login through credsStore secretservice (gnome-keyring) is found and pushes', async () => {
  const { env, configPath } = envFor('secretservice', { credsStore: 'secretservice', psFormat: 'table {{.ID}}' });
  await dockerLogin(env, reg.password!);
  assert.ok(
    !readFileSync(configPath, 'utf8').includes(Buffer.from(`${reg.username}:${reg.password}`).toString('base64')),
    'docker kept the secret out of config.json',
  );

  const cred = await createCredentialStore({ env, keychain: 'none' }).get(reg.host);
  assert.equal(cred?.source.kind, 'credsStore');
  assert.match(cred!.source.detail, /docker-credential-secretservice/);
  assert.equal(cred?.username, reg.username);
  const digest = await pushWith(cred, 'creds/secretservice');
  assert.match(digest, /^sha256:[0-9a-f]{64}$/);

  const shown = await dockhand(['creds', reg.host, '--json'], { env, log });
  assert.equal(shown.code, 0, shown.stderr);
  const json = JSON.parse(shown.stdout);
  assert.equal(json.found, true);
  assert.equal(json.used.source.kind, 'credsStore');
  assert.equal(json.used.username, reg.username);
});

test('docker login through credsStore pass is found and pushes', async () => {
  const { env } = envFor('pass', { credsStore: 'pass' });
  await dockerLogin(env, reg.password!);
  const store = createCredentialStore({ env, keychain: 'none' });
  const cred = await store.get(reg.host);
  assert.equal(cred?.source.kind, 'credsStore');
  assert.match(cred!.source.detail, /docker-credential-pass/);
  await pushWith(cred, 'creds/pass');
  // pass answers an unknown server with empty fields: that is "no credential", not an error.
  assert.equal(await store.get('127.0.0.1:1'), undefined);
  const listing = await store.list();
  assert.ok(listing.registries.some((r) => r.host === reg.host && r.source.kind === 'credsStore' && r.username === reg.username));
});

test('per-registry credHelpers win over credsStore', async () => {
  const { env } = envFor('helpers-win', { credsStore: 'pass', credHelpers: { [reg.host]: 'secretservice' } });
  await helperStore(env, 'secretservice', reg.username!, reg.password!);
  await helperStore(env, 'pass', reg.username!, wrongPassword);

  const cred = await createCredentialStore({ env, keychain: 'none' }).get(reg.host);
  assert.equal(cred?.source.kind, 'credHelper');
  assert.match(cred!.source.detail, /docker-credential-secretservice \(credHelpers\["127\.0\.0\.1:\d+"\]/);
  await pushWith(cred, 'creds/helpers-win');

  // Without the per-registry helper, credsStore (pass, wrong password) answers, and the push fails.
  const { env: env2 } = envFor('helpers-win-2', { credsStore: 'pass' });
  const fromStore = await createCredentialStore({ env: env2, keychain: 'none' }).get(reg.host);
  assert.equal(fromStore?.source.kind, 'credsStore');
  await assert.rejects(pushWith(fromStore, 'creds/helpers-win'), /401/);
});

test('dockhand login --store docker stores through the configured helper; docker sees it; logout erases it', async () => {
  const other = Buffer.from('someone:else-secret').toString('base64');
  const { env, configPath } = envFor('login-docker', {
    credsStore: 'secretservice',
    psFormat: 'table {{.ID}}',
    auths: { 'other.example:5000': { auth: other } },
    plugins: { x: { y: '1' } },
  });
  const r = await dockhand(['login', reg.host, '--username', reg.username!, '--password-stdin', '--store', 'docker'], { env, input: reg.password + '\n', log });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Login Succeeded: .* stored in docker-credential-secretservice/);

  const got = await run('docker-credential-secretservice', ['get'], { env, input: reg.host });
  assert.equal(got.code, 0);
  assert.equal(JSON.parse(got.stdout).Username, reg.username); // (stdout holds the secret: not added to the log)
  const cfg = JSON.parse(readFileSync(configPath, 'utf8'));
  assert.deepEqual(cfg.auths[reg.host], {});
  assert.deepEqual(cfg.auths['other.example:5000'], { auth: other });
  assert.equal(cfg.psFormat, 'table {{.ID}}');
  assert.deepEqual(cfg.plugins, { x: { y: '1' } });

  const out = await dockhand(['logout', reg.host], { env, log });
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /Removed 127\.0\.0\.1:\d+ from docker-credential-secretservice/);
  const gone = await run('docker-credential-secretservice', ['get'], { env, input: reg.host });
  log.add(gone);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stdout, /credentials not found/);
  const after = JSON.parse(readFileSync(configPath, 'utf8'));
  assert.equal(reg.host in after.auths, false);
  assert.deepEqual(after.auths['other.example:5000'], { auth: other });
});

test('a keyring that is gone or locked is a listed problem, never a registry without a name (credsStore secretservice)', async () => {
  const { env } = envFor('keyring-gone', { credsStore: 'secretservice' });
  await helperStore(env, 'secretservice', reg.username!, reg.password!);
  const store = createCredentialStore({ env, keychain: 'none' });
  const credsStoreHosts = (l: Awaited<ReturnType<typeof store.list>>) => l.registries.filter((r) => r.source.kind === 'credsStore').map((r) => r.host);
  assert.deepEqual(credsStoreHosts(await store.list()), [reg.host], 'listed while the keyring runs');
  await keyring.killDaemon();
  try {
    // Gone: the helper fails.
    const gone = await store.list();
    assert.deepEqual(credsStoreHosts(gone), []);
    assert.match(gone.problems.find((p) => p.source === 'credsStore')?.message ?? '', /docker-credential-secretservice list failed/);
    // Locked (a desktop's D-Bus activation starts the daemon without the password):
    // docker-credential-secretservice answers {"": "account not defined"} with exit 0.
    await keyring.restartDaemon({ locked: true });
    const locked = await store.list();
    assert.deepEqual(credsStoreHosts(locked), []);
    assert.match(
      locked.problems.find((p) => p.source === 'credsStore')?.message ?? '',
      /docker-credential-secretservice list answered an entry without a server address.*not running or not unlocked/,
    );
  } finally {
    await keyring.killDaemon();
    await keyring.restartDaemon();
  }
  const again = await store.list();
  assert.ok(
    again.registries.some((r) => r.host === reg.host && r.username === reg.username),
    `listed again once the keyring is back and unlocked (same keyring files): ${JSON.stringify(again)}`,
  );
  assert.deepEqual(keyring.deaths(), [], 'no unexpected keyring exit');
});
