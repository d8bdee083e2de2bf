// Auth and TLS of the registry client against real bed registries: TLS+htpasswd (missing CA,
// --ca, certs.d, Basic), token auth (GET with Basic, token reuse, POST oauth2 with an identity
// token, a pull-only user's push DENIED, a wrong password UNAUTHORIZED naming the credential's
// source), mTLS through certs.d client.cert/client.key, and an unreachable host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { startRegistry, seedImage, tempDir, freePort, dispatcherFor, type RegistryHandle } from '../bed/index';
import { RegistryClient, RegistryError, type RegistryClientOptions } from '../../shared/src/registry/client';
import type { ResolvedCredential } from '../../shared/src/credentials/types';
import { skopeoTags } from './registry-skopeo';

const registries: RegistryHandle[] = [];
const clients: RegistryClient[] = [];
let secure: RegistryHandle;
let token: RegistryHandle;

function client(opts: RegistryClientOptions): RegistryClient {
  const c = new RegistryClient({ retry: { baseDelayMs: 20, maxDelayMs: 100 }, ...opts });
  clients.push(c);
  return c;
}
const cred = (username: string, password: string, detail = 'the test'): { get: () => Promise<ResolvedCredential> } => ({
  get: async () => ({ username, password, source: { kind: 'explicit', detail } }),
});

before(async () => {
  secure = await startRegistry({ tls: true, htpasswd: true });
  registries.push(secure);
  token = await startRegistry({
    tls: true,
    token: {
      users: [
        { username: 'admin', password: 'admin-pw' },
        { username: 'reader', password: 'reader-pw', actions: ['pull'] },
      ],
    },
  });
  registries.push(token);
  await seedImage(secure, 'sec/app', 'v1');
  await seedImage(token, 'tok/app', 'v1');
  await seedImage(token, 'tok/app', 'v2');
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(registries.map((r) => r.stop()));
});

test('TLS: an unknown CA fails with TLS, naming the certs.d folder to put ca.crt in', async () => {
  const emptyCerts = tempDir('dockhand-certs-empty');
  const c = client({ host: secure.host, certsDir: emptyCerts });
  await assert.rejects(c.listTags('sec/app'), (e: unknown) => {
    assert.ok(e instanceof RegistryError, String(e));
    assert.equal(e.code, 'TLS');
    assert.ok(e.fix.includes(join(emptyCerts, secure.host, 'ca.crt')), e.fix);
    assert.match(e.fix, /--ca FILE/);
    assert.match(e.message, /issued by "CN=Dockhand test bed CA"/, 'names the CA that is missing');
    return true;
  });
});

test('TLS+htpasswd: with the CA but no credential, UNAUTHORIZED says how to log in', async () => {
  const c = client({ host: secure.host, caFile: secure.caFile!, certsDir: tempDir('dockhand-certs-none') });
  assert.equal((await c.ping()).authScheme, 'basic');
  await assert.rejects(
    c.listTags('sec/app'),
    (e: unknown) => e instanceof RegistryError && e.code === 'UNAUTHORIZED' && e.status === 401 && /docker login/.test(e.fix) && /anonymously/.test(e.message),
  );
});

test('TLS+htpasswd: Basic credentials and the CA from --ca or from certs.d/<host>/ca.crt', async () => {
  const viaCa = client({ host: secure.host, caFile: secure.caFile!, credentials: cred(secure.username!, secure.password!) });
  assert.deepEqual(await viaCa.listTags('sec/app'), await skopeoTags(secure, 'sec/app'));
  const certs = tempDir('dockhand-certs');
  mkdirSync(join(certs, secure.host));
  copyFileSync(secure.caFile!, join(certs, secure.host, 'ca.crt'));
  const viaCertsDir = client({ host: secure.host, certsDir: certs, credentials: cred(secure.username!, secure.password!) });
  assert.equal((await viaCertsDir.ping()).scheme, 'https');
  assert.deepEqual(await viaCertsDir.listTags('sec/app'), ['v1']);
  const wrong = client({
    host: secure.host,
    caFile: secure.caFile!,
    credentials: cred(secure.username!, 'not-the-password', '/tmp/x/config.json auths["host"]'),
  });
  await assert.rejects(
    wrong.listTags('sec/app'),
    (e: unknown) =>
      e instanceof RegistryError && e.code === 'UNAUTHORIZED' && e.message.includes('/tmp/x/config.json') && !e.message.includes('not-the-password'),
  );
});

test('token auth: GET with Basic credentials, one token reused for repeated requests of one scope', async () => {
  const c = client({ host: token.host, caFile: token.caFile!, credentials: cred('admin', 'admin-pw') });
  const before = await token.tokenServer!.issuedCount();
  for (let i = 0; i < 4; i++) assert.deepEqual((await c.listTags('tok/app')).sort(), ['v1', 'v2']);
  await c.getManifest('tok/app', 'v1');
  assert.equal((await token.tokenServer!.issuedCount()) - before, 1, 'one token for five pulls of one repository');
  const reqs = (await token.tokenServer!.requests()).slice(-1);
  assert.equal(reqs[0]!.method, 'GET');
  assert.equal(reqs[0]!.user, 'admin');
  assert.deepEqual(reqs[0]!.scopes, ['repository:tok/app:pull']);
  assert.deepEqual((await c.listTags('tok/app')).sort(), await skopeoTags({ ...token, username: 'admin', password: 'admin-pw' }, 'tok/app'));
});

