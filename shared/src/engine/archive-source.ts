// Read an image to push without an engine: a `docker save` tar (docker-archive:
// manifest.json + config + layer tars) or an OCI image layout (a folder, or a tar of one:
// oci-layout + index.json + blobs/<alg>/<hex>). The result is a PushNode tree: manifests
// (bytes as they will be PUT) and the blobs each one needs, readable again for retries.
//
// Decision for docker-archive layers (uncompressed tars): by default they are gzip-compressed
// while streaming into a temp file (sha256 of the compressed bytes is the blob digest), and
// pushed as application/vnd.docker.image.rootfs.diff.tar.gzip, exactly what `docker push`
// produces; the uncompressed sha256 is checked against the config's rootfs.diff_ids. With
// layerCompression 'none' they are pushed as they are (…rootfs.diff.tar, digest = diff_id):
// faster and needs no temp space, but some clients and registries handle uncompressed
// layers poorly. A layer already gzip-compressed in the archive is pushed as it is.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tarStream from 'tar-stream';
import { EngineError } from './errors';
import type { ProgressListener } from './types';

export const MT = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

export class ArchiveError extends EngineError {
  override name = 'ArchiveError';
}

export interface BlobSource {
  digest: string;
  size: number;
  mediaType: string;
  /** A fresh stream of the blob's bytes (called again on retry). */
  open(): Readable;
}

export interface PushNode {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  blobs: BlobSource[];
  /** Child manifests of an index, pushed (by digest) before it. */
  children: PushNode[];
}

export interface OpenedArchive {
  format: 'docker-archive' | 'oci-layout';
  root: PushNode;
  /** Tags the archive names for this image (docker-archive RepoTags, OCI ref.name). */
  names: string[];
  /** Remove temp files. */
  close(): void;
}

const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function fileBlob(path: string, digest: string, size: number, mediaType: string): BlobSource {
  return { digest, size, mediaType, open: () => createReadStream(path) };
}

/** Extract a tar into dir, refusing entries that would land outside it. */
async function extractTar(file: string, dir: string, signal?: AbortSignal): Promise<void> {
  const extract = tarStream.extract();
  const links: { name: string; target: string }[] = [];
  let failure: Error | undefined;
  const root = resolve(dir);
  const inside = (name: string): string => {
    const p = resolve(root, normalize(name));
    if (p !== root && !p.startsWith(root + sep)) throw new ArchiveError(`${file}: tar entry "${name}" points outside the archive; refusing it`);
    return p;
  };
  extract.on('entry', (header, stream, next) => {
    try {
      const target = inside(header.name);
      if (header.type === 'directory') {
        mkdirSync(target, { recursive: true });
        stream.resume();
        stream.on('end', next);
      } else if (header.type === 'file' || header.type === 'contiguous-file') {
        mkdirSync(dirname(target), { recursive: true });
        const out = createWriteStream(target);
        pipeline(stream, out).then(() => next(), next);
      } else if ((header.type === 'symlink' || header.type === 'link') && header.linkname) {
        links.push({ name: header.name, target: header.type === 'link' ? header.linkname : join(dirname(header.name), header.linkname) });
        stream.resume();
        stream.on('end', next);
      } else {
        stream.resume();
        stream.on('end', next);
      }
    } catch (err) {
      // remember the first refusal, skip the entry, and fail once the tar is read
      failure ??= err as Error;
      stream.resume();
      stream.on('end', next);
    }
  });
  await pipeline(createReadStream(file), extract, { signal });
  if (failure) throw failure;
  for (const l of links) {
    const from = inside(l.name);
    const to = inside(l.target);
    if (!existsSync(from)) {
      mkdirSync(dirname(from), { recursive: true });
      symlinkSync(relative(dirname(from), to), from);
    }
  }
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ArchiveError(`${what}: cannot read ${path}: ${(err as Error).message}`);
  }
}

// ---------------- docker-archive ----------------

interface DockerArchiveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

function parseDockerManifest(v: unknown, where: string): DockerArchiveEntry[] {
  if (!Array.isArray(v) || v.length === 0) throw new ArchiveError(`${where}: manifest.json is not a non-empty array`);
  return v.map((e, i) => {
    const o = e as Partial<DockerArchiveEntry>;
    if (typeof o?.Config !== 'string' || !Array.isArray(o.Layers) || o.Layers.some((l) => typeof l !== 'string')) {
      throw new ArchiveError(`${where}: manifest.json entry ${i} lacks Config or Layers`);
    }
    return { Config: o.Config, RepoTags: Array.isArray(o.RepoTags) ? o.RepoTags.filter((t): t is string => typeof t === 'string') : [], Layers: o.Layers };
  });
}

