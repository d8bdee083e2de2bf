// Where the sandbox registry keeps its data and what it remembers between runs:
//   $DOCKHAND_SANDBOX_DIR, else $XDG_STATE_HOME/dockhand/sandbox, else ~/.local/state/dockhand/sandbox
//     data/          the registry's storage (survives `down` and restarts)
//     config.yml     the registry's config (written by `up`)
//     registry.log   the registry's output
//     sandbox.json   port, pid or container id, http secret, whether the samples were pushed
import { randomBytes } from 'node:crypto';
import { mkdir, open } from 'node:fs/promises';
import { writeExclusiveThenRename } from '../files/write-exclusive-rename';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type SandboxKind = 'docker-registry' | 'engine';

export interface SandboxState {
  port?: number;
  kind?: SandboxKind;
  pid?: number;
  containerId?: string;
  secret: string;
  seeded?: boolean;
  startedAt?: string;
}

const MAX_STATE_BYTES = 64 * 1024;

export function sandboxDir(env: NodeJS.ProcessEnv): string {
  if (env.DOCKHAND_SANDBOX_DIR) return env.DOCKHAND_SANDBOX_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'dockhand', 'sandbox');
}

export const sandboxFiles = (dir: string) => ({
  data: join(dir, 'data'),
  config: join(dir, 'config.yml'),
  log: join(dir, 'registry.log'),
  state: join(dir, 'sandbox.json'),
  lock: join(dir, 'up.lock'),
});

export async function readState(dir: string): Promise<SandboxState> {
  let text: string;
  try {
    const fh = await open(sandboxFiles(dir).state, 'r');
    try {
      const buf = Buffer.alloc(MAX_STATE_BYTES);
      const { bytesRead } = await fh.read(buf, 0, MAX_STATE_BYTES, 0);
      text = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { secret: randomBytes(16).toString('hex') };
    throw err;
  }
  let parsed: Partial<SandboxState>;
  try {
    parsed = JSON.parse(text) as Partial<SandboxState>;
  } catch {
    parsed = {};
  }
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);
  return {
    secret: typeof parsed.secret === 'string' && /^[0-9a-f]{16,64}$/.test(parsed.secret) ? parsed.secret : randomBytes(16).toString('hex'),
    port: num(parsed.port) && parsed.port! < 65536 ? parsed.port : undefined,
    pid: num(parsed.pid),
    kind: parsed.kind === 'docker-registry' || parsed.kind === 'engine' ? parsed.kind : undefined,
    containerId: typeof parsed.containerId === 'string' && /^[0-9a-f]{12,64}$/.test(parsed.containerId) ? parsed.containerId : undefined,
    seeded: parsed.seeded === true,
    startedAt: typeof parsed.startedAt === 'string' ? parsed.startedAt.slice(0, 40) : undefined,
  };
}

/** Exclusive temp file in the same folder, then rename: never follows a planted file (files/write-exclusive-rename.ts). */
export function writeFileAtomic(path: string, content: string): Promise<void> {
  return writeExclusiveThenRename(path, content, 0o600);
}

export async function writeState(dir: string, state: SandboxState): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(sandboxFiles(dir).state, JSON.stringify(state, null, 2) + '\n');
}
