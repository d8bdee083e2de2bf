// RegistryClient behaviour a real registry will not show on demand: every server here is a
// fake (node:http on 127.0.0.1), and every test name says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient, RegistryError } from './client';
import { computeDigest } from './digest';
import { MEDIA_TYPES } from './media-types';
import { fakeRegistry, type AfterHook } from '../testing/fake-registry';
import type { FakeHandler } from '../testing/fake-http-server';

/** A fake registry (GET /v2/ answers 200) and a client for it, both closed when the test ends. */
async function fake(ctx: AfterHook, handler: FakeHandler) {
  const server = await fakeRegistry(ctx, handler, { pingOk: true });
  const client = new RegistryClient({ host: server.host, retry: { retries: 0 } });
  ctx.after(() => client.close());
  return { host: server.host, client };
}

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: computeDigest('{}'), size: 2 },
    layers: [],
  }),
);
const digest = computeDigest(manifest);

test('(fake registry) a manifest whose bytes do not match Docker-Content-Digest is refused', async (ctx) => {
  const f = await fake(ctx, (_req, res) => {
    res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': computeDigest('something else') }).end(manifest);
  });
  await assert.rejects(f.client.getManifest('a', 'v1'), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH');
});

test('(fake registry) a manifest fetched by digest must hash to that digest', async (ctx) => {
  const f = await fake(ctx, (_req, res) => {
    res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest }).end(manifest);
  });
  const ok = await f.client.getManifest('a', digest);
  assert.equal(ok.digest, digest);
  await assert.rejects(f.client.getManifest('a', computeDigest('x')), (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH');
});

test('(fake registry) an invalid manifest is INVALID_RESPONSE, not a crash', async (ctx) => {
  const f = await fake(ctx, (_req, res) => {
    res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest }).end('{"schemaVersion":2,"config":"nope"}');
  });
  await assert.rejects(
    f.client.getManifest('a', 'v1'),
    (e: unknown) => e instanceof RegistryError && e.code === 'INVALID_RESPONSE' && /config/.test(e.message),
  );
});

test('(fake registry) a blob with the wrong bytes fails its stream with DIGEST_MISMATCH', async (ctx) => {
  const f = await fake(ctx, (_req, res) => {
    res.writeHead(200, { 'content-length': '5' }).end('wrong');
  });
  const { stream } = await f.client.getBlob('a', computeDigest('right'));
  await assert.rejects(
    (async () => {
      for await (const _ of stream) {
        /* drain */
      }
    })(),
    (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH',
  );
});

test('(fake registry) referrers through the OCI 1.1 API, filtered by artifactType when the registry did not', async (ctx) => {
  const subject = computeDigest('subject');
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociIndex,
    manifests: [
      { mediaType: MEDIA_TYPES.ociManifest, digest: computeDigest('sig'), size: 10, artifactType: 'application/vnd.dev.cosign' },
      { mediaType: MEDIA_TYPES.ociManifest, digest: computeDigest('sbom'), size: 11, artifactType: 'application/spdx+json' },
    ],
  });
  const seen: string[] = [];
  const f = await fake(ctx, (req, res) => {
    seen.push(req.url!);
    if (req.url!.startsWith(`/v2/a/referrers/${subject}`)) {
      res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex }).end(index);
      return;
    }
    res.writeHead(404).end();
  });
  assert.equal((await f.client.referrers('a', subject)).length, 2);
  const sboms = await f.client.referrers('a', subject, { artifactType: 'application/spdx+json' });
  assert.deepEqual(
    sboms.map((d) => d.digest),
    [computeDigest('sbom')],
  );
  assert.ok(
    seen.every((u) => !u.includes('/manifests/')),
    'no tag-schema fallback when the API answers',
  );
});

test('(fake registry) a registry without /v2/_catalog gives NO_CATALOG; Docker Hub is refused up front', async (ctx) => {
  const f = await fake(ctx, (_req, res) => {
    res.writeHead(404).end('404 page not found');
  });
  await assert.rejects(f.client.catalog(), (e: unknown) => e instanceof RegistryError && e.code === 'NO_CATALOG');
  const hub = new RegistryClient({ host: 'docker.io' });
  await assert.rejects(hub.catalog(), (e: unknown) => e instanceof RegistryError && e.code === 'NO_CATALOG' && /hub\.docker\.com/.test(e.fix));
  await hub.close();
});

test('(fake registry) a Link loop does not page forever: it ends with an error that says so', async (ctx) => {
  let hits = 0;
  const f = await fake(ctx, (_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json', link: '</v2/_catalog?n=1000>; rel="next"' }).end('{"repositories":["a"]}');
  });
  await assert.rejects(
    f.client.catalog(),
    (err: unknown) => err instanceof RegistryError && err.code === 'INVALID_RESPONSE' && /leads back to a page already read/.test(err.message),
  );
  assert.equal(hits, 1);
});

test('(fake registry) tag paging follows a Link without rel to the same endpoint, and stops at one elsewhere', async (ctx) => {
  const pages: Record<string, { tags: string[]; link?: string }> = {
    '/v2/app/tags/list?n=2': { tags: ['a', 'b'], link: '</v2/app/tags/list?n=2&last=b>' },
    '/v2/app/tags/list?n=2&last=b': { tags: ['c', 'd'], link: '</v2/app/tags/list?n=2&last=d>; title="page 3"' },
    '/v2/app/tags/list?n=2&last=d': { tags: ['e'], link: '<https://docs.example.test/paging>' },
  };
  const seen: string[] = [];
  const f = await fake(ctx, (req, res) => {
    seen.push(req.url ?? '');
    const page = pages[req.url ?? ''];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', ...(page.link ? { link: page.link } : {}) }).end(JSON.stringify({ name: 'app', tags: page.tags }));
  });
  assert.deepEqual(await f.client.listTags('app', { pageSize: 2 }), ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(seen, Object.keys(pages));
});