/** Hash (and optionally gzip to `out`) one layer; returns the uncompressed digest and the blob. */
async function prepareLayer(
  path: string,
  out: string | undefined,
  signal?: AbortSignal,
): Promise<{ diffId: string; digest: string; size: number; gzipped: boolean; blobPath: string }> {
  const head = Buffer.alloc(2);
  const fd = await openFile(path, 'r');
  try {
    await fd.read(head, 0, 2, 0);
  } finally {
    await fd.close();
  }
  const alreadyGzip = head[0] === 0x1f && head[1] === 0x8b;
  const raw = createHash('sha256');
  const hashRaw = new Transform({
    transform(chunk, _e, cb) {
      raw.update(chunk);
      cb(null, chunk);
    },
  });
  if (alreadyGzip || !out) {
    await pipeline(
      createReadStream(path),
      hashRaw,
      new Transform({
        transform(_c, _e, cb) {
          cb();
        },
      }),
      { signal },
    );
    const d = `sha256:${raw.digest('hex')}`;
    // diff_id of an already-compressed layer is of its uncompressed form: checked by the registry's clients, not here
    return { diffId: alreadyGzip ? '' : d, digest: d, size: statSync(path).size, gzipped: alreadyGzip, blobPath: path };
  }
  const compressed = createHash('sha256');
  let size = 0;
  const hashOut = new Transform({
    transform(chunk: Buffer, _e, cb) {
      compressed.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  await pipeline(createReadStream(path), hashRaw, createGzip({ level: 6 }), hashOut, createWriteStream(out), { signal });
  return { diffId: `sha256:${raw.digest('hex')}`, digest: `sha256:${compressed.digest('hex')}`, size, gzipped: true, blobPath: out };
}

async function openDockerArchive(dir: string, file: string, tmp: string, opts: OpenOptions): Promise<OpenedArchive['root'] & { names: string[] }> {
  const entries = parseDockerManifest(readJson(join(dir, 'manifest.json'), file), file);
  let entry = entries[0];
  if (entries.length > 1) {
    const want = opts.select;
    const found = want ? entries.find((e) => e.RepoTags?.includes(want) || e.RepoTags?.some((t) => t.endsWith(`/${want}`))) : undefined;
    if (!found) {
      const all = entries.map((e) => (e.RepoTags?.length ? e.RepoTags.join(', ') : e.Config)).join('; ');
      throw new ArchiveError(`${file} holds ${entries.length} images (${all}); save one image per archive${want ? ` (none is tagged ${want})` : ''}`);
    }
    entry = found;
  }
  const configPath = join(dir, entry.Config);
  if (!existsSync(configPath)) throw new ArchiveError(`${file}: config ${entry.Config} named in manifest.json is missing`);
  const configBytes = readFileSync(configPath);
  let config: { rootfs?: { diff_ids?: unknown } };
  try {
    config = JSON.parse(configBytes.toString('utf8'));
  } catch {
    throw new ArchiveError(`${file}: config ${entry.Config} is not JSON`);
  }
  const diffIds = Array.isArray(config.rootfs?.diff_ids) ? (config.rootfs?.diff_ids as unknown[]).map(String) : [];
  if (diffIds.length !== entry.Layers.length) {
    throw new ArchiveError(`${file}: the config lists ${diffIds.length} layers (rootfs.diff_ids) but manifest.json lists ${entry.Layers.length}`);
  }
  const gzip = (opts.layerCompression ?? 'gzip') === 'gzip';
  const blobs: BlobSource[] = [];
  const layerDescs: { mediaType: string; size: number; digest: string }[] = [];
  for (let i = 0; i < entry.Layers.length; i++) {
    const layerPath = join(dir, entry.Layers[i]);
    if (!existsSync(layerPath)) throw new ArchiveError(`${file}: layer ${entry.Layers[i]} named in manifest.json is missing`);
    opts.onProgress?.({ kind: 'status', message: `${gzip ? 'Compressing' : 'Hashing'} layer ${i + 1}/${entry.Layers.length} (${entry.Layers[i]})` });
    const out = gzip ? join(tmp, `layer-${i}.tar.gz`) : undefined;
    const r = await prepareLayer(layerPath, out, opts.signal);
    if (r.diffId && r.diffId !== diffIds[i]) {
      throw new ArchiveError(`${file}: layer ${entry.Layers[i]} has sha256 ${r.diffId} but the config expects ${diffIds[i]}; the archive is corrupt`);
    }
    const mediaType = r.gzipped ? MT.dockerLayerGzip : MT.dockerLayer;
    blobs.push(fileBlob(r.blobPath, r.digest, r.size, mediaType));
    layerDescs.push({ mediaType, size: r.size, digest: r.digest });
  }
  const configDigest = sha256(configBytes);
  blobs.unshift({ digest: configDigest, size: configBytes.length, mediaType: MT.dockerConfig, open: () => createReadStream(configPath) });
  const manifest = {
    schemaVersion: 2,
    mediaType: MT.dockerManifest,
    config: { mediaType: MT.dockerConfig, size: configBytes.length, digest: configDigest },
    layers: layerDescs,
  };
  const bytes = Buffer.from(JSON.stringify(manifest, null, 3));
  return { mediaType: MT.dockerManifest, bytes, digest: sha256(bytes), blobs, children: [], names: entry.RepoTags ?? [] };
}

// ---------------- OCI layout ----------------

interface Desc {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

function parseDesc(v: unknown, where: string): Desc {
  const d = v as Partial<Desc>;
  if (typeof d?.digest !== 'string' || !/^[a-z0-9]+:[a-f0-9]+$/.test(d.digest) || typeof d.size !== 'number') {
    throw new ArchiveError(`${where}: a descriptor lacks a valid digest or size`);
  }
  return { mediaType: typeof d.mediaType === 'string' ? d.mediaType : '', digest: d.digest, size: d.size, annotations: d.annotations };
}

function blobPath(dir: string, digest: string, where: string): string {
  const [alg, hex] = digest.split(':');
  const p = join(dir, 'blobs', alg, hex);
  if (!existsSync(p)) throw new ArchiveError(`${where}: blob ${digest} is referenced but missing from the layout (blobs/${alg}/${hex})`);
  return p;
}

function ociNode(dir: string, desc: Desc, where: string): PushNode {
  const bytes = readFileSync(blobPath(dir, desc.digest, where));
  if (sha256(bytes) !== desc.digest && desc.digest.startsWith('sha256:')) throw new ArchiveError(`${where}: ${desc.digest} does not match its content`);
  let doc: { mediaType?: string; manifests?: unknown[]; config?: unknown; layers?: unknown[] };
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ArchiveError(`${where}: manifest ${desc.digest} is not JSON`);
  }
  const mediaType = desc.mediaType || doc.mediaType || (doc.manifests ? MT.ociIndex : MT.ociManifest);
  if (Array.isArray(doc.manifests)) {
    const children = doc.manifests.map((m) => ociNode(dir, parseDesc(m, where), where));
    return { mediaType, bytes, digest: desc.digest, blobs: [], children };
  }
  const descs = [parseDesc(doc.config, where), ...(doc.layers ?? []).map((l) => parseDesc(l, where))];
  const blobs = descs.map((d) => fileBlob(blobPath(dir, d.digest, where), d.digest, d.size, d.mediaType));
  return { mediaType, bytes, digest: desc.digest, blobs, children: [] };
}

function openOciLayout(dir: string, where: string, select?: string): PushNode & { names: string[] } {
  const index = readJson(join(dir, 'index.json'), where) as { manifests?: unknown[] };
  const manifests = Array.isArray(index?.manifests) ? index.manifests.map((m) => parseDesc(m, where)) : [];
  if (manifests.length === 0) throw new ArchiveError(`${where}: index.json lists no manifests`);
  const refName = (d: Desc) => d.annotations?.['org.opencontainers.image.ref.name'];
  let chosen = manifests[0];
  if (manifests.length > 1) {
    const found = select ? manifests.find((d) => refName(d) === select) : undefined;
    if (!found) {
      throw new ArchiveError(
        `${where}: index.json lists ${manifests.length} images (${manifests.map((d) => refName(d) ?? d.digest).join(', ')}); keep one per layout${select ? ` (none is named ${select})` : ''}`,
      );
    }
    chosen = found;
  }
  const node = ociNode(dir, chosen, where);
  const name = refName(chosen);
  return { ...node, names: name ? [name] : [] };
}

// ---------------- entry point ----------------

export interface OpenOptions {
  layerCompression?: 'gzip' | 'none';
  /** With several images in one archive: the RepoTag / ref.name to push. */
  select?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

export async function openArchive(source: string, opts: OpenOptions = {}): Promise<OpenedArchive> {
  if (!existsSync(source)) throw new ArchiveError(`archive ${source} does not exist`);
  const tmp = mkdtempSync(join(tmpdir(), 'dockhand-archive-'));
  const close = () => rmSync(tmp, { recursive: true, force: true });
  try {
    let dir = source;
    if (!statSync(source).isDirectory()) {
      dir = join(tmp, 'x');
      mkdirSync(dir);
      opts.onProgress?.({ kind: 'status', message: `Reading ${source}` });
      try {
        await extractTar(source, dir, opts.signal);
      } catch (err) {
        if (err instanceof ArchiveError || opts.signal?.aborted) throw err;
        throw new ArchiveError(`${source} is not a readable tar (a \`docker save\` archive or an OCI layout tar): ${(err as Error).message}`);
      }
    }
    if (existsSync(join(dir, 'manifest.json'))) {
      const { names, ...root } = await openDockerArchive(dir, source, tmp, opts);
      return { format: 'docker-archive', root, names, close };
    }
    if (existsSync(join(dir, 'index.json')) && existsSync(join(dir, 'oci-layout'))) {
      const { names, ...root } = openOciLayout(dir, source, opts.select);
      return { format: 'oci-layout', root, names, close };
    }
    throw new ArchiveError(`${source} is neither a docker-archive (no manifest.json) nor an OCI image layout (no oci-layout and index.json)`);
  } catch (err) {
    close();
    throw err;
  }
}
