// A layer blob as an uncompressed tar stream: gzip (node:zlib), zstd (node:zlib where the
// runtime has it, else the pure-JS fzstd decoder), or an uncompressed tar, told apart by the
// blob's first bytes (media types lie: "tar+gzip" layers that are zstd exist). The blob is
// read through RegistryClient.getBlob, so a full read fails on a digest mismatch.
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import type { RegistryClient, Descriptor } from '../registry/client';
import { RegistryError } from '../transport/registry-error';

export type LayerCompression = 'gzip' | 'zstd' | 'none';

export interface OpenLayerOptions {
  signal?: AbortSignal;
  /** Compressed bytes as they arrive from the registry. */
  onBytes?: (n: number) => void;
}

export interface LayerTarStream {
  /** The uncompressed tar. Destroy it to stop reading early (the HTTP body is closed too). */
  tar: Readable;
  compression: LayerCompression;
}

/** zstd input is fed to fzstd in slices this big, so one slice can expand to a bounded amount (a zstd block is at most 128 KiB). */
const ZSTD_SLICE = 1024;

const ENCRYPTED = /\+encrypted$/;
const FOREIGN = /foreign|nondistributable/;

export function compressionOf(first: Buffer): LayerCompression {
  if (first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b) return 'gzip';
  if (first.length >= 4 && first.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** Open a layer's tar stream: the blob (digest-verified on a full read), decompressed. */
export async function openLayerTar(client: RegistryClient, repository: string, layer: Descriptor, opts: OpenLayerOptions = {}): Promise<LayerTarStream> {
  if (ENCRYPTED.test(layer.mediaType)) {
    throw new RegistryError({
      code: 'UNSUPPORTED',
      summary: `layer ${layer.digest} is encrypted (${layer.mediaType})`,
      fix: 'Decrypt the image first (skopeo copy --decryption-key); Dockhand cannot read encrypted layers.',
      host: client.host,
      repository,
    });
  }
  let blob;
  try {
    blob = await client.getBlob(repository, layer.digest, { signal: opts.signal, expectedSize: layer.size, onBytes: opts.onBytes });
  } catch (err) {
    if (err instanceof RegistryError && err.status === 404 && FOREIGN.test(layer.mediaType)) {
      throw new RegistryError({
        code: 'BLOB_UNKNOWN',
        status: 404,
        summary: `layer ${layer.digest} is a foreign layer that ${client.host} does not store`,
        fix: `It lives at ${layer.urls?.[0] ?? 'the URL in its descriptor'}; Dockhand reads only layers stored in the registry.`,
        host: client.host,
        repository,
      });
    }
    throw err;
  }
  const source = blob.stream;
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let first: Buffer = Buffer.alloc(0);
  while (first.length < 4) {
    const next = await iterator.next();
    if (next.done) break;
    first = Buffer.concat([first, next.value]);
  }
  const compression = compressionOf(first);
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.length) yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const raw = Readable.from(rest(), { objectMode: false });
  raw.on('close', () => {
    if (!source.destroyed) source.destroy();
  });
  let tar: Readable;
  if (compression === 'gzip') tar = decodeWith(raw, zlib.createGunzip());
  else if (compression === 'zstd') tar = nativeZstd() ? decodeWith(raw, nativeZstd()!()) : Readable.from(fzstdDecode(raw), { objectMode: false });
  else tar = raw;
  tar.on('close', () => {
    if (!raw.destroyed) raw.destroy();
  });
  return { tar, compression };
}

function decodeWith(raw: Readable, decoder: NodeJS.ReadWriteStream & Readable): Readable {
  raw.on('error', (err) => decoder.destroy(err));
  decoder.on('close', () => {
    if (!raw.destroyed) raw.destroy();
  });
  return raw.pipe(decoder);
}

type ZstdFactory = () => NodeJS.ReadWriteStream & Readable;
/** node:zlib's zstd decoder (Node 22.15+, recent Electron and VS Code hosts), when the runtime has one. */
function nativeZstd(): ZstdFactory | undefined {
  const f = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  return typeof f === 'function' ? () => f() : undefined;
}

/** fzstd, fed in small slices and drained after each so that memory stays bounded. */
export async function* fzstdDecode(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const decoder = new Decompress((chunk) => {
    if (chunk.length) out.push(Buffer.from(chunk));
  });
  for await (const chunk of source) {
    for (let i = 0; i < chunk.length; i += ZSTD_SLICE) {
      decoder.push(chunk.subarray(i, i + ZSTD_SLICE));
      while (out.length) yield out.shift()!;
    }
  }
  decoder.push(new Uint8Array(0), true);
  while (out.length) yield out.shift()!;
}
