// Size analysis against a real registry: per-tag unique/shared bytes and stored bytes are
// checked against the blob files in the registry's own storage folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startRegistry, seedIndex, type RegistryHandle, type SeededIndex } from '../bed/index';
import { RegistryClient } from '../../shared/src/registry/client';
import { analyzeRepository, analyzeRegistry, ManifestCache, scanRepository } from '@dockhand/shared/cleanup';
import { runCli, isolatedCliEnv, type CliResult } from './helpers/run-cli';
import { makeLayer, pushImage, addTag, blobFiles, blobFileSize, daysAgo, type PushedImage } from './cleanup-seed';

let reg: RegistryHandle;
let client: RegistryClient;
let v1: PushedImage, v2: PushedImage, v3: PushedImage, other: PushedImage;
let multi: SeededIndex;
let baseDigest: string;

before(
  async () => {
    reg = await startRegistry();
    client = new RegistryClient({ host: reg.host });
    const [base, l1, l2, l3, lo] = await Promise.all([makeLayer(300_000), makeLayer(20_000), makeLayer(30_000), makeLayer(40_000), makeLayer(5_000)]);
    baseDigest = base.digest;
    v1 = await pushImage(reg, 'team/app', 'v1', [base, l1], daysAgo(3));
    v2 = await pushImage(reg, 'team/app', 'v2', [base, l2], daysAgo(2));
    await addTag(reg, 'team/app', 'latest', v2);
    v3 = await pushImage(reg, 'team/app', 'v3', [l3], daysAgo(1));
    multi = await seedIndex(reg, 'team/app', 'multi', ['linux/amd64', 'linux/arm64/v8'], { layerSizes: [7_000] });
    other = await pushImage(reg, 'team/other', 'x', [base, lo], daysAgo(1)); // base is stored once
  },
  { timeout: 120_000 },
);

after(async () => {
  await client?.close();
  await reg?.stop();
});

const disk = (d: string) => blobFileSize(reg.rootDir, d);
const sumDisk = (ds: string[]) => [...new Set(ds)].reduce((a, d) => a + disk(d), 0);

test('du of a repository: exact unique and shared bytes per tag, matching the storage folder', { timeout: 120_000 }, async () => {
  const r = await analyzeRepository(client, 'team/app', { withCreated: true });
  const tag = (n: string) => r.tags.find((t) => t.tag === n)!;
  assert.deepEqual(r.tags.map((t) => t.tag).sort(), ['latest', 'multi', 'v1', 'v2', 'v3']);

  assert.equal(tag('v1').size, sumDisk([v1.configDigest, ...v1.layers]));
  assert.equal(tag('v1').uniqueBytes, sumDisk([v1.configDigest, v1.layers[1]!]));
  assert.equal(tag('v1').sharedBytes, disk(baseDigest));

  // v2 and latest are one manifest: all of it is shared
  assert.equal(tag('v2').uniqueBytes, 0);
  assert.equal(tag('v2').sharedBytes, sumDisk([v2.configDigest, ...v2.layers]));
  assert.deepEqual(tag('latest').aliases, ['v2']);

  assert.equal(tag('v3').uniqueBytes, sumDisk([v3.configDigest, ...v3.layers]));
  assert.equal(tag('v3').sharedBytes, 0);

  const m = tag('multi');
  assert.equal(m.isIndex, true);
  assert.deepEqual(
    m.platforms.map((p) => p.platform),
    ['linux/amd64', 'linux/arm64/v8'],
  );
  for (const [i, p] of m.platforms.entries()) {
    const seeded = multi.manifests[i]!;
    assert.equal(p.digest, seeded.digest);
    assert.equal(p.size, sumDisk([seeded.configDigest, ...seeded.layerDigests]));
  }
  assert.equal(m.size, sumDisk(multi.manifests.flatMap((s) => [s.configDigest, ...s.layerDigests])));
  assert.equal(m.uniqueBytes, m.size);
  assert.equal(m.manifestBytes, sumDisk([multi.digest, ...multi.manifests.map((s) => s.digest)]));
  assert.ok(tag('v3').created && Date.parse(tag('v3').created!) > Date.parse(tag('v1').created!));

  // The repository: every object reachable from its tags, each once.
  const objects = [v1, v2, v3]
    .flatMap((i) => [i.digest, i.configDigest, ...i.layers])
    .concat(
      [multi.digest],
      multi.manifests.flatMap((s) => [s.digest, s.configDigest, ...s.layerDigests]),
    );
  assert.equal(r.storedBytes, sumDisk(objects));
  assert.equal(r.manifestCount, 6);
});

test('du of the registry: stored bytes equal every blob file on disk; shared blobs are not exclusive', { timeout: 120_000 }, async () => {
  const r = await analyzeRegistry(client);
  const files = blobFiles(reg.rootDir);
  assert.equal(
    r.storedBytes,
    [...files.values()].reduce((a, b) => a + b, 0),
  );
  assert.equal(r.blobCount, files.size);
  const o = r.repositories.find((x) => x.repository === 'team/other')!;
  assert.equal(o.storedBytes, sumDisk([other.digest, other.configDigest, ...other.layers]));
  assert.equal(o.exclusiveBytes, sumDisk([other.digest, other.configDigest, other.layers[1]!]));
  assert.equal(o.sharedWithOtherRepositoriesBytes, disk(baseDigest));
  assert.equal(r.sumOfRepositoriesBytes - r.storedBytes, disk(baseDigest));
});

test('manifests are fetched once per digest, even across repositories and aliased tags', { timeout: 120_000 }, async () => {
  const cache = new ManifestCache(client, { concurrency: 4 });
  await scanRepository(client, 'team/app', { cache });
  assert.equal(cache.fetches.manifests, 6, '5 tags on 4 top-level digests + 2 platform manifests');
  await scanRepository(client, 'team/app', { cache });
  assert.equal(cache.fetches.manifests, 6, 'a second scan is served from the cache');
});

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, { env: isolatedCliEnv('dockhand-cleanup-home') });
}

test('dockhand du REPO --json and du REGISTRY print the same numbers', { timeout: 120_000 }, async () => {
  const repo = await cli(['du', `${reg.host}/team/app`, '--json']);
  assert.equal(repo.code, 0, repo.err);
  const parsed = JSON.parse(repo.out) as { storedBytes: number; tags: Array<{ tag: string; uniqueBytes: number }> };
  const direct = await analyzeRepository(client, 'team/app');
  assert.equal(parsed.storedBytes, direct.storedBytes);
  assert.equal(parsed.tags.find((t) => t.tag === 'v3')!.uniqueBytes, sumDisk([v3.configDigest, ...v3.layers]));
  const text = await cli(['du', reg.host]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /team\/app/);
  assert.match(text.out, new RegExp(`${[...blobFiles(reg.rootDir).values()].reduce((a, b) => a + b, 0)} bytes, each blob once`));
  const upperScheme = await cli(['du', `HTTP://${reg.host}/`]); // a scheme in any case names the registry, as everywhere else
  assert.equal(upperScheme.code, 0, upperScheme.err);
  assert.equal(upperScheme.out, text.out);
  const table = await cli(['du', `${reg.host}/team/app`]);
  assert.match(table.out, /TAG\s+SIZE\s+UNIQUE\s+SHARED/);
  assert.match(table.out, /linux\/arm64\/v8/);
});
