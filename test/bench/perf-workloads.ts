// Bench rows of issue 21: what a copy costs beside its wall time (CPU seconds, peak RSS), promoting
// one image to 5 repositories of a registry that already has its layers (Dockhand's blob-holders
// cache vs skopeo's blob-info cache: both mount), and start-up against `node -e 0`.
import { startRegistry, seedImage, tempDir, type RegistryHandle } from '../bed/index';
import { startCountingProxy } from './count-proxy';
import { timeCommand, timeCommands, type CommandSpec, type Sample } from './measure';
import type { Row } from './report';

const MiB = 1 << 20;

export interface BenchKit {
  quick: boolean;
  dh: (...args: string[]) => CommandSpec;
  skopeo: (...args: string[]) => CommandSpec;
  alternate: (runs: number, d: (i: number) => Promise<Sample>, p: (i: number) => Promise<Sample>) => Promise<{ d: Sample[]; p: Sample[] }>;
  cleanups: Array<() => Promise<void>>;
  log: (s: string) => void;
}

/** CPU and peak-RSS rows from the samples of a copy row (same runs). */
export function copyCostRows(workload: string, d: Sample[], p: Sample[]): Row[] {
  const mb = (s: Sample) => (s.maxRssKb ?? Infinity) / 1024;
  return [
    { workload: `${workload}: CPU seconds (user+sys)`, dockhand: d, peer: p, peerName: 'skopeo copy', metric: 'cpu', target: '<= 1.0', met: (r) => r <= 1.0 },
    {
      workload: `${workload}: peak RSS`,
      dockhand: d,
      peer: p,
      peerName: 'skopeo copy',
      metric: 'rss',
      target: '<= 70 MB',
      met: (_r, ds) => ds.every((s) => mb(s) <= 70),
    },
  ];
}

/**
 * Source registry -> 5 repositories of a target that already holds the layers (copied there once, untimed, by the same
 * tool): 5 separate `dockhand cp` processes, one `dockhand cp` with 5 destinations, and 5 `skopeo copy` (it has no
 * multi-destination copy), the three taking turns to go first.
 */
export async function promoteRows(kit: BenchKit): Promise<Row[]> {
  const { quick, dh, skopeo, cleanups, log } = kit;
  const runs = quick ? 1 : 3;
  const source = await startRegistry();
  cleanups.push(() => source.stop());
  const layers = quick ? [4 * MiB, 4 * MiB] : Array(8).fill(32 * MiB);
  log(`promote: seeding ${layers.length} x ${layers[0]! / MiB} MiB`);
  await seedImage(source, 'bench/promote', 'v1', { layerSizes: layers });
  const src = `${source.host}/bench/promote:v1`;
  const sk = (to: string) => skopeo('copy', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${src}`, `docker://${to}`);
  type Tool = 'dockhand' | 'dockhand-multi' | 'skopeo';
  /** A fresh target behind a byte-counting proxy; `seed` copies the image into base/app (untimed); then 5 timed promotions. */
  const promote = async (tool: Tool): Promise<Sample> => {
    const target: RegistryHandle = await startRegistry();
    const proxy = await startCountingProxy(target.port);
    try {
      const env = { XDG_CACHE_HOME: tempDir('dockhand-bench-cache-') }; // Dockhand's cache starts empty each run
      const copy = (...to: string[]): CommandSpec => (tool === 'skopeo' ? sk(to[0]!) : { ...dh('cp', src, ...to), env });
      await timeCommand(copy(`${proxy.host}/base/app:v1`));
      proxy.reset();
      const dsts = [0, 1, 2, 3, 4].map((k) => `${proxy.host}/prod/app-${k}:v1`);
      const s = tool === 'dockhand-multi' ? await timeCommand(copy(...dsts)) : await timeCommands(dsts.map((to) => copy(to)));
      return { ...s, bytes: proxy.bytes() };
    } finally {
      await proxy.stop();
      await target.stop();
    }
  };
  log('promote one image to 5 repositories of a registry that has its layers');
  const tools: Tool[] = ['dockhand', 'dockhand-multi', 'skopeo'];
  const samples: Record<Tool, Sample[]> = { dockhand: [], 'dockhand-multi': [], skopeo: [] };
  for (let i = 0; i < runs; i++) {
    // Each run starts with the next tool, so none always runs on a warmer machine.
    for (let k = 0; k < tools.length; k++) {
      const tool = tools[(i + k) % tools.length]!;
      samples[tool].push(await promote(tool));
    }
  }
  const name = `promote one ${layers.length}x${layers[0]! / MiB} MiB image to 5 repositories of a registry that has its layers`;
  const peerName = 'skopeo copy x5 (blob-info cache)';
  const note =
    "each run starts from an empty target registry, copies the image into base/app once with the same tool (untimed: that is how each tool's cache learns the holder; Dockhand's cache folder is fresh per run, skopeo keeps its blob-info cache), then times the promotion into prod/app-0..4 (5 processes, or one `dockhand cp` with 5 destinations; skopeo has no multi-destination copy); bytes moved = all bytes through a counting proxy in front of the target.";
  const met = (r: number, ds: Sample[]) => r <= 1.0 && ds.every((s) => (s.bytes ?? Infinity) < 256 * 1024);
  const p = samples.skopeo;
  const separate = `${name}, 5 dockhand cp processes`;
  const multi = `${name}, one dockhand cp with 5 destinations`;
  return [
    { workload: separate, dockhand: samples.dockhand, peer: p, peerName, target: '<= 1.0, no layer bytes', met, note },
    { workload: `${separate}: CPU seconds`, dockhand: samples.dockhand, peer: p, peerName, metric: 'cpu' },
    { workload: multi, dockhand: samples['dockhand-multi'], peer: p, peerName, target: '<= 1.0, no layer bytes', met },
    { workload: `${multi}: CPU seconds`, dockhand: samples['dockhand-multi'], peer: p, peerName, metric: 'cpu' },
  ];
}

/** `dockhand help` and `dockhand tags` (a one-tag repository on loopback) against `node -e 0`. */
export async function startupRows(kit: BenchKit): Promise<Row[]> {
  const { quick, dh, alternate, cleanups, log } = kit;
  const runs = quick ? 3 : 11;
  const reg = await startRegistry();
  cleanups.push(() => reg.stop());
  await seedImage(reg, 'bench/one', 'v1', { layerSizes: [1024] });
  const node: CommandSpec = { cmd: process.execPath, args: ['-e', '0'] };
  const rows: Row[] = [];
  for (const [label, spec] of [
    ['dockhand help', dh('help')],
    [`dockhand tags (1 tag, loopback registry)`, dh('tags', `${reg.host}/bench/one`)],
  ] as const) {
    log(`start-up: ${label}`);
    await timeCommand(spec); // warm the file cache
    const { d, p } = await alternate(
      runs,
      () => timeCommand(spec),
      () => timeCommand(node),
    );
    rows.push({ workload: `start-up: ${label}`, dockhand: d, peer: p, peerName: 'node -e 0', target: '<= 1.3', met: (r) => r <= 1.3 });
    rows.push({ workload: `start-up: ${label}, CPU`, dockhand: d, peer: p, peerName: 'node -e 0', metric: 'cpu', target: '<= 1.3', met: (r) => r <= 1.3 });
  }
  return rows;
}
