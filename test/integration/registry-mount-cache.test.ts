// Cross-repository mounts from the blob-holders cache, against real registries: promoting one
// image from a source registry to 5 repositories of a target registry uploads its layers once
// and mounts them 4 times (bytes counted through a TCP proxy in front of the target); the CLI
// remembers holders across processes (the cache file in XDG_CACHE_HOME); a mount the registry
// refuses (a stale hint) still copies and the hint is dropped; an archive push mounts too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startRegistry, seedImage, tempDir, type RegistryHandle, type SeededImage } from '../bed/index';
import { RegistryClient } from '../../shared/src/registry/client';
import { BlobHoldersCache } from '../../shared/src/registry/blob-holders-cache';
import { parseReference } from '../../shared/src/reference/reference';
import { copyImage } from '../../shared/src/ops/copy';
import { pushArchive } from '../../shared/src/engine/archive-push';
import type { EngineProgressEvent as EngineProgress } from '../../shared/src/engine/types';
import { startCountingProxy, type CountingProxy } from '../bench/count-proxy';
import { runCli } from './helpers/run-cli';

const run = promisify(execFile);
const LAYER = 512 * 1024;
let source: RegistryHandle;
let image: SeededImage;
const stops: Array<() => Promise<void>> = [];
const imageBytes = () => image.layerCompressedSizes.reduce((a, b) => a + b, 0);

before(async () => {
  source = await startRegistry();
  stops.push(() => source.stop());
  image = await seedImage(source, 'staging/app', 'v1', { layerSizes: [LAYER, LAYER, LAYER] });
});
after(async () => {
  for (const s of stops.reverse()) await s().catch(() => undefined);
});

async function target(): Promise<{ reg: RegistryHandle; proxy: CountingProxy }> {
  const reg = await startRegistry();
  const proxy = await startCountingProxy(reg.port);
  stops.push(
    () => reg.stop(),
    () => proxy.stop(),
  );
  return { reg, proxy };
}

test('promote one image to 5 repositories: the layers go up once, then are mounted from the cached holder', async () => {
  const { proxy } = await target();
  const cache = new BlobHoldersCache(join(tempDir('dh-mount-cache'), 'blob-holders.json'));
  const src = new RegistryClient({ host: source.host, blobHolders: cache });
  const dst = new RegistryClient({ host: proxy.host, blobHolders: cache });
  try {
    const perCopy: number[] = [];
    for (let i = 0; i < 5; i++) {
      proxy.reset();
      const r = await copyImage(
        { client: src, ref: parseReference(`${source.host}/staging/app:v1`) },
        { client: dst, ref: parseReference(`${proxy.host}/prod/app-${i}:v1`) },
      );
      perCopy.push(proxy.bytes());
      if (i === 0) assert.deepEqual([r.blobsCopied, r.blobsMounted], [4, 0], 'the first copy uploads config and layers');
      else assert.deepEqual([r.blobsCopied, r.blobsMounted], [0, 4], `copy ${i} mounts everything`);
      assert.equal(r.digest, image.digest);
    }
    assert.ok(perCopy[0]! > imageBytes(), `first copy moved ${perCopy[0]} bytes`);
    for (const b of perCopy.slice(1)) assert.ok(b < 64 * 1024, `a mounted copy moved ${b} bytes through the target (no layer bytes)`);
    // The registry serves every promoted image whole.
    for (let i = 0; i < 5; i++) {
      const check = new RegistryClient({ host: proxy.host, blobHolders: false });
      for (const d of image.layerDigests) assert.ok(await check.headBlob(`prod/app-${i}`, d));
      await check.close();
    }
  } finally {
    await src.close();
    await dst.close();
  }
});

