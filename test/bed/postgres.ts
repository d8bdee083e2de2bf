// A real PostgreSQL server (Debian's `postgresql` package) on 127.0.0.1 in a temp folder, for the
// event store tests. initdb + postgres run as the current user, or, when that is root (postgres
// refuses to run as root), as the unprivileged `postgres` user the package creates (via runuser).
//   startPostgres() -> PostgresHandle { url(db?), port, createDatabase(name) -> url, stop() }
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports';
import { startProcess, type TrackedProcess } from './processes';
import { tempDir } from './temp';

export interface PostgresHandle {
  port: number;
  /** postgres://dockhand@127.0.0.1:PORT/DB (trust auth on loopback; default db `postgres`). */
  url(db?: string): string;
  /** A fresh database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  logFile: string;
  process: TrackedProcess;
  stop(): Promise<void>;
}

function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error('test bed: PostgreSQL is not installed (Debian package postgresql): run node test/bed/install.mjs');
  return join(base, versions[0]!, 'bin');
}

export async function startPostgres(): Promise<PostgresHandle> {
  const bin = binDir();
  const dir = tempDir('dockhand-postgres');
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  const logFile = join(dir, 'postgres.log');
  mkdirSync(data, { mode: 0o700 });
  mkdirSync(sockets, { mode: 0o700 });
  const asRoot = process.getuid?.() === 0;
  let prefix: string[] = [];
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0)
      throw new Error('test bed: running as root, and there is no `postgres` user to run PostgreSQL as (install the Debian package postgresql)');
    chmodSync(dir, 0o755);
    for (const d of [data, sockets]) chownSync(d, Number(id.stdout.trim()), Number(gid.stdout.trim()));
    prefix = ['runuser', '-u', 'postgres', '--'];
  }
  const run = (cmd: string, args: string[]) => {
    const full = [...prefix, join(bin, cmd), ...args];
    const r = spawnSync(full[0]!, full.slice(1), { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0) throw new Error(`test bed: ${cmd} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout).slice(0, 2000)}`);
  };
  run('initdb', ['-D', data, '-U', 'dockhand', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const args = ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', sockets, '-c', 'max_connections=100', '-c', 'shared_buffers=32MB'];
  const proc = prefix.length
    ? startProcess(prefix[0]!, [...prefix.slice(1), join(bin, 'postgres'), ...args], { logFile })
    : startProcess(join(bin, 'postgres'), args, { logFile });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.hasExited()) throw new Error(`test bed: postgres exited at start; see ${logFile}`);
    const r = spawnSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'dockhand', '-d', 'postgres'], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    if (r.status === 0) break;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`test bed: postgres did not accept connections within 120 s; see ${logFile}`);
    }
    await new Promise((r2) => setTimeout(r2, 100));
  }
  const url = (db = 'postgres') => `postgres://dockhand@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    logFile,
    process: proc,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`test bed: bad database name ${name}`);
      const r = spawnSync(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'dockhand', name], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`test bed: CREATE DATABASE ${name} failed: ${r.stderr}`);
      return url(name);
    },
    stop: () => proc.stop(),
  };
}
