// `npm run bench`: Dockhand side by side with the tools people would otherwise use, on the
// test bed's loopback registries and sandboxed dockerd, alternating runs, as ratios.
// Writes the markdown table to bench-results/results.md (and prints it).
//   BENCH_QUICK=1 npm run bench    fewer runs and smaller images (a smoke check of the harness)
//   BENCH_ONLY=limits npm run bench only some workloads (lint, listing, copy, retag, files, limits, promote, startup, events;
//                                     BENCH_EVENTS_PG=1 adds the PostgreSQL rows; narrower: copy-big = the 8 x 32 MiB
//                                     copy rows only, tags = the 5,000-tag rows only, limits-tags = the 200,000-tag row only)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startRegistry, startDockerd, seedImage, seedIndex, makeLocalImage, tempDir, type RegistryHandle } from '../bed/index';
import { lintConfig } from '../../shared/src/config/index';
import { RegistryClient } from '../../shared/src/registry/client';
import { parseReference } from '../../shared/src/reference/reference';
import { retag } from '../../shared/src/ops/retag';
import { timeCommand, timeCommands, timeFn, median, type Sample, type CommandSpec } from './measure';
import { startCountingProxy } from './count-proxy';
import { seedRepositories, seedTags, seedTagsOnDisk } from './seed-many';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderTable, type Row } from './report';
import { bigConfig } from './config-1000';
import { imageFilesRows } from './image-files-workload';
import { eventsRows } from './events-workload';
import { copyCostRows, promoteRows, startupRows } from './perf-workloads';

const root = resolve(__dirname, '../..');
const quick = process.env.BENCH_QUICK === '1';
const MiB = 1 << 20;
const dockhandBin = join(root, 'shared/bin/dockhand.js');
const dh = (...args: string[]): CommandSpec => ({ cmd: process.execPath, args: [dockhandBin, ...args] });
const skopeo = (...args: string[]): CommandSpec => ({ cmd: 'skopeo', args });
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

/** Alternates Dockhand and the peer `runs` times each. */
async function alternate(runs: number, dockhand: (i: number) => Promise<Sample>, peer: (i: number) => Promise<Sample>): Promise<{ d: Sample[]; p: Sample[] }> {
  const d: Sample[] = [];
  const p: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs on a warmer machine.
    if (i % 2 === 0) {
      d.push(await dockhand(i));
      p.push(await peer(i));
    } else {
      p.push(await peer(i));
      d.push(await dockhand(i));
    }
  }
  return { d, p };
}

const rows: Row[] = [];
const cleanups: Array<() => Promise<void>> = [];

async function freshRegistry(): Promise<RegistryHandle> {
  const r = await startRegistry();
  return r;
}

