// Bench rows for browsing a remote image's files (issue 19): time and bytes read to list a
// 200 MiB image's files cold (empty index cache) and warm, one file read with cat, and the
// peak memory of listing an image with a 1 GiB layer. The peer is what a person does without
// Dockhand: download the image (skopeo copy to a dir:), which is the floor of bytes for any
// tool that has to look inside every layer.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startRegistry, tempDir } from '../bed/index';
import { pushLayeredImage } from '../integration/helpers/layered-images';
import { startCountingProxy } from './count-proxy';
import { timeCommand, type CommandSpec, type Sample } from './measure';
import type { Row } from './report';

const MiB = 1 << 20;

export async function imageFilesRows(opts: {
  quick: boolean;
  dh: (...args: string[]) => CommandSpec;
  skopeo: (...args: string[]) => CommandSpec;
  alternate: (runs: number, d: (i: number) => Promise<Sample>, p: (i: number) => Promise<Sample>) => Promise<{ d: Sample[]; p: Sample[] }>;
  cleanups: Array<() => Promise<void>>;
  log: (s: string) => void;
}): Promise<Row[]> {
  const { quick, dh, skopeo, alternate, cleanups, log } = opts;
  const runs = quick ? 1 : 3;
  const rows: Row[] = [];
  const reg = await startRegistry();
  cleanups.push(() => reg.stop());
  const proxy = await startCountingProxy(reg.port);
  cleanups.push(() => proxy.stop());
  const big = quick ? 16 * MiB : 100 * MiB;
  log(`files: seeding a ${(2 * big) / MiB + 1} MiB image (a small first layer, two big ones)`);
  const files = Array.from({ length: 2000 }, (_, i) => ({ name: `usr/share/doc/pkg-${i % 50}/file-${i}.txt`, data: `file ${i}\n` }));
  await pushLayeredImage(reg, 'bench/files', 'v1', {
    layers: [
      {
        members: [
          { name: 'etc/', type: 'directory' },
          { name: 'etc/os-release', data: 'ID=bench\n' },
          ...files,
          { name: 'var/filler.bin', data: randomBytes(MiB) },
        ],
      },
      { members: [{ name: 'opt/a.bin', data: randomBytes(big) }] },
      { members: [{ name: 'opt/b.bin', data: randomBytes(big) }] },
    ],
  });
  const ref = `${proxy.host}/bench/files:v1`;
  const counted = async (f: () => Promise<Sample>): Promise<Sample> => {
    proxy.reset();
    const s = await f();
    return { ...s, bytes: proxy.bytes() };
  };
  const withCache = (dir: string, spec: CommandSpec): CommandSpec => ({ ...spec, env: { ...spec.env, DOCKHAND_CACHE_DIR: dir } });
  const download = (i: number, tag: string) =>
    counted(async () => {
      const dir = tempDir(`dockhand-bench-skopeo-${tag}-${i}-`);
      try {
        return await timeCommand(skopeo('copy', '--src-tls-verify=false', `docker://${ref}`, `dir:${join(dir, 'img')}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  const name = `${(2 * big) / MiB + 1} MiB image`;

  log('files: list cold');
  const cold = await alternate(
    runs,
    (i) => counted(() => timeCommand(withCache(tempDir(`dockhand-bench-cache-${i}-`), dh('files', ref, '-r', '--json')))),
    (i) => download(i, 'cold'),
  );
  rows.push({
    workload: `files -r of a ${name}, cold (empty index cache)`,
    dockhand: cold.d,
    peer: cold.p,
    peerName: 'skopeo copy to dir: (download only)',
    target: '<= 1.2',
    met: (r) => r <= 1.2,
    note: 'files: bytes moved = all bytes through a counting proxy; a cold listing must read every layer once (like any tool that looks inside), then the indexes are cached by digest.',
  });

  const warmCache = tempDir('dockhand-bench-cache-warm-');
  await timeCommand(withCache(warmCache, dh('files', ref, '-r', '--json')));
  log('files: list warm');
  const warm = await alternate(
    runs,
    () => counted(() => timeCommand(withCache(warmCache, dh('files', ref, '-r', '--json')))),
    (i) => download(i, 'warm'),
  );
  rows.push({
    workload: `files -r of a ${name}, warm (indexes cached)`,
    dockhand: warm.d,
    peer: warm.p,
    peerName: 'skopeo copy to dir: (download only)',
    target: 'only manifests and config read',
    met: (_r, d) => d.every((s) => (s.bytes ?? Infinity) < 64 * 1024),
  });

  log('files: cat one file of the first layer, warm');
  const cat = await alternate(
    runs,
    () => counted(() => timeCommand(withCache(warmCache, dh('cat', ref, '/etc/os-release')))),
    (i) => download(i, 'cat'),
  );
  rows.push({
    workload: `cat a first-layer file of a ${name}, warm`,
    dockhand: cat.d,
    peer: cat.p,
    peerName: 'skopeo copy to dir: (download only)',
    target: 'far fewer bytes than the image',
    met: (_r, d) => d.every((s) => (s.bytes ?? Infinity) < 4 * MiB),
  });

  const hugeSize = quick ? 64 * MiB : 1024 * MiB;
  log(`files: seeding an image with one ${hugeSize / MiB} MiB layer`);
  await pushLayeredImage(reg, 'bench/huge-layer', 'v1', {
    layers: [
      {
        members: [
          { name: 'big.bin', data: randomBytes(hugeSize) },
          { name: 'after.txt', data: 'after\n' },
        ],
      },
    ],
  });
  const huge = await alternate(
    1,
    () => timeCommand(withCache(tempDir('dockhand-bench-cache-huge-'), dh('files', `${reg.host}/bench/huge-layer:v1`, '--json'))),
    (i) => {
      const dir = tempDir(`dockhand-bench-skopeo-huge-${i}-`);
      return timeCommand(skopeo('copy', '--src-tls-verify=false', `docker://${reg.host}/bench/huge-layer:v1`, `dir:${join(dir, 'img')}`)).finally(() =>
        rmSync(dir, { recursive: true, force: true }),
      );
    },
  );
  rows.push({
    workload: `files of an image with one ${hugeSize / MiB} MiB layer (memory stays flat)`,
    dockhand: huge.d,
    peer: huge.p,
    peerName: 'skopeo copy to dir: (download only)',
    target: 'RSS <= 150 MB',
    met: (_r, d) => d.every((s) => (s.maxRssKb ?? Infinity) <= 150 * 1024),
  });
  return rows;
}
