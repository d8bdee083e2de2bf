// Runs one command and measures its wall time, peak resident memory (GNU time's %M, the max
// RSS of the process; for `docker` the CLI only: the work happens in dockerd) and CPU time
// (user + system, %U + %S).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Sample {
  wallMs: number;
  maxRssKb?: number;
  /** CPU time of the process (user + system), summed over a pipeline's commands. */
  cpuMs?: number;
  /** Bytes that crossed the counting proxy during the run, when one was used. */
  bytes?: number;
}

export interface CommandSpec {
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** The run is expected to fail (a hostile server): any exit code is a sample. */
  mayFail?: boolean;
}

/** Runs the commands one after the other (a pipeline like `docker pull && docker tag && docker push`), summing wall time; RSS is the max. */
export async function timeCommands(specs: CommandSpec[]): Promise<Sample> {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-bench-time-'));
  const rssFile = join(dir, 'rss');
  let maxRssKb = 0;
  let cpuMs = 0;
  const start = process.hrtime.bigint();
  try {
    for (const s of specs) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, s.cmd, ...s.args], {
          env: { ...process.env, ...s.env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.stdin.end(s.input ?? '');
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0 && !s.mayFail) reject(new Error(`${s.cmd} ${s.args.join(' ')} exited ${code}:\n${out.slice(-2000)}`));
          else resolve();
        });
      });
      const [rss, user, sys] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
      if (Number.isFinite(rss)) maxRssKb = Math.max(maxRssKb, rss!);
      if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs += (user! + sys!) * 1000;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6, maxRssKb, cpuMs };
}

export function timeCommand(spec: CommandSpec): Promise<Sample> {
  return timeCommands([spec]);
}

/** Times an in-process function. */
export async function timeFn(fn: () => unknown | Promise<unknown>): Promise<Sample> {
  const start = process.hrtime.bigint();
  await fn();
  return { wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}
