// makeLocalImage(): real images in a bed dockerd, made offline from the static busybox.
//   one layer:       `docker import` of a busybox rootfs tar (+ a random-byte file)
//   several layers:  a docker-archive tar (manifest.json, config, layer tars) and `docker load`
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTar, randomData, type TarEntry } from './tarball';
import { sha256 } from './seed';
import { tempDir } from './temp';
import { removeTempDir } from './processes';
import type { DockerdHandle } from './dockerd';

export const BUSYBOX = process.env.DOCKHAND_BUSYBOX ?? '/bin/busybox';

export interface LocalImageOptions {
  /** Bytes of random data per layer (layer 0 also holds busybox); default [0]. */
  layerSizes?: number[];
  labels?: Record<string, string>;
}

/** Run the docker CLI against a bed dockerd; resolves with stdout, rejects with stderr. */
export function dockerCli(d: Pick<DockerdHandle, 'env'>, args: string[], opts: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'docker',
      args,
      { env: { ...process.env, ...d.env }, timeout: opts.timeoutMs ?? 120000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`test bed: docker ${args.join(' ')} failed: ${stderr || err.message}`));
        else resolve(stdout);
      },
    );
    child.stdin?.on('error', () => undefined);
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

function withTag(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  return ref.slice(lastSlash + 1).includes(':') || ref.includes('@') ? ref : `${ref}:latest`;
}

function rootfsEntries(payload: number): TarEntry[] {
  return [
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', data: readFileSync(BUSYBOX), mode: 0o755 },
    { name: 'bin/sh', type: 'symlink', linkname: 'busybox' },
    { name: 'bin/ls', type: 'symlink', linkname: 'busybox' },
    { name: 'bin/cat', type: 'symlink', linkname: 'busybox' },
    { name: 'etc/', type: 'directory' },
    { name: 'etc/os-release', data: 'NAME="Dockhand test bed"\nID=dockhand-bed\n' },
    { name: 'tmp/', type: 'directory', mode: 0o1777 },
    { name: 'data/', type: 'directory' },
    { name: 'data/layer-0.bin', data: randomData(payload) },
  ];
}

/** Make an image `ref` in the bed dockerd; returns its image ID (sha256:...). */
export async function makeLocalImage(d: DockerdHandle, ref: string, opts: LocalImageOptions = {}): Promise<string> {
  const sizes = opts.layerSizes?.length ? opts.layerSizes : [0];
  const tagged = withTag(ref);
  const dir = tempDir('dockhand-image');
  try {
    if (sizes.length === 1 && !opts.labels) {
      const file = join(dir, 'rootfs.tar');
      writeFileSync(file, await makeTar(rootfsEntries(sizes[0])));
      const out = await dockerCli(d, ['import', '-c', 'CMD ["/bin/sh"]', file, tagged]);
      const id = out.trim().split('\n').pop() ?? '';
      if (!/^sha256:[0-9a-f]{64}$/.test(id)) throw new Error(`test bed: docker import printed no image ID: ${out}`);
      return id;
    }
    const layers: Buffer[] = [await makeTar(rootfsEntries(sizes[0]))];
    for (let i = 1; i < sizes.length; i++) {
      layers.push(
        await makeTar([
          { name: 'data/', type: 'directory' },
          { name: `data/layer-${i}.bin`, data: randomData(sizes[i]) },
        ]),
      );
    }
    const created = new Date().toISOString();
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        created,
        config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'], ...(opts.labels ? { Labels: opts.labels } : {}) },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => sha256(l)) },
        history: layers.map((_l, i) => ({ created, created_by: `dockhand test bed layer ${i}` })),
      }),
    );
    const configHex = sha256(config).slice('sha256:'.length);
    const entries: TarEntry[] = [{ name: `${configHex}.json`, data: config }];
    layers.forEach((l, i) => {
      entries.push({ name: `layer${i}/`, type: 'directory' }, { name: `layer${i}/layer.tar`, data: l });
    });
    entries.push({
      name: 'manifest.json',
      data: JSON.stringify([{ Config: `${configHex}.json`, RepoTags: [tagged], Layers: layers.map((_l, i) => `layer${i}/layer.tar`) }]),
    });
    const file = join(dir, 'image.tar');
    writeFileSync(file, await makeTar(entries));
    await dockerCli(d, ['load', '-i', file]);
    const id = (await dockerCli(d, ['image', 'inspect', '--format', '{{.Id}}', tagged])).trim();
    if (id !== `sha256:${configHex}`) throw new Error(`test bed: docker load gave ${tagged} the ID ${id}, expected sha256:${configHex}`);
    return id;
  } finally {
    removeTempDir(dir);
  }
}
