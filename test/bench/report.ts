// Turns the samples of each workload into the markdown table `npm run bench` prints and saves.
import { median, type Sample } from './measure';

export interface Row {
  workload: string;
  dockhand: Sample[];
  peer: Sample[];
  peerName: string;
  /** e.g. "<= 0.7" */
  target?: string;
  /** true when the ratio meets the target */
  met?: (ratio: number, dockhand: Sample[], peer: Sample[]) => boolean;
  note?: string;
  /** What the median and ratio columns compare: wall time (default), CPU time (user+sys) or peak RSS. */
  metric?: 'wall' | 'cpu' | 'rss';
}

/** The value a row compares, per sample. */
function valueOf(row: Row, s: Sample): number {
  return row.metric === 'cpu' ? (s.cpuMs ?? NaN) : row.metric === 'rss' ? (s.maxRssKb ?? NaN) : s.wallMs;
}
function fmtValue(row: Row, v: number): string {
  return row.metric === 'rss' ? `${(v / 1024).toFixed(0)} MB` : `${fmtMs(v)}${row.metric === 'cpu' ? ' CPU' : ''}`;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}
function fmtRss(samples: Sample[]): string {
  const v = samples.map((s) => s.maxRssKb).filter((x): x is number => typeof x === 'number' && x > 0);
  return v.length ? `${(Math.max(...v) / 1024).toFixed(0)} MB` : '-';
}
function fmtBytes(samples: Sample[]): string {
  const v = samples.map((s) => s.bytes).filter((x): x is number => typeof x === 'number');
  if (!v.length) return '-';
  const m = median(v);
  return m >= 1 << 20 ? `${(m / (1 << 20)).toFixed(1)} MiB` : m >= 1024 ? `${(m / 1024).toFixed(1)} KiB` : `${m} B`;
}

export function ratioOf(row: Row): number {
  return median(row.dockhand.map((s) => valueOf(row, s))) / median(row.peer.map((s) => valueOf(row, s)));
}

export function renderTable(rows: Row[], header: string): string {
  const lines = [
    header,
    '',
    '| workload | peer | Dockhand median | peer median | ratio Dockhand/peer | target | Dockhand peak RSS | peer peak RSS | bytes moved (Dockhand / peer) | runs |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const ratio = ratioOf(r);
    const verdict = r.target ? `${r.target} ${r.met ? (r.met(ratio, r.dockhand, r.peer) ? 'met' : '**missed**') : ''}` : '';
    lines.push(
      `| ${r.workload} | ${r.peerName} | ${fmtValue(r, median(r.dockhand.map((s) => valueOf(r, s))))} | ${fmtValue(r, median(r.peer.map((s) => valueOf(r, s))))} | ${ratio.toFixed(3)} | ${verdict} | ${fmtRss(r.dockhand)} | ${fmtRss(r.peer)} | ${fmtBytes(r.dockhand)} / ${fmtBytes(r.peer)} | ${r.dockhand.length}+${r.peer.length} |`,
    );
  }
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.workload}: ${r.note}`);
  if (notes.length) lines.push('', ...notes);
  return lines.join('\n') + '\n';
}
