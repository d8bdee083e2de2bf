// Child processes of the test bed: each one is started in its own process group
// (detached), tracked, and killed by process group on stop(), on process exit and on
// SIGINT/SIGTERM, so nothing outlives a test run even when a test fails.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync, rmSync, readdirSync } from 'node:fs';

export interface TrackedProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  readonly logFile?: string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  hasExited(): boolean;
  /** SIGTERM to the process group, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<TrackedProcess>();
const tempDirs = new Set<string>();
let hooksInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* group gone */
  }
  try {
    process.kill(pid, signal);
  } catch {
    /* process gone */
  }
}

/**
 * Every process the bed starts carries DOCKHAND_BED_TAG=<our pid>:<n> in its environment,
 * inherited by whatever it spawns or D-Bus activates (even daemons that leave the process
 * group). sweepTagged() finds and kills them through /proc/<pid>/environ.
 */
export const BED_TAG_VAR = 'DOCKHAND_BED_TAG';
let tagCounter = 0;

/** A fresh tag for the environment of processes the bed starts itself (execFile etc.). */
export function newBedTag(): string {
  installHooks();
  return `${process.pid}:${++tagCounter}`;
}

/** SIGKILL every process whose environment carries `tag` (exact) or, with prefix, `tag...`. */
export function sweepTagged(tag: string, prefix = false): number {
  let killed = 0;
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let env: string;
    try {
      env = readFileSync(`/proc/${pid}/environ`, 'latin1');
    } catch {
      continue;
    }
    const hit = env
      .split('\0')
      .some((kv) => kv.startsWith(BED_TAG_VAR + '=') && (prefix ? kv.slice(BED_TAG_VAR.length + 1).startsWith(tag) : kv.slice(BED_TAG_VAR.length + 1) === tag));
    if (hit) {
      try {
        process.kill(Number(pid), 'SIGKILL');
        killed++;
      } catch {
        /* gone */
      }
    }
  }
  return killed;
}

function cleanupSync(): void {
  for (const p of live) killGroup(p.pid, 'SIGKILL');
  live.clear();
  if (tagCounter > 0) sweepTagged(`${process.pid}:`, true);
  if (process.env.DOCKHAND_KEEP_TESTBED) return;
  for (const dir of tempDirs) {
    // A SIGKILLed dockerd leaves the bind mount of its data root behind: detach it first,
    // and never rm across a mount point that is still there.
    unmountUnderSync(dir);
    if (hasMountsUnder(dir)) continue;
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch {
      /* best effort */
    }
  }
  tempDirs.clear();
}

function mountsUnder(dir: string): string[] {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[4])
      .filter((mp): mp is string => mp !== undefined && (mp === dir || mp.startsWith(dir + '/')))
      .sort((a, b) => b.length - a.length);
  } catch {
    return [];
  }
}

/** Lazily unmount everything mounted at or below `dir` (deepest first). */
export function unmountUnderSync(dir: string): void {
  for (const mp of mountsUnder(dir)) spawnSync('umount', ['-l', mp], { stdio: 'ignore' });
}

export function hasMountsUnder(dir: string): boolean {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .some((line) => {
        const mp = line.split(' ')[4];
        return mp !== undefined && (mp === dir || mp.startsWith(dir + '/'));
      });
  } catch {
    return false;
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', cleanupSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      cleanupSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/** Remember a temp folder so it is removed at process exit (unless DOCKHAND_KEEP_TESTBED is set). */
export function trackTempDir(dir: string): void {
  installHooks();
  tempDirs.add(dir);
}

/** Remove a tracked temp folder now (no-op with DOCKHAND_KEEP_TESTBED or when something is mounted below it). */
export function removeTempDir(dir: string): void {
  tempDirs.delete(dir);
  if (process.env.DOCKHAND_KEEP_TESTBED || hasMountsUnder(dir)) return;
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    /* best effort */
  }
}

export interface StartOptions extends Omit<SpawnOptions, 'detached' | 'stdio'> {
  /** stdout+stderr go to this file (appended). Without it they are ignored. */
  logFile?: string;
  /** Text written to stdin, which is then closed. */
  stdin?: string;
}

/** Start a command in its own process group and track it for cleanup. */
export function startProcess(cmd: string, args: readonly string[], opts: StartOptions = {}): TrackedProcess {
  installHooks();
  const { logFile, stdin, ...spawnOpts } = opts;
  const tag = newBedTag();
  const fd = logFile ? openSync(logFile, 'a') : undefined;
  let child: ChildProcess;
  try {
    child = spawn(cmd, args, {
      ...spawnOpts,
      env: { ...(spawnOpts.env ?? process.env), [BED_TAG_VAR]: tag },
      detached: true,
      stdio: [stdin === undefined ? 'ignore' : 'pipe', fd ?? 'ignore', fd ?? 'ignore'],
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (child.pid === undefined) {
    throw new Error(`test bed: could not start ${cmd} (is it installed? run: node test/bed/install.mjs)`);
  }
  child.stdin?.on('error', () => undefined);
  if (stdin !== undefined) child.stdin?.end(stdin);
  child.unref();
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      live.delete(tracked);
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', () => {
      done = true;
      live.delete(tracked);
      resolve('spawn-error');
    });
  });
  const pid = child.pid;
  const tracked: TrackedProcess = {
    pid,
    child,
    logFile,
    exited,
    hasExited: () => done,
    async stop(graceMs = 5000) {
      if (done) {
        killGroup(pid, 'SIGKILL');
        sweepTagged(tag);
        live.delete(tracked);
        return;
      }
      child.ref(); // keep the event loop alive until the exit event arrives
      killGroup(pid, 'SIGTERM');
      let timeout: NodeJS.Timeout | undefined;
      const timer = new Promise<'timeout'>((r) => {
        timeout = setTimeout(() => r('timeout'), graceMs);
      });
      const first = await Promise.race([exited, timer]);
      clearTimeout(timeout);
      if (first === 'timeout') {
        killGroup(pid, 'SIGKILL');
        await exited;
      }
      killGroup(pid, 'SIGKILL'); // leftovers in the group
      sweepTagged(tag); // leftovers that left the group (daemons, D-Bus activated services)
      live.delete(tracked);
    },
  };
  live.add(tracked);
  return tracked;
}

/** The last `max` characters of a log file, for error messages. */
export function logTail(file: string | undefined, max = 2000): string {
  if (!file || !existsSync(file)) return '(no log)';
  const text = readFileSync(file, 'utf8');
  return text.length > max ? '…' + text.slice(-max) : text;
}

/** Poll `check` until it returns a value other than undefined; fail with `describe()` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  opts: { timeoutMs?: number; intervalMs?: number; abortIf?: () => string | undefined } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30000);
  let lastError: unknown;
  for (;;) {
    const abort = opts.abortIf?.();
    if (abort) throw new Error(`test bed: ${what}: ${abort}`);
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`test bed: timed out waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}
