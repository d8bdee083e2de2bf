// receiver.json: written (exclusive-then-rename, mode 600) while a receiver runs, removed at exit.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ReceiverInfo } from './api-types';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function writeReceiverInfo(path: string, info: ReceiverInfo): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(info, null, 2) + '\n');
}

/** Removes receiver.json if it still names this process. */
export async function removeReceiverInfo(path: string, pid: number): Promise<void> {
  try {
    const fh = await open(path, 'r');
    let text: string;
    try {
      text = (await fh.readFile({ encoding: 'utf8' })).slice(0, 65536);
    } finally {
      await fh.close();
    }
    if ((JSON.parse(text) as { pid?: number }).pid !== pid) return;
    await rm(path, { force: true });
  } catch {
    /* gone or unreadable: nothing to remove */
  }
}
