// The ingest token (what the registry sends): --token, --token-file, or the one kept in the events
// folder (generated at the first start, mode 600) so listen-config and listen agree.
import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { eventsDir, eventsFiles } from './paths';
import { writeFileAtomic } from './receiver-state';

const MAX_TOKEN_FILE = 4096;
const TOKEN_RE = /^[\x21-\x7e]{16,512}$/;

async function readSmall(path: string): Promise<string | undefined> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(MAX_TOKEN_FILE);
      const { bytesRead } = await fh.read(buf, 0, MAX_TOKEN_FILE, 0);
      return buf.subarray(0, bytesRead).toString('utf8').trim();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function checkToken(token: string, where: string): string {
  if (!TOKEN_RE.test(token)) throw new Error(`${where}: a token must be 16 to 512 printable characters without spaces`);
  return token;
}

export async function resolveIngestToken(opts: { token?: string; tokenFile?: string; env: NodeJS.ProcessEnv; create: boolean }): Promise<string | undefined> {
  if (opts.token) return checkToken(opts.token, '--token');
  if (opts.tokenFile) {
    const t = await readSmall(opts.tokenFile);
    if (t === undefined) throw new Error(`--token-file ${opts.tokenFile} does not exist`);
    return checkToken(t, `--token-file ${opts.tokenFile}`);
  }
  const path = eventsFiles(eventsDir(opts.env)).token;
  const kept = await readSmall(path);
  if (kept) return checkToken(kept, path);
  if (!opts.create) return undefined;
  const fresh = randomBytes(24).toString('base64url');
  await writeFileAtomic(path, fresh + '\n');
  return fresh;
}
