// Read one member of a layer's tar: stream the layer until that member, pass its bytes on, and
// close the connection as soon as the member ends (the rest of the layer is never downloaded).
// The layer digest cannot be checked on a partial read, so the member's bytes are checked
// against the sha256 the (fully verified) index recorded for it.
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { extract as tarExtract } from 'tar-stream';
import type { RegistryClient, Descriptor } from '../registry/client';
import { RegistryError } from '../transport/registry-error';
import { normalizePath } from './layer-entry';
import { openLayerTar } from './layer-stream';
import { layerError } from './layer-index';

export interface ReadLayerFileOptions {
  signal?: AbortSignal;
  onBytes?: (n: number) => void;
  /** Which occurrence of the path to read (1-based; a layer may hold a path twice, the last one counts). Default 1. */
  occurrence?: number;
  /** The content's sha256 (hex); the stream errors at its end when the bytes differ. */
  expectedSha256?: string;
}

export async function readLayerFile(
  client: RegistryClient,
  repository: string,
  layer: Descriptor,
  path: string,
  opts: ReadLayerFileOptions = {},
): Promise<Readable> {
  const { tar } = await openLayerTar(client, repository, layer, opts);
  const out = new PassThrough();
  const extract = tarExtract();
  const want = opts.occurrence ?? 1;
  let seen = 0;
  let found = false;
  const stop = () => {
    tar.unpipe(extract);
    if (!tar.destroyed) tar.destroy();
    extract.destroy();
  };
  const fail = (err: unknown) => {
    if (!out.destroyed) out.destroy(layerError(client, repository, layer, err));
    stop();
  };
  extract.on('entry', (header, stream, next) => {
    if (normalizePath(header.name) !== path || ++seen < want) {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    found = true;
    const hash = createHash('sha256');
    stream.on('data', (chunk: unknown) => {
      const d = chunk as Buffer;
      hash.update(d);
      if (!out.write(d)) {
        stream.pause();
        out.once('drain', () => stream.resume());
      }
    });
    stream.on('end', () => {
      const actual = hash.digest('hex');
      if (opts.expectedSha256 && actual !== opts.expectedSha256) {
        out.destroy(
          new RegistryError({
            code: 'DIGEST_MISMATCH',
            summary: `/${path} in layer ${layer.digest} does not match the content recorded when the layer was verified`,
            fix: 'The registry or a proxy altered the layer; do not trust it. Retry, and report it if it repeats.',
            host: client.host,
            repository,
          }),
        );
      } else {
        out.end();
      }
      stop();
    });
    stream.on('error', fail);
  });
  extract.on('finish', () => {
    if (!found && !out.destroyed)
      out.destroy(
        new RegistryError({
          code: 'INVALID_RESPONSE',
          summary: `/${path} is not in layer ${layer.digest}`,
          fix: 'The cached index does not match the layer; clear the cache folder (dockhand files --help says where) and retry.',
          host: client.host,
          repository,
        }),
      );
  });
  extract.on('error', fail);
  tar.on('error', (err) => {
    if (!found || !out.writableEnded) fail(err);
  });
  out.on('close', () => {
    if (!out.writableFinished) stop();
  });
  if (opts.signal) {
    const onAbort = () => fail(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    if (opts.signal.aborted) onAbort();
    else opts.signal.addEventListener('abort', onAbort, { once: true });
    out.on('close', () => opts.signal!.removeEventListener('abort', onAbort));
  }
  tar.pipe(extract);
  return out;
}
