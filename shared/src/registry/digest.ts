// Content digests: compute, compare, and verify a stream while it passes through.
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Bytes buffered on each side of a DigestVerifier: a few socket reads, so a fast reader and writer do not pause at every chunk. */
const VERIFIER_BUFFER = 512 * 1024;

const DIGEST_RE = /^(sha256|sha512):([a-f0-9]+)$/;

export function isDigest(s: string): boolean {
  const m = DIGEST_RE.exec(s);
  return !!m && m[2]!.length === (m[1] === 'sha256' ? 64 : 128);
}

export function digestAlgorithm(digest: string): 'sha256' | 'sha512' {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function computeDigest(data: Buffer | Uint8Array | string, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

/** A pass-through stream that fails at the end if the bytes do not hash to `expected` (or their count differs from `size`), and as soon as more than `size` bytes arrive (SizeExceededError: an endless source is not read on). */
export class DigestVerifier extends Transform {
  private readonly hash;
  private count = 0;
  constructor(
    private readonly expected: string,
    private readonly size?: number,
    private readonly onBytes?: (n: number) => void,
    /** Turn a mismatch into the error the stream fails with. */
    private readonly mapError: (err: DigestMismatchError | SizeExceededError) => Error = (e) => e,
  ) {
    super({ highWaterMark: VERIFIER_BUFFER });
    this.hash = createHash(digestAlgorithm(expected));
  }
  private onFirstRead?: () => void;

  /** Run `start` (e.g. piping the source in) when the consumer first reads, not before: nothing flows, is counted or fails unseen before a consumer is attached. */
  startWhenRead(start: () => void): this {
    this.onFirstRead = start;
    return this;
  }

  override _read(size: number): void {
    const start = this.onFirstRead;
    this.onFirstRead = undefined;
    start?.();
    super._read(size);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.size !== undefined && this.count + chunk.length > this.size) {
      cb(this.mapError(new SizeExceededError(this.size)));
      return;
    }
    this.hash.update(chunk);
    this.count += chunk.length;
    this.onBytes?.(chunk.length);
    cb(null, chunk);
  }
  override _flush(cb: TransformCallback): void {
    const actual = `${digestAlgorithm(this.expected)}:${this.hash.digest('hex')}`;
    if (this.size !== undefined && this.count !== this.size) {
      cb(this.mapError(new DigestMismatchError(this.expected, actual, `expected ${this.size} bytes, got ${this.count}`)));
      return;
    }
    if (actual !== this.expected) {
      cb(this.mapError(new DigestMismatchError(this.expected, actual)));
      return;
    }
    cb();
  }
  get bytes(): number {
    return this.count;
  }
}

/** The source sent more bytes than the descriptor (the manifest) declares; nothing past the declared size was passed on. */
export class SizeExceededError extends Error {
  override name = 'SizeExceededError';
  constructor(readonly declared: number) {
    super(`the source sent more than the manifest declares (${declared} bytes)`);
  }
}

export class DigestMismatchError extends Error {
  override name = 'DigestMismatchError';
  constructor(
    readonly expected: string,
    readonly actual: string,
    extra?: string,
  ) {
    super(`content does not match its digest: expected ${expected}, got ${actual}${extra ? ` (${extra})` : ''}`);
  }
}
