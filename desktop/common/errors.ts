// How results and errors cross the IPC boundary: an envelope `{ result } | { error }`; the
// client side rebuilds an Error (RemoteError) from it. Plain data only; no imports.

export interface ErrorInfo {
  name: string;
  message: string;
  /** Registry error code or errno-like code. */
  code?: string;
  status?: number;
  /** What the user can do about it. */
  hint?: string;
}

export type Envelope<T = unknown> = { result: T; error?: undefined } | { error: ErrorInfo; result?: undefined };

/** An error raised in the main process, rebuilt on the renderer side. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly remoteName: string;
  readonly code?: string;
  readonly status?: number;
  readonly hint?: string;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.remoteName = info.name;
    this.code = info.code;
    this.status = info.status;
    this.hint = info.hint;
  }
}

export function isEnvelope(value: unknown): value is Envelope {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if ('error' in v && v.error !== undefined) {
    const e = v.error as Record<string, unknown> | null;
    return !!e && typeof e === 'object' && typeof e.message === 'string' && typeof e.name === 'string';
  }
  return 'result' in v;
}

export function unwrapEnvelope<T>(value: unknown): T {
  if (!isEnvelope(value)) throw new RemoteError({ name: 'ProtocolError', message: 'Malformed reply from the Dockhand main process.' });
  if (value.error) throw new RemoteError(value.error);
  return value.result as T;
}
