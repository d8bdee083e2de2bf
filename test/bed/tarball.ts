// In-memory tar archives (tar-stream) for image layers and docker-archive files.
import { pack as tarPack } from 'tar-stream';
import { randomBytes } from 'node:crypto';

export interface TarEntry {
  name: string;
  /** 'link' is a hard link to `linkname` (a path earlier in the archive). */
  type?: 'file' | 'directory' | 'symlink' | 'link';
  data?: Buffer | string;
  linkname?: string;
  mode?: number;
  mtime?: Date;
  uid?: number;
  gid?: number;
}

/** A tar archive (ustar) holding `entries`, in order. */
export function makeTar(entries: readonly TarEntry[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = tarPack();
    const chunks: Buffer[] = [];
    p.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
    const mtime = new Date('2024-01-01T00:00:00Z');
    for (const e of entries) {
      const type = e.type ?? 'file';
      const owner = { uid: e.uid ?? 0, gid: e.gid ?? 0 };
      if (type === 'file') {
        const data = typeof e.data === 'string' ? Buffer.from(e.data) : (e.data ?? Buffer.alloc(0));
        p.entry({ name: e.name, type, size: data.length, mode: e.mode ?? 0o644, mtime: e.mtime ?? mtime, ...owner }, data);
      } else if (type === 'symlink' || type === 'link') {
        p.entry({ name: e.name, type, linkname: e.linkname, mode: e.mode ?? (type === 'link' ? 0o644 : 0o777), mtime: e.mtime ?? mtime, ...owner });
      } else {
        p.entry({ name: e.name, type, mode: e.mode ?? 0o755, mtime: e.mtime ?? mtime, ...owner });
      }
    }
    p.finalize();
  });
}

/** Random (incompressible) bytes, so a layer's compressed size is close to `size`. */
export function randomData(size: number): Buffer {
  return randomBytes(size);
}
