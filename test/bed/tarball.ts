// In-memory tar archives (tar-stream) for image layers and docker-archive files.
import { pack as tarPack } from 'tar-stream';
import { randomBytes } from 'node:crypto';

export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink';
  data?: Buffer | string;
  linkname?: string;
  mode?: number;
  mtime?: Date;
}

/** A tar archive (ustar) holding `entries`, in order. */
export function makeTar(entries: readonly TarEntry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = tarPack();
    const chunks: Buffer[] = [];
    p.on('data', (c: unknown) => { chunks.push(c as Buffer); });
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    const mtime = new Date('2024-01-01T00:00:00Z');
    for (const e of entries) {
      const type = e.type ?? 'file';
      if (type === 'file') {
        const data = typeof e.data === 'string' ? Buffer.from(e.data) : e.data ?? Buffer.alloc(0);
        p.entry({ name: e.name, type, size: data.length, mode: e.mode ?? 0o644, mtime: e.mtime ?? mtime }, data);
      } else if (type === 'symlink') {
        p.entry({ name: e.name, type, linkname: e.linkname, mode: e.mode ?? 0o777, mtime: e.mtime ?? mtime });
      } else {
        p.entry({ name: e.name, type, mode: e.mode ?? 0o755, mtime: e.mtime ?? mtime });
      }
    }
    p.finalize();
  });
}

/** Random (incompressible) bytes, so a layer's compressed size is close to `size`. */
export function randomData(size: number): Buffer {
  return randomBytes(size);
}
