// `dockhand cp SRC DST1 DST2 ...` against real registries: one process promotes an image to 5
// repositories of a target registry, uploading its layers once and mounting them 4 times (bytes
// counted through a TCP proxy in front of the target); with one destination the registry refuses
// (a token-auth registry whose user may push only to prod/*), the others are still copied and the
// output (text and --json) says which destinations succeeded and which failed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startRegistry, seedImage, tempDir, type RegistryHandle, type SeededImage } from '../bed/index';
import { RegistryClient } from '../../shared/src/registry/client';
import { RegistryError } from '../../shared/src/registry/client';
import { startCountingProxy } from '../bench/count-proxy';
import { runCli } from './helpers/run-cli';

const LAYER = 512 * 1024;
let source: RegistryHandle;
let image: SeededImage;
const stops: Array<() => Promise<void>> = [];
const imageBytes = () => image.layerCompressedSizes.reduce((a, b) => a + b, 0);
const cliEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const home = tempDir('dh-cp-dests');
  return { PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: home, XDG_CACHE_HOME: join(home, 'cache'), ...extra };
};

before(async () => {
  source = await startRegistry();
  stops.push(() => source.stop());
  image = await seedImage(source, 'staging/app', 'v1', { layerSizes: [LAYER, LAYER, LAYER] });
});
after(async () => {
  for (const s of stops.reverse()) await s().catch(() => undefined);
});

test('one dockhand cp with 5 destinations: the layers go up once, the other 4 destinations mount them', async () => {
  const reg = await startRegistry();
  const proxy = await startCountingProxy(reg.port);
  stops.push(
    () => reg.stop(),
    () => proxy.stop(),
  );
  const dsts = [0, 1, 2, 3, 4].map((k) => `${proxy.host}/prod/app-${k}:v1`);
  const r = await runCli(['cp', `${source.host}/staging/app:v1`, ...dsts], { env: cliEnv() });
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n').filter((l) => l.startsWith('Copied '));
  assert.equal(lines.length, 5, r.out);
  assert.match(r.out, /blobs: 4 copied, 0 mounted/, 'the first destination uploads config and layers');
  assert.equal(r.out.match(/blobs: 0 copied, 4 mounted/g)?.length, 4, r.out);
  assert.match(r.out, /^5 of 5 destinations copied$/m);
  const moved = proxy.bytes();
  assert.ok(moved > imageBytes() && moved < imageBytes() + 256 * 1024, `${moved} bytes through the target for a ${imageBytes()}-byte image: its layers once`);
  const check = new RegistryClient({ host: reg.host, blobHolders: false });
  try {
    for (let k = 0; k < 5; k++) {
      assert.equal((await check.getManifest(`prod/app-${k}`, 'v1')).digest, image.digest);
      for (const d of image.layerDigests) assert.ok(await check.headBlob(`prod/app-${k}`, d), `prod/app-${k} holds ${d}`);
    }
  } finally {
    await check.close();
  }
});

test('a destination the registry refuses fails alone: the others are copied and the report names each', async () => {
  const reg = await startRegistry({ token: { users: [{ username: 'ci', password: 'ci-pw', repositories: ['prod/*'] }] } });
  stops.push(() => reg.stop());
  const env = cliEnv({ DOCKHAND_USERNAME: 'ci', DOCKHAND_PASSWORD: 'ci-pw' });
  const dsts = [`${reg.host}/prod/one:v1`, `${reg.host}/locked/two:v1`, `${reg.host}/prod/three:v1`];
  const r = await runCli(['cp', `${source.host}/staging/app:v1`, ...dsts], { env });
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, new RegExp(`-> ${reg.host}/prod/one:v1 ${image.digest}`));
  assert.match(r.out, new RegExp(`-> ${reg.host}/prod/three:v1 ${image.digest} .*blobs: 0 copied, 4 mounted`), 'prod/three mounts from prod/one');
  assert.doesNotMatch(r.out, /locked\/two/);
  assert.match(r.err, new RegExp(`^dockhand cp: ${reg.host}/locked/two:v1: .+`, 'm'));
  assert.match(r.err, new RegExp(`^2 of 3 destinations copied; failed: ${reg.host}/locked/two:v1$`, 'm'));
  assert.doesNotMatch(r.err, /ci-pw/);

  const json = await runCli(['cp', '--json', `${source.host}/staging/app:v1`, ...dsts.map((d) => d.replace(':v1', ':v2'))], { env });
  assert.equal(json.code, 1, json.err);
  const report = JSON.parse(json.out) as { digest: string; destinations: Array<{ target: string; ok: boolean; error?: string; blobsMounted?: number }> };
  assert.equal(report.digest, image.digest);
  assert.deepEqual(
    report.destinations.map((d) => [d.target, d.ok]),
    [
      [`${reg.host}/prod/one:v2`, true],
      [`${reg.host}/locked/two:v2`, false],
      [`${reg.host}/prod/three:v2`, true],
    ],
  );
  assert.ok(report.destinations[1]!.error, 'the failure says why');

  const check = new RegistryClient({ host: reg.host, credentials: { get: async () => ({ username: 'ci', password: 'ci-pw', source: { kind: 'explicit', detail: 'test' } }) } });
  try {
    assert.equal((await check.getManifest('prod/one', 'v1')).digest, image.digest);
    assert.equal((await check.getManifest('prod/three', 'v2')).digest, image.digest);
    await assert.rejects(check.getManifest('locked/two', 'v1'), RegistryError);
  } finally {
    await check.close();
  }
});

test('cp refuses a destination given twice before copying anything', async () => {
  const r = await runCli(['cp', `${source.host}/staging/app:v1`, `${source.host}/copy/a:v1`, `${source.host}/copy/a:v1`], { env: cliEnv() });
  assert.equal(r.code, 2);
  assert.match(r.err, /destination .*copy\/a:v1 is given twice/);
  const check = new RegistryClient({ host: source.host, blobHolders: false });
  await assert.rejects(check.getManifest('copy/a', 'v1'));
  await check.close();
});
