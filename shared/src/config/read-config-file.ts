// Reading a config file (or a file it names) from disk with a size cap: the bytes, never
// more than `max`, so that the linter decides the encoding as the registry does. Node only
// (not exported from config/index.ts, which stays free of fs).
import { open } from 'node:fs/promises';
import { MAX_LINT_CHARS } from './limits';

/** Largest config file read (bytes): UTF-16 doubles the size of the same text. */
export const MAX_CONFIG_BYTES = MAX_LINT_CHARS * 2;

export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
    readonly max: number,
  ) {
    super(`${path} has ${size} bytes; Dockhand reads at most ${max} bytes here (a registry config is a few KB)`);
    this.name = 'FileTooLargeError';
  }
}

/** The file's bytes, refusing files larger than `max` (checked before and while reading). */
export async function readFileCapped(path: string, max = MAX_CONFIG_BYTES): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    if (st.size > max) throw new FileTooLargeError(path, st.size, max);
    const buf = Buffer.alloc(Math.min(max + 1, Math.max(st.size, 0) + 1));
    let got = 0;
    for (;;) {
      if (got === buf.length) throw new FileTooLargeError(path, got, max); // grew while we read
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (!bytesRead) break;
      got += bytesRead;
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, got);
  } finally {
    await fh.close();
  }
}
