// Wire helpers of the registry client: size caps, token scopes, header reading, and the
// RegistryErrors for answers that break the distribution spec.
import { Readable, Transform } from 'node:stream';
import type { Transport, TransportResponse } from '../transport/transport';
import { RegistryError } from '../transport/registry-error';
import { BodyTooLargeError, readBodyLimited } from '../transport/body-limit';
import { isDigest } from './digest';

/** The transport and host a registry call talks to (the client's, for the helpers in blobs.ts and uploads.ts). */
export interface WireTarget {
  transport: Transport;
  host: string;
}

export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Entries per page at the most (the registry's cap). */
export const MAX_PAGE = 1000;

export const pull = (repo: string) => `repository:${repo}:pull`;
export const push = (repo: string) => `repository:${repo}:pull,push`;
export const del = (repo: string) => `repository:${repo}:delete`;

/** ":tag" or "@digest", for messages. */
export function sep(reference: string): string {
  return isDigest(reference) ? `@${reference}` : `:${reference}`;
}

export function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The media type of a Content-Type header, without its parameters. */
export function mediaTypeOf(res: TransportResponse): string | undefined {
  return header(res.headers['content-type'])?.split(';')[0]?.trim();
}

export function invalid(host: string, repository: string | undefined, message: string): RegistryError {
  return new RegistryError({
    code: 'INVALID_RESPONSE',
    summary: message,
    fix: 'The registry sent something that is not valid per the distribution spec; report it to its admin.',
    host,
    repository,
  });
}

export async function readLimited(res: TransportResponse, max: number, host: string, repository: string | undefined, what: string): Promise<Buffer> {
  try {
    return await readBodyLimited(res.body, max);
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw invalid(host, repository, `the ${what} is larger than ${max} bytes; it was not read further`);
    throw err;
  }
}

/** The source of a blob sent more than its descriptor's size: stopped there, nothing more uploaded. */
export function oversize(host: string, repository: string, digest: string, size: number): RegistryError {
  return new RegistryError({
    code: 'SIZE_INVALID',
    summary: `blob ${digest}: the source sent more than the manifest declares (${size} bytes); the upload was stopped there`,
    fix: 'The source registry or archive is corrupt or hostile: check the source image (and push it again from a good copy).',
    host,
    repository,
  });
}

export function parseJsonObject(raw: Buffer, host: string, repository: string | undefined, what: string): object {
  try {
    const j = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof j !== 'object' || j === null) throw new Error('not an object');
    return j;
  } catch {
    throw invalid(host, repository, `${what} is not a JSON object`);
  }
}

export function withDigest(location: string, digest: string): string {
  const u = new URL(location);
  u.searchParams.set('digest', digest);
  return u.toString();
}

/** Count bytes as the consumer pulls them (a 'data' listener would start the flow before the consumer is attached), and fail with `tooMany()` before passing on a byte past `max`. */
export function metered(stream: Readable, max: number, onBytes: ((n: number) => void) | undefined, tooMany: () => Error): Readable {
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      total += chunk.length;
      if (total > max) {
        cb(tooMany());
        return;
      }
      onBytes?.(chunk.length);
      cb(null, chunk);
    },
  });
  stream.on('error', (err) => counter.destroy(err));
  counter.on('close', () => {
    if (!stream.readableEnded) stream.destroy();
  });
  return stream.pipe(counter);
}
