// RegistryClient and copy against registries and sources that misbehave on purpose (issue 14):
// paging without end, 130,000 tags in one page, an index listing one child 30,000 times, a
// blob source that sends far more than its manifest declares. Every server is a fake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RegistryClient } from './client';
import { inspect } from '../ops/inspect';
import { computeDigest } from './digest';
import { MEDIA_TYPES } from './media-types';
import { MAX_INDEX_CHILDREN } from './index-children';
import { MAX_LIST_BYTES } from './page-guard';
import { copyImage } from '../ops/copy';
import { parseReference } from '../reference/reference';
import { isRegistryError } from '../testing/assert-registry-error';
import { fakeHttpServer, writeEndlessly, type FakeServer } from '../testing/fake-http-server';

const MiB = 1024 * 1024;

async function fakeRegistry(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: FakeServer; client: RegistryClient; close(): Promise<void> }> {
  const server = await fakeHttpServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    handler(req, res);
  });
  const client = new RegistryClient({ host: server.host, retry: { retries: 0 } });
  return {
    server,
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}

const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"config":{}}');
const layer = Buffer.alloc(112, 7);
const image = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: computeDigest(config), size: config.length },
    layers: [{ mediaType: MEDIA_TYPES.ociLayer, digest: computeDigest(layer), size: layer.length }],
  }),
);
const imageDigest = computeDigest(image);

test('(fake registry) endless Link paging with new last= values and the same page: stopped with an error', async () => {
  let hits = 0;
  const f = await fakeRegistry((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json', link: `</v2/x/tags/list?n=1000&last=t${hits}>; rel="next"` }).end('{"name":"x","tags":["a","b"]}');
  });
  try {
    await assert.rejects(f.client.listTags('x'), isRegistryError('INVALID_RESPONSE', /repeats an earlier page/));
    assert.equal(hits, 2);
  } finally {
    await f.close();
  }
});

test('(fake registry) endless distinct pages stop at the total cap with an error', { timeout: 300_000 }, async () => {
  let hits = 0;
  const f = await fakeRegistry((_req, res) => {
    hits++;
    // ~4 MiB pages, each different: only the total cap ends this.
    res.writeHead(200, { 'content-type': 'application/json', link: `</v2/_catalog?n=1000&last=p${hits}>; rel="next"` });
    res.end(`{"repositories":["p${hits}-${'x'.repeat(4 * MiB)}"]}`);
  });
  try {
    await assert.rejects(f.client.catalog(), isRegistryError('INVALID_RESPONSE', /larger than \d+ bytes over \d+ pages/));
    assert.ok(hits <= MAX_LIST_BYTES / (4 * MiB) + 1, `${hits} pages read`);
  } finally {
    await f.close();
  }
});

test('(fake registry) 130,000 tags in one page are listed (no spread over the page)', async () => {
  const tags = Array.from({ length: 130_000 }, (_, i) => `t${i}`);
  const body = JSON.stringify({ name: 'x', tags });
  const f = await fakeRegistry((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  try {
    const got = await f.client.listTags('x');
    assert.equal(got.length, 130_000);
    assert.equal(got[129_999], 't129999');
  } finally {
    await f.close();
  }
});

function indexOf(children: Array<{ digest: string; size: number }>): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: children.map((c) => ({
        mediaType: MEDIA_TYPES.ociManifest,
        digest: c.digest,
        size: c.size,
        platform: { os: 'linux', architecture: 'amd64' },
      })),
    }),
  );
}

/** A source registry holding `image` (and its blobs) and an index that lists it `copies` times; `layerBody` serves the layer. */
async function sourceRegistry(index: Buffer, layerBody: (res: ServerResponse) => void = (res) => res.end(layer)) {
  return fakeRegistry((req, res) => {
    const path = req.url!.split('?')[0]!;
    if (path === '/v2/src/manifests/idx' || path === `/v2/src/manifests/${computeDigest(index)}`) {
      res.writeHead(200, { 'content-type': MEDIA_TYPES.ociIndex, 'docker-content-digest': computeDigest(index) }).end(index);
      return;
    }
    if (path === '/v2/src/manifests/img' || path === `/v2/src/manifests/${imageDigest}`) {
      res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': imageDigest }).end(image);
      return;
    }
    if (path === `/v2/src/blobs/${computeDigest(config)}`) {
      res.writeHead(200, { 'content-length': String(config.length) }).end(config);
      return;
    }
    if (path === `/v2/src/blobs/${computeDigest(layer)}`) {
      res.writeHead(200);
      layerBody(res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"unknown"}]}');
  });
}

