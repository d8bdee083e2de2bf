// One entry of a layer's file index, and the rules for turning a tar header into one:
// paths normalized (no leading "./" or "/", no trailing "/"), whiteouts (".wh.NAME") and
// opaque markers (".wh..wh..opq") recognized as the engine does (OCI image spec, "Whiteouts").

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Normalized path inside the image, without a leading slash ("etc/passwd"); "" is the root. */
  path: string;
  type: EntryType;
  /** Bytes of content (regular files only; 0 otherwise). */
  size: number;
  /** Permission bits and set-id/sticky bits (no file type bits). */
  mode: number;
  uid: number;
  gid: number;
  /** Symlink target, or the path a hard link points at (normalized). */
  link?: string;
  /** sha256 (hex) of a regular file's content, computed while indexing a digest-verified layer. */
  sha256?: string;
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

/** Normalize a tar member name or a user's path: undefined when it escapes the root (".."). */
export function normalizePath(name: string): string | undefined {
  const parts: string[] = [];
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') return undefined;
    parts.push(p);
  }
  return parts.join('/');
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

const TAR_TYPES: Record<string, EntryType | undefined> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'char',
  'block-device': 'block',
  fifo: 'fifo',
};

export interface TarHeaderLike {
  name: string;
  type: string | null;
  size?: number | null;
  mode?: number | null;
  uid?: number | null;
  gid?: number | null;
  linkname?: string | null;
}

/** The index entry for a tar header, or undefined for members that are not files (pax globals, unsafe names). */
export function entryFromHeader(h: TarHeaderLike): LayerEntry | undefined {
  const path = normalizePath(h.name);
  if (path === undefined) return undefined;
  const name = baseName(path);
  const base = { mode: (h.mode ?? 0) & 0o7777, uid: h.uid ?? 0, gid: h.gid ?? 0, size: 0 };
  if (name === OPAQUE_MARKER) return { ...base, path: parentOf(path), type: 'opaque' };
  if (name.startsWith(WHITEOUT_PREFIX)) {
    const target = name.slice(WHITEOUT_PREFIX.length);
    if (!target) return undefined;
    const dir = parentOf(path);
    return { ...base, path: dir ? `${dir}/${target}` : target, type: 'whiteout' };
  }
  const type = TAR_TYPES[h.type ?? 'file'];
  if (!type) return undefined;
  if (path === '' && type !== 'dir') return undefined;
  const entry: LayerEntry = { ...base, path, type, size: type === 'file' ? (h.size ?? 0) : 0 };
  if (type === 'symlink') entry.link = h.linkname ?? '';
  if (type === 'hardlink') {
    const target = normalizePath(h.linkname ?? '');
    if (target === undefined || target === '') return undefined;
    entry.link = target;
  }
  return entry;
}

/** "drwxr-xr-x" for an entry, as ls shows it. */
export function modeString(e: Pick<LayerEntry, 'type' | 'mode'>): string {
  const t = { file: '-', hardlink: '-', dir: 'd', symlink: 'l', char: 'c', block: 'b', fifo: 'p', whiteout: 'w', opaque: 'o' }[e.type];
  const m = e.mode;
  const rwx = (bits: number, special: boolean, ch: string) =>
    `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
  return t + rwx(m >> 6, (m & 0o4000) !== 0, 's') + rwx(m >> 3, (m & 0o2000) !== 0, 's') + rwx(m, (m & 0o1000) !== 0, 't');
}
