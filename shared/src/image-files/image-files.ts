// The files of a remote image, without pulling it: pick the platform, index each layer (from
// the cache when it has it, else by streaming the layer once), and merge the indexes into the
// container's filesystem. Reading one file then streams only the layer that last wrote it,
// and stops as soon as that file has been read.
//
//   const img = await resolveImage(client, 'team/app', 'v1', { platform: 'linux/arm64' });
//   const files = await openImageFiles(client, img, { cache: new LayerIndexCache() });
//   files.tree.list('etc'); files.tree.hidden; const stream = await readImageFile(client, files, 'etc/os-release');
import { Readable } from 'node:stream';
import { mapLimit } from '../registry/limiter';
import { type RegistryClient, type Descriptor, type Platform, type ConfigSummary } from '../registry/client';
import { formatPlatform, isAttestation } from '../registry/manifest';
import { isIndexMediaType } from '../registry/media-types';
import { RegistryError } from '../transport/registry-error';
import { indexLayer, type LayerIndex } from './layer-index';
import type { LayerIndexCache } from './index-cache';
import { MergedTree, type MergedEntry } from './merged-tree';
import { readLayerFile } from './read-layer-file';
import { normalizePath } from './layer-entry';

export interface ResolvedImage {
  registry: string;
  repository: string;
  /** The tag or digest asked for. */
  reference: string;
  /** Digest of the image manifest (of the chosen platform). */
  digest: string;
  /** Digest of the index, when the reference named one. */
  indexDigest?: string;
  platform: Platform;
  /** Every runnable platform the reference offers. */
  platforms: Platform[];
  layers: Descriptor[];
  config: ConfigSummary;
}

export interface ResolveOptions {
  signal?: AbortSignal;
  /** "os/arch[/variant]"; default linux/amd64 when offered, else the first platform. */
  platform?: string;
}

/** Which image of an index to open. */
export function choosePlatform(offered: readonly Platform[], wanted?: string): number {
  if (!offered.length) return -1;
  const want = wanted ?? 'linux/amd64';
  const [os, architecture, variant] = want.split('/');
  const match = offered.findIndex((p) => p.os === os && p.architecture === architecture && (!variant || p.variant === variant));
  if (match >= 0 || wanted) return match;
  return 0;
}

export async function resolveImage(client: RegistryClient, repository: string, reference: string, opts: ResolveOptions = {}): Promise<ResolvedImage> {
  const top = await client.getManifest(repository, reference, { signal: opts.signal });
  let manifest = top.manifest;
  let digest = top.digest;
  let indexDigest: string | undefined;
  let platforms: Platform[] = [];
  if (manifest.kind === 'index') {
    indexDigest = top.digest;
    const runnable = manifest.manifests.filter((d) => !isAttestation(d) && !isIndexMediaType(d.mediaType));
    platforms = runnable.map((d) => d.platform ?? { os: 'unknown', architecture: 'unknown' });
    const i = choosePlatform(platforms, opts.platform);
    if (i < 0) {
      throw new RegistryError({
        code: 'MANIFEST_UNKNOWN',
        summary: `${repository}:${reference} has no image for ${opts.platform ?? 'linux/amd64'}`,
        fix: `Choose one of its platforms with --platform: ${platforms.map(formatPlatform).join(', ') || '(none)'}.`,
        host: client.host,
        repository,
      });
    }
    const child = await client.getManifest(repository, runnable[i]!.digest, { signal: opts.signal });
    manifest = child.manifest;
    digest = child.digest;
  }
  if (manifest.kind !== 'image') {
    throw new RegistryError({
      code: 'UNSUPPORTED',
      summary: `${repository}:${reference} is a ${manifest.kind === 'schema1' ? 'Docker schema 1' : 'nested index'} manifest`,
      fix: 'Dockhand reads files of schema 2 and OCI images; re-push the image with a current docker or skopeo.',
      host: client.host,
      repository,
    });
  }
  const config = (await client.getConfig(repository, manifest.config, { signal: opts.signal })).summary;
  if (!platforms.length) platforms = [config.platform];
  const platform = indexDigest ? platforms[choosePlatform(platforms, opts.platform)]! : config.platform;
  if (!indexDigest && opts.platform && choosePlatform([platform], opts.platform) < 0) {
    throw new RegistryError({
      code: 'MANIFEST_UNKNOWN',
      summary: `${repository}:${reference} is a single ${formatPlatform(platform)} image, not ${opts.platform}`,
      fix: 'Leave out --platform, or name a reference that has that platform.',
      host: client.host,
      repository,
    });
  }
  return {
    registry: client.host,
    repository,
    reference,
    digest,
    ...(indexDigest ? { indexDigest } : {}),
    platform,
    platforms,
    layers: manifest.layers,
    config,
  };
}

export interface LayerProgress {
  /** Layer index (0 = bottom). */
  layer: number;
  digest: string;
  /** Compressed bytes read so far for this layer (0 when it came from the cache). */
  bytes: number;
  size: number;
  fromCache: boolean;
  done: boolean;
}

export interface OpenFilesOptions {
  signal?: AbortSignal;
  /** Where indexes are cached; false for none. */
  cache?: LayerIndexCache | false;
  /** Layers indexed at once (default 2). */
  concurrency?: number;
  onProgress?: (p: LayerProgress) => void;
}

export interface ImageFiles {
  image: ResolvedImage;
  indexes: LayerIndex[];
  tree: MergedTree;
  /** Compressed layer bytes read from the registry to build this (0 when every index was cached). */
  bytesRead: number;
}

