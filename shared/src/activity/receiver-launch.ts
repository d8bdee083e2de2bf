// Starting `dockhand listen` from a front end: as a child process of a system Node running
// the CLI (`node <cli> listen --addr A --token T`), never inside the extension host or
// Electron (their Node cannot load the receiver's SQLite binding). Finds `node` and the CLI,
// waits (with a deadline) until the child says it listens, and stops it with SIGTERM, then
// SIGKILL. Node only (child_process, fs); no vscode, no electron.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export class ReceiverLaunchError extends Error {
  override name = 'ReceiverLaunchError';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH that can be run, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (isAbsolute(name)) return executable(name) ? name : undefined;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    if (executable(file)) return file;
  }
  return undefined;
}

/** The Node to run the receiver with: the configured path, else `node` on PATH. Never Electron's own binary. */
export function resolveNode(configured: string | undefined, env: NodeJS.ProcessEnv): string {
  const wanted = configured?.trim();
  if (wanted) {
    const found = findOnPath(wanted, env);
    if (!found)
      throw new ReceiverLaunchError(
        `The Node.js set for the event receiver (${wanted}) cannot be run.`,
        'Point the setting at a Node.js 20+ binary (the one that ran npm ci), e.g. /usr/bin/node.',
      );
    return found;
  }
  const found = findOnPath('node', env);
  if (!found)
    throw new ReceiverLaunchError(
      'No `node` on PATH to run the event receiver with.',
      'Install Node.js 20+ or set the path of its binary in the settings (dockhand.events.nodePath, or DOCKHAND_NODE for the desktop).',
    );
  return found;
}

/** The CLI script: the configured path, else the first candidate that exists, else `dockhand` on PATH (resolved to its script). */
export function resolveCli(configured: string | undefined, candidates: string[], env: NodeJS.ProcessEnv): string {
  const wanted = configured?.trim();
  if (wanted) {
    if (!existsSync(wanted))
      throw new ReceiverLaunchError(
        `The Dockhand CLI set for the event receiver (${wanted}) does not exist.`,
        'Point the setting at shared/bin/dockhand.js of a built Dockhand checkout, or at an installed `dockhand`.',
      );
    return wanted;
  }
  for (const c of candidates) if (existsSync(c)) return c;
  const onPath = findOnPath('dockhand', env);
  if (onPath) return realpathSync(onPath);
  throw new ReceiverLaunchError(
    'The Dockhand CLI (`dockhand`) was not found.',
    'Install it (`npm install -g` in a Dockhand checkout) or set its path (dockhand.events.cliPath in VS Code, DOCKHAND_CLI for the desktop).',
  );
}

export interface LaunchOptions {
  node: string;
  cli: string;
  /** host:port to listen on; 127.0.0.1:0 picks a free port. */
  addr: string;
  /** The bearer token the registry must send; undefined: the receiver uses the token kept in its folder (never on the command line). */
  token?: string;
  /** Extra arguments after `listen` (e.g. --store). */
  args?: string[];
  env: NodeJS.ProcessEnv;
  /** Resolves to what the front end needs once the receiver is up; undefined: not yet. Called on every output line and every 200 ms. */
  ready: (pid: number, output: string) => Promise<ReceiverReady | undefined>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ReceiverReady {
  addr: string;
  clientToken: string;
}

export interface LaunchedReceiver extends ReceiverReady {
  pid: number;
  /** Resolves when the process has exited (the last output lines say why). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  isRunning(): boolean;
  stop(graceMs?: number): Promise<void>;
}

const MAX_OUTPUT = 16 * 1024;

/** Start the receiver and wait until it is ready; on failure the child is killed and the error quotes its last output. */
export async function launchReceiver(o: LaunchOptions): Promise<LaunchedReceiver> {
  const child: ChildProcess = spawn(o.node, [o.cli, 'listen', `--addr=${o.addr}`, ...(o.token ? [`--token=${o.token}`] : []), ...(o.args ?? [])], {
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  let output = '';
  let running = true;
  const keep = (b: Buffer) => {
    output = (output + b.toString('utf8')).slice(-MAX_OUTPUT);
    poke();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => {
    child.on('error', (e) => {
      running = false;
      output += `\n${e.message}`;
      resolve({ code: null, signal: null, output });
    });
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal, output });
    });
  });
  const stop = async (graceMs = 5000) => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (running) child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  };
  let poke: () => void = () => {};
  const deadline = o.timeoutMs ?? 30_000;
  try {
    const ready = await new Promise<ReceiverReady>((resolve, reject) => {
      let checking = false;
      let done = false;
      const finish = (f: () => void) => {
        if (!done) {
          done = true;
          clearInterval(tick);
          clearTimeout(timer);
          f();
        }
      };
      const check = async () => {
        if (checking || done) return;
        checking = true;
        try {
          const r = child.pid ? await o.ready(child.pid, output) : undefined;
          if (r) finish(() => resolve(r));
        } catch (e) {
          finish(() => reject(e));
        } finally {
          checking = false;
        }
      };
      poke = () => void check();
      const tick = setInterval(poke, 200);
      const timer = setTimeout(
        () => finish(() => reject(new ReceiverLaunchError(`The event receiver did not start within ${Math.round(deadline / 1000)} s.${tail(output)}`))),
        deadline,
      );
      o.signal?.addEventListener('abort', () => finish(() => reject(new ReceiverLaunchError('Starting the event receiver was cancelled.'))), { once: true });
      void exited.then((r) =>
        finish(() =>
          reject(
            new ReceiverLaunchError(
              `The event receiver exited (${r.signal ?? `code ${r.code}`}) before it was ready.${tail(r.output)}`,
              /NODE_MODULE_VERSION|better[-_]sqlite3|invalid ELF|was compiled against/i.test(r.output)
                ? "Its SQLite binding was built for another Node.js: set the receiver's Node to the one that ran `npm ci` (dockhand.events.nodePath, or DOCKHAND_NODE)."
                : undefined,
            ),
          ),
        ),
      );
      poke();
    });
    return { ...ready, pid: child.pid!, exited, isRunning: () => running, stop };
  } catch (e) {
    await stop(1000);
    throw e;
  }
}

function tail(output: string): string {
  const lines = output
    .trim()
    .split('\n')
    .filter(Boolean)
    .slice(-6)
    .map((l) => l.slice(0, 300));
  return lines.length ? ` Its last output:\n${lines.join('\n')}` : '';
}
