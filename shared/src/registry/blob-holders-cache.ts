// Which repositories of a registry were seen holding which blob digests: remembered from copies,
// pushes, inspections and any manifest read, so a later copy or push can ask the target registry
// for a cross-repository mount (POST /v2/<repo>/blobs/uploads/?mount=<digest>&from=<holder>)
// instead of sending the bytes again (skopeo's blob-info cache does the same).
//
//   const holders = blobHoldersFor(env);        // the process-wide cache of this cache folder
//   holders.record('registry.example', 'team/app', [digest, ...]);
//   holders.holders('registry.example', digest)  // most recently seen first
//   holders.forget('registry.example', 'team/old', digest);   // a refused mount
//   await holders.flush();                       // merge with the file, write exclusive-then-rename
//
// File: <cache folder>/blob-holders.json (see image-files/index-cache.ts defaultCacheRoot; off
// with DOCKHAND_BLOB_CACHE=off). It is a hint, never trusted: a wrong entry costs one refused
// mount. Several processes may write it at once: each flush re-reads the file and merges its own
// changes into it before renaming a fresh file over it (a race can lose a few hints, never the
// file). Bounded: at most MAX_PAIRS (digest, repository) pairs, the least recently seen go first;
// a file larger than MAX_FILE_BYTES or not in this format is ignored and replaced.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultCacheRoot } from '../files/cache-root';
import { writeExclusiveThenRename } from '../files/write-exclusive-rename';
import { isDigest } from './digest';
import { registerFlush } from './pending-writes';

const FORMAT = 1;
export const MAX_PAIRS = 10_000;
/** Holders kept per digest (more are never tried anyway). */
export const MAX_HOLDERS_PER_BLOB = 8;
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** After a change, a long-running process (editor, desktop) writes within this time. */
const FLUSH_DELAY_MS = 2_000;

/** host -> digest -> repository -> last seen (ms since the epoch); negative: forgotten then. */
type Table = Map<string, Map<string, Map<string, number>>>;

interface FileShape {
  v: number;
  r: Record<string, Record<string, Record<string, number>>>;
}

export class BlobHoldersCache {
  readonly file: string;
  private table: Table = new Map();
  private loaded: Promise<void> | undefined;
  /** Changes since the last flush (merged into whatever the file holds then). */
  private changes: Table = new Map();
  private writing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = file;
  }

  /** Read the file once (later reads happen at flush, to merge). */
  load(): Promise<void> {
    this.loaded ??= readTable(this.file).then((t) => {
      mergeInto(t, this.table);
      mergeInto(t, this.changes);
      this.table = t;
    });
    return this.loaded;
  }

  /** `repository` on `host` holds these blobs (seen now). */
  record(host: string, repository: string, digests: Iterable<string>): void {
    const t = this.now();
    for (const d of digests) {
      if (!isDigest(d)) continue;
      set(this.table, host, d, repository, t);
      set(this.changes, host, d, repository, t);
    }
    this.schedule();
  }

  /** A mount from `repository` was refused: it no longer holds `digest` (or never did). */
  forget(host: string, repository: string, digest: string): void {
    const t = this.now();
    this.table.get(host)?.get(digest)?.delete(repository);
    set(this.changes, host, digest, repository, -t);
    this.schedule();
  }

  /** Repositories of `host` seen holding `digest`, most recently seen first. */
  async holders(host: string, digest: string): Promise<string[]> {
    await this.load();
    const repos = this.table.get(host)?.get(digest);
    if (!repos) return [];
    return [...repos]
      .filter(([, t]) => t > 0)
      .sort((a, b) => b[1] - a[1])
      .map(([r]) => r);
  }

  /** Merge this process's changes into the file and write it (exclusive temp file, then rename). Never throws. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.changes.size) return;
      const changes = this.changes;
      this.changes = new Map();
      try {
        const onDisk = await readTable(this.file);
        mergeInto(onDisk, changes);
        const trimmed = trim(onDisk);
        await mkdir(join(this.file, '..'), { recursive: true, mode: 0o700 });
        await writeExclusiveThenRename(this.file, JSON.stringify(toShape(trimmed)), 0o600);
      } catch {
        // A read-only or full cache folder only costs the hints.
      }
    });
    return this.writing;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, FLUSH_DELAY_MS);
    this.timer.unref?.();
  }
}

const caches = new Map<string, BlobHoldersCache>();

/** The process-wide cache for the user's cache folder, or undefined when turned off (DOCKHAND_BLOB_CACHE=off). */
export function blobHoldersFor(env: NodeJS.ProcessEnv = process.env): BlobHoldersCache | undefined {
  if ((env.DOCKHAND_BLOB_CACHE ?? '').toLowerCase() === 'off') return undefined;
  const file = join(defaultCacheRoot(env), 'blob-holders.json');
  let c = caches.get(file);
  if (!c) {
    const cache = new BlobHoldersCache(file);
    registerFlush(() => cache.flush()); // the CLI writes it before it exits (pending-writes.ts)
    caches.set(file, (c = cache));
  }
  return c;
}

