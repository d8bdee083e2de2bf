// Which failures of a whole-blob transfer are worth one more try.
import { isRegistryError } from '../registry/client';

export function isRetryableBlobFailure(err: unknown): boolean {
  if (isRegistryError(err)) {
    return (
      err.code === 'UNREACHABLE' ||
      err.code === 'TIMEOUT' ||
      err.code === 'DIGEST_MISMATCH' ||
      err.code === 'BLOB_UPLOAD_UNKNOWN' ||
      err.code === 'BLOB_UPLOAD_INVALID' ||
      (err.status !== undefined && (err.status >= 500 || err.status === 429 || err.status === 408))
    );
  }
  const code = (err as { code?: unknown })?.code;
  return code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE';
}
