// Unit tests of the resolver's order and error paths. The helpers here are tiny shell
// scripts speaking the docker-credential-* protocol (fake helper) and the keychain is an
// in-memory KeychainBackend (fake keychain); the real ones are in test/integration/credentials-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, readFile, rm, chmod, mkdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCredentialStore } from './store';
import { CredentialHelperError, CredentialConfigError, CredentialVerificationError, KeychainUnavailableError } from './errors';
import type { KeychainBackend } from './keychain';
import type { CredentialStoreOptions } from './types';

let dir: string;
let bin: string;
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A helper that answers `get` from a JSON map in $FAKE_DIR/<name>.json and stores/erases into it. */
function fakeHelperScript(name: string): string {
  return `#!/bin/sh
db="$FAKE_DIR/${name}.json"
[ -f "$db" ] || echo '{}' > "$db"
echo "$1" >> "$FAKE_DIR/${name}.calls"
input=$(cat)
case "$1" in
  get) node -e 'const db=require(process.argv[1]);const k=process.argv[2];if(db[k]){process.stdout.write(JSON.stringify({ServerURL:k,Username:db[k][0],Secret:db[k][1]}))}else{process.stdout.write("credentials not found in native keychain\\n");process.exit(1)}' "$db" "$input" ;;
  store) node -e 'const fs=require("fs");const db=JSON.parse(fs.readFileSync(process.argv[1]));const c=JSON.parse(process.argv[2]);db[c.ServerURL]=[c.Username,c.Secret];fs.writeFileSync(process.argv[1],JSON.stringify(db))' "$db" "$input" ;;
  erase) node -e 'const fs=require("fs");const db=JSON.parse(fs.readFileSync(process.argv[1]));const k=process.argv[2];if(!db[k]){process.stdout.write("credentials not found in native keychain\\n");process.exit(1)}delete db[k];fs.writeFileSync(process.argv[1],JSON.stringify(db))' "$db" "$input" ;;
  list) node -e 'const db=require(process.argv[1]);const o={};for(const k in db)o[k]=db[k][0];process.stdout.write(JSON.stringify(o))' "$db" ;;
esac
`;
}

async function helper(name: string, script: string): Promise<void> {
  const p = join(bin, `docker-credential-${name}`);
  await writeFile(p, script);
  await chmod(p, 0o755);
}

function memoryKeychain(): KeychainBackend & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    name: 'memory keychain (fake keychain)',
    data,
    get: async (s, a) => data.get(`${s}\n${a}`),
    set: async (s, a, v) => void data.set(`${s}\n${a}`, v),
    delete: async (s, a) => data.delete(`${s}\n${a}`),
    find: async (s) => [...data].filter(([k]) => k.startsWith(`${s}\n`)).map(([k, v]) => ({ account: k.slice(s.length + 1), secret: v })),
  };
}

async function caseDir(
  name: string,
): Promise<{ cfgDir: string; env: NodeJS.ProcessEnv; opts: (o?: Partial<CredentialStoreOptions>) => CredentialStoreOptions }> {
  const d = join(dir, name);
  await mkdir(join(d, 'docker'), { recursive: true });
  await mkdir(join(d, 'fake'), { recursive: true });
  const env = { PATH: `${bin}:${process.env.PATH}`, HOME: d, FAKE_DIR: join(d, 'fake') };
  return {
    cfgDir: join(d, 'docker'),
    env,
    opts: (o = {}) => ({ env, dockerConfigDir: join(d, 'docker'), authJsonPath: join(d, 'auth.json'), keychain: 'none', helperTimeoutMs: 20_000, ...o }),
  };
}

