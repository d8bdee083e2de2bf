// Failure paths through the real `dockhand` CLI against the real TLS+htpasswd registry: a
// malformed config.json and a crashing credential helper (a fake helper: a shell script,
// since no real helper crashes on demand) give one clear error each and change no file;
// no secret appears in any output.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRegistry, type RegistryHandle } from '../bed/index';
import { OutputLog, assertNoSecrets, dockhand, isolatedEnv, snapshot, writeFakeHelper, writeJson } from '../fixtures/credentials/harness';

let reg: RegistryHandle;
let work: string;
const log = new OutputLog();
const fileSecret = 'in-file-' + randomBytes(8).toString('hex');
const helperSecret = 'helper-' + randomBytes(8).toString('hex');

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'dockhand-cred-errors-'));
  reg = await startRegistry({ tls: true, htpasswd: true });
});

after(async () => {
  try {
    assertNoSecrets(log, [
      [reg.username, reg.password!],
      ['someone', fileSecret],
      [undefined, helperSecret],
    ]);
  } finally {
    await reg?.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

function setup(name: string): { env: NodeJS.ProcessEnv; configPath: string; bin: string } {
  const home = join(work, name);
  const bin = join(home, 'bin');
  mkdirSync(bin, { recursive: true });
  const env = isolatedEnv(home, { HOME: home, NODE_EXTRA_CA_CERTS: reg.caFile, PATH: `${bin}:${process.env.PATH}` });
  return { env, configPath: join(env.DOCKER_CONFIG!, 'config.json'), bin };
}

test('a malformed config.json: every command names the file and position, and changes nothing', async () => {
  const { env, configPath } = setup('malformed');
  const auth = Buffer.from(`someone:${fileSecret}`).toString('base64');
  mkdirSync(join(configPath, '..'), { recursive: true });
  writeFileSync(configPath, `{\n\t"auths": {\n\t\t"${reg.host}": { "auth": "${auth}" }\n\t},\n\t"credsStore": "secretservice",\n}\n`);
  const files = [configPath, env.REGISTRY_AUTH_FILE!];
  const before = snapshot(files);
  const position = new RegExp(`${configPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6:1: not valid JSON`);

  const creds = await dockhand(['creds', reg.host], { env, log });
  assert.equal(creds.code, 1);
  assert.match(creds.stderr, position);
  const login = await dockhand(['login', reg.host, '--username', reg.username!, '--password-stdin', '--store', 'docker'], { env, input: reg.password!, log });
  assert.equal(login.code, 1);
  assert.match(login.stderr, position);
  const logout = await dockhand(['logout', reg.host], { env, log });
  assert.equal(logout.code, 1);
  assert.match(logout.stderr, position);
  const listed = await dockhand(['creds', '--json'], { env, log });
  assert.equal(listed.code, 0, listed.stderr);
  assert.ok(JSON.parse(listed.stdout).problems.some((p: { message: string }) => position.test(p.message)));
  assert.deepEqual(snapshot(files), before);
});

test('a crashing credential helper (fake helper): clear errors naming the helper, no file changed', async () => {
  const { env, configPath, bin } = setup('crash');
  // Prints a secret-looking line and dies by a signal, like a helper with a broken keyring library.
  writeFakeHelper(bin, 'crashy', `#!/bin/sh\ncat >/dev/null\necho "token=${helperSecret} failure in native keychain" >&2\nkill -SEGV $$\n`);
  writeJson(configPath, { credsStore: 'crashy', auths: { [reg.host]: {} }, psFormat: 'x' });
  const files = [configPath, env.REGISTRY_AUTH_FILE!];
  const before = snapshot(files);

  const creds = await dockhand(['creds', reg.host], { env, log });
  assert.equal(creds.code, 1);
  assert.match(creds.stderr, /docker-credential-crashy get failed: it was killed by SIGSEGV .*credsStore in .*config\.json/);
  const login = await dockhand(['login', reg.host, '--username', reg.username!, '--password-stdin', '--store', 'docker'], { env, input: reg.password!, log });
  assert.equal(login.code, 1);
  assert.match(login.stderr, /docker-credential-crashy store failed/);
  const logout = await dockhand(['logout', reg.host], { env, log });
  assert.equal(logout.code, 1);
  assert.match(logout.stderr, /docker-credential-crashy/);
  assert.deepEqual(snapshot(files), before);
});

test('a missing credential helper: the error names it and says how to fix it', async () => {
  const { env, configPath } = setup('missing');
  writeJson(configPath, { credHelpers: { [reg.host]: 'not-installed-anywhere' } });
  const r = await dockhand(['creds', reg.host], { env, log });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /docker-credential-not-installed-anywhere is not installed or not on PATH \(credHelpers\["127\.0\.0\.1:\d+"\] in .*config\.json\)/);
});

test('plaintext auths in config.json and containers auth.json are found (docker and podman logins)', async () => {
  const { env, configPath } = setup('plaintext');
  const authFile = env.REGISTRY_AUTH_FILE!;
  writeJson(authFile, { auths: { [reg.host]: { auth: Buffer.from(`${reg.username}:${reg.password}`).toString('base64') } } });
  writeJson(configPath, { auths: {} });
  let r = await dockhand(['creds', reg.host, '--json'], { env, log });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).used.source.kind, 'authJson');
  writeJson(configPath, { auths: { [`https://${reg.host}/v1/`]: { username: reg.username, password: reg.password } } });
  r = await dockhand(['creds', reg.host, '--json'], { env, log });
  assert.equal(JSON.parse(r.stdout).used.source.kind, 'auths');
  assert.match(JSON.parse(r.stdout).used.source.detail, /auths\["https:\/\/127\.0\.0\.1:\d+\/v1\/"\]/);
});