function set(t: Table, host: string, digest: string, repo: string, time: number): void {
  let h = t.get(host);
  if (!h) {
    h = new Map();
    t.set(host, h);
  }
  let d = h.get(digest);
  if (!d) {
    d = new Map();
    h.set(digest, d);
  }
  d.set(repo, time);
}

/** Newer wins; a forget (negative time) newer than the sighting removes it. */
function mergeInto(into: Table, from: Table): void {
  for (const [host, digests] of from) {
    for (const [digest, repos] of digests) {
      for (const [repo, t] of repos) {
        const cur = into.get(host)?.get(digest)?.get(repo);
        if (cur === undefined || Math.abs(t) >= Math.abs(cur)) {
          if (t < 0) into.get(host)?.get(digest)?.delete(repo);
          else set(into, host, digest, repo, t);
        }
      }
    }
  }
}

/** Keep the MAX_PAIRS most recently seen pairs, at most MAX_HOLDERS_PER_BLOB per digest. */
function trim(t: Table): Table {
  const pairs: Array<[string, string, string, number]> = [];
  for (const [host, digests] of t)
    for (const [digest, repos] of digests) for (const [repo, time] of repos) if (time > 0) pairs.push([host, digest, repo, time]);
  pairs.sort((a, b) => b[3] - a[3]);
  const out: Table = new Map();
  let kept = 0;
  for (const [host, digest, repo, time] of pairs) {
    if (kept >= MAX_PAIRS) break;
    const n = out.get(host)?.get(digest)?.size ?? 0;
    if (n >= MAX_HOLDERS_PER_BLOB) continue;
    set(out, host, digest, repo, time);
    kept++;
  }
  return out;
}

function toShape(t: Table): FileShape {
  // Null-prototype objects: a host or repository named "__proto__" stays a plain key.
  const r = Object.create(null) as FileShape['r'];
  for (const [host, digests] of t) {
    const h = (r[host] = Object.create(null) as Record<string, Record<string, number>>);
    for (const [digest, repos] of digests) h[digest] = Object.assign(Object.create(null) as Record<string, number>, Object.fromEntries(repos));
  }
  return { v: FORMAT, r };
}

/** The file's table; empty when absent, too large or not in this format. */
async function readTable(file: string): Promise<Table> {
  const t: Table = new Map();
  try {
    if ((await stat(file)).size > MAX_FILE_BYTES) return t;
    const json = JSON.parse(await readFile(file, 'utf8')) as Partial<FileShape>;
    if (json.v !== FORMAT || typeof json.r !== 'object' || json.r === null) return t;
    let pairs = 0;
    for (const [host, digests] of Object.entries(json.r)) {
      if (typeof digests !== 'object' || digests === null) continue;
      for (const [digest, repos] of Object.entries(digests)) {
        if (!isDigest(digest) || typeof repos !== 'object' || repos === null) continue;
        for (const [repo, time] of Object.entries(repos)) {
          if (typeof time !== 'number' || !(time > 0) || ++pairs > MAX_PAIRS) continue;
          set(t, host, digest, repo, time);
        }
      }
    }
  } catch {
    // absent or unreadable: start empty
  }
  return t;
}
