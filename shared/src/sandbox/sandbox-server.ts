// Starting and stopping the sandbox's registry server, one of two ways:
//   docker-registry   Debian's binary (or $DOCKHAND_REGISTRY_BIN), as a detached process of its own
//   engine            the `registry:2` image, when the local Docker engine already has it (no pull)
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export const ENGINE_IMAGE = 'registry:2';
export const CONTAINER_NAME = 'dockhand-sandbox';

export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

/** The registry binary on PATH ($DOCKHAND_REGISTRY_BIN wins), or undefined. */
export function findRegistryBinary(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKHAND_REGISTRY_BIN) return env.DOCKHAND_REGISTRY_BIN;
  for (const dir of String(env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'docker-registry');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** Is this port free on 127.0.0.1? */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The port used last time when it is still free, else one the system picks. */
export async function choosePort(previous?: number): Promise<number> {
  if (previous && (await portFree(previous))) return previous;
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no free port on 127.0.0.1'))));
    });
  });
}

export function registryConfig(dataDir: string, port: number, secret: string, containerData?: string): string {
  const root = containerData ?? dataDir;
  return [
    '# Written by `dockhand sandbox up`; rewritten at every start.',
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${JSON.stringify(root)}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${containerData ? '0.0.0.0:5000' : `127.0.0.1:${port}`}`,
    `  secret: ${secret}`,
    '  headers:',
    '    X-Content-Type-Options: [nosniff]',
    '',
  ].join('\n');
}

/** Does the registry answer /v2/ on this port? */
export async function answers(port: number, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is `pid` a registry server (not another process that got the pid after a reboot)? */
export function isRegistryProcess(pid: number): boolean {
  if (!pidAlive(pid)) return false;
  if (process.platform !== 'linux') return true;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('registry') && cmdline.includes('serve');
  } catch {
    return false;
  }
}

async function logTail(logFile: string): Promise<string> {
  try {
    const size = (await stat(logFile)).size;
    const fh = await open(logFile, 'r');
    try {
      const len = Math.min(size, 2000);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, size - len);
      return buf
        .toString('utf8')
        // eslint-disable-next-line no-control-regex
        .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '')
        .trim()
        .split('\n')
        .slice(-3)
        .join(' | ');
    } finally {
      await fh.close();
    }
  } catch {
    return '';
  }
}

/** Wait until /v2/ answers; fail early when the process has exited. */
async function waitReady(port: number, alive: () => boolean | Promise<boolean>, logFile: string, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (await answers(port, 1000)) return;
    if (!(await alive())) {
      const tail = await logTail(logFile);
      throw new SandboxUnavailableError(`The sandbox registry stopped right after starting${tail ? `: ${tail}` : ''}. Its log is ${logFile}.`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new SandboxUnavailableError(`The sandbox registry did not answer on 127.0.0.1:${port} within 20 s. Its log is ${logFile}.`);
}

/** Start the binary detached (it outlives this process) and wait until it answers. */
export async function startBinary(bin: string, configFile: string, logFile: string, port: number, signal?: AbortSignal): Promise<number> {
  const log = await open(logFile, 'a', 0o600);
  try {
    const child = spawn(bin, ['serve', configFile], {
      detached: true,
      stdio: ['ignore', log.fd, log.fd],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', (err) => reject(new SandboxUnavailableError(`Cannot start ${bin}: ${err.message}`)));
      child.once('spawn', () => resolve(child.pid!));
    });
    child.unref();
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    try {
      await waitReady(port, () => !exited, logFile, signal);
    } catch (err) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* gone */
      }
      throw err;
    }
    return pid;
  } finally {
    await log.close();
  }
}

/** Stop a registry process we started: SIGTERM, then SIGKILL after 5 s. */
export async function stopProcess(pid: number): Promise<boolean> {
  if (!isRegistryProcess(pid)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + 5000;
  while (pidAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (pidAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return true;
}

// ---- the engine way ------------------------------------------------------------------

interface EngineContainer {
  id: string;
  running: boolean;
  port?: number;
}

async function docker(env: NodeJS.ProcessEnv): Promise<import('dockerode')> {
  const [{ default: Docker }, { resolveEndpoint }, { dockerOptions }] = await Promise.all([
    import('dockerode'),
    import('../engine/endpoint'),
    import('../engine/engine-client'),
  ]);
  return new Docker(dockerOptions(resolveEndpoint({ env }), 10_000));
}

/** Does the local engine answer and hold registry:2? (Never pulls.) */
export async function engineHasRegistryImage(env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await (await docker(env)).getImage(ENGINE_IMAGE).inspect();
    return true;
  } catch {
    return false;
  }
}

export async function startContainer(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  configFile: string,
  logFile: string,
  port: number,
  signal?: AbortSignal,
): Promise<string> {
  const d = await docker(env);
  const old = d.getContainer(CONTAINER_NAME);
  await old.remove({ force: true }).catch(() => undefined);
  const container = await d.createContainer({
    name: CONTAINER_NAME,
    Image: ENGINE_IMAGE,
    Labels: { 'dev.dockhand.sandbox': 'true' },
    ExposedPorts: { '5000/tcp': {} },
    HostConfig: {
      PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] },
      Binds: [`${dataDir}:/var/lib/registry`, `${configFile}:/etc/docker/registry/config.yml:ro`],
      RestartPolicy: { Name: 'unless-stopped' },
    },
  });
  await container.start();
  const alive = async () => (await container.inspect().catch(() => undefined))?.State?.Running === true;
  await waitReady(port, alive, logFile, signal);
  return container.id;
}

export async function containerStatus(env: NodeJS.ProcessEnv, id: string): Promise<EngineContainer | undefined> {
  try {
    const info = await (await docker(env)).getContainer(id).inspect();
    const binding = info.HostConfig?.PortBindings?.['5000/tcp']?.[0]?.HostPort;
    return { id: info.Id, running: info.State?.Running === true, ...(binding ? { port: Number(binding) } : {}) };
  } catch {
    return undefined;
  }
}

export async function stopContainer(env: NodeJS.ProcessEnv, id: string): Promise<boolean> {
  try {
    const c = (await docker(env)).getContainer(id);
    await c.stop({ t: 5 }).catch(() => undefined);
    await c.remove({ force: true });
    return true;
  } catch {
    return false;
  }
}
