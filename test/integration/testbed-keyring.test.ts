// The test bed's headless gnome-keyring and pass store work with keytar and the Docker credential helpers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startKeyring, startPass, type KeyringHandle, type PassHandle } from '../bed/index';

const repoRoot = join(import.meta.dirname ?? __dirname, '../..');
let keyring: KeyringHandle;
let pass: PassHandle;
before(async () => {
  [keyring, pass] = await Promise.all([startKeyring(), startPass()]);
});
after(async () => {
  await Promise.all([keyring?.stop(), pass?.stop()]);
});

function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.DISPLAY;
  return env;
}

function helper(name: string, env: Record<string, string>, verb: string, input: string) {
  const r = spawnSync(`docker-credential-${name}`, [verb], { input, env: envWith(env), encoding: 'utf8', timeout: 60000 });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

test('keytar set/get/find/delete round-trips through the bed gnome-keyring (child process)', () => {
  const secret = 'pw-' + randomBytes(8).toString('hex');
  const script = `
    const keytar = require('keytar');
    (async () => {
      await keytar.setPassword('dockhand-bed-test', 'alice@127.0.0.1', process.env.SECRET);
      const got = await keytar.getPassword('dockhand-bed-test', 'alice@127.0.0.1');
      const found = await keytar.findCredentials('dockhand-bed-test');
      const deleted = await keytar.deletePassword('dockhand-bed-test', 'alice@127.0.0.1');
      const after = await keytar.getPassword('dockhand-bed-test', 'alice@127.0.0.1');
      console.log(JSON.stringify({ ok: got === process.env.SECRET, found: found.map((c) => c.account), deleted, after }));
    })().catch((e) => { console.error(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, env: envWith({ ...keyring.env, SECRET: secret }), encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, found: ['alice@127.0.0.1'], deleted: true, after: null });
});

test('keytar without the bed D-Bus session fails (the keyring env is what makes it work)', () => {
  const r = spawnSync(
    process.execPath,
    ['-e', `require('keytar').getPassword('x','y').then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`],
    { cwd: repoRoot, env: envWith({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }), encoding: 'utf8', timeout: 60000 },
  );
  assert.equal(r.status, 3, `stdout=${r.stdout} stderr=${r.stderr}`);
});

test('docker-credential-secretservice store/get/list/erase against the bed keyring', () => {
  const server = 'https://127.0.0.1:5999';
  const secret = 's-' + randomBytes(8).toString('hex');
  const stored = helper('secretservice', keyring.env, 'store', JSON.stringify({ ServerURL: server, Username: 'bob', Secret: secret }));
  assert.equal(stored.status, 0, stored.stderr + stored.stdout);
  const got = helper('secretservice', keyring.env, 'get', server);
  assert.equal(got.status, 0, got.stderr);
  assert.deepEqual(JSON.parse(got.stdout), { ServerURL: server, Username: 'bob', Secret: secret });
  const list = helper('secretservice', keyring.env, 'list', '');
  assert.equal((JSON.parse(list.stdout) as Record<string, string>)[server], 'bob');
  assert.equal(helper('secretservice', keyring.env, 'erase', server).status, 0);
  const gone = helper('secretservice', keyring.env, 'get', server);
  assert.equal(gone.status, 1);
  assert.match(gone.stdout, /credentials not found in native keychain/);
});

test('docker-credential-pass store/get against the bed password store', () => {
  const server = 'registry.example.invalid';
  const secret = 'p-' + randomBytes(8).toString('hex');
  const stored = helper('pass', pass.env, 'store', JSON.stringify({ ServerURL: server, Username: 'carol', Secret: secret }));
  assert.equal(stored.status, 0, stored.stderr + stored.stdout);
  const got = helper('pass', pass.env, 'get', server);
  assert.equal(got.status, 0, got.stderr);
  assert.deepEqual(JSON.parse(got.stdout), { ServerURL: server, Username: 'carol', Secret: secret });
  assert.match(pass.fingerprint, /^[0-9A-F]{40,}$/);
});

test('stop() ends the bus and the keyring daemon', async () => {
  const bus = keyring.env.DBUS_SESSION_BUS_ADDRESS.replace('unix:path=', '');
  assert.ok(existsSync(bus));
  await keyring.stop();
  const r = spawnSync('dbus-send', ['--session', '--dest=org.freedesktop.DBus', '--print-reply', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'], {
    env: envWith(keyring.env),
    encoding: 'utf8',
    timeout: 30000,
  });
  assert.notEqual(r.status, 0);
});
