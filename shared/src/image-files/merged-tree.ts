// The filesystem a container of the image starts with: the layers' indexes applied in order as
// the engine applies them (moby's UnpackLayer, OCI image spec "Applying Changesets"):
//   - ".wh.NAME" removes NAME (and all below it) from the layers underneath;
//   - ".wh..wh..opq" empties its directory of everything from the layers underneath;
//   - an entry replaces what was at its path, except directory over directory, which merges;
//   - missing parent directories are created as dockerd's UnpackLayer creates them (mode 0600,
//     root; `docker export` shows them so).
// While applying, every byte of a regular file that a later layer hides (overwrites or deletes)
// is recorded: that is the image's wasted space.
import { baseName, parentOf, type LayerEntry } from './layer-entry';

export interface MergedEntry extends LayerEntry {
  /** Index (0 = bottom) of the layer that last wrote this path. */
  layer: number;
  /** A parent directory no layer has an entry for (created by the engine). */
  implied?: boolean;
}

export interface HiddenFile {
  path: string;
  /** The layer whose copy is hidden. */
  layer: number;
  size: number;
  /** The layer that hides it. */
  by: number;
  reason: 'overwritten' | 'deleted';
}

interface Node {
  entry: MergedEntry;
  children?: Map<string, Node>;
}

/** The mode dockerd gives a parent directory a layer does not list (moby pkg/archive UnpackLayer: MkdirAll(parent, 0600)). */
const IMPLIED_DIR_MODE = 0o600;

/** At most this many symlinks followed while resolving one path (Linux's limit). */
const MAX_SYMLINKS = 40;

export class MergedTree {
  private readonly root: Node = { entry: { path: '', type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, layer: 0, implied: true }, children: new Map() };
  /** Regular-file bytes hidden by later layers, in the order they were hidden. */
  readonly hidden: HiddenFile[] = [];
  readonly layerCount: number;

  private constructor(layers: readonly (readonly LayerEntry[])[]) {
    this.layerCount = layers.length;
    layers.forEach((entries, i) => this.apply(entries, i));
  }

  /** Apply the layers' entries, bottom layer first. */
  static fromLayers(layers: readonly (readonly LayerEntry[])[]): MergedTree {
    return new MergedTree(layers);
  }

  private apply(entries: readonly LayerEntry[], layer: number): void {
    // Whiteouts and opaque markers only ever hide what the layers underneath wrote: apply them first.
    for (const e of entries) {
      if (e.type === 'opaque') {
        const node = this.node(e.path);
        if (node?.children) {
          for (const child of node.children.values()) this.hide(child, layer, 'deleted');
          node.children.clear();
        }
      } else if (e.type === 'whiteout') {
        this.remove(e.path, layer, 'deleted');
      }
    }
    for (const e of entries) {
      if (e.type === 'opaque' || e.type === 'whiteout') continue;
      if (e.path === '') {
        Object.assign(this.root.entry, { mode: e.mode, uid: e.uid, gid: e.gid, layer, implied: false });
        continue;
      }
      const parent = this.ensureDir(parentOf(e.path), layer);
      const name = baseName(e.path);
      const existing = parent.children!.get(name);
      const merged: MergedEntry = { ...e, layer };
      if (e.type === 'hardlink') merged.size = this.hardlinkSize(e.link!, entries);
      if (existing && existing.entry.type === 'dir' && e.type === 'dir') {
        existing.entry = merged;
        continue;
      }
      if (existing) this.hide(existing, layer, 'overwritten');
      parent.children!.set(name, e.type === 'dir' ? { entry: merged, children: new Map() } : { entry: merged });
    }
  }

