// receiver.json: written (exclusive-then-rename, mode 600) while a receiver runs, removed at exit.
import { mkdir, open, rm } from 'node:fs/promises';
import { writeExclusiveThenRename } from '../files/write-exclusive-rename';
import { dirname } from 'node:path';
import type { ReceiverInfo } from './api-types';

/** Creates the folder (mode 700), then writes exclusive-then-rename with mode 600 (files/write-exclusive-rename.ts). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeExclusiveThenRename(path, text, 0o600);
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
