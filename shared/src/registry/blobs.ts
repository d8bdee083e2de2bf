// Blob reads of the registry client: HEAD for the size, GET streamed through a digest check,
// a small blob in memory, and the image config (size-capped, then summarized).
import type { Descriptor } from './manifest';
import { RegistryError } from '../transport/registry-error';
import { DigestVerifier, SizeExceededError } from './digest';
import { summarizeConfig, ConfigValidationError } from './image-config';
import { MAX_CONFIG_BYTES, header, invalid, oversize, pull, type WireTarget } from './wire';
import type { BlobStream, FetchedConfig, SignalOptions } from './types';

/** HEAD a blob: its size, or undefined when absent. */
export async function headBlob(t: WireTarget, repository: string, digest: string, opts: SignalOptions = {}): Promise<{ size: number } | undefined> {
  const res = await t.transport.request({
    method: 'HEAD',
    path: `/v2/${repository}/blobs/${digest}`,
    repository,
    scopes: [pull(repository)],
    signal: opts.signal,
    okStatus: [200, 404],
    what: `checking blob ${digest} in ${t.host}/${repository}`,
  });
  await res.body.dump();
  if (res.status === 404) return undefined;
  return { size: Number(header(res.headers['content-length']) ?? 0) };
}

/** Stream a blob; the stream errors (DIGEST_MISMATCH) if the bytes do not hash to `digest`. */
export async function getBlob(
  t: WireTarget,
  repository: string,
  digest: string,
  opts: SignalOptions & { expectedSize?: number; onBytes?: (n: number) => void } = {},
): Promise<BlobStream> {
  const host = t.host;
  const res = await t.transport.request({
    method: 'GET',
    path: `/v2/${repository}/blobs/${digest}`,
    repository,
    scopes: [pull(repository)],
    signal: opts.signal,
    what: `downloading blob ${digest} from ${host}/${repository}`,
  });
  const len = header(res.headers['content-length']);
  const size = len !== undefined ? Number(len) : undefined;
  const verifier = new DigestVerifier(digest, opts.expectedSize, opts.onBytes, (err) =>
    err instanceof SizeExceededError
      ? oversize(host, repository, digest, err.declared)
      : new RegistryError({
          code: 'DIGEST_MISMATCH',
          summary: `blob ${digest} from ${repository}: ${err.message}`,
          fix: 'The registry or a proxy altered the content; retry, and report it if it repeats.',
          host,
          repository,
          cause: err,
        }),
  );
  const body = res.body;
  body.on('error', (err) => verifier.destroy(err));
  verifier.on('close', () => {
    if (!body.destroyed) body.destroy();
  });
  // The body flows into the verifier once the consumer reads (not before it is attached).
  verifier.startWhenRead(() => body.pipe(verifier));
  return { stream: verifier, ...(size !== undefined && Number.isFinite(size) ? { size } : {}) };
}

/** A whole (small) blob in memory, verified; over `maxBytes` (default the config cap) is an error. */
export async function getBlobBytes(t: WireTarget, repository: string, digest: string, opts: SignalOptions & { maxBytes?: number } = {}): Promise<Buffer> {
  const { stream } = await getBlob(t, repository, digest, opts);
  const max = opts.maxBytes ?? MAX_CONFIG_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > max) {
      stream.destroy();
      throw invalid(t.host, repository, `blob ${digest} is larger than ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** GET and summarize an image config blob (digest verified, size-limited). */
export async function getConfig(t: WireTarget, repository: string, descriptor: Descriptor, opts: SignalOptions = {}): Promise<FetchedConfig> {
  if (descriptor.size > MAX_CONFIG_BYTES)
    throw invalid(t.host, repository, `the config blob is ${descriptor.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit`);
  const raw = await getBlobBytes(t, repository, descriptor.digest, { ...opts, maxBytes: MAX_CONFIG_BYTES });
  try {
    return { digest: descriptor.digest, raw, summary: summarizeConfig(raw) };
  } catch (err) {
    if (err instanceof ConfigValidationError) throw invalid(t.host, repository, err.message);
    throw err;
  }
}
