// Layer indexes cached on disk by layer digest. A digest names its content forever, so an
// entry never goes stale; the folder is kept under a size cap by removing the least recently
// used files. Files are written to a unique temp name (exclusive create) and renamed into
// place, so readers never see half a file and concurrent writers do not clash.
//   Folder: $DOCKHAND_CACHE_DIR, else $XDG_CACHE_HOME/dockhand, ~/.cache/dockhand (Linux),
//   ~/Library/Caches/dockhand (macOS), %LOCALAPPDATA%\dockhand\Cache (Windows); then layer-index/.
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isDigest } from '../registry/digest';
import { defaultCacheRoot } from '../files/cache-root';
import type { EntryType, LayerEntry } from './layer-entry';
import type { LayerIndex } from './layer-index';

export const DEFAULT_INDEX_CACHE_BYTES = 512 * 1024 * 1024;
const FORMAT = 1;
/** One cached index is refused past these sizes (on disk / unpacked). */
const MAX_FILE_BYTES = 256 * 1024 * 1024;
const MAX_JSON_BYTES = 1024 * 1024 * 1024;

export { defaultCacheRoot };

export interface LayerIndexCacheOptions {
  /** The cache folder (default: defaultCacheRoot()/layer-index). */
  dir?: string;
  /** Size cap of the folder in bytes (default 512 MiB). */
  maxBytes?: number;
  env?: NodeJS.ProcessEnv;
}

type Row = [string, EntryType, number, number, number, number, string | null, string | null];

export class LayerIndexCache {
  readonly dir: string;
  readonly maxBytes: number;

  constructor(opts: LayerIndexCacheOptions = {}) {
    this.dir = opts.dir ?? join(defaultCacheRoot(opts.env), 'layer-index');
    this.maxBytes = opts.maxBytes ?? DEFAULT_INDEX_CACHE_BYTES;
  }

  private file(digest: string): string {
    if (!isDigest(digest)) throw new Error(`not a digest: ${digest}`);
    return join(this.dir, `${digest.replace(':', '-')}.json.gz`);
  }

  /** The cached index of a layer, or undefined (absent, unreadable or corrupt: a corrupt file is removed). */
  async get(digest: string): Promise<LayerIndex | undefined> {
    const file = this.file(digest);
    let packed: Buffer;
    try {
      const st = await fs.stat(file);
      if (st.size > MAX_FILE_BYTES) return undefined;
      packed = await fs.readFile(file);
    } catch {
      return undefined;
    }
    try {
      const json = JSON.parse(gunzipSync(packed, { maxOutputLength: MAX_JSON_BYTES }).toString('utf8')) as {
        v: number;
        digest: string;
        compression: LayerIndex['compression'];
        tarSize: number;
        entries: Row[];
      };
      if (json.v !== FORMAT || json.digest !== digest || !Array.isArray(json.entries)) throw new Error('bad format');
      const entries = json.entries.map(fromRow);
      const now = new Date();
      await fs.utimes(file, now, now).catch(() => undefined); // least recently used goes first
      return { digest, compression: json.compression, tarSize: json.tarSize, entries };
    } catch {
      await fs.rm(file, { force: true }).catch(() => undefined);
      return undefined;
    }
  }

  /** Store an index (best effort: a full disk or a read-only folder only costs a re-read later). */
  async put(index: LayerIndex): Promise<void> {
    const file = this.file(index.digest);
    const body = gzipSync(
      JSON.stringify({ v: FORMAT, digest: index.digest, compression: index.compression, tarSize: index.tarSize, entries: index.entries.map(toRow) }),
      { level: 6 },
    );
    if (body.length > MAX_FILE_BYTES) return;
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await fs.writeFile(tmp, body, { flag: 'wx', mode: 0o600 });
      await fs.rename(tmp, file);
    } catch {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      return;
    }
    await this.trim();
  }

  /** Remove least recently used indexes until the folder is under the cap. */
  async trim(): Promise<void> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch {
      return;
    }
    const files: Array<{ path: string; size: number; mtime: number }> = [];
    for (const name of names) {
      if (!name.endsWith('.json.gz')) continue;
      try {
        const st = await fs.stat(join(this.dir, name));
        files.push({ path: join(this.dir, name), size: st.size, mtime: st.mtimeMs });
      } catch {
        /* removed meanwhile */
      }
    }
    let total = files.reduce((a, f) => a + f.size, 0);
    files.sort((a, b) => a.mtime - b.mtime);
    for (const f of files) {
      if (total <= this.maxBytes) break;
      await fs.rm(f.path, { force: true }).catch(() => undefined);
      total -= f.size;
    }
  }

  /** Bytes the cache folder holds now. */
  async size(): Promise<number> {
    let total = 0;
    try {
      for (const name of await fs.readdir(this.dir)) {
        if (name.endsWith('.json.gz')) total += (await fs.stat(join(this.dir, name)).catch(() => ({ size: 0 }))).size;
      }
    } catch {
      /* no folder yet */
    }
    return total;
  }
}

function toRow(e: LayerEntry): Row {
  return [e.path, e.type, e.size, e.mode, e.uid, e.gid, e.link ?? null, e.sha256 ?? null];
}

const TYPES = new Set<EntryType>(['file', 'dir', 'symlink', 'hardlink', 'char', 'block', 'fifo', 'whiteout', 'opaque']);

function fromRow(r: Row): LayerEntry {
  if (!Array.isArray(r) || typeof r[0] !== 'string' || !TYPES.has(r[1]) || typeof r[2] !== 'number') throw new Error('bad row');
  const e: LayerEntry = { path: r[0], type: r[1], size: r[2], mode: Number(r[3]) || 0, uid: Number(r[4]) || 0, gid: Number(r[5]) || 0 };
  if (typeof r[6] === 'string') e.link = r[6];
  if (typeof r[7] === 'string') e.sha256 = r[7];
  return e;
}