async function workloadCopy(bigOnly = false): Promise<void> {
  const runs = quick ? 1 : 3;
  const src = await freshRegistry();
  cleanups.push(() => src.stop());
  const layers = quick ? [4 * MiB, 4 * MiB] : Array(8).fill(32 * MiB);
  log(`seeding ${layers.length} x ${layers[0]! / MiB} MiB image and a 3-platform index`);
  await seedImage(src, 'bench/big', 'v1', { layerSizes: layers });
  const bigLayers = quick ? [16 * MiB, 16 * MiB] : [256 * MiB, 256 * MiB];
  if (!bigOnly) {
    await seedIndex(src, 'bench/multi', 'v1', ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'], { layerSizes: quick ? [MiB] : [8 * MiB, 8 * MiB] });
    await seedImage(src, 'bench/huge', 'v1', { layerSizes: bigLayers });
  }
  const copies = [
    [`cp image ${layers.length}x${layers[0]! / MiB} MiB, registry to registry`, 'bench/big'],
    ['cp 3-platform index, registry to registry', 'bench/multi'],
    [`cp image ${bigLayers.length}x${bigLayers[0]! / MiB} MiB layers (memory stays flat)`, 'bench/huge'],
  ] as const;
  for (const [name, repo] of bigOnly ? copies.slice(0, 1) : copies) {
    log(name);
    const { d, p } = await alternate(
      runs,
      async () => {
        const dst = await freshRegistry();
        try {
          return await timeCommand(dh('cp', `${src.host}/${repo}:v1`, `${dst.host}/${repo}:v1`));
        } finally {
          await dst.stop();
        }
      },
      async () => {
        const dst = await freshRegistry();
        try {
          return await timeCommand(
            skopeo('copy', '--all', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${src.host}/${repo}:v1`, `docker://${dst.host}/${repo}:v1`),
          );
        } finally {
          await dst.stop();
        }
      },
    );
    const rssOk = d.every((s) => (s.maxRssKb ?? Infinity) <= 150 * 1024);
    rows.push({
      workload: `${name} (empty target)`,
      dockhand: d,
      peer: p,
      peerName: 'skopeo copy',
      target: `<= 0.9 (RSS <= 150 MB: ${rssOk ? 'met' : '**missed**'})`,
      met: (r) => r <= 0.9,
    });
    rows.push(...copyCostRows(name, d, p));
  }
  if (bigOnly) return;

  log('cp within one registry (cross-repository mount)');
  const { d, p } = await alternate(
    quick ? 1 : 5,
    (i) => timeCommand(dh('cp', `${src.host}/bench/big:v1`, `${src.host}/mount/dockhand-${i}:v1`)),
    (i) =>
      timeCommand(
        skopeo('copy', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${src.host}/bench/big:v1`, `docker://${src.host}/mount/skopeo-${i}:v1`),
      ),
  );
  rows.push({
    workload: 'cp between repositories of one registry (mount)',
    dockhand: d,
    peer: p,
    peerName: 'skopeo copy',
    target: '<= 0.7',
    met: (r) => r <= 0.7,
  });
}

async function workloadRetag(): Promise<void> {
  const runs = quick ? 1 : 3;
  const reg = await freshRegistry();
  cleanups.push(() => reg.stop());
  const proxy = await startCountingProxy(reg.port);
  cleanups.push(() => proxy.stop());
  const engine = await startDockerd();
  cleanups.push(() => engine.stop());
  const layers = quick ? [8 * MiB] : [50 * MiB, 50 * MiB, 50 * MiB, 50 * MiB];
  log(`retag: seeding a ${layers.reduce((a, b) => a + b, 0) / MiB} MiB image`);
  await seedImage(reg, 'bench/retag', 'v1', { layerSizes: layers });
  const counted = async (f: () => Promise<Sample>): Promise<Sample> => {
    proxy.reset();
    const s = await f();
    return { ...s, bytes: proxy.bytes() };
  };
  const docker = (...args: string[]): CommandSpec => ({ cmd: 'docker', args, env: engine.env });
  const src = `${proxy.host}/bench/retag:v1`;

  log('retag vs docker pull/tag/push');
  const a = await alternate(
    runs,
    (i) => counted(() => timeCommand(dh('tag', src, `dh-${i}`))),
    async (i) => {
      const s = await counted(() =>
        timeCommands([docker('pull', src), docker('tag', src, `${proxy.host}/bench/retag:dk-${i}`), docker('push', `${proxy.host}/bench/retag:dk-${i}`)]),
      );
      execFileSync('docker', ['image', 'rm', '-f', src, `${proxy.host}/bench/retag:dk-${i}`], { env: { ...process.env, ...engine.env }, stdio: 'ignore' });
      return s;
    },
  );
  rows.push({
    workload: `retag ${layers.reduce((x, y) => x + y, 0) / MiB} MiB image`,
    dockhand: a.d,
    peer: a.p,
    peerName: 'docker pull+tag+push (empty engine)',
    target: '>= 50x faster, 0 blob bytes',
    met: (r, ds) => r <= 1 / 50 && ds.every((s) => (s.bytes ?? Infinity) < 64 * 1024),
    note: 'bytes moved = all bytes through a counting TCP proxy in front of the registry (requests + responses, headers included); a retag moves only manifests.',
  });

  log('retag in-process (how the extension and the desktop call it) vs docker pull/tag/push');
  const client = new RegistryClient({ host: proxy.host });
  await retag(client, parseReference(src), 'warm-up');
  const a2 = await alternate(
    runs,
    (i) => counted(() => timeFn(() => retag(client, parseReference(src), `api-${i}`))),
    async (i) => {
      const s = await counted(() =>
        timeCommands([docker('pull', src), docker('tag', src, `${proxy.host}/bench/retag:dk2-${i}`), docker('push', `${proxy.host}/bench/retag:dk2-${i}`)]),
      );
      execFileSync('docker', ['image', 'rm', '-f', src, `${proxy.host}/bench/retag:dk2-${i}`], { env: { ...process.env, ...engine.env }, stdio: 'ignore' });
      return s;
    },
  );
  rows.push({
    workload: `retag ${layers.reduce((x, y) => x + y, 0) / MiB} MiB image, in-process API (extension, desktop)`,
    dockhand: a2.d,
    peer: a2.p,
    peerName: 'docker pull+tag+push (empty engine)',
    target: '>= 50x faster, 0 blob bytes',
    met: (r, ds) => r <= 1 / 50 && ds.every((s) => (s.bytes ?? Infinity) < 64 * 1024),
    note: 'in-process: the API call on a warm client, as the extension and the desktop make it (no process start).',
  });

  log('retag vs skopeo copy to the new tag');
  const b = await alternate(
    runs,
    (i) => counted(() => timeCommand(dh('tag', src, `dh2-${i}`))),
    (i) =>
      counted(() =>
        timeCommand(skopeo('copy', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${src}`, `docker://${proxy.host}/bench/retag:sk-${i}`)),
      ),
  );
  rows.push({ workload: 'retag, same image', dockhand: b.d, peer: b.p, peerName: 'skopeo copy to new tag' });

  log('push a local image from dockerd');
  const localLayers = quick ? [4 * MiB] : [32 * MiB, 32 * MiB];
  await makeLocalImage(engine, 'bench/local:v1', { layerSizes: localLayers });
  const c = await alternate(
    runs,
    async (i) => {
      const dst = await freshRegistry();
      try {
        return await timeCommand({ ...dh('push', 'bench/local:v1', `${dst.host}/pushed/dockhand-${i}:v1`), env: engine.env });
      } finally {
        await dst.stop();
      }
    },
    async (i) => {
      const dst = await freshRegistry();
      try {
        return await timeCommands([docker('tag', 'bench/local:v1', `${dst.host}/pushed/docker-${i}:v1`), docker('push', `${dst.host}/pushed/docker-${i}:v1`)]);
      } finally {
        await dst.stop();
      }
    },
  );
  rows.push({
    workload: `retag + push local image (${localLayers.length} x ${localLayers[0]! / MiB} MiB)`,
    dockhand: c.d,
    peer: c.p,
    peerName: 'docker tag + docker push',
    target: '<= 1.1',
    met: (r) => r <= 1.1,
    note: 'both go through the same dockerd (it compresses and uploads); RSS of the docker CLI only.',
  });
}

async function workloadListing(tagsOnly = false): Promise<void> {
  const runs = quick ? 2 : 5;
  const repos = quick ? 2000 : 10000;
  const tags = quick ? 1000 : 5000;
  const reg = await startRegistry({ config: { catalog: { maxentries: 1000 } } });
  cleanups.push(() => reg.stop());
  log(`listing: seeding ${tagsOnly ? 0 : repos} repositories and ${tags} tags through the API`);
  await seedTags(reg.url, 'bench/tags', tags);
  const floor = (...args: string[]): CommandSpec => ({ cmd: process.execPath, args: [join(__dirname, 'raw-floor.mjs'), ...args] });
  if (!tagsOnly) await listingRepositories(reg, repos, runs, floor);
  const b = await alternate(
    runs,
    () => timeCommand(dh('tags', `${reg.host}/bench/tags`, '--json')),
    () => timeCommand(floor('tags', reg.url, 'bench/tags')),
  );
  rows.push({
    workload: `tags of a repository with ${tags} tags`,
    dockhand: b.d,
    peer: b.p,
    peerName: 'raw paginated requests, n=1000 (floor)',
    target: '<= 1.1',
    met: (r) => r <= 1.1,
  });
  const c = await alternate(
    runs,
    () => timeCommand(dh('tags', `${reg.host}/bench/tags`, '--json')),
    () => timeCommand(skopeo('list-tags', '--tls-verify=false', `docker://${reg.host}/bench/tags`)),
  );
  rows.push({ workload: `tags of a repository with ${tags} tags`, dockhand: c.d, peer: c.p, peerName: 'skopeo list-tags' });
}

/** The catalog rows of the listing workload (10,000 repositories seeded here). */
async function listingRepositories(reg: RegistryHandle, repos: number, runs: number, floor: (...args: string[]) => CommandSpec): Promise<void> {
  await seedRepositories(reg.url, 'many', repos);
  const a = await alternate(
    runs,
    () => timeCommand(dh('ls', reg.host, '--json')),
    () => timeCommand(floor('catalog', reg.url)),
  );
  rows.push({
    workload: `ls registry of ${repos + 2} repositories`,
    dockhand: a.d,
    peer: a.p,
    peerName: 'raw paginated requests, n=1000 (floor)',
    target: '<= 1.2',
    met: (r) => r <= 1.2,
  });
  const client = new RegistryClient({ host: reg.host });
  const listAll = async () => {
    let n = 0;
    for await (const page of client.catalogPages({ pageSize: 1000 })) n += page.length;
    return n;
  };
  await listAll();
  const a2 = await alternate(
    runs,
    () => timeFn(listAll),
    () => timeCommand(floor('catalog', reg.url)),
  );
  rows.push({
    workload: `ls registry of ${repos + 2} repositories, in-process API`,
    dockhand: a2.d,
    peer: a2.p,
    peerName: 'raw paginated requests, n=1000 (floor, own process)',
    note: 'in-process API on a warm client vs the floor as a fresh process: shows what the listing itself costs without Node start-up.',
  });
}

/** Peak memory against what issue 14 found unbounded: a huge single page of tags, a huge error body. */
async function workloadLimits(tagsOnly = false): Promise<void> {
  const runs = quick ? 1 : 3;
  const MB = (s: { maxRssKb?: number }) => (s.maxRssKb ?? Infinity) / 1024;
  const count = 200_000;
  // The 200,000 tag directories live on tmpfs when there is one: on this machine's disk, creating them took minutes
  // and removing them (ext4 with discard) about 25 minutes, so the row never finished inside a bench run.
  const tmp = process.env.TMPDIR;
  if (existsSync('/dev/shm')) process.env.TMPDIR = '/dev/shm';
  const reg = await startRegistry().finally(() => (tmp === undefined ? delete process.env.TMPDIR : (process.env.TMPDIR = tmp)));
  cleanups.push(() => reg.stop());
  log(`limits: writing ${count} tags into the registry's storage`);
  await seedTagsOnDisk(reg.url, reg.rootDir, 'bench/many-tags', count);
  const a = await alternate(
    runs,
    () => timeCommand(dh('tags', `${reg.host}/bench/many-tags`, '--json')),
    () => timeCommand(skopeo('list-tags', '--tls-verify=false', `docker://${reg.host}/bench/many-tags`)),
  );
  rows.push({
    workload: `tags --json of ${count} tags in one page (distribution 2.8 ignores n), peak RSS`,
    dockhand: a.d,
    peer: a.p,
    peerName: 'skopeo list-tags',
    target: 'RSS <= 200 MB',
    met: (_r, ds) => ds.every((x) => MB(x) <= 200),
  });
  if (tagsOnly) return;

  // A registry that answers the manifest GET with a 300 MB error body (a fake: no real registry does this on demand).
  const errorBytes = 300 * MiB;
  const chunk = Buffer.alloc(MiB, 'A');
  const fake = createServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.write('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"');
    let sent = 0;
    const pump = () => {
      while (sent < errorBytes && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end('"}]}');
    };
    pump();
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        fake.closeAllConnections();
        fake.close(() => r());
      }),
  );
  const fakeHost = `127.0.0.1:${(fake.address() as AddressInfo).port}`;
  log('limits: inspect against a 300 MB error body (fake registry)');
  const b = await alternate(
    runs,
    () => timeCommand({ ...dh('inspect', `${fakeHost}/bench/app:v1`), mayFail: true }),
    () => timeCommand({ ...skopeo('inspect', '--tls-verify=false', `docker://${fakeHost}/bench/app:v1`), mayFail: true }),
  );
  rows.push({
    workload: 'inspect against a 300 MB error body (fake registry), peak RSS',
    dockhand: b.d,
    peer: b.p,
    peerName: 'skopeo inspect',
    target: 'RSS <= 150 MB',
    met: (_r, ds) => ds.every((x) => MB(x) <= 150),
    note: 'both fail (the registry answers 404); what counts is how much of the 300 MB each reads into memory.',
  });
}

async function workloadLint(): Promise<void> {
  const text = bigConfig(1000, true);
  const dir = tempDir('dockhand-bench-lint-');
  const file = join(dir, 'config.yml');
  writeFileSync(file, text);
  for (let i = 0; i < 20; i++) lintConfig(text, { target: '2.8' }); // warm up the JIT
  const d: Sample[] = [];
  for (let i = 0; i < (quick ? 10 : 100); i++) d.push(await timeFn(() => lintConfig(text, { target: '2.8' })));
  const errors = lintConfig(text, { target: '2.8' }).diagnostics.filter((x) => x.severity === 'error').length;
  const p: Sample[] = [];
  for (let i = 0; i < (quick ? 2 : 5); i++) {
    const start = process.hrtime.bigint();
    try {
      execFileSync('docker-registry', ['serve', file], { stdio: 'ignore', timeout: 10000 });
    } catch {
      /* exits 1: expected */
    }
    p.push({ wallMs: Number(process.hrtime.bigint() - start) / 1e6 });
  }
  rows.push({
    workload: `lint a ${text.split('\n').length - 1}-line config.yml in-process (${errors} error found)`,
    dockhand: d,
    peer: p,
    peerName: 'docker-registry serve (start and fail)',
    target: '<= 10 ms',
    met: () => median(d.map((s) => s.wallMs)) <= 10,
  });
}

async function main(): Promise<void> {
  // The bench needs the test bed's system packages (docker-registry, dockerd, skopeo, GNU time).
  execFileSync(process.execPath, [join(root, 'test/bed/install.mjs'), '--system-only'], { cwd: root, stdio: 'inherit' });
  execFileSync('npm', ['run', 'build', '-w', 'shared'], { cwd: root, stdio: 'inherit' });
  const started = new Date();
  const only = process.env.BENCH_ONLY?.split(',');
  const all: Array<[string, () => Promise<void>]> = [
    ['lint', workloadLint],
    ['listing', () => workloadListing()],
    ['tags', () => workloadListing(true)],
    ['copy', () => workloadCopy()],
    ['copy-big', () => workloadCopy(true)],
    ['retag', workloadRetag],
    [
      'files',
      async () => {
        rows.push(...(await imageFilesRows({ quick, dh, skopeo, alternate, cleanups, log })));
      },
    ],
    ['limits', () => workloadLimits()],
    ['limits-tags', () => workloadLimits(true)],
    [
      'promote',
      async () => {
        rows.push(...(await promoteRows({ quick, dh, skopeo, alternate, cleanups, log })));
      },
    ],
    [
      'startup',
      async () => {
        rows.push(...(await startupRows({ quick, dh, skopeo, alternate, cleanups, log })));
      },
    ],
    [
      'events',
      async () => {
        rows.push(...(await eventsRows({ quick, log })));
      },
    ],
  ];
  try {
    for (const [name, fn] of all) if (!only || only.includes(name)) await fn();
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
  const header = `## Dockhand benchmarks (${started.toISOString().slice(0, 16)}Z, ${quick ? 'QUICK run, ' : ''}median of alternating runs, loopback registries, 2 cores)`;
  const table = renderTable(rows, header);
  process.stdout.write('\n' + table);
  const out = join(root, 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'results.md'), table);
  log(`written to ${join(out, 'results.md')}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack}\n`);
    process.exit(1);
  },
);
