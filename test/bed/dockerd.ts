// startDockerd(): a real Docker engine (Debian docker.io) sandboxed in a temp folder:
// its own data/exec roots, socket and (empty) daemon.json, vfs storage, no iptables and
// no bridge, so it changes nothing on the host network.
import { request } from 'node:http';
import { execFile } from 'node:child_process';
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, logTail, waitFor, removeTempDir } from './processes';
import { tempDir } from './temp';

export const DOCKERD_BIN = process.env.DOCKHAND_DOCKERD_BIN ?? 'dockerd';

export interface DockerdHandle {
  /** Path of the engine's unix socket. */
  socketPath: string;
  /** Environment for clients (docker CLI, dockerode via DOCKER_HOST). */
  env: { DOCKER_HOST: string; DOCKER_CONFIG: string };
  /** unix://<socketPath> */
  host: string;
  dir: string;
  /** A private docker CLI config folder (empty config.json; write credentials yourself). */
  dockerConfigDir: string;
  logFile: string;
  stop(): Promise<void>;
}

/** GET `path` on the engine socket; resolves with status and body text. */
export function engineRequest(
  socketPath: string,
  path: string,
  method = 'GET',
  body?: Buffer | string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method, headers, timeout: 30000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`engine request ${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

function unmountUnder(dir: string): Promise<void> {
  let mounts: string[] = [];
  try {
    mounts = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[4])
      .filter((mp): mp is string => !!mp && mp.startsWith(dir + '/'));
  } catch {
    /* no /proc */
  }
  return mounts
    .sort((a, b) => b.length - a.length)
    .reduce<Promise<void>>(
      (p, mp) =>
        p.then(
          () =>
            new Promise((r) => {
              execFile('umount', ['-l', mp], () => r());
            }),
        ),
      Promise.resolve(),
    );
}

/** Start a sandboxed dockerd and wait until `_ping` answers OK. */
export async function startDockerd(): Promise<DockerdHandle> {
  const dir = tempDir('dockhand-dockerd');
  const socketPath = join(dir, 'docker.sock');
  const logFile = join(dir, 'dockerd.log');
  const configFile = join(dir, 'daemon.json');
  const dockerConfigDir = join(dir, 'client-config');
  mkdirSync(dockerConfigDir);
  writeFileSync(join(dockerConfigDir, 'config.json'), '{}\n');
  writeFileSync(configFile, '{}\n');
  const proc = startProcess(
    DOCKERD_BIN,
    [
      '--config-file',
      configFile,
      '--data-root',
      join(dir, 'data'),
      '--exec-root',
      join(dir, 'exec'),
      '--pidfile',
      join(dir, 'dockerd.pid'),
      '-H',
      `unix://${socketPath}`,
      '--storage-driver',
      'vfs',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-masq=false',
      '--bridge=none',
    ],
    { logFile },
  );
  try {
    await waitFor(
      `dockerd on ${socketPath} (log: ${logFile})`,
      async () => {
        const r = await engineRequest(socketPath, '/_ping');
        return r.status === 200 && r.body === 'OK' ? true : undefined;
      },
      { timeoutMs: 60000, intervalMs: 200, abortIf: () => (proc.hasExited() ? `dockerd exited:\n${logTail(logFile)}` : undefined) },
    );
  } catch (e) {
    await proc.stop();
    await unmountUnder(dir);
    throw e;
  }
  return {
    socketPath,
    host: `unix://${socketPath}`,
    env: { DOCKER_HOST: `unix://${socketPath}`, DOCKER_CONFIG: dockerConfigDir },
    dir,
    dockerConfigDir,
    logFile,
    async stop() {
      await proc.stop(20000);
      await unmountUnder(dir);
      removeTempDir(dir);
    },
  };
}