test('token auth: an identity (refresh) token is exchanged with POST oauth2', async () => {
  const form = new URLSearchParams({
    grant_type: 'password',
    username: 'admin',
    password: 'admin-pw',
    service: token.tokenServer!.service,
    client_id: 'test',
    access_type: 'offline',
    scope: '',
  });
  const res = await request(token.tokenServer!.realm, {
    method: 'POST',
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    dispatcher: dispatcherFor(token),
  });
  const json = (await res.body.json()) as { refresh_token?: string };
  assert.ok(json.refresh_token, 'the bed token server issued a refresh token');
  const identity: ResolvedCredential = {
    username: '<token>',
    identityToken: json.refresh_token,
    source: { kind: 'auths', detail: 'config.json identitytoken' },
  };
  const c = client({ host: token.host, caFile: token.caFile!, credentials: { get: async () => identity } });
  assert.deepEqual((await c.listTags('tok/app')).sort(), ['v1', 'v2']);
  const last = (await token.tokenServer!.requests()).at(-1)!;
  assert.equal(last.method, 'POST');
  assert.equal(last.grantType, 'refresh_token');
  assert.deepEqual(last.granted, ['repository:tok/app:pull']);
});

test('token auth: a pull-only user reads but its push is DENIED; a wrong password is UNAUTHORIZED with its source', async () => {
  const reader = client({ host: token.host, caFile: token.caFile!, credentials: cred('reader', 'reader-pw', 'docker-credential-pass') });
  const m = await reader.getManifest('tok/app', 'v1');
  await assert.rejects(reader.putManifest('tok/app', 'v3', m.raw, m.mediaType), (e: unknown) => {
    assert.ok(e instanceof RegistryError, String(e));
    assert.equal(e.code, 'DENIED');
    assert.match(e.message, /reader/);
    assert.match(e.fix, /push\/delete rights/);
    return true;
  });
  const wrong = client({ host: token.host, caFile: token.caFile!, credentials: cred('admin', 'bad-pw', 'docker-credential-secretservice') });
  await assert.rejects(
    wrong.listTags('tok/app'),
    (e: unknown) =>
      e instanceof RegistryError && e.code === 'UNAUTHORIZED' && /docker-credential-secretservice/.test(e.message) && !e.message.includes('bad-pw'),
  );
});

test('mTLS: client.cert/client.key from certs.d are presented; without them the handshake error says where to put them', async () => {
  const mtls = await startRegistry({ mtls: true });
  registries.push(mtls);
  await seedImage(mtls, 'mt/app', 'v1');
  const ok = client({ host: mtls.host, certsDir: mtls.certsDir! });
  assert.deepEqual(await ok.listTags('mt/app'), ['v1']);
  const caOnly = client({ host: mtls.host, caFile: mtls.caFile!, certsDir: tempDir('dockhand-certs-nocert') });
  await assert.rejects(caOnly.listTags('mt/app'), (e: unknown) => {
    assert.ok(e instanceof RegistryError, String(e));
    assert.equal(e.code, 'TLS', e.message);
    assert.match(e.fix, /client\.cert/);
    return true;
  });
});

test('an unreachable registry fails fast with UNREACHABLE and what to check', async () => {
  const port = await freePort();
  const c = client({ host: `127.0.0.1:${port}` });
  await assert.rejects(c.listTags('x'), (e: unknown) => e instanceof RegistryError && e.code === 'UNREACHABLE' && /running/.test(e.fix));
});

test('token auth: catalog, retag, untag and delete with the scopes each needs (pull, push, delete, registry:catalog:*)', async () => {
  const { parseReference } = await import('../../shared/src/reference/reference');
  const { retag } = await import('../../shared/src/ops/retag');
  const { untag } = await import('../../shared/src/ops/untag');
  const { deleteManifestWithSiblings } = await import('../../shared/src/ops/delete');
  const img = await seedImage(token, 'tokops/app', 'v1');
  const c = client({ host: token.host, caFile: token.caFile!, credentials: cred('admin', 'admin-pw') });
  assert.ok((await c.catalog()).includes('tokops/app'));
  const ref = parseReference(`${token.host}/tokops/app:v1`);
  assert.equal((await retag(c, ref, 'v2')).digest, img.digest);
  await retag(c, ref, 'v3');
  await untag(c, ref);
  assert.deepEqual((await c.listTags('tokops/app')).sort(), ['v2', 'v3']);
  const del = await deleteManifestWithSiblings(c, parseReference(`${token.host}/tokops/app:v2`));
  assert.deepEqual(del.tags, ['v2', 'v3']);
  assert.deepEqual(await c.listTags('tokops/app'), []);
  const granted = (await token.tokenServer!.requests()).filter((r) => r.user === 'admin').flatMap((r) => r.granted);
  assert.ok(
    granted.some((g) => g.startsWith('repository:tokops/app:') && g.includes('delete')),
    JSON.stringify(granted),
  );
});