test('dockhand cp remembers holders across processes (cache file in XDG_CACHE_HOME): the second cp mounts', async () => {
  const { proxy } = await target();
  const home = tempDir('dh-mount-home');
  const env = { PATH: process.env.PATH, HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
  proxy.reset();
  const a = await runCli(['cp', `${source.host}/staging/app:v1`, `${proxy.host}/team/one:v1`], { env });
  assert.equal(a.code, 0, a.err);
  const first = proxy.bytes();
  // A new client and a new cache object read the file the first run wrote (as a new process would).
  const fresh = new BlobHoldersCache(join(home, 'cache', 'dockhand', 'blob-holders.json'));
  assert.deepEqual(await fresh.holders(proxy.host, image.layerDigests[0]!), ['team/one']);
  proxy.reset();
  const dst = new RegistryClient({ host: proxy.host, blobHolders: fresh });
  const src = new RegistryClient({ host: source.host, blobHolders: false });
  const r = await copyImage(
    { client: src, ref: parseReference(`${source.host}/staging/app:v1`) },
    { client: dst, ref: parseReference(`${proxy.host}/team/two:v1`) },
  );
  await Promise.all([src.close(), dst.close()]);
  assert.equal(r.blobsMounted, 4);
  assert.ok(first > imageBytes() && proxy.bytes() < 64 * 1024, `first ${first}, second ${proxy.bytes()} bytes`);
});

test('a refused mount (stale hint: the holder has no such blob) still copies, and the hint is dropped', async () => {
  const { proxy } = await target();
  const cache = new BlobHoldersCache(join(tempDir('dh-mount-stale'), 'blob-holders.json'));
  cache.record(proxy.host, 'ghost/repo', [image.configDigest, ...image.layerDigests]);
  const src = new RegistryClient({ host: source.host, blobHolders: cache });
  const dst = new RegistryClient({ host: proxy.host, blobHolders: cache });
  try {
    proxy.reset();
    const r = await copyImage(
      { client: src, ref: parseReference(`${source.host}/staging/app:v1`) },
      { client: dst, ref: parseReference(`${proxy.host}/prod/fresh:v1`) },
    );
    assert.deepEqual([r.blobsCopied, r.blobsMounted], [4, 0]);
    assert.ok(proxy.bytes() > imageBytes());
    for (const d of image.layerDigests) assert.deepEqual(await cache.holders(proxy.host, d), ['prod/fresh'], 'ghost/repo forgotten, the new holder remembered');
    const pulled = await new RegistryClient({ host: proxy.host, blobHolders: false }).getBlobBytes('prod/fresh', image.layerDigests[0]!, {
      maxBytes: 4 * LAYER,
    });
    assert.equal(pulled.length, image.layerCompressedSizes[0]);
  } finally {
    await src.close();
    await dst.close();
  }
});

test('cp between registries also tries the source repository name on the target (it holds the blobs there)', async () => {
  const { proxy } = await target();
  const noCache = { blobHolders: false as const };
  const src = new RegistryClient({ host: source.host, ...noCache });
  const dst = new RegistryClient({ host: proxy.host, ...noCache });
  try {
    await copyImage(
      { client: src, ref: parseReference(`${source.host}/staging/app:v1`) },
      { client: dst, ref: parseReference(`${proxy.host}/staging/app:v1`) },
    );
    proxy.reset();
    const r = await copyImage(
      { client: src, ref: parseReference(`${source.host}/staging/app:v1`) },
      { client: dst, ref: parseReference(`${proxy.host}/prod/app:v1`) },
    );
    assert.deepEqual([r.blobsCopied, r.blobsMounted], [0, 4]);
    assert.ok(proxy.bytes() < 64 * 1024, `${proxy.bytes()} bytes`);
  } finally {
    await src.close();
    await dst.close();
  }
});

test('push --archive (an OCI layout): the second push to another repository mounts every blob', async () => {
  const { proxy } = await target();
  const work = tempDir('dh-mount-archive');
  const layout = join(work, 'layout');
  await run('skopeo', ['copy', '--src-tls-verify=false', `docker://${source.host}/staging/app:v1`, `oci:${layout}:v1`]);
  const env = { PATH: process.env.PATH, HOME: work, XDG_CACHE_HOME: join(work, 'cache') };
  proxy.reset();
  await pushArchive(layout, `${proxy.host}/arch/one:v1`, { env });
  const first = proxy.bytes();
  proxy.reset();
  const events: EngineProgress[] = [];
  const r = await pushArchive(layout, `${proxy.host}/arch/two:v1`, { env, onProgress: (e) => events.push(e) });
  const states = events.filter((e) => e.kind === 'layer' && e.state !== 'waiting').map((e) => (e as { state: string }).state);
  assert.ok(states.length >= 4 && states.every((s) => s === 'mounted'), states.join(','));
  assert.ok(first > imageBytes() && proxy.bytes() < 64 * 1024, `first ${first}, second ${proxy.bytes()} bytes`);
  const check = new RegistryClient({ host: proxy.host, blobHolders: false });
  assert.equal((await check.getManifest('arch/two', 'v1')).digest, r.digest);
  await check.close();
});
