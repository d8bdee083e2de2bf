// Pull-through cache and mTLS registries of the test bed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fetch, Agent } from 'undici';
import { readFileSync } from 'node:fs';
import { startRegistry, seedImage, registryFetch, MT } from '../bed/index';
import { registriesStoppedAfter } from './helpers/registries';

const run = promisify(execFile);
const reg = registriesStoppedAfter();

test('proxyOf: a pull-through cache of a plain bed registry serves its images', async () => {
  const upstream = await reg();
  const img = await seedImage(upstream, 'lib/plain', '1');
  const cache = await reg({ proxyOf: upstream });
  const res = await registryFetch(cache, '/v2/lib/plain/manifests/1', { headers: { accept: MT.dockerManifest } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('docker-content-digest'), img.digest);
  // An image that the upstream does not have is unknown to the cache too.
  assert.equal((await registryFetch(cache, '/v2/lib/plain/manifests/nope')).status, 404);
});

test('proxyOf an htpasswd registry is refused with the reason (distribution 2.8 proxies only log in via tokens)', async () => {
  const upstream = await reg({ htpasswd: true });
  await assert.rejects(startRegistry({ proxyOf: upstream }), /Bearer token/);
});

test('proxyOf: a pull-through cache of a TLS + token-auth bed registry logs in upstream with its credentials', async () => {
  const upstream = await reg({ tls: true, token: true });
  const img = await seedImage(upstream, 'lib/app', '2.0', { layerSizes: [3000] });
  const cache = await reg({ proxyOf: upstream });
  assert.equal(cache.username, undefined); // the cache itself is open; it logs in upstream
  const res = await registryFetch(cache, '/v2/lib/app/manifests/2.0', { headers: { accept: MT.dockerManifest } });
  assert.equal(res.status, 200, await res.clone().text());
  assert.equal(res.headers.get('docker-content-digest'), img.digest);
  const blob = await registryFetch(cache, `/v2/lib/app/blobs/${img.layerDigests[0]}`);
  assert.equal(blob.status, 200);
  assert.equal(Buffer.from(await blob.arrayBuffer()).length, img.layerCompressedSizes[0]);
  const upstreamTokens = await upstream.tokenServer!.requests();
  assert.ok(
    upstreamTokens.some((t) => t.user === upstream.username && t.granted.includes('repository:lib/app:pull')),
    JSON.stringify(upstreamTokens),
  );
  // A pull-through cache refuses pushes.
  const push = await registryFetch(cache, '/v2/lib/app/blobs/uploads/', { method: 'POST' });
  assert.equal(push.status, 405);
});

test('mtls: handshake fails without a client certificate and works with the bed client certificate', async () => {
  const r = await reg({ mtls: true });
  assert.ok(r.tls && r.clientCertFile && r.clientKeyFile && r.caFile);
  const caOnly = new Agent({ connect: { ca: readFileSync(r.caFile) } });
  await assert.rejects(fetch(`${r.url}/v2/`, { dispatcher: caOnly }));
  await caOnly.close();
  const ok = await registryFetch(r, '/v2/');
  assert.equal(ok.status, 200);
  await seedImage(r, 'mt/app', 'v1');
  const hostDir = join(r.certsDir!, r.host);
  assert.deepEqual(readdirSync(hostDir).sort(), ['ca.crt', 'client.cert', 'client.key']);
  // The certs.d folder works for a peer tool (containers/image reads *.crt, *.cert + *.key).
  const { stdout } = await run('skopeo', ['inspect', '--raw', '--cert-dir', hostDir, `docker://${r.host}/mt/app:v1`], { timeout: 120000 });
  assert.equal((JSON.parse(stdout) as { mediaType: string }).mediaType, MT.dockerManifest);
  await assert.rejects(
    run('skopeo', ['inspect', '--raw', '--cert-dir', join(r.certsDir!, 'nonexistent'), `docker://${r.host}/mt/app:v1`], { timeout: 120000 }),
  );
  assert.ok(existsSync(r.caFile));
});
