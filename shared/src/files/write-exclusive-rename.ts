// Replace a file's content safely: write an unpredictable temp file created exclusively
// (O_CREAT|O_EXCL, so a planted file or symlink at that name makes it fail instead of being
// followed) in the same folder, fsync it, give it `mode`, then rename it over the target.
// Readers see the old or the new content, never half a file; on failure the temp is removed.
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export async function writeExclusiveThenRename(path: string, data: string | Uint8Array, mode: number): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(12).toString('hex')}.tmp`);
  let fh;
  try {
    fh = await open(tmp, 'wx', mode);
    await fh.writeFile(data);
    await fh.chmod(mode); // the umask narrowed the create mode
    await fh.sync();
    await fh.close();
    fh = undefined;
    await rename(tmp, path);
  } catch (err) {
    await fh?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}
