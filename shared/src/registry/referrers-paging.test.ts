// The OCI 1.1 referrers API as a client sees it. No real registry with the API runs here (the
// bed's distribution 2.8 has none; zot is neither in Debian nor on npm), so these are "(fake
// referrers API)" tests of the client's parsing and paging; the real-registry tests use the
// tag-schema fallback (test/integration/attachments.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegistryClient } from './client';
import { computeDigest } from './digest';
import { MEDIA_TYPES } from './media-types';

async function fake(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ client: RegistryClient; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { client: new RegistryClient({ host, insecure: true }), close: () => new Promise((r) => server.close(() => r())) };
}

const subject = computeDigest('subject');
const desc = (name: string, artifactType: string) => ({ mediaType: MEDIA_TYPES.ociManifest, digest: computeDigest(name), size: name.length, artifactType });
const page = (...m: unknown[]) => JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: m });

test('(fake referrers API) pages are followed through Link headers and joined; artifactType is filtered client-side unless every page says it filtered', async () => {
  const seen: string[] = [];
  const f = await fake((req, res) => {
    seen.push(req.url!);
    const u = new URL(req.url!, 'http://x');
    if (u.pathname !== `/v2/a/referrers/${subject}`) {
      res.writeHead(404).end();
      return;
    }
    if (u.searchParams.get('page') === '2') {
      res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex }).end(page(desc('sbom2', 'application/spdx+json')));
      return;
    }
    res
      .writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex, link: `</v2/a/referrers/${subject}?page=2>; rel="next"` })
      .end(page(desc('sig', 'application/vnd.dev.cosign'), desc('sbom', 'application/spdx+json')));
  });
  try {
    const all = await f.client.referrersApi('a', subject);
    assert.deepEqual(
      all?.map((d) => d.digest),
      [computeDigest('sig'), computeDigest('sbom'), computeDigest('sbom2')],
    );
    const sboms = await f.client.referrersApi('a', subject, { artifactType: 'application/spdx+json' });
    assert.deepEqual(
      sboms?.map((d) => d.digest),
      [computeDigest('sbom'), computeDigest('sbom2')],
    );
    assert.ok(
      seen.some((u) => u.includes('artifactType=application%2Fspdx%2Bjson')),
      'the filter is asked of the registry',
    );
  } finally {
    await f.close();
  }
});

test('(fake referrers API) a Link loop is stopped with an error; a 404 on the first page means no API; a broken page is invalid', async () => {
  const loop = await fake((req, res) => {
    res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex, link: `</v2/a/referrers/${subject}>; rel="next"` }).end(page());
  });
  try {
    await assert.rejects(loop.client.referrersApi('a', subject), /leads back to a page already read/);
  } finally {
    await loop.close();
  }
  const none = await fake((_req, res) => {
    res.writeHead(404).end('404 page not found');
  });
  try {
    assert.equal(await none.client.referrersApi('a', subject), undefined);
  } finally {
    await none.close();
  }
  const broken = await fake((_req, res) => {
    res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex }).end('{"schemaVersion":2,"manifests":"no"}');
  });
  try {
    await assert.rejects(broken.client.referrersApi('a', subject), /referrers response is invalid/);
  } finally {
    await broken.close();
  }
});
