// A layer's file index (path, type, size, mode, uid/gid, link target, whiteouts, and the
// sha256 of each regular file), built while streaming the layer once: file contents are
// hashed and dropped, never held, so memory grows with the number of entries, not their size.
// The blob's digest is verified at the end of the read; an index is returned (and cached)
// only when it matched.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import type { RegistryClient, Descriptor } from '../registry/client';
import { RegistryError } from '../transport/registry-error';
import { entryFromHeader, type LayerEntry } from './layer-entry';
import { openLayerTar, type LayerCompression } from './layer-stream';

export interface LayerIndex {
  /** The layer blob's digest (what the index is cached by). */
  digest: string;
  compression: LayerCompression;
  /** Bytes of the uncompressed tar. */
  tarSize: number;
  /** Entries in archive order. A path may repeat (the last one wins, as when the engine extracts). */
  entries: LayerEntry[];
}

export interface IndexLayerOptions {
  signal?: AbortSignal;
  /** Compressed bytes read from the registry. */
  onBytes?: (n: number) => void;
}

/** More entries than this in one layer is refused (memory). */
export const MAX_LAYER_ENTRIES = 2_000_000;

/** Stream `layer` from the registry and index it. Rejects with DIGEST_MISMATCH when the blob is not what its digest says. */
export async function indexLayer(client: RegistryClient, repository: string, layer: Descriptor, opts: IndexLayerOptions = {}): Promise<LayerIndex> {
  const { tar, compression } = await openLayerTar(client, repository, layer, opts);
  const entries: LayerEntry[] = [];
  let tarSize = 0;
  tar.on('data', (d: Buffer) => {
    tarSize += d.length;
  });
  const extract = tarExtract();
  extract.on('entry', (header, stream, next) => {
    const entry = entryFromHeader(header);
    const hash = entry?.type === 'file' ? createHash('sha256') : undefined;
    stream.on('data', (d: unknown) => hash?.update(d as Buffer));
    stream.on('end', () => {
      if (entry) {
        if (hash) entry.sha256 = hash.digest('hex');
        entries.push(entry);
      }
      if (entries.length > MAX_LAYER_ENTRIES) next(new Error(`layer ${layer.digest} has more than ${MAX_LAYER_ENTRIES} entries`));
      else next();
    });
    stream.on('error', (err: Error) => next(err));
  });
  try {
    await pipeline(tar, extract, { signal: opts.signal });
  } catch (err) {
    throw layerError(client, repository, layer, err);
  }
  return { digest: layer.digest, compression, tarSize, entries };
}

export function layerError(client: RegistryClient, repository: string, layer: Descriptor, err: unknown): Error {
  if (err instanceof RegistryError) return err;
  const e = err as Error & { code?: string };
  if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR') {
    return new RegistryError({
      code: 'ABORTED',
      summary: `reading layer ${layer.digest} was cancelled`,
      fix: 'Run it again when you want it.',
      host: client.host,
      repository,
      cause: err,
    });
  }
  const cause = (e as { cause?: unknown })?.cause;
  if (cause instanceof RegistryError) return cause;
  return new RegistryError({
    code: 'INVALID_RESPONSE',
    summary: `layer ${layer.digest} of ${repository} is not a readable tar archive (${e?.message ?? String(err)})`,
    fix: 'The layer is corrupt or in a format Dockhand does not read (gzip, zstd and plain tar are supported); check it with skopeo inspect.',
    host: client.host,
    repository,
    cause: err,
  });
}
