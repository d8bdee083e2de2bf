// The difference between two images (tags, digests, even in different registries): config
// (env, entrypoint, cmd, labels, user, ports, ...), history, layers shared or not, and the
// files added, removed and changed in the merged filesystems, with sizes.
import type { ConfigSummary, Descriptor } from '../registry/client';
import { formatPlatform } from '../registry/manifest';
import type { ImageFiles } from './image-files';
import type { MergedEntry } from './merged-tree';

export interface ConfigChange {
  /** "User", "Cmd", "Env PATH", "Label org.opencontainers.image.version", "ExposedPort 80/tcp", ... */
  field: string;
  a?: string;
  b?: string;
}

export interface FileSide {
  type: MergedEntry['type'];
  size: number;
  mode: number;
  uid: number;
  gid: number;
  link?: string;
  layer: number;
}

export interface FileChange {
  path: string;
  a?: FileSide;
  b?: FileSide;
  /** For changed files: what differs (content, type, size, mode, owner, link). */
  what?: string[];
}

export interface ImageSideSummary {
  reference: string;
  digest: string;
  platform: string;
  layers: number;
  /** Compressed bytes of the layers. */
  size: number;
}

export interface ImageDiff {
  a: ImageSideSummary;
  b: ImageSideSummary;
  identical: boolean;
  config: ConfigChange[];
  history: { common: number; onlyA: string[]; onlyB: string[] };
  layers: { shared: Descriptor[]; onlyA: Descriptor[]; onlyB: Descriptor[] };
  files: { added: FileChange[]; removed: FileChange[]; changed: FileChange[]; addedBytes: number; removedBytes: number };
}

const str = (v: string[] | string | undefined): string | undefined => (v === undefined ? undefined : Array.isArray(v) ? JSON.stringify(v) : v);

export function diffConfig(a: ConfigSummary, b: ConfigSummary): ConfigChange[] {
  const out: ConfigChange[] = [];
  const scalar = (field: string, x: string | undefined, y: string | undefined) => {
    if (x !== y) out.push({ field, ...(x !== undefined ? { a: x } : {}), ...(y !== undefined ? { b: y } : {}) });
  };
  scalar('Platform', formatPlatform(a.platform), formatPlatform(b.platform));
  scalar('User', a.user, b.user);
  scalar('WorkingDir', a.workingDir, b.workingDir);
  scalar('Entrypoint', str(a.entrypoint), str(b.entrypoint));
  scalar('Cmd', str(a.cmd), str(b.cmd));
  scalar('StopSignal', a.stopSignal, b.stopSignal);
  const keyed = (prefix: string, x: Record<string, string>, y: Record<string, string>) => {
    for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) scalar(`${prefix} ${k}`, x[k], y[k]);
  };
  const envMap = (env: string[]) =>
    Object.fromEntries(
      env.map((e) => {
        const i = e.indexOf('=');
        return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
      }),
    );
  keyed('Env', envMap(a.env), envMap(b.env));
  keyed('Label', a.labels, b.labels);
  const set = (xs: string[]) => Object.fromEntries(xs.map((x) => [x, 'yes']));
  keyed('ExposedPort', set(a.exposedPorts), set(b.exposedPorts));
  keyed('Volume', set(a.volumes), set(b.volumes));
  return out;
}

function side(e: MergedEntry): FileSide {
  return { type: e.type, size: e.size, mode: e.mode, uid: e.uid, gid: e.gid, ...(e.link !== undefined ? { link: e.link } : {}), layer: e.layer };
}

function differences(x: MergedEntry, y: MergedEntry): string[] {
  const what: string[] = [];
  if (x.type !== y.type) what.push('type');
  if (x.size !== y.size) what.push('size');
  if (x.type === y.type && x.type === 'file' && x.sha256 !== y.sha256) what.push('content');
  if (x.mode !== y.mode) what.push('mode');
  if (x.uid !== y.uid || x.gid !== y.gid) what.push('owner');
  if ((x.link ?? '') !== (y.link ?? '')) what.push('link');
  return what;
}

export function diffImages(a: ImageFiles, b: ImageFiles, names: { a: string; b: string } = { a: a.image.reference, b: b.image.reference }): ImageDiff {
  const summary = (f: ImageFiles, reference: string): ImageSideSummary => ({
    reference,
    digest: f.image.digest,
    platform: formatPlatform(f.image.platform),
    layers: f.image.layers.length,
    size: f.image.layers.reduce((s, l) => s + l.size, 0),
  });
  const ha = a.image.config.history.map((h) => h.createdBy ?? '');
  const hb = b.image.config.history.map((h) => h.createdBy ?? '');
  let common = 0;
  while (common < ha.length && common < hb.length && ha[common] === hb[common]) common++;
  const inB = new Set(b.image.layers.map((l) => l.digest));
  const inA = new Set(a.image.layers.map((l) => l.digest));
  const layers = {
    shared: a.image.layers.filter((l) => inB.has(l.digest)),
    onlyA: a.image.layers.filter((l) => !inB.has(l.digest)),
    onlyB: b.image.layers.filter((l) => !inA.has(l.digest)),
  };
  const mapA = new Map<string, MergedEntry>();
  for (const e of a.tree.walk()) mapA.set(e.path, e);
  const added: FileChange[] = [];
  const changed: FileChange[] = [];
  const seen = new Set<string>();
  for (const e of b.tree.walk()) {
    seen.add(e.path);
    const x = mapA.get(e.path);
    if (!x) {
      added.push({ path: e.path, b: side(e) });
      continue;
    }
    const what = differences(x, e);
    if (what.length) changed.push({ path: e.path, a: side(x), b: side(e), what });
  }
  const removed: FileChange[] = [];
  for (const [p, e] of mapA) if (!seen.has(p)) removed.push({ path: p, a: side(e) });
  const bytes = (list: FileChange[], k: 'a' | 'b') => list.reduce((s, c) => s + (c[k]?.type === 'file' ? c[k]!.size : 0), 0);
  const config = diffConfig(a.image.config, b.image.config);
  const history = { common, onlyA: ha.slice(common), onlyB: hb.slice(common) };
  const files = { added, removed, changed, addedBytes: bytes(added, 'b'), removedBytes: bytes(removed, 'a') };
  const identical =
    a.image.digest === b.image.digest ||
    (!config.length &&
      !history.onlyA.length &&
      !history.onlyB.length &&
      !layers.onlyA.length &&
      !layers.onlyB.length &&
      !added.length &&
      !removed.length &&
      !changed.length);
  return { a: summary(a, names.a), b: summary(b, names.b), identical, config, history, layers, files };
}