const sha = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dockhand-cred-unit-'));
  bin = join(dir, 'bin');
  await mkdir(bin);
  await helper('alpha', fakeHelperScript('alpha'));
  await helper('beta', fakeHelperScript('beta'));
  await helper('crash', '#!/bin/sh\ncat >/dev/null\necho "segfault at 0x0 secret-in-crash-output" >&2\nkill -SEGV $$\n');
  await helper('fails', '#!/bin/sh\ncat >/dev/null\necho "error talking to keyring"\nexit 3\n');
  await helper('empty', '#!/bin/sh\ncat >/dev/null\necho \'{"ServerURL":"","Username":"","Secret":""}\'\n');
  await helper('garbled', '#!/bin/sh\ncat >/dev/null\necho "not json: leaked-secret-value"\n');
  await helper('hang', '#!/bin/sh\nexec sleep 30\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('order: keychain, then credHelpers, then credsStore, then auths, then auth.json (fake helper, fake keychain)', async () => {
  const c = await caseDir('order');
  const host = '127.0.0.1:5000';
  await writeFile(join(c.env.FAKE_DIR!, 'alpha.json'), JSON.stringify({ [host]: ['helper-user', 'helper-pass'] }));
  await writeFile(join(c.env.FAKE_DIR!, 'beta.json'), JSON.stringify({ [host]: ['store-user', 'store-pass'] }));
  await writeFile(
    join(c.cfgDir, 'config.json'),
    JSON.stringify({ auths: { [host]: { auth: b64('auths-user:auths-pass') } }, credsStore: 'beta', credHelpers: { [host]: 'alpha' } }),
  );
  await writeFile(c.opts().authJsonPath!, JSON.stringify({ auths: { [host]: { auth: b64('aj-user:aj-pass') } } }));
  const kc = memoryKeychain();

  const withKc = createCredentialStore(c.opts({ keychain: kc }));
  await withKc.login(host, { username: 'kc-user', password: 'kc-pass' }, { verify: async () => undefined });
  let got = await withKc.get(host);
  assert.equal(got?.source.kind, 'keychain');
  assert.equal(got?.username, 'kc-user');

  const store = createCredentialStore(c.opts());
  got = await store.get(host);
  assert.equal(got?.source.kind, 'credHelper');
  assert.equal(got?.password, 'helper-pass');
  assert.match(got!.source.detail, /docker-credential-alpha/);

  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth: b64('auths-user:auths-pass') } }, credsStore: 'beta' }));
  got = await store.get(host);
  assert.equal(got?.source.kind, 'credsStore');
  assert.equal(got?.username, 'store-user');

  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ auths: { [`https://${host}/v1/`]: { auth: b64('auths-user:auths-pass') } } }));
  got = await store.get(host);
  assert.equal(got?.source.kind, 'auths');
  assert.deepEqual([got?.username, got?.password], ['auths-user', 'auths-pass']);

  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ auths: { [host]: {} } }));
  got = await store.get(host);
  assert.equal(got?.source.kind, 'authJson');
  assert.equal(got?.username, 'aj-user');

  assert.equal(await store.get('127.0.0.1:5001'), undefined);
});

test('a credHelper that has nothing falls through to credsStore; "<token>" means identity token (fake helper)', async () => {
  const c = await caseDir('fallthrough');
  await writeFile(join(c.env.FAKE_DIR!, 'beta.json'), JSON.stringify({ 'h.example:1': ['<token>', 'refresh-token-xyz'] }));
  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ credsStore: 'beta', credHelpers: { 'h.example:1': 'alpha' } }));
  const got = await createCredentialStore(c.opts()).get('https://h.example:1');
  assert.equal(got?.source.kind, 'credsStore');
  assert.equal(got?.identityToken, 'refresh-token-xyz');
  assert.equal(got?.password, undefined);
});

test('Docker Hub is looked up under https://index.docker.io/v1/ (fake helper)', async () => {
  const c = await caseDir('hub');
  await writeFile(join(c.env.FAKE_DIR!, 'beta.json'), JSON.stringify({ 'https://index.docker.io/v1/': ['hubuser', 'hubpass'] }));
  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ credsStore: 'beta' }));
  const got = await createCredentialStore(c.opts()).get('docker.io');
  assert.equal(got?.username, 'hubuser');
});

test('pass-style empty answer is no credential (fake helper)', async () => {
  const c = await caseDir('empty');
  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ credsStore: 'empty' }));
  assert.equal(await createCredentialStore(c.opts()).get('x.example'), undefined);
});

test('crashing, failing, garbled, hanging and missing helpers give clear errors naming the helper (fake helper)', async () => {
  const c = await caseDir('broken');
  const cases: Array<[string, RegExp]> = [
    ['crash', /docker-credential-crash get failed: it was killed by SIGSEGV/],
    ['fails', /docker-credential-fails get failed: it exited with code 3 and said: error talking to keyring/],
    ['garbled', /docker-credential-garbled get answered something that is not JSON/],
    ['hang', /docker-credential-hang get did not answer within 1 s/],
    ['missing', /docker-credential-missing is not installed or not on PATH \(credsStore in .*config\.json\)/],
  ];
  for (const [name, re] of cases) {
    await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ credsStore: name }));
    const store = createCredentialStore(c.opts({ helperTimeoutMs: name === 'hang' ? 1000 : 20_000 }));
    await assert.rejects(store.get('x.example'), (e: Error) => {
      assert.ok(e instanceof CredentialHelperError, `${name}: ${e}`);
      assert.match(e.message, re);
      assert.ok(!e.message.includes('leaked-secret-value'));
      return true;
    });
    const listing = await store.list();
    assert.ok(
      listing.problems.some((p) => p.source === 'credsStore' && p.message.includes(`docker-credential-${name}`)),
      `${name} list problems`,
    );
  }
});