  /** A hard link's size: its target's, in the same layer or else as the layers underneath left it. */
  private hardlinkSize(target: string, entries: readonly LayerEntry[]): number {
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.path === target && entries[i]!.type === 'file') return entries[i]!.size;
    const lower = this.node(target);
    return lower && (lower.entry.type === 'file' || lower.entry.type === 'hardlink') ? lower.entry.size : 0;
  }

  private ensureDir(path: string, layer: number): Node {
    let node = this.root;
    if (path === '') return node;
    let sofar = '';
    for (const part of path.split('/')) {
      sofar = sofar ? `${sofar}/${part}` : part;
      let child = node.children!.get(part);
      if (!child || child.entry.type !== 'dir') {
        if (child) this.hide(child, layer, 'overwritten');
        child = { entry: { path: sofar, type: 'dir', size: 0, mode: IMPLIED_DIR_MODE, uid: 0, gid: 0, layer, implied: true }, children: new Map() };
        node.children!.set(part, child);
      }
      node = child;
    }
    return node;
  }

  private remove(path: string, layer: number, reason: HiddenFile['reason']): void {
    if (path === '') return;
    const parent = this.node(parentOf(path));
    const child = parent?.children?.get(baseName(path));
    if (!parent || !child) return;
    this.hide(child, layer, reason);
    parent.children!.delete(baseName(path));
  }

  private hide(node: Node, by: number, reason: HiddenFile['reason']): void {
    const e = node.entry;
    if (e.type === 'file' && e.size > 0) this.hidden.push({ path: e.path, layer: e.layer, size: e.size, by, reason });
    if (node.children) for (const c of node.children.values()) this.hide(c, by, 'deleted');
  }

  private node(path: string): Node | undefined {
    if (path === '') return this.root;
    let node: Node | undefined = this.root;
    for (const part of path.split('/')) {
      node = node.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  /** The entry at `path` (not following symlinks). */
  get(path: string): MergedEntry | undefined {
    return this.node(path)?.entry;
  }

  /** A directory's entries, sorted by name; undefined when `path` is not a directory. */
  list(path: string): MergedEntry[] | undefined {
    const node = this.node(path);
    if (!node?.children) return undefined;
    return [...node.children.keys()].sort(byName).map((k) => node.children!.get(k)!.entry);
  }

  /** Every entry below `path` (default: the whole image, root excluded), depth first, sorted by name. */
  *walk(path = ''): Generator<MergedEntry> {
    const start = this.node(path);
    if (!start) return;
    const stack: Node[] = [start];
    while (stack.length) {
      const n = stack.pop()!;
      if (n !== start) yield n.entry;
      if (n.children) {
        const keys = [...n.children.keys()].sort(byName).reverse();
        for (const k of keys) stack.push(n.children.get(k)!);
      }
    }
  }

  /**
   * Resolve `path` as the kernel would inside the container: symlinks in every component (and in
   * the last one when `followLast`), relative to their directory, absolute ones from the image root.
   * Returns the entry reached, or undefined (missing, loop, or a component that is not a directory).
   */
  resolve(path: string, followLast = true): MergedEntry | undefined {
    const pending = path.split('/').filter((p) => p && p !== '.');
    const at: string[] = [];
    let hops = 0;
    while (pending.length) {
      const part = pending.shift()!;
      if (part === '..') {
        at.pop();
        continue;
      }
      const candidate = [...at, part].join('/');
      const node = this.node(candidate);
      if (!node) return undefined;
      if (node.entry.type === 'symlink' && (pending.length > 0 || followLast)) {
        if (++hops > MAX_SYMLINKS) return undefined;
        const target = node.entry.link ?? '';
        if (target.startsWith('/')) at.length = 0;
        pending.unshift(...target.split('/').filter((p) => p && p !== '.'));
        continue;
      }
      if (pending.length > 0 && node.entry.type !== 'dir') return undefined;
      at.push(part);
    }
    return this.node(at.join('/'))?.entry;
  }

  /** Wasted bytes (hidden by a later layer), per layer (index = layer) and in total. */
  wastedPerLayer(): number[] {
    const per = new Array<number>(this.layerCount).fill(0);
    for (const h of this.hidden) per[h.layer] = (per[h.layer] ?? 0) + h.size;
    return per;
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
