// Helpers for the registry-events e2e tests: a source registry with two seeded images, and
// skopeo copies (push into / pull out of a bed registry), so the registry under test sees
// real pushes and pulls from a real client.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { seedImage, startRegistry, tempDir, type RegistryHandle } from '../bed/index';

const run = promisify(execFile);

/** A plain-HTTP registry holding src/app:v1 and src/app:v2 (different images). */
export async function startSourceRegistry(): Promise<RegistryHandle> {
  const src = await startRegistry();
  await seedImage(src, 'src/app', 'v1', { layerSizes: [2048] });
  await seedImage(src, 'src/app', 'v2', { layerSizes: [4096] });
  return src;
}

/** skopeo copy docker://FROM docker://TO (plain HTTP on loopback). */
export async function skopeoPush(from: string, to: string): Promise<void> {
  await run('skopeo', ['copy', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${from}`, `docker://${to}`], { timeout: 120_000 });
}

/** skopeo copy docker://REF dir:TMP: a real pull (manifest GET) from the registry. */
export async function skopeoPull(ref: string): Promise<void> {
  await run('skopeo', ['copy', '--src-tls-verify=false', `docker://${ref}`, `dir:${join(tempDir('dockhand-pull-'), 'image')}`], { timeout: 120_000 });
}