/** A target registry that takes every upload and manifest, counting the blob bytes it receives. */
async function targetRegistry() {
  let received = 0;
  const f = await fakeRegistry((req, res) => {
    const path = req.url!.split('?')[0]!;
    if (req.method === 'HEAD' && path.includes('/blobs/')) {
      res.writeHead(404).end();
      return;
    }
    if (req.method === 'POST' && path.endsWith('/blobs/uploads/')) {
      res.writeHead(202, { location: '/v2/dst/blobs/uploads/u1' }).end();
      return;
    }
    req.on('data', (c: Buffer) => {
      if (path.includes('/blobs/uploads/')) received += c.length;
    });
    req.on('end', () => {
      if (req.method === 'PATCH') {
        res.writeHead(202, { location: '/v2/dst/blobs/uploads/u1', range: `0-${received - 1}` }).end();
        return;
      }
      if (req.method === 'PUT') {
        res.writeHead(201).end();
        return;
      }
      if (req.method === 'DELETE') {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(404).end();
    });
  });
  return { ...f, received: () => received };
}

test('(fake registry) an index listing one child 30,000 times: inspect fetches it once', async () => {
  const index = indexOf(Array.from({ length: 30_000 }, () => ({ digest: imageDigest, size: image.length })));
  const src = await sourceRegistry(index);
  try {
    const info = await inspect(src.client, 'src', 'idx');
    assert.equal(info.platforms.length, 1);
    const gets = src.server.requests.filter((r) => r.startsWith('GET /v2/src/'));
    assert.ok(gets.length <= 3, `${gets.length} requests: ${gets.slice(0, 5).join(', ')}`);
  } finally {
    await src.close();
  }
});

test('(fake registry) an index with more distinct children than the cap is refused before fetching any', async () => {
  const index = indexOf(Array.from({ length: MAX_INDEX_CHILDREN + 1 }, (_, i) => ({ digest: computeDigest(`child ${i}`), size: 10 })));
  const src = await sourceRegistry(index);
  try {
    await assert.rejects(inspect(src.client, 'src', 'idx'), isRegistryError('INVALID_RESPONSE', /more than 1000 different manifests/));
    assert.equal(src.server.requests.filter((r) => r.startsWith('GET /v2/src/manifests/sha256')).length, 0);
  } finally {
    await src.close();
  }
});

test('(fake registries) cp of an index listing one child 30,000 times copies it once', async () => {
  const index = indexOf(Array.from({ length: 30_000 }, () => ({ digest: imageDigest, size: image.length })));
  const src = await sourceRegistry(index);
  const dst = await targetRegistry();
  try {
    const r = await copyImage(
      { client: src.client, ref: parseReference(`${src.server.host}/src:idx`) },
      { client: dst.client, ref: parseReference(`${dst.server.host}/dst:idx`) },
    );
    assert.equal(r.manifests, 2);
    const childGets = src.server.requests.filter((x) => x === `GET /v2/src/manifests/${imageDigest}`);
    assert.equal(childGets.length, 1);
  } finally {
    await src.close();
    await dst.close();
  }
});

for (const chunkSize of [undefined, 64]) {
  test(
    `(fake registries) a source sending endless bytes for a 112-byte blob: cp stops at the declared size (${chunkSize ? 'chunked' : 'monolithic'} upload)`,
    { timeout: 120_000 },
    async () => {
      let sent: Promise<number> | undefined;
      const src = await sourceRegistry(indexOf([]), (res) => {
        sent = writeEndlessly(res, Buffer.alloc(64 * 1024, 7), 2048 * MiB);
      });
      const dst = await targetRegistry();
      try {
        await assert.rejects(
          copyImage(
            { client: src.client, ref: parseReference(`${src.server.host}/src:img`) },
            { client: dst.client, ref: parseReference(`${dst.server.host}/dst:img`) },
            { ...(chunkSize ? { chunkSize } : {}) },
          ),
          isRegistryError('SIZE_INVALID', /the source sent more than the manifest declares \(112 bytes\)/),
        );
        assert.ok(dst.received() <= 112 + config.length, `the target received ${dst.received()} bytes`);
        await src.close();
        assert.ok((await sent!) < 64 * MiB, 'the source was not read on');
      } finally {
        await src.close();
        await dst.close();
      }
    },
  );

  test(
    `(fake registry) uploadBlob from an endless stream stops at the declared size (${chunkSize ? 'chunked' : 'monolithic'})`,
    { timeout: 120_000 },
    async () => {
      const dst = await targetRegistry();
      let produced = 0;
      const endless = () =>
        new Readable({
          read() {
            produced += 4096;
            this.push(Buffer.alloc(4096, 1));
          },
        });
      try {
        await assert.rejects(
          dst.client.uploadBlob('dst', computeDigest(layer), 112, endless, { ...(chunkSize ? { chunkSize } : {}) }),
          isRegistryError('SIZE_INVALID', /the source sent more than the manifest declares \(112 bytes\)/),
        );
        assert.ok(dst.received() <= 112, `the target received ${dst.received()} bytes`);
        assert.ok(produced < 64 * MiB, `${produced} bytes were read from the source`);
      } finally {
        await dst.close();
      }
    },
  );
}