test('malformed config.json: get, login and logout fail with the position and change nothing', async () => {
  const c = await caseDir('malformed');
  const path = join(c.cfgDir, 'config.json');
  await writeFile(path, '{\n  "auths": {\n    "h:1": { "auth": "dTpw" }\n  ,}\n}\n');
  const before = await sha(path);
  const store = createCredentialStore(c.opts({ keychain: memoryKeychain() }));
  await assert.rejects(store.get('h:1'), (e: Error) => e instanceof CredentialConfigError && /config\.json:4:\d+: not valid JSON/.test(e.message));
  await assert.rejects(store.login('h:1', { username: 'u', password: 'pw-123' }, { verify: async () => undefined, storeIn: 'docker' }), CredentialConfigError);
  await assert.rejects(store.logout('h:1'), CredentialConfigError);
  assert.equal(await sha(path), before);
});

test('login verifies first: a rejected credential stores nothing and the error has no secret (fake keychain)', async () => {
  const c = await caseDir('verify');
  const kc = memoryKeychain();
  const store = createCredentialStore(c.opts({ keychain: kc }));
  await assert.rejects(
    store.login(
      'r.example',
      { username: 'u', password: 'very-secret-pw' },
      {
        verify: async (cred) => {
          throw new Error(`401 for ${cred.username}:${cred.password}`);
        },
      },
    ),
    (e: Error) =>
      e instanceof CredentialVerificationError &&
      /r\.example did not accept the credential for user "u"/.test(e.message) &&
      !e.message.includes('very-secret-pw') &&
      /Nothing was stored/.test(e.message),
  );
  assert.equal(kc.data.size, 0);
});

test('login --store docker goes through the helper, keeps other keys, and drops plaintext; logout erases (fake helper)', async () => {
  const c = await caseDir('docker-store');
  const path = join(c.cfgDir, 'config.json');
  await writeFile(
    path,
    JSON.stringify(
      {
        auths: { 'r.example': { auth: b64('old:oldpass') }, 'other.example': { auth: b64('o:p') } },
        credsStore: 'beta',
        psFormat: 'table {{.ID}}',
        plugins: { x: { y: 'z' } },
      },
      null,
      2,
    ),
  );
  await chmod(path, 0o640);
  const store = createCredentialStore(c.opts());
  const res = await store.login('r.example', { username: 'newuser', password: 'newpass' }, { verify: async () => undefined, storeIn: 'docker' });
  assert.equal(res.source.kind, 'credsStore');
  const json = JSON.parse(await readFile(path, 'utf8'));
  assert.deepEqual(json.auths['r.example'], {});
  assert.deepEqual(json.auths['other.example'], { auth: b64('o:p') });
  assert.equal(json.psFormat, 'table {{.ID}}');
  assert.deepEqual(json.plugins, { x: { y: 'z' } });
  assert.ok(!(await readFile(path, 'utf8')).includes('newpass'));
  const got = await store.get('r.example');
  assert.deepEqual([got?.source.kind, got?.username, got?.password], ['credsStore', 'newuser', 'newpass']);

  const out = await store.logout('r.example');
  assert.deepEqual(
    out.removed.map((s) => s.kind),
    ['credsStore'],
  );
  assert.equal(await store.get('r.example'), undefined);
  const after = JSON.parse(await readFile(path, 'utf8'));
  assert.equal('r.example' in after.auths, false);
  assert.equal(after.psFormat, 'table {{.ID}}');
});

test('login --store docker without a helper refuses to write plaintext', async () => {
  const c = await caseDir('no-helper');
  let verified = false;
  await assert.rejects(
    createCredentialStore(c.opts()).login(
      'r.example',
      { username: 'u', password: 'pw-123' },
      {
        verify: async () => {
          verified = true;
        },
        storeIn: 'docker',
      },
    ),
    /names no credential helper.*does not write passwords into config\.json in plaintext/,
  );
  assert.equal(verified, false);
});

