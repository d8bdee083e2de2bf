// The files namespace of DockhandApi (see index.ts): the files inside one platform image of a
// remote registry, without pulling it. Plain data only (compiled into main, preload and the
// browser).
import { arg, type MethodArgs } from './args';

export interface ImageFilesSummary {
  /** The platform image's manifest digest. */
  digest: string;
  platform: string;
  layers: Array<{ layer: number; digest: string; size: number; fileBytes: number; wastedBytes: number }>;
  fileCount: number;
  /** Bytes a container sees. */
  visibleBytes: number;
  /** Bytes of files later layers overwrite or delete. */
  wastedBytes: number;
  efficiency: number;
  biggestWasted: Array<{ path: string; size: number; layer: number; by: number; reason: string }>;
  /** Compressed layer bytes read from the registry to list the files (0 when cached). */
  bytesRead: number;
}

export interface FileRow {
  name: string;
  /** "/etc/os-release" */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'whiteout' | 'opaque';
  size: number;
  /** "-rw-r--r--" */
  mode: string;
  owner: string;
  /** 1 = bottom layer: the layer that last wrote this path. */
  layer: number;
  link?: string;
  /** For a symlink: what it points to is a directory (open it like one). */
  linkIsDir?: boolean;
}

export interface FileContent {
  path: string;
  size: number;
  layer: number;
  /** A NUL byte in the first 8 KiB: not shown as text. */
  binary: boolean;
  /** The text (UTF-8), at most the first 1 MiB. */
  text?: string;
  truncated: boolean;
}

export interface FilesApi {
  /** Index the image's layers (cached on disk by digest) and summarize it, with wasted space. */
  open(registryId: string, repository: string, digest: string): Promise<ImageFilesSummary>;
  /** A directory's entries (symlinks to directories are followed), sorted by name. */
  list(registryId: string, repository: string, digest: string, path: string): Promise<FileRow[]>;
  /** One file (only its layer is read, up to the file). */
  read(registryId: string, repository: string, digest: string, path: string): Promise<FileContent>;
  /** Compare `reference` (tag or digest) of the repository with `other`: a tag or digest of the same repository, or a full reference in a registry already added. */
  diff(registryId: string, repository: string, reference: string, other: string): Promise<ImageDiffInfo>;
}

export interface ImageDiffInfo {
  identical: boolean;
  /** The whole comparison as text (what `dockhand diff` prints). */
  text: string;
  counts: { config: number; layersShared: number; layersOnlyA: number; layersOnlyB: number; added: number; removed: number; changed: number };
}

export const FILES_METHODS = {
  open: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['digest', arg.digest],
  ],
  list: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['digest', arg.digest],
    ['path', arg.text(4096)],
  ],
  read: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['digest', arg.digest],
    ['path', arg.text(4096)],
  ],
  // `other` is what the user typed: a tag, a digest or a full reference (the handler parses it).
  diff: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['reference', arg.tagOrDigest],
    ['other', arg.text(1024, { nonEmpty: true })],
  ],
} as const satisfies MethodArgs<FilesApi>;
