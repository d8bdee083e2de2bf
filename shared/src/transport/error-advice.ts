// Turns a failed HTTP exchange or a network failure into a RegistryError that says what to
// do. The registry's JSON error body ({errors:[{code,message}]}) is read when present.
import type { RegistryErrorCode } from './registry-error';
import { RegistryError } from './registry-error';
import type { ResolvedCredential } from '../credentials/types';
import { DeadlineError, deadlineOf } from './deadline';

export interface ErrorContext {
  host: string;
  repository?: string;
  method: string;
  /** What we were doing, e.g. "listing tags of 127.0.0.1:5000/app". */
  what: string;
  credential?: ResolvedCredential;
  /** Files or folders searched for CAs, for TLS advice. */
  caSources?: string[];
  hostCertsDir?: string;
  clientCertSource?: string;
  scheme?: 'http' | 'https';
  /** The last challenge said error="insufficient_scope": authenticated, but not allowed. */
  insufficientScope?: boolean;
  /** Issuer of the server certificate that failed verification ("CN=..."), when it could be read. */
  peerIssuer?: string;
}

const KNOWN_CODES = new Set<string>([
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'NAME_UNKNOWN',
  'NAME_INVALID',
  'MANIFEST_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'DIGEST_INVALID',
  'SIZE_INVALID',
  'TAG_INVALID',
  'TOOMANYREQUESTS',
  'PAGINATION_NUMBER_INVALID',
  'RANGE_INVALID',
  'MANIFEST_UNVERIFIED',
]);

export function parseRegistryErrorBody(text: string): { code?: string; message?: string } {
  try {
    const o = JSON.parse(text) as { errors?: Array<{ code?: unknown; message?: unknown; detail?: unknown }> };
    const e = Array.isArray(o.errors) ? o.errors[0] : undefined;
    if (e) return { code: typeof e.code === 'string' ? e.code.toUpperCase() : undefined, message: typeof e.message === 'string' ? e.message : undefined };
  } catch {
    /* not JSON */
  }
  return {};
}

function whoAmI(ctx: ErrorContext): string {
  const c = ctx.credential;
  if (!c) return 'anonymously (no credential found)';
  const user = c.username ? `as "${c.username}"` : c.identityToken ? 'with an identity token' : 'with a registry token';
  return `${user} using the credential from ${c.source.detail} (${c.source.kind})`;
}

