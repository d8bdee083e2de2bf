// Token auth in the test bed: a real distribution registry trusting RS256 JWTs (x5c header)
// from the bed token server, with per-user ACLs and the OAuth2 password/refresh grants.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fetch } from 'undici';
import { spawnSync } from 'node:child_process';
import { startRegistry, seedImage, registryFetch, parseChallenge, dispatcherFor, tokenSigningCert, MT, type RegistryHandle } from '../bed/index';

let reg: RegistryHandle;
before(async () => {
  reg = await startRegistry({
    tls: true,
    token: {
      users: [
        { username: 'admin', password: 'admin-pw-1' },
        { username: 'reader', password: 'reader-pw-2', actions: ['pull'] },
        { username: 'teamonly', password: 'team-pw-3', repositories: ['team/*'] },
      ],
    },
  });
});
after(async () => {
  await reg?.stop();
});

test('anonymous /v2/ gets a Bearer challenge naming the bed token server', async () => {
  const res = await registryFetch(reg, '/v2/', { anonymous: true });
  assert.equal(res.status, 401);
  const ch = parseChallenge(res.headers.get('www-authenticate'));
  assert.equal(ch?.scheme, 'bearer');
  assert.equal(ch?.params.realm, reg.tokenServer!.realm);
  assert.equal(ch?.params.service, reg.tokenServer!.service);
  assert.equal(reg.username, 'admin');
});

test('push and pull with a token: the registry accepts the signed JWT', async () => {
  const before = await reg.tokenServer!.issuedCount();
  const img = await seedImage(reg, 'team/app', 'v1', { layerSizes: [500, 700] });
  assert.ok((await reg.tokenServer!.issuedCount()) > before);
  const res = await registryFetch(reg, '/v2/team/app/manifests/v1', { headers: { accept: MT.dockerManifest } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('docker-content-digest'), img.digest);
  const granted = (await reg.tokenServer!.requests()).filter((r) => r.user === 'admin').flatMap((r) => r.granted);
  assert.ok(granted.includes('repository:team/app:pull,push'), JSON.stringify(granted));
});

test('a pull-only user can pull but its push is refused by the registry', async () => {
  await seedImage(reg, 'team/ro', 'v1');
  const reader = { username: 'reader', password: 'reader-pw-2' };
  const pull = await registryFetch(reg, '/v2/team/ro/manifests/v1', { credentials: reader, headers: { accept: MT.dockerManifest } });
  assert.equal(pull.status, 200);
  const push = await registryFetch(reg, '/v2/team/ro/blobs/uploads/', { method: 'POST', credentials: reader });
  assert.equal(push.status, 401);
  const body = (await push.json()) as { errors: Array<{ code: string }> };
  assert.equal(body.errors[0].code, 'UNAUTHORIZED');
  assert.match(push.headers.get('www-authenticate') ?? '', /insufficient_scope/);
});

test('repository ACL: a user limited to team/* cannot read other repositories', async () => {
  await seedImage(reg, 'other/app', 'v1');
  const team = { username: 'teamonly', password: 'team-pw-3' };
  assert.equal((await registryFetch(reg, '/v2/team/app/tags/list', { credentials: team })).status, 200);
  assert.equal((await registryFetch(reg, '/v2/other/app/tags/list', { credentials: team })).status, 401);
});

test('wrong password: the token server answers 401', async () => {
  const url = new URL(reg.tokenServer!.realm);
  url.searchParams.set('service', reg.tokenServer!.service);
  url.searchParams.set('scope', 'repository:team/app:pull');
  const res = await fetch(url, { headers: { authorization: 'Basic ' + Buffer.from('admin:nope').toString('base64') }, dispatcher: dispatcherFor(reg) });
  assert.equal(res.status, 401);
});

test('OAuth2 password grant with access_type=offline returns a refresh token that mints working access tokens', async () => {
  const post = (form: Record<string, string>) =>
    fetch(reg.tokenServer!.realm, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      dispatcher: dispatcherFor(reg),
    });
  const first = await post({
    grant_type: 'password',
    username: 'admin',
    password: 'admin-pw-1',
    service: reg.tokenServer!.service,
    scope: 'repository:team/app:pull',
    client_id: 'dockhand-test',
    access_type: 'offline',
  });
  assert.equal(first.status, 200);
  const j1 = (await first.json()) as { access_token: string; refresh_token?: string; expires_in: number };
  assert.ok(j1.refresh_token);
  assert.equal(j1.expires_in, 300);
  const second = await post({
    grant_type: 'refresh_token',
    refresh_token: j1.refresh_token!,
    service: reg.tokenServer!.service,
    scope: 'repository:team/app:pull',
    client_id: 'dockhand-test',
  });
  assert.equal(second.status, 200);
  const j2 = (await second.json()) as { access_token: string };
  const res = await fetch(`${reg.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${j2.access_token}` }, dispatcher: dispatcherFor(reg) });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { name: 'team/app', tags: ['v1'] });
  const bad = await post({ grant_type: 'refresh_token', refresh_token: 'rt-bogus', service: reg.tokenServer!.service, scope: 'repository:team/app:pull' });
  assert.equal(bad.status, 401);
  const noOffline = await post({
    grant_type: 'password',
    username: 'admin',
    password: 'admin-pw-1',
    service: reg.tokenServer!.service,
    scope: 'repository:team/app:pull',
  });
  assert.equal(((await noOffline.json()) as { refresh_token?: string }).refresh_token, undefined);
});

test('a forged token (right claims, wrong key) is rejected by the registry', async () => {
  const { generateKeyPairSync, sign } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const now = Math.floor(Date.now() / 1000);
  // The header names the real signing certificate, but the signature is made with another key.
  const h = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [(await tokenSigningCert()).certDerBase64] })).toString('base64url');
  const c = Buffer.from(
    JSON.stringify({
      iss: reg.tokenServer!.issuer,
      aud: reg.tokenServer!.service,
      sub: 'admin',
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: 'x',
      access: [{ type: 'repository', name: 'team/app', actions: ['pull'] }],
    }),
  ).toString('base64url');
  const s = sign('sha256', Buffer.from(`${h}.${c}`), privateKey).toString('base64url');
  const res = await fetch(`${reg.url}/v2/team/app/tags/list`, { headers: { authorization: `Bearer ${h}.${c}.${s}` }, dispatcher: dispatcherFor(reg) });
  assert.equal(res.status, 401);
});

test('the token server keeps answering while the test thread is blocked in spawnSync (worker thread)', async () => {
  const script = `fetch(process.argv[1] + '?service=' + process.argv[2] + '&scope=repository:team/app:pull')
    .then((r) => r.json()).then((j) => { console.log(j.token ? 'TOKEN' : 'NONE'); })
    .catch((e) => { console.error(e.message); process.exit(2); });`;
  const r = spawnSync(process.execPath, ['-e', script, reg.tokenServer!.realm, reg.tokenServer!.service], {
    env: { ...process.env, NODE_EXTRA_CA_CERTS: reg.caFile },
    encoding: 'utf8',
    timeout: 60000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'TOKEN');
});
