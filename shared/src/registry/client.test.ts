// RegistryClient behaviour a real registry will not show on demand: every server here is a
// fake (node:http on 127.0.0.1), and every test name says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient, RegistryError } from './client';
import { computeDigest } from './digest';
import { MEDIA_TYPES } from './media-types';

async function fake(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => {
    if (req.url === '/v2/') { res.writeHead(200).end('{}'); return; }
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new RegistryClient({ host, retry: { retries: 0 } });
  return { host, client, close: async () => { await client.close(); server.closeAllConnections(); await new Promise<void>((r) => server.close(() => r())); } };
}

const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: { mediaType: MEDIA_TYPES.ociConfig, digest: computeDigest('{}'), size: 2 }, layers: [] }));
const digest = computeDigest(manifest);

test('(fake registry) a manifest whose bytes do not match Docker-Content-Digest is refused', async () => {
  const f = await fake((_req, res) => {
    res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': computeDigest('something else') }).end(manifest);
  });
  try {
    await assert.rejects(f.client.getManifest('a', 'v1'), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH');
  } finally { await f.close(); }
});

test('(fake registry) a manifest fetched by digest must hash to that digest', async () => {
  const f = await fake((_req, res) => { res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest }).end(manifest); });
  try {
    const ok = await f.client.getManifest('a', digest);
    assert.equal(ok.digest, digest);
    await assert.rejects(f.client.getManifest('a', computeDigest('x')), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH');
  } finally { await f.close(); }
});

test('(fake registry) an invalid manifest is INVALID_RESPONSE, not a crash', async () => {
  const f = await fake((_req, res) => { res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest }).end('{"schemaVersion":2,"config":"nope"}'); });
  try {
    await assert.rejects(f.client.getManifest('a', 'v1'), (e: unknown) => e instanceof RegistryError && e.code === 'INVALID_RESPONSE' && /config/.test(e.message));
  } finally { await f.close(); }
});

test('(fake registry) a blob with the wrong bytes fails its stream with DIGEST_MISMATCH', async () => {
  const f = await fake((_req, res) => { res.writeHead(200, { 'content-length': '5' }).end('wrong'); });
  try {
    const { stream } = await f.client.getBlob('a', computeDigest('right'));
    await assert.rejects((async () => { for await (const _ of stream) { /* drain */ } })(), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH');
  } finally { await f.close(); }
});

test('(fake registry) referrers through the OCI 1.1 API, filtered by artifactType when the registry did not', async () => {
  const subject = computeDigest('subject');
  const index = JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [
    { mediaType: MEDIA_TYPES.ociManifest, digest: computeDigest('sig'), size: 10, artifactType: 'application/vnd.dev.cosign' },
    { mediaType: MEDIA_TYPES.ociManifest, digest: computeDigest('sbom'), size: 11, artifactType: 'application/spdx+json' },
  ] });
  const seen: string[] = [];
  const f = await fake((req, res) => {
    seen.push(req.url!);
    if (req.url!.startsWith(`/v2/a/referrers/${subject}`)) { res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex }).end(index); return; }
    res.writeHead(404).end();
  });
  try {
    assert.equal((await f.client.referrers('a', subject)).length, 2);
    const sboms = await f.client.referrers('a', subject, { artifactType: 'application/spdx+json' });
    assert.deepEqual(sboms.map((d) => d.digest), [computeDigest('sbom')]);
    assert.ok(seen.every((u) => !u.includes('/manifests/')), 'no tag-schema fallback when the API answers');
  } finally { await f.close(); }
});

test('(fake registry) a registry without /v2/_catalog gives NO_CATALOG; Docker Hub is refused up front', async () => {
  const f = await fake((_req, res) => { res.writeHead(404).end('404 page not found'); });
  try {
    await assert.rejects(f.client.catalog(), (e: unknown) => e instanceof RegistryError && e.code === 'NO_CATALOG');
  } finally { await f.close(); }
  const hub = new RegistryClient({ host: 'docker.io' });
  await assert.rejects(hub.catalog(), (e: unknown) => e instanceof RegistryError && e.code === 'NO_CATALOG' && /hub\.docker\.com/.test(e.fix));
  await hub.close();
});

test('(fake registry) a Link loop does not page forever: it ends with an error that says so', async () => {
  let hits = 0;
  const f = await fake((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json', link: '</v2/_catalog?n=1000>; rel="next"' }).end('{"repositories":["a"]}');
  });
  try {
    await assert.rejects(f.client.catalog(), (err: unknown) => err instanceof RegistryError && err.code === 'INVALID_RESPONSE' && /leads back to a page already read/.test(err.message));
    assert.equal(hits, 1);
  } finally { await f.close(); }
});

test('(fake registry) tag paging follows a Link without rel to the same endpoint, and stops at one elsewhere', async () => {
  const pages: Record<string, { tags: string[]; link?: string }> = {
    '/v2/app/tags/list?n=2': { tags: ['a', 'b'], link: '</v2/app/tags/list?n=2&last=b>' },
    '/v2/app/tags/list?n=2&last=b': { tags: ['c', 'd'], link: '</v2/app/tags/list?n=2&last=d>; title="page 3"' },
    '/v2/app/tags/list?n=2&last=d': { tags: ['e'], link: '<https://docs.example.test/paging>' },
  };
  const seen: string[] = [];
  const f = await fake((req, res) => {
    seen.push(req.url ?? '');
    const page = pages[req.url ?? ''];
    if (!page) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': 'application/json', ...(page.link ? { link: page.link } : {}) }).end(JSON.stringify({ name: 'app', tags: page.tags }));
  });
  try {
    assert.deepEqual(await f.client.listTags('app', { pageSize: 2 }), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(seen, Object.keys(pages));
  } finally { await f.close(); }
});
