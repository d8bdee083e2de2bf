// The test bed's registries really behave like the variants they claim to be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startRegistry, seedImage, seedIndex, registryFetch, sha256, MT } from '../bed/index';
import { registriesStoppedAfter } from './helpers/registries';

const reg = registriesStoppedAfter();

test('plain HTTP registry answers /v2/ and serves a seeded multi-layer image byte for byte', async () => {
  const r = await reg();
  assert.match(r.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(r.host, `127.0.0.1:${r.port}`);
  const v2 = await registryFetch(r, '/v2/');
  assert.equal(v2.status, 200);
  assert.equal(v2.headers.get('docker-distribution-api-version'), 'registry/2.0');

  const img = await seedImage(r, 'team/app', 'v1', { layerSizes: [1000, 20000, 5], labels: { a: 'b' } });
  assert.equal(img.layerDigests.length, 3);
  assert.equal(img.reference, `${r.host}/team/app:v1`);
  const m = await registryFetch(r, '/v2/team/app/manifests/v1', { headers: { accept: MT.dockerManifest } });
  assert.equal(m.status, 200);
  assert.equal(m.headers.get('docker-content-digest'), img.digest);
  const body = Buffer.from(await m.arrayBuffer());
  assert.equal(sha256(body), img.digest);
  assert.equal(body.length, img.size);
  for (const d of [img.configDigest, ...img.layerDigests]) {
    const b = await registryFetch(r, `/v2/team/app/blobs/${d}`);
    assert.equal(b.status, 200);
    assert.equal(sha256(Buffer.from(await b.arrayBuffer())), d);
  }
  const cfg = (await (await registryFetch(r, `/v2/team/app/blobs/${img.configDigest}`)).json()) as {
    config: { Labels: Record<string, string> };
    rootfs: { diff_ids: string[] };
  };
  assert.deepEqual(cfg.config.Labels, { a: 'b' });
  assert.equal(cfg.rootfs.diff_ids.length, 3);
});

test('catalog paging returns a Link rel="next" header', async () => {
  const r = await reg();
  for (const name of ['a/one', 'b/two', 'c/three']) await seedImage(r, name, 'latest', { layerSizes: [10] });
  const p1 = await registryFetch(r, '/v2/_catalog?n=2');
  assert.equal(p1.status, 200);
  assert.deepEqual(await p1.json(), { repositories: ['a/one', 'b/two'] });
  const link = p1.headers.get('link');
  assert.ok(link && /rel="next"/.test(link), `Link header: ${link}`);
  const next = /<([^>]+)>/.exec(link)![1];
  const p2 = await registryFetch(r, next);
  assert.deepEqual(await p2.json(), { repositories: ['c/three'] });
});

test('TLS + htpasswd: 401 Basic challenge without credentials, 200 with them, trusted only through caFile', async () => {
  const r = await reg({ tls: true, htpasswd: true });
  assert.match(r.url, /^https:/);
  assert.ok(r.caFile && readFileSync(r.caFile, 'utf8').includes('BEGIN CERTIFICATE'));
  assert.ok(r.username && r.password);
  const anon = await registryFetch(r, '/v2/', { anonymous: true });
  assert.equal(anon.status, 401);
  assert.match(anon.headers.get('www-authenticate') ?? '', /^Basic realm=/);
  const wrong = await registryFetch(r, '/v2/', { credentials: { username: r.username!, password: 'wrong' } });
  assert.equal(wrong.status, 401);
  const ok = await registryFetch(r, '/v2/');
  assert.equal(ok.status, 200);
  // Without the CA, TLS verification fails: the certificate really is self-signed by the bed CA.
  await assert.rejects(fetch(`${r.url}/v2/`));
  const img = await seedImage(r, 'secure/app', '1.0');
  const tags = await (await registryFetch(r, '/v2/secure/app/tags/list')).json();
  assert.deepEqual(tags, { name: 'secure/app', tags: ['1.0'] });
  assert.ok(img.digest.startsWith('sha256:'));
  assert.ok(r.certsDir && readFileSync(`${r.certsDir}/${r.host}/ca.crt`, 'utf8').includes('BEGIN CERTIFICATE'));
});

test('explicit htpasswd credentials are used as given', async () => {
  const r = await reg({ htpasswd: { username: 'alice', password: 's3cret-pw' } });
  assert.equal(r.username, 'alice');
  assert.equal((await registryFetch(r, '/v2/', { credentials: { username: 'alice', password: 's3cret-pw' } })).status, 200);
  assert.equal((await registryFetch(r, '/v2/', { anonymous: true })).status, 401);
});

test('delete disabled answers 405 UNSUPPORTED; delete enabled removes the manifest and its tags', async () => {
  const off = await reg({ deleteEnabled: false });
  const a = await seedImage(off, 'x/y', 't1');
  const del = await registryFetch(off, `/v2/x/y/manifests/${a.digest}`, { method: 'DELETE' });
  assert.equal(del.status, 405);
  const err = (await del.json()) as { errors: Array<{ code: string }> };
  assert.equal(err.errors[0].code, 'UNSUPPORTED');

  const on = await reg();
  const b = await seedImage(on, 'x/y', 't1');
  const del2 = await registryFetch(on, `/v2/x/y/manifests/${b.digest}`, { method: 'DELETE' });
  assert.equal(del2.status, 202);
  assert.equal((await registryFetch(on, '/v2/x/y/manifests/t1')).status, 404);
  const tags = (await (await registryFetch(on, '/v2/x/y/tags/list')).json()) as { tags: string[] | null };
  assert.equal(tags.tags, null);
});

test('seedIndex pushes an OCI index whose platform manifests resolve', async () => {
  const r = await reg();
  const idx = await seedIndex(r, 'multi/arch', 'latest', ['linux/amd64', 'linux/arm64/v8', { os: 'linux', architecture: 'arm', variant: 'v7' }], {
    layerSizes: [100, 200],
  });
  assert.equal(idx.manifests.length, 3);
  const res = await registryFetch(r, '/v2/multi/arch/manifests/latest', { headers: { accept: `${MT.ociIndex}, ${MT.ociManifest}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), MT.ociIndex);
  assert.equal(res.headers.get('docker-content-digest'), idx.digest);
  const body = (await res.json()) as { manifests: Array<{ digest: string; platform: { architecture: string; variant?: string } }> };
  assert.deepEqual(
    body.manifests.map((m) => [m.platform.architecture, m.platform.variant]),
    [
      ['amd64', undefined],
      ['arm64', 'v8'],
      ['arm', 'v7'],
    ],
  );
  for (const m of body.manifests) {
    const child = await registryFetch(r, `/v2/multi/arch/manifests/${m.digest}`, { headers: { accept: MT.ociManifest } });
    assert.equal(child.status, 200);
    assert.equal(child.headers.get('content-type'), MT.ociManifest);
  }
});

test('stop() ends the registry process', async () => {
  const r = await startRegistry();
  assert.equal((await registryFetch(r, '/v2/')).status, 200);
  await r.stop();
  await assert.rejects(registryFetch(r, '/v2/'));
});
