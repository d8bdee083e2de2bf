// The one error class every registry failure becomes. Front ends switch on `code`; the
// message is a single line ending with what the user can do (`fix`). Never holds secrets.

/** Codes from the distribution spec, plus local ones for failures before/after HTTP. */
export type RegistryErrorCode =
  // registry error codes (OCI distribution spec / Docker registry)
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'UNSUPPORTED'
  | 'NAME_UNKNOWN'
  | 'NAME_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'DIGEST_INVALID'
  | 'SIZE_INVALID'
  | 'TAG_INVALID'
  | 'TOOMANYREQUESTS'
  | 'PAGINATION_NUMBER_INVALID'
  | 'RANGE_INVALID'
  | 'MANIFEST_UNVERIFIED'
  // local codes
  | 'TLS' // certificate or handshake problem
  | 'UNREACHABLE' // DNS, connection refused, reset before any answer
  | 'TIMEOUT'
  | 'ABORTED'
  | 'DIGEST_MISMATCH' // content does not hash to the digest it was fetched by
  | 'INVALID_RESPONSE' // a wire format failed validation
  | 'NO_CATALOG' // the registry does not offer /v2/_catalog (e.g. Docker Hub)
  | 'PROXY_CACHE' // a pull-through cache refused a write
  | 'SAME_SOURCE_AND_TARGET' // a copy onto itself
  | 'AUTH_REALM_INVALID' // the token realm is not a usable URL
  | 'HTTP_ERROR'; // any other HTTP status without a registry error code

export interface RegistryErrorInit {
  code: RegistryErrorCode;
  /** What happened, without the fix: "deleting 127.0.0.1:5000/app@sha256:... failed". */
  summary: string;
  /** What the user can do about it. */
  fix: string;
  host: string;
  repository?: string;
  status?: number;
  /** The registry's own message, if any (already free of secrets). */
  detail?: string;
  method?: string;
  cause?: unknown;
}

export class RegistryError extends Error {
  override name = 'RegistryError';
  readonly code: RegistryErrorCode;
  readonly status?: number;
  readonly host: string;
  readonly repository?: string;
  readonly fix: string;
  readonly summary: string;
  readonly detail?: string;
  readonly method?: string;

  constructor(init: RegistryErrorInit) {
    const where = init.repository ? `${init.host}/${init.repository}` : init.host;
    const facts = [init.code, init.status ? `HTTP ${init.status}` : undefined, where].filter(Boolean).join(', ');
    const detail = init.detail ? `: ${oneLine(init.detail)}` : '';
    super(`${oneLine(init.summary)}${detail} (${facts}). ${oneLine(init.fix)}`, init.cause !== undefined ? { cause: init.cause } : undefined);
    this.code = init.code;
    this.status = init.status;
    this.host = init.host;
    this.repository = init.repository;
    this.fix = init.fix;
    this.summary = init.summary;
    this.detail = init.detail;
    this.method = init.method;
  }

  /** Plain data for --json output and IPC. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      status: this.status,
      host: this.host,
      repository: this.repository,
      summary: this.summary,
      detail: this.detail,
      fix: this.fix,
      message: this.message,
    };
  }
}

export function isRegistryError(err: unknown, code?: RegistryErrorCode): err is RegistryError {
  return err instanceof RegistryError && (code === undefined || err.code === code);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