test('logout removes plaintext auths and reports auth.json entries as remaining', async () => {
  const c = await caseDir('logout');
  const path = join(c.cfgDir, 'config.json');
  await writeFile(path, JSON.stringify({ auths: { 'https://r.example/v1/': { auth: b64('u:p') }, 'keep.example': { auth: b64('k:q') } } }));
  await writeFile(c.opts().authJsonPath!, JSON.stringify({ auths: { 'r.example': { auth: b64('pu:pp') } } }));
  const res = await createCredentialStore(c.opts()).logout('r.example');
  assert.deepEqual(
    res.removed.map((s) => s.kind),
    ['auths'],
  );
  assert.equal(res.remaining.length, 1);
  assert.match(res.remaining[0].detail, /podman logout r\.example/);
  const json = JSON.parse(await readFile(path, 'utf8'));
  assert.deepEqual(Object.keys(json.auths), ['keep.example']);
});

test('list reports every source with usernames and no secrets (fake helper, fake keychain)', async () => {
  const c = await caseDir('list');
  await writeFile(join(c.env.FAKE_DIR!, 'beta.json'), JSON.stringify({ 's.example': ['su', 'store-secret-1'] }));
  await writeFile(
    join(c.cfgDir, 'config.json'),
    JSON.stringify({ auths: { 'a.example': { auth: b64('au:auths-secret-1') } }, credsStore: 'beta', credHelpers: { 'h.example': 'alpha' } }),
  );
  await writeFile(c.opts().authJsonPath!, JSON.stringify({ auths: { 'quay.io/team': { username: 'qu', password: 'aj-secret-1' } } }));
  const kc = memoryKeychain();
  const store = createCredentialStore(c.opts({ keychain: kc }));
  await store.login('k.example', { username: 'ku', password: 'kc-secret-1' }, { verify: async () => undefined });
  const listing = await store.list();
  const summary = listing.registries.map((r) => `${r.source.kind}:${r.host}:${r.username ?? ''}`).sort();
  assert.deepEqual(summary, ['authJson:quay.io:qu', 'auths:a.example:au', 'credHelper:h.example:', 'credsStore:s.example:su', 'keychain:k.example:ku']);
  const text = JSON.stringify(listing);
  for (const s of ['store-secret-1', 'auths-secret-1', 'aj-secret-1', 'kc-secret-1']) assert.ok(!text.includes(s));
});

test('an explicit keychain backend that fails is reported, not skipped, and login stores nothing elsewhere (fake keychain)', async () => {
  const c = await caseDir('kc-unavailable');
  const broken: KeychainBackend = {
    name: 'broken keychain (fake keychain)',
    get: async () => {
      throw new KeychainUnavailableError('no D-Bus session');
    },
    set: async () => {
      throw new KeychainUnavailableError('no D-Bus session');
    },
    delete: async () => {
      throw new KeychainUnavailableError('no D-Bus session');
    },
    find: async () => {
      throw new KeychainUnavailableError('no D-Bus session');
    },
  };
  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ auths: { 'r.example': { auth: b64('u:p') } } }));
  const store = createCredentialStore(c.opts({ keychain: broken }));
  await assert.rejects(store.get('r.example'), KeychainUnavailableError); // an explicit backend's failure is not hidden
  await assert.rejects(store.login('r.example', { username: 'u', password: 'pw-123' }, { verify: async () => undefined }), KeychainUnavailableError);
  assert.equal(JSON.parse(await readFile(join(c.cfgDir, 'config.json'), 'utf8')).auths['r.example'].auth, b64('u:p'));
});

test('containers auth.json credHelpers are asked before its auths (fake helper)', async () => {
  const c = await caseDir('authjson-helpers');
  await writeFile(join(c.env.FAKE_DIR!, 'alpha.json'), JSON.stringify({ 'p.example': ['podman-helper-user', 'ph-secret'] }));
  await writeFile(c.opts().authJsonPath!, JSON.stringify({ credHelpers: { 'p.example': 'alpha' }, auths: { 'p.example': { auth: b64('plain:pp') } } }));
  const store = createCredentialStore(c.opts());
  const got = await store.get('p.example');
  assert.equal(got?.source.kind, 'authJson');
  assert.match(got!.source.detail, /docker-credential-alpha \(credHelpers\["p\.example"\] in .*auth\.json\)/);
  assert.equal(got?.username, 'podman-helper-user');
  const listing = await store.list();
  assert.deepEqual(
    listing.registries.filter((r) => r.host === 'p.example').map((r) => r.source.kind),
    ['authJson', 'authJson'],
  );
});