export function errorFromResponse(status: number, bodyText: string, ctx: ErrorContext, headers?: Record<string, string | string[] | undefined>): RegistryError {
  const parsed = parseRegistryErrorBody(bodyText);
  let code: RegistryErrorCode = parsed.code && KNOWN_CODES.has(parsed.code) ? (parsed.code as RegistryErrorCode) : statusCode(status);
  if (code === 'UNAUTHORIZED' && ctx.insufficientScope && ctx.credential) code = 'DENIED';
  const detail = parsed.message ?? plainDetail(bodyText);
  const base = { status, host: ctx.host, repository: ctx.repository, method: ctx.method, detail };
  const write = ctx.method !== 'GET' && ctx.method !== 'HEAD';
  let fix: string;
  let summary = `${ctx.what} failed`;
  switch (code) {
    case 'UNAUTHORIZED':
      summary = `${ctx.what} was refused: not authenticated ${whoAmI(ctx)}`;
      fix = ctx.credential
        ? `The registry rejected that credential: log in again (docker login ${ctx.host}) or fix the entry in ${ctx.credential.source.detail}.`
        : `Log in (docker login ${ctx.host}) so Dockhand can use Docker's credentials, or pass --username with --password-stdin.`;
      break;
    case 'DENIED':
      summary = `${ctx.what} was denied ${whoAmI(ctx)}`;
      fix = write
        ? `This credential may read but not change ${ctx.repository ?? 'this registry'}: use an account with push/delete rights, or ask the registry admin to grant them (some registries allow pulls from any address but pushes only from some).`
        : `Use an account with access to ${ctx.repository ?? 'this registry'}, or ask the registry admin for it.`;
      break;
    case 'UNSUPPORTED':
      if (ctx.method === 'DELETE') {
        summary = `${ctx.what} failed: the registry does not allow deletes`;
        fix =
          'Deletion is disabled on this registry: set storage.delete.enabled: true in its config.yml (or REGISTRY_STORAGE_DELETE_ENABLED=true) and restart it. A pull-through cache never allows deletes.';
      } else if (write) {
        code = 'PROXY_CACHE';
        summary = `${ctx.what} failed: the registry refuses writes`;
        fix = 'This registry is read-only, most likely a pull-through cache (proxy.remoteurl): push to the upstream registry instead.';
      } else {
        fix = 'The registry does not support this operation.';
      }
      break;
    case 'NAME_UNKNOWN':
      summary = `${ctx.what} failed: repository ${ctx.repository ?? ''} does not exist`;
      fix = `Check the repository name (dockhand ls ${ctx.host} lists the repositories).`;
      break;
    case 'MANIFEST_UNKNOWN':
      summary = `${ctx.what} failed: no such manifest`;
      fix = `Check the tag or digest (dockhand tags ${ctx.host}/${ctx.repository ?? 'REPO'} lists the tags).`;
      break;
    case 'BLOB_UNKNOWN':
      fix = 'The blob is missing from the registry; the image is incomplete (garbage collection may have removed it). Push the image again.';
      break;
    case 'MANIFEST_BLOB_UNKNOWN':
      fix = 'A blob the manifest refers to is not in the repository: push or mount the blobs before the manifest.';
      break;
    case 'TOOMANYREQUESTS': {
      const ra = headerValue(headers, 'retry-after');
      summary = `${ctx.what} was rate-limited`;
      fix = `Wait${ra ? ` ${ra}s (Retry-After)` : ''} and retry${ctx.host === 'docker.io' ? '; logging in to Docker Hub raises the pull limit' : ''}.`;
      break;
    }
    case 'NAME_INVALID':
    case 'TAG_INVALID':
      fix = 'The registry rejected the name or tag; check its spelling and its allowed characters.';
      break;
    case 'DIGEST_INVALID':
    case 'SIZE_INVALID':
    case 'MANIFEST_INVALID':
    case 'BLOB_UPLOAD_INVALID':
    case 'BLOB_UPLOAD_UNKNOWN':
      fix = 'The registry rejected the content; retry, and report it if it repeats.';
      break;
    default:
      if (status === 405 && ctx.method === 'DELETE') {
        fix = 'Deletion is disabled on this registry: set storage.delete.enabled: true in its config.yml and restart it.';
      } else if (status === 405 && write) {
        code = 'PROXY_CACHE';
        fix = 'This registry refuses writes; if it is a pull-through cache (proxy.remoteurl), push to the upstream registry instead.';
      } else if (status >= 500) {
        fix = 'The registry failed internally; retry later and check its logs.';
      } else if (status === 404) {
        code = 'HTTP_ERROR';
        fix = `Check that ${ctx.host} is a Docker/OCI registry and the name is right.`;
      } else {
        fix = 'Check the registry and retry.';
      }
  }
  return new RegistryError({ code, summary, fix, ...base });
}

function statusCode(status: number): RegistryErrorCode {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'DENIED';
  if (status === 429) return 'TOOMANYREQUESTS';
  return 'HTTP_ERROR';
}

function plainDetail(text: string): string | undefined {
  const t = text.trim();
  if (!t || t.length > 300 || /<html/i.test(t) || t.startsWith('{')) return undefined;
  return t;
}

function headerValue(headers: Record<string, string | string[] | undefined> | undefined, name: string): string | undefined {
  const v = headers?.[name];
  return Array.isArray(v) ? v[0] : v;
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
]);

/** The deepest error code in a `cause` chain (undici wraps the socket error). */
export function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  let found: string | undefined;
  for (let i = 0; i < 6 && e && typeof e === 'object'; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') found = c;
    e = (e as { cause?: unknown }).cause;
  }
  return found;
}

function networkMessage(err: unknown): string {
  let e: unknown = err;
  let msg = '';
  for (let i = 0; i < 6 && e && typeof e === 'object'; i++) {
    const m = (e as { message?: unknown }).message;
    if (typeof m === 'string' && m) msg = m;
    e = (e as { cause?: unknown }).cause;
  }
  return msg || String(err);
}

export function isTlsFailure(err: unknown): boolean {
  const code = networkCode(err) ?? '';
  return TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || /certificate|self[- ]signed|ssl|tls/i.test(networkMessage(err));
}

