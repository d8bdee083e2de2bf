// The registry API client against real registries of the test bed (distribution 2.8),
// cross-checked with skopeo: catalog paging (incl. the page cap), tags, manifests of every
// media type with verified digests, config summary, inspect of an index, blob get/head,
// monolithic and chunked uploads, cross-repository mount, referrers (tag-schema fallback).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { startRegistry, seedImage, seedIndex, pushBlob, pushManifest, sha256, MT, type RegistryHandle } from '../bed/index';
import { RegistryClient, RegistryError } from '../../shared/src/registry/client';
import { inspect } from '../../shared/src/ops/inspect';
import { skopeoTags, skopeoRaw } from './registry-skopeo';

let reg: RegistryHandle;
let capped: RegistryHandle;
let client: RegistryClient;
const clients: RegistryClient[] = [];

before(async () => {
  reg = await startRegistry();
  capped = await startRegistry({ config: { catalog: { maxentries: 3 } } });
  client = new RegistryClient({ host: reg.host });
  clients.push(client);
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([reg?.stop(), capped?.stop()]);
});

test('ping: a plain loopback registry is reached over HTTP without auth', async () => {
  const p = await client.ping();
  assert.equal(p.scheme, 'http');
  assert.equal(p.status, 200);
  assert.equal(p.apiVersion, 'registry/2.0');
});

test('catalog: Link paging streams every page; a registry capping pages still yields everything', async () => {
  const repos = ['cat/a', 'cat/b', 'cat/c', 'cat/d', 'cat/e', 'cat/f', 'cat/g'];
  for (const r of repos) await seedImage(capped, r, 't', { layerSizes: [64] });
  const c = new RegistryClient({ host: capped.host });
  clients.push(c);
  const pages: string[][] = [];
  for await (const page of c.catalogPages({ pageSize: 2 })) pages.push(page);
  assert.equal(pages.length, 4);
  assert.ok(pages.every((p) => p.length <= 2));
  assert.deepEqual(pages.flat().sort(), repos);
  // Default page size (1000) against catalog.maxentries = 3: the registry caps or refuses, and we still list all.
  assert.deepEqual((await c.catalog()).sort(), repos);
});

test('tags: the same list as skopeo, paged; [] (not null) after every tag is gone', async () => {
  const tags = ['1.0', '1.1', '2.0', 'latest', 'rc'];
  for (const t of tags) await seedImage(reg, 'tags/app', t, { layerSizes: [64] });
  const ours = await client.listTags('tags/app');
  assert.deepEqual([...ours].sort(), tags);
  assert.deepEqual([...ours].sort(), await skopeoTags(reg, 'tags/app'));
  const pages: string[][] = [];
  for await (const p of client.tagPages('tags/app', { pageSize: 2 })) pages.push(p);
  assert.deepEqual(pages.flat().sort(), tags); // distribution 2.8 ignores n for tags: one page or several, never a loss
  const only = await seedImage(reg, 'tags/empty', 'x', { layerSizes: [64] });
  await client.deleteManifest('tags/empty', only.digest);
  assert.deepEqual(await client.listTags('tags/empty'), []);
});

test('manifests: Docker schema 2 and OCI, bytes and digest identical to skopeo --raw and the seeded push', async () => {
  const docker = await seedImage(reg, 'mf/docker', 'v1', { layerSizes: [300, 500], labels: { team: 'a' } });
  const oci = await seedImage(reg, 'mf/oci', 'v1', { format: 'oci', layerSizes: [200] });
  for (const [repo, seeded] of [
    ['mf/docker', docker],
    ['mf/oci', oci],
  ] as const) {
    const m = await client.getManifest(repo, 'v1');
    assert.equal(m.digest, seeded.digest);
    assert.equal(m.mediaType, seeded.mediaType);
    assert.ok(m.raw.equals(seeded.manifestBytes));
    const raw = await skopeoRaw(reg, `${repo}:v1`);
    assert.ok(m.raw.equals(raw), 'same bytes as skopeo inspect --raw');
    assert.equal(m.digest, 'sha256:' + createHash('sha256').update(raw).digest('hex'));
    assert.equal(m.manifest.kind, 'image');
    const head = await client.headManifest(repo, 'v1');
    assert.deepEqual(head, { digest: seeded.digest, mediaType: seeded.mediaType, size: seeded.size });
    const byDigest = await client.getManifest(repo, seeded.digest);
    assert.equal(byDigest.digest, seeded.digest);
  }
  assert.equal(await client.headManifest('mf/docker', 'missing'), undefined);
  await assert.rejects(
    client.getManifest('mf/docker', 'missing'),
    (e: unknown) => e instanceof RegistryError && e.code === 'MANIFEST_UNKNOWN' && /dockhand tags/.test(e.fix),
  );
  await assert.rejects(client.listTags('no/such/repo'), (e: unknown) => e instanceof RegistryError && e.code === 'NAME_UNKNOWN');
});

test('config: summary of platform, created, env, labels, cmd and history', async () => {
  const created = '2024-05-06T07:08:09Z';
  const img = await seedImage(reg, 'cfg/app', 'v1', { platform: 'linux/arm64/v8', labels: { 'org.example.role': 'api' }, created });
  const m = await client.getManifest('cfg/app', 'v1');
  assert.equal(m.manifest.kind, 'image');
  if (m.manifest.kind !== 'image') return;
  const cfg = await client.getConfig('cfg/app', m.manifest.config);
  assert.equal(cfg.digest, img.configDigest);
  assert.deepEqual(cfg.summary.platform, { os: 'linux', architecture: 'arm64', variant: 'v8' });
  assert.equal(cfg.summary.created, created);
  assert.equal(cfg.summary.labels['org.example.role'], 'api');
  assert.deepEqual(cfg.summary.diffIds, (img.config.rootfs as { diff_ids: string[] }).diff_ids);
  assert.ok(cfg.summary.env.length > 0);
  assert.ok(cfg.summary.history.length > 0);
});