/** The index of one layer: from the cache, else streamed from the registry (and then cached). */
export async function layerIndexOf(
  client: RegistryClient,
  repository: string,
  layer: Descriptor,
  opts: OpenFilesOptions & { onBytes?: (n: number) => void } = {},
): Promise<{ index: LayerIndex; fromCache: boolean }> {
  const cached = opts.cache ? await opts.cache.get(layer.digest) : undefined;
  if (cached) return { index: cached, fromCache: true };
  const index = await indexLayer(client, repository, layer, { signal: opts.signal, onBytes: opts.onBytes });
  if (opts.cache) await opts.cache.put(index);
  return { index, fromCache: false };
}

export async function openImageFiles(client: RegistryClient, image: ResolvedImage, opts: OpenFilesOptions = {}): Promise<ImageFiles> {
  let bytesRead = 0;
  const indexes = await mapLimit(image.layers, opts.concurrency ?? 2, async (layer, i) => {
    let bytes = 0;
    const { index, fromCache } = await layerIndexOf(client, image.repository, layer, {
      ...opts,
      onBytes: (n) => {
        bytes += n;
        bytesRead += n;
        opts.onProgress?.({ layer: i, digest: layer.digest, bytes, size: layer.size, fromCache: false, done: false });
      },
    });
    opts.onProgress?.({ layer: i, digest: layer.digest, bytes, size: layer.size, fromCache, done: true });
    return index;
  });
  return { image, indexes, tree: MergedTree.fromLayers(indexes.map((x) => x.entries)), bytesRead };
}

export class ImageFileError extends Error {
  override name = 'ImageFileError';
}

/** Where the content of `path` lives: the merged entry, and the layer and path inside it that hold the bytes. */
export function locateFile(files: ImageFiles, path: string): { entry: MergedEntry; layer: number; layerPath: string; occurrence: number } {
  const norm = normalizePath(path);
  if (norm === undefined) throw new ImageFileError(`${path}: a path inside the image cannot go above its root`);
  const entry = files.tree.resolve(norm);
  if (!entry) throw new ImageFileError(`${display(norm)}: no such file in the image (dockhand files REF ${display(parentDir(norm))} lists that folder)`);
  if (entry.type === 'dir') throw new ImageFileError(`${display(entry.path)} is a directory (list it with dockhand files)`);
  if (entry.type !== 'file' && entry.type !== 'hardlink')
    throw new ImageFileError(`${display(entry.path)} is a ${entry.type} device or special file: it has no content to read`);
  let layer = entry.layer;
  let layerPath = entry.path;
  if (entry.type === 'hardlink') {
    layerPath = entry.link!;
    const same = files.indexes[layer]!.entries.some((e) => e.path === layerPath && e.type === 'file');
    if (!same) {
      layer = -1;
      for (let l = entry.layer - 1; l >= 0; l--) {
        if (files.indexes[l]!.entries.some((e) => e.path === layerPath && e.type === 'file')) {
          layer = l;
          break;
        }
      }
      if (layer < 0) throw new ImageFileError(`${display(entry.path)} is a hard link to ${display(layerPath)}, which no layer holds`);
    }
  }
  const entries = files.indexes[layer]!.entries;
  let occurrence = 0;
  let last: number = -1;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]!.path === layerPath && entries[i]!.type !== 'whiteout' && entries[i]!.type !== 'opaque') {
      occurrence++;
      last = i;
    }
  }
  if (last < 0 || entries[last]!.type !== 'file') throw new ImageFileError(`${display(layerPath)} in layer ${layer + 1} is not a regular file`);
  return { entry, layer, layerPath, occurrence };
}

/**
 * Stream one file's content: only its layer is read, and only up to the file. The content is
 * checked against the sha256 recorded when the (digest-verified) layer was indexed: the stream
 * errors at its end if it differs.
 */
export async function readImageFile(
  client: RegistryClient,
  files: ImageFiles,
  path: string,
  opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {},
): Promise<{ stream: Readable; entry: MergedEntry; size: number; layer: number }> {
  const where = locateFile(files, path);
  const layerEntries = files.indexes[where.layer]!.entries;
  const expected = [...layerEntries].reverse().find((e) => e.path === where.layerPath && e.type === 'file')!;
  const stream = await readLayerFile(client, files.image.repository, files.image.layers[where.layer]!, where.layerPath, {
    occurrence: where.occurrence,
    expectedSha256: expected.sha256,
    signal: opts.signal,
    onBytes: opts.onBytes,
  });
  return { stream, entry: where.entry, size: expected.size, layer: where.layer };
}

/** "/etc/passwd" for display. */
export function display(path: string): string {
  return `/${path}`;
}

function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** A file's content in memory, for viewers: refused (ImageFileError) past `maxBytes` before any layer byte is read. */
export async function readImageFileBytes(
  client: RegistryClient,
  files: ImageFiles,
  path: string,
  opts: { signal?: AbortSignal; maxBytes: number },
): Promise<Buffer> {
  const where = locateFile(files, path);
  if (where.entry.size > opts.maxBytes) {
    throw new ImageFileError(
      `${display(where.entry.path)} is ${where.entry.size} bytes, more than the ${opts.maxBytes} bytes shown here; save it with dockhand cat REF ${display(where.entry.path)} > FILE`,
    );
  }
  const { stream } = await readImageFile(client, files, path, opts);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    total += (c as Buffer).length;
    if (total > opts.maxBytes) {
      stream.destroy();
      throw new ImageFileError(`${display(where.entry.path)} is larger than ${opts.maxBytes} bytes`);
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Binary content, as editors decide: a NUL byte in the first 8 KiB. */
export function looksBinary(data: Uint8Array): boolean {
  return data.subarray(0, 8192).includes(0);
}