/** True when an https attempt reached a server that speaks plain HTTP. */
export function isPlainHttpServer(err: unknown): boolean {
  const code = networkCode(err) ?? '';
  return (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' ||
    /wrong version number|packet length too long|http request/i.test(networkMessage(err))
  );
}

export function errorFromNetwork(err: unknown, ctx: ErrorContext, signal?: AbortSignal): RegistryError {
  if (err instanceof RegistryError) return err;
  // A body stream that failed (e.g. a source blob that did not match its digest) arrives wrapped.
  for (let e: unknown = (err as { cause?: unknown })?.cause, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof RegistryError && !signal?.aborted) return e;
  }
  const code = networkCode(err) ?? '';
  const base = { host: ctx.host, repository: ctx.repository, method: ctx.method, cause: err };
  const deadline = deadlineOf(signal) ?? (err instanceof DeadlineError ? err : undefined);
  if (deadline) {
    return new RegistryError({
      ...base,
      code: 'TIMEOUT',
      summary: `${ctx.what} did not finish within its ${deadline.limit} deadline`,
      fix: `Check that ${ctx.host} is up and answering (a stopped or overloaded registry, a slow link)${deadline.hint ? `; ${deadline.hint}` : ''}.`,
    });
  }
  if (signal?.aborted || code === 'ABORT_ERR' || (err as Error)?.name === 'AbortError') {
    return new RegistryError({ ...base, code: 'ABORTED', summary: `${ctx.what} was cancelled`, fix: 'Run it again when you are ready.' });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    // Connected, request sent, no first byte back: the registry (or a proxy before it) is stuck, not unreachable.
    return new RegistryError({
      ...base,
      code: 'TIMEOUT',
      summary: `${ctx.host} accepted the connection but sent no answer in time (${ctx.what})`,
      fix: `The registry or a proxy in front of it is stuck or overloaded: check its logs and load, then retry.`,
    });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new RegistryError({
      ...base,
      code: 'TIMEOUT',
      summary: `${ctx.what} timed out: ${ctx.host} stayed silent${code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' ? ' while connecting' : ' for the whole idle timeout'}`,
      fix: `Check that ${ctx.host} is up and reachable (firewall, proxy settings HTTPS_PROXY/NO_PROXY), then retry.`,
    });
  }
  if (isTlsFailure(err)) {
    const message = networkMessage(err);
    const certRequired = /certificate required|bad certificate|alert/i.test(message) || code.includes('ALERT');
    const where = ctx.hostCertsDir ?? `/etc/docker/certs.d/${ctx.host}`;
    if (isPlainHttpServer(err)) {
      return new RegistryError({
        ...base,
        code: 'TLS',
        summary: `${ctx.host} answered plain HTTP to an HTTPS request`,
        detail: message,
        fix: `If this registry is meant to be plain HTTP, mark it insecure (--insecure); otherwise enable TLS on it.`,
      });
    }
    if (certRequired) {
      return new RegistryError({
        ...base,
        code: 'TLS',
        summary: `the TLS handshake with ${ctx.host} failed: the registry wants a client certificate${ctx.clientCertSource ? ` and refused ${ctx.clientCertSource}` : ''}`,
        detail: message,
        fix: `Put the client certificate and key in ${where}/client.cert and ${where}/client.key.`,
      });
    }
    const searched = ctx.caSources?.length ? `; searched the system store and ${ctx.caSources.join(', ')}` : '; only the system store was searched';
    const issuer = ctx.peerIssuer ? `: it is issued by "${ctx.peerIssuer}", a CA that is not trusted here` : '';
    return new RegistryError({
      ...base,
      code: 'TLS',
      summary: `cannot verify ${ctx.host}'s TLS certificate (${message})${issuer}${searched}`,
      fix: `Get the CA certificate that signed the registry's certificate and put it in ${where}/ca.crt (or pass --ca FILE); use --insecure only for a test registry.`,
    });
  }
  const message = networkMessage(err);
  return new RegistryError({
    ...base,
    code: 'UNREACHABLE',
    summary: ctx.what.startsWith('connecting to') ? `cannot reach ${ctx.host}` : `${ctx.what} failed: cannot reach ${ctx.host}`,
    detail: message,
    fix: `Check the host name and port, that the registry is running, and proxy settings (HTTPS_PROXY/NO_PROXY).`,
  });
}
