// `dockhand sandbox up|down|status`: a local registry on 127.0.0.1 with sample images, so a
// new user has something to browse at once. Data lives in the user's state folder and
// survives `down` and restarts; `up` twice is harmless; `down` stops it by its PID (or its
// container). Front ends (CLI, desktop, extension) call these three functions.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { RegistryClient } from '../registry/client';
import { pushSampleImages } from './sample-images';
import {
  answers,
  choosePort,
  containerStatus,
  engineHasRegistryImage,
  findRegistryBinary,
  isRegistryProcess,
  registryConfig,
  SandboxUnavailableError,
  startBinary,
  startContainer,
  stopContainer,
  stopProcess,
} from './sandbox-server';
import { readState, sandboxDir, sandboxFiles, writeFileAtomic, writeState, type SandboxKind, type SandboxState } from './sandbox-state';

export { SandboxUnavailableError } from './sandbox-server';
export { sandboxDir } from './sandbox-state';

export interface SandboxOptions {
  env?: NodeJS.ProcessEnv;
  /** Default: sandboxDir(env). */
  dir?: string;
  signal?: AbortSignal;
}

export interface SandboxStatus {
  running: boolean;
  /** "127.0.0.1:PORT" while running. */
  registry?: string;
  kind?: SandboxKind;
  pid?: number;
  containerId?: string;
  dir: string;
  dataDir: string;
  logFile: string;
  seeded: boolean;
}

export interface SandboxUpResult extends SandboxStatus {
  /** false when it was already running. */
  started: boolean;
  repositories: string[];
}

const SAMPLE_REPOSITORIES = ['samples/base', 'samples/hello', 'samples/tools', 'samples/web'];

function describe(dir: string, state: SandboxState, running: boolean): SandboxStatus {
  const files = sandboxFiles(dir);
  return {
    running,
    ...(running && state.port ? { registry: `127.0.0.1:${state.port}` } : {}),
    ...(state.kind ? { kind: state.kind } : {}),
    ...(running && state.pid ? { pid: state.pid } : {}),
    ...(running && state.containerId ? { containerId: state.containerId } : {}),
    dir,
    dataDir: files.data,
    logFile: files.log,
    seeded: state.seeded === true,
  };
}

async function isRunning(env: NodeJS.ProcessEnv, state: SandboxState): Promise<boolean> {
  if (!state.port) return false;
  if (state.kind === 'docker-registry') return !!state.pid && isRegistryProcess(state.pid) && (await answers(state.port));
  if (state.kind === 'engine') return !!state.containerId && (await containerStatus(env, state.containerId))?.running === true && (await answers(state.port));
  return false;
}

export async function sandboxStatus(opts: SandboxOptions = {}): Promise<SandboxStatus> {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? sandboxDir(env);
  const state = await readState(dir);
  return describe(dir, state, await isRunning(env, state));
}

/** One `up` at a time per sandbox folder (mkdir is atomic; a dead holder's lock is taken over). */
async function withLock<T>(lock: string, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFileAtomic(`${lock}/pid`, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(await readFile(`${lock}/pid`, 'utf8').catch(() => '0'));
      let alive = false;
      if (pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch {
          alive = false;
        }
      }
      if (pid && !alive) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new SandboxUnavailableError(`Another \`dockhand sandbox up\` holds ${lock}; if none is running, remove that folder.`);
      signal?.throwIfAborted();
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

export async function sandboxUp(opts: SandboxOptions = {}): Promise<SandboxUpResult> {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? sandboxDir(env);
  const files = sandboxFiles(dir);
  await mkdir(files.data, { recursive: true, mode: 0o700 });
  return withLock(files.lock, opts.signal, async () => {
    const state = await readState(dir);
    let started = false;
    if (!(await isRunning(env, state))) {
      const bin = findRegistryBinary(env);
      const useEngine = !bin && (await engineHasRegistryImage(env));
      if (!bin && !useEngine) {
        throw new SandboxUnavailableError(
          "No registry server to start: install Debian's registry (`sudo apt-get install docker-registry`), or give the local Docker engine the registry image (`docker pull registry:2`), then run `dockhand sandbox up` again.",
        );
      }
      const port = await choosePort(state.port);
      await writeFileAtomic(files.config, registryConfig(files.data, port, state.secret, useEngine ? '/var/lib/registry' : undefined));
      delete state.pid;
      delete state.containerId;
      if (bin) {
        state.pid = await startBinary(bin, files.config, files.log, port, opts.signal);
        state.kind = 'docker-registry';
      } else {
        state.containerId = await startContainer(env, files.data, files.config, files.log, port, opts.signal);
        state.kind = 'engine';
      }
      state.port = port;
      state.startedAt = new Date().toISOString();
      await writeState(dir, state);
      started = true;
    }
    if (!state.seeded) {
      const client = new RegistryClient({ host: `127.0.0.1:${state.port}`, env });
      try {
        await pushSampleImages(client, opts.signal);
      } finally {
        await client.close();
      }
      state.seeded = true;
      await writeState(dir, state);
    }
    return { ...describe(dir, state, true), started, repositories: SAMPLE_REPOSITORIES };
  });
}

export async function sandboxDown(opts: SandboxOptions = {}): Promise<SandboxStatus & { stopped: boolean }> {
  const env = opts.env ?? process.env;
  const dir = opts.dir ?? sandboxDir(env);
  const state = await readState(dir);
  let stopped = false;
  if (state.kind === 'docker-registry' && state.pid) stopped = await stopProcess(state.pid);
  else if (state.kind === 'engine' && state.containerId) stopped = await stopContainer(env, state.containerId);
  delete state.pid;
  delete state.containerId;
  await writeState(dir, state);
  return { ...describe(dir, state, false), stopped };
}