test('logout with a crashing helper removes nothing, not even the keychain entry (fake helper, fake keychain)', async () => {
  const c = await caseDir('logout-crash');
  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ credsStore: 'crash' }));
  const kc = memoryKeychain();
  const store = createCredentialStore(c.opts({ keychain: kc }));
  await store.login('r.example', { username: 'u', password: 'pw-123' }, { verify: async () => undefined });
  await assert.rejects(store.logout('r.example'), /docker-credential-crash get failed/);
  assert.equal(kc.data.size, 1);
});

test('login for this session only: found first, never written, gone after logout and with a new store', async () => {
  const c = await caseDir('session');
  const kc = memoryKeychain();
  const store = createCredentialStore(c.opts({ keychain: kc }));
  const res = await store.login('s.example', { username: 'su', password: 'session-secret-77' }, { verify: async () => {}, storeIn: 'session' });
  assert.equal(res.source.kind, 'session');
  assert.equal(kc.data.size, 0, 'nothing in the keychain');
  await assert.rejects(readFile(join(c.cfgDir, 'config.json'), 'utf8'), /ENOENT/, 'config.json not written');
  const got = await store.get('s.example');
  assert.equal(got?.password, 'session-secret-77');
  assert.equal(got?.source.kind, 'session');
  assert.deepEqual(
    (await store.list()).registries.filter((r) => r.source.kind === 'session').map((r) => [r.host, r.username]),
    [['s.example', 'su']],
  );
  assert.equal(await createCredentialStore(c.opts({ keychain: kc })).get('s.example'), undefined, 'another process does not see it');
  const out = await store.logout('s.example');
  assert.deepEqual(
    out.removed.map((s) => s.kind),
    ['session'],
  );
  assert.equal(await store.get('s.example'), undefined);
});

test('login into docker config.json in plaintext only when asked: base64 auths entry, other keys kept', async () => {
  const c = await caseDir('plaintext');
  const path = join(c.cfgDir, 'config.json');
  await writeFile(path, JSON.stringify({ auths: { 'keep.example': { auth: b64('k:q') } }, credHelpers: {} }));
  const store = createCredentialStore(c.opts({ keychain: 'none' }));
  const res = await store.login('p.example:5000', { username: 'pu', password: 'plain-secret-9' }, { verify: async () => {}, storeIn: 'docker-plaintext' });
  assert.equal(res.source.kind, 'auths');
  assert.match(res.source.detail, /plaintext/);
  const json = JSON.parse(await readFile(path, 'utf8')) as { auths: Record<string, { auth: string }> };
  assert.deepEqual(Object.keys(json.auths).sort(), ['keep.example', 'p.example:5000']);
  assert.equal(json.auths['p.example:5000']!.auth, b64('pu:plain-secret-9'));
  assert.equal((await store.get('p.example:5000'))?.password, 'plain-secret-9');
  // A rejected credential writes nothing.
  await assert.rejects(
    store.login(
      'q.example',
      { username: 'qu', password: 'bad' },
      {
        verify: async () => {
          throw new Error('HTTP 401');
        },
        storeIn: 'docker-plaintext',
      },
    ),
    /did not accept/,
  );
  assert.ok(!(await readFile(path, 'utf8')).includes('q.example'));
});

test("storageOptions: an unreachable keychain is reported; docker's helper is named when configured (fake keychain, fake helper)", async () => {
  const c = await caseDir('storage-options');
  await helper('gamma', fakeHelperScript('gamma'));
  await writeFile(join(c.cfgDir, 'config.json'), JSON.stringify({ credsStore: 'gamma' }));
  const broken: KeychainBackend = {
    ...memoryKeychain(),
    name: 'broken keychain (fake keychain)',
    find: async () => {
      throw new KeychainUnavailableError('no secret service');
    },
  };
  const o = await createCredentialStore(c.opts({ keychain: broken })).storageOptions('x.example');
  assert.equal(o.keychain.available, false);
  assert.match(o.keychain.problem ?? '', /no secret service/);
  assert.equal(o.dockerHelper, 'docker-credential-gamma');
  const ok = await createCredentialStore(c.opts({ keychain: memoryKeychain() })).storageOptions('x.example');
  assert.equal(ok.keychain.available, true);
});
