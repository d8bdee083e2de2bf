// podman's namespaced keys ("docker.io/library", "quay.io/team/app") in auth.json and
// config.json: for a repository the most specific key of a file wins (store.ts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCredentialStore } from './store';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const auths = (entries: Record<string, string>) =>
  JSON.stringify({ auths: Object.fromEntries(Object.entries(entries).map(([k, up]) => [k, { auth: b64(up) }])) });
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dockhand-cred-ns-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function storeWith(name: string, files: { config?: string; authJson?: string }) {
  const home = join(dir, name);
  await mkdir(join(home, '.docker'), { recursive: true });
  await mkdir(join(home, 'run', 'containers'), { recursive: true });
  if (files.config) await writeFile(join(home, '.docker', 'config.json'), files.config);
  if (files.authJson) await writeFile(join(home, 'run', 'containers', 'auth.json'), files.authJson);
  return createCredentialStore({ env: { HOME: home, XDG_RUNTIME_DIR: join(home, 'run'), PATH: join(home, 'no-bin') }, keychain: 'none' });
}

const FILE = {
  'registry.example:5000': 'host:hpw',
  'registry.example:5000/team': 'team:tpw',
  'registry.example:5000/team/app': 'app:apw',
  'docker.io': 'hub:hubpw',
  'docker.io/library': 'lib:libpw',
};

for (const where of ['authJson', 'config'] as const) {
  test(`${where === 'config' ? 'config.json' : 'auth.json'}: the most specific key wins for a repository; the host key for the rest`, async () => {
    const store = await storeWith(`specific-${where}`, { [where]: auths(FILE) });
    const user = async (host: string, repo?: string) => (await store.get(host, repo))?.username;
    assert.equal(await user('registry.example:5000', 'team/app'), 'app');
    assert.equal(await user('registry.example:5000', 'team/app/nested'), 'app');
    assert.equal(await user('registry.example:5000', 'team/other'), 'team');
    assert.equal(await user('registry.example:5000', 'teamwork/x'), 'host');
    assert.equal(await user('registry.example:5000'), 'host');
    assert.equal(await user('registry.example:5000/team/app'), 'app'); // host/repository in one string
    assert.equal(await user('docker.io', 'library/busybox'), 'lib');
    assert.equal(await user('index.docker.io', 'library/busybox'), 'lib');
    assert.equal(await user('docker.io', 'someone/app'), 'hub');
    const got = await store.get('registry.example:5000', 'team/app');
    assert.match(got!.source.detail, /auths\["registry\.example:5000\/team\/app"\]$/);
  });
}

test('a namespaced key alone applies to its namespace only', async () => {
  const store = await storeWith('alone', { authJson: auths({ 'quay.example/team': 'team:tpw' }) });
  assert.equal((await store.get('quay.example', 'team/app'))?.password, 'tpw');
  assert.equal(await store.get('quay.example', 'other/app'), undefined);
  assert.equal(await store.get('quay.example'), undefined);
});

test('sources keep their order: a host entry in config.json beats a namespaced one in auth.json', async () => {
  const store = await storeWith('order', { config: auths({ 'r.example': 'docker:dpw' }), authJson: auths({ 'r.example/team': 'podman:ppw' }) });
  assert.equal((await store.get('r.example', 'team/app'))?.username, 'docker');
});

test('list() names the namespace of each namespaced entry', async () => {
  const store = await storeWith('list', {
    authJson: auths({ 'registry.example:5000': 'host:hpw', 'registry.example:5000/team/app': 'app:apw', 'docker.io/library/busybox': 'bb:bbpw' }),
  });
  const rows = (await store.list()).registries.map((r) => [r.host, r.namespace ?? '', r.username ?? '']);
  assert.deepEqual(rows.sort(), [
    ['docker.io', 'library/busybox', 'bb'],
    ['registry.example:5000', '', 'host'],
    ['registry.example:5000', 'team/app', 'app'],
  ]);
});
