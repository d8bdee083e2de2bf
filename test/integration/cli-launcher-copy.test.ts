// `dockhand cp` as users run it: the built bundle through shared/bin/dockhand.js (the launcher sets
// V8 flags before anything loads: WebAssembly at the baseline tier, a young generation that does
// not grow), between two real registries, into an empty target. The copy must be byte-exact: every
// blob fetched back from the target hashes to its digest and the manifest keeps its digest.
// Needs `npm run build -w shared` (the bench and the e2e tests use the same bundle).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startRegistry, seedImage, registryFetch, type RegistryHandle, type SeededImage } from '../bed/index';

const run = promisify(execFile);
const bin = join(resolve(__dirname, '../..'), 'shared/bin/dockhand.js');
const MiB = 1 << 20;
let source: RegistryHandle;
let image: SeededImage;
const stops: Array<() => Promise<void>> = [];

before(async () => {
  assert.ok(existsSync(join(resolve(__dirname, '../..'), 'shared/dist/cli.mjs')), 'build the CLI first: npm run build -w shared');
  source = await startRegistry();
  stops.push(() => source.stop());
  image = await seedImage(source, 'launcher/app', 'v1', { layerSizes: [3 * MiB, 3 * MiB, 512 * 1024] });
});
after(async () => {
  for (const s of stops.reverse()) await s().catch(() => undefined);
});

test('dockhand cp through the launcher copies every blob byte-exact into an empty registry', async () => {
  const target = await startRegistry();
  stops.push(() => target.stop());
  const { stdout } = await run(process.execPath, [bin, 'cp', `${source.host}/launcher/app:v1`, `${target.host}/copied/app:v1`, '--json'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    maxBuffer: 4 * MiB,
  });
  const result = JSON.parse(stdout) as { digest: string; blobsCopied: number };
  assert.equal(result.digest, image.digest);
  assert.equal(result.blobsCopied, image.layerDigests.length + 1);
  const manifest = await registryFetch(target, `/v2/copied/app/manifests/v1`, { headers: { accept: image.mediaType } });
  assert.equal(manifest.status, 200);
  assert.equal('sha256:' + createHash('sha256').update(Buffer.from(await manifest.arrayBuffer())).digest('hex'), image.digest);
  for (const digest of [image.configDigest, ...image.layerDigests]) {
    const blob = await registryFetch(target, `/v2/copied/app/blobs/${digest}`);
    assert.equal(blob.status, 200, digest);
    assert.equal('sha256:' + createHash('sha256').update(Buffer.from(await blob.arrayBuffer())).digest('hex'), digest);
  }
});