test('inspect: an index keeps all its platforms with per-platform and total sizes', async () => {
  const idx = await seedIndex(reg, 'idx/app', 'multi', ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7'], { layerSizes: [400, 800] });
  const info = await inspect(client, 'idx/app', 'multi');
  assert.equal(info.digest, idx.digest);
  assert.equal(info.isIndex, true);
  assert.equal(info.mediaType, MT.ociIndex);
  assert.deepEqual(
    info.platforms.map((p) => `${p.platform.os}/${p.platform.architecture}${p.platform.variant ? '/' + p.platform.variant : ''}`),
    ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7'],
  );
  for (const [i, p] of info.platforms.entries()) {
    const seeded = idx.manifests[i]!;
    assert.equal(p.digest, seeded.digest);
    assert.equal(p.size, seeded.manifest.config.size + seeded.layerCompressedSizes.reduce((a, b) => a + b, 0));
    assert.deepEqual(
      p.layers.map((l) => l.digest),
      seeded.layerDigests,
    );
    assert.equal(p.configSummary?.platform.architecture, seeded.platform.architecture);
  }
  const blobs = new Map<string, number>();
  for (const s of idx.manifests) {
    blobs.set(s.configDigest, s.manifest.config.size);
    s.layerDigests.forEach((d, i) => blobs.set(d, s.layerCompressedSizes[i]!));
  }
  const expected = [...blobs.values()].reduce((a, b) => a + b, 0) + idx.size + idx.manifests.reduce((a, s) => a + s.size, 0);
  assert.equal(info.totalSize, expected);
});

test('blobs: head, streamed get with digest verification, monolithic and chunked uploads, mount', async () => {
  const data = randomBytes(300_000);
  const digest = sha256(data);
  assert.equal(await client.headBlob('up/mono', digest), undefined);
  await client.uploadBlob('up/mono', digest, data.length, data);
  assert.deepEqual(await client.headBlob('up/mono', digest), { size: data.length });
  const chunked = randomBytes(250_001);
  const chunkedDigest = sha256(chunked);
  let reported = 0;
  await client.uploadBlob('up/chunked', chunkedDigest, chunked.length, () => Readable.from([chunked.subarray(0, 1000), chunked.subarray(1000)]), {
    chunkSize: 65_536,
    onBytes: (n) => (reported += n),
  });
  assert.equal(reported, chunked.length);
  const back = await client.getBlobBytes('up/chunked', chunkedDigest, { maxBytes: 1_000_000 });
  assert.ok(back.equals(chunked));
  const { stream } = await client.getBlob('up/mono', digest);
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  assert.ok(Buffer.concat(parts).equals(data));
  // A stream uploaded monolithically.
  const streamed = randomBytes(70_000);
  await client.uploadBlob('up/stream', sha256(streamed), streamed.length, () => Readable.from([streamed]));
  assert.deepEqual(await client.headBlob('up/stream', sha256(streamed)), { size: streamed.length });
  // A wrong digest is refused by the registry.
  await assert.rejects(
    client.uploadBlob('up/mono', sha256('x'), data.length, data),
    (e: unknown) => e instanceof RegistryError && (e.code === 'DIGEST_INVALID' || e.status === 400),
  );
  // Mount into another repository of the same registry.
  assert.equal(await client.mountBlob('up/mounted', digest, 'up/mono'), true);
  assert.deepEqual(await client.headBlob('up/mounted', digest), { size: data.length });
  assert.equal(await client.mountBlob('up/mounted2', sha256('absent'), 'up/mono'), false);
});

test('referrers: the tag-schema fallback on a registry without the OCI 1.1 API', async () => {
  const subject = await seedImage(reg, 'ref/app', 'v1', { format: 'oci' });
  const empty = Buffer.from('{}');
  const emptyDigest = await pushBlob(reg, 'ref/app', empty);
  const sbom = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      artifactType: 'application/spdx+json',
      config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 },
      layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
    }),
  );
  const sbomDigest = await pushManifest(reg, 'ref/app', sha256(sbom), MT.ociManifest, sbom);
  assert.deepEqual(await client.referrers('ref/app', subject.digest), [], 'no referrers before the fallback tag exists');
  const fallback = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MT.ociIndex,
      manifests: [{ mediaType: MT.ociManifest, digest: sbomDigest, size: sbom.length, artifactType: 'application/spdx+json' }],
    }),
  );
  await pushManifest(reg, 'ref/app', subject.digest.replace(':', '-'), MT.ociIndex, fallback);
  const refs = await client.referrers('ref/app', subject.digest);
  assert.deepEqual(
    refs.map((r) => r.digest),
    [sbomDigest],
  );
  assert.deepEqual(await client.referrers('ref/app', subject.digest, { artifactType: 'application/other' }), []);
});

test('put manifest returns the digest of the bytes; delete by digest removes every tag', async () => {
  const img = await seedImage(reg, 'pm/app', 'a');
  const { digest } = await client.putManifest('pm/app', 'b', img.manifestBytes, img.mediaType);
  assert.equal(digest, img.digest);
  assert.deepEqual(await skopeoTags(reg, 'pm/app'), ['a', 'b']);
  await client.deleteManifest('pm/app', img.digest);
  assert.deepEqual(await skopeoTags(reg, 'pm/app'), []);
});
