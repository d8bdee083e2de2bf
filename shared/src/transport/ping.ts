// Ping and scheme discovery: GET /v2/ to learn the scheme (HTTPS, or HTTP for insecure
// registries that don't speak TLS; loopback tries HTTP first, then HTTPS), the auth challenge
// and the API version, with retries; failures become RegistryErrors that name the fix.
import type { Dispatcher } from 'undici';
import { request } from './undici-parts';
import { parseWwwAuthenticate, findChallenge, type Challenge } from './challenge';
import type { ResolvedTls } from './tls';
import { isLoopbackHost } from '../reference/host';
import { readBodyHead } from './body-limit';
import { errorFromNetwork, isPlainHttpServer, isTlsFailure, networkCode, type ErrorContext } from './error-advice';
import { RegistryError } from './registry-error';
import { peerIssuer } from './tls-probe';
import { RETRYABLE_STATUS, backoffDelay, isRetryableNetworkCode, parseRetryAfter, retryWait, sleep, type RetryPolicy } from './retry';

export interface PingResult {
  scheme: 'http' | 'https';
  status: number;
  /** "bearer", "basic", or undefined when /v2/ is open. */
  authScheme?: string;
  /** Docker-Distribution-Api-Version header, if sent. */
  apiVersion?: string;
}

/** The most of an error answer read for its message (a registry's JSON error is a few hundred bytes). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** What a ping needs of its transport. */
export interface PingTarget {
  registry: string;
  endpointHost: string;
  userAgent: string;
  retry: RetryPolicy;
  /** Plain HTTP may be tried (loopback, --insecure, insecure-registries). */
  httpAllowed: boolean;
  /** TLS is not verified (--insecure, insecure-registries). */
  skipVerify: boolean;
  dispatcher: Dispatcher;
  tlsInfo(): ResolvedTls;
  errorContext(method: string, what: string): ErrorContext;
}

/** A ping's answer, with the auth challenge it carried (401). */
export interface PingOutcome {
  result: PingResult;
  challenge?: Challenge;
}

/** The plain-HTTP fallback reached a server that only speaks HTTPS. */
class SpeaksHttpsError extends Error {}

/** `p`, or the error from `onAbort` as soon as `signal` aborts (the shared work goes on for other callers). */
export function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const listener = () => reject(onAbort());
    signal.addEventListener('abort', listener, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', listener);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', listener);
        reject(e);
      },
    );
  });
}

/** A Retry-After longer than the policy waits: fail now, saying how long the registry asked for. */
function retryAfterTooLong(t: PingTarget, status: number, header: string | string[] | undefined, method: string, what: string): RegistryError {
  const asked = Math.round((parseRetryAfter(header) ?? 0) / 1000);
  return new RegistryError({
    code: status === 429 ? 'TOOMANYREQUESTS' : 'HTTP_ERROR',
    status,
    host: t.registry,
    method,
    summary: `${what} failed: ${t.registry} answered HTTP ${status} and asks to retry after ${asked} s (Retry-After), longer than the ${Math.round(t.retry.maxRetryAfterMs / 1000)} s Dockhand waits`,
    fix: `Wait ${asked} s and retry; the registry is overloaded or in maintenance.`,
  });
}

/** GET /v2/ on the scheme(s) allowed for the registry: the answer that counts, and its challenge. */
export async function discoverScheme(t: PingTarget, signal?: AbortSignal): Promise<PingOutcome> {
  const what = `connecting to ${t.registry}`;
  let challenge: Challenge | undefined;
  /** One scheme; `retryNetwork` false when another scheme is tried next (no backoff wait on a dropped connection). */
  const tryScheme = async (scheme: 'http' | 'https', retryNetwork: boolean): Promise<PingResult> => {
    const url = new URL(`${scheme}://${t.endpointHost}/v2/`);
    let attempt = 0;
    for (;;) {
      try {
        const res = await request(url, { method: 'GET', dispatcher: t.dispatcher, headers: { 'user-agent': t.userAgent }, signal });
        if (scheme === 'http' && res.statusCode === 400) {
          const text = await readBodyHead(res.body, MAX_ERROR_BODY_BYTES).catch(() => '');
          if (/HTTP request to an HTTPS server|plain HTTP request was sent to HTTPS/i.test(text)) throw new SpeaksHttpsError();
        } else {
          await res.body.dump();
        }
        if (RETRYABLE_STATUS.has(res.statusCode) && attempt < t.retry.retries) {
          const wait = retryWait(res.headers['retry-after'], attempt++, t.retry);
          if (wait === undefined) throw retryAfterTooLong(t, res.statusCode, res.headers['retry-after'], 'GET', what);
          await sleep(wait, signal);
          continue;
        }
        const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
        const ch = findChallenge(challenges, 'bearer') ?? findChallenge(challenges, 'basic');
        if (res.statusCode === 401 && ch) challenge = ch;
        const apiVersion = res.headers['docker-distribution-api-version'];
        return {
          scheme,
          status: res.statusCode,
          authScheme: res.statusCode === 401 ? ch?.scheme : undefined,
          ...(apiVersion ? { apiVersion: String(apiVersion) } : {}),
        };
      } catch (err) {
        if (retryNetwork && !signal?.aborted && isRetryableNetworkCode(networkCode(err)) && attempt < t.retry.retries) {
          await sleep(backoffDelay(attempt++, t.retry), signal);
          continue;
        }
        throw err;
      }
    }
  };
  /** The server speaks TLS but dropped our handshake: most often a client certificate is required (mTLS). */
  const mtlsError = (cause: unknown): RegistryError => {
    const tls = t.tlsInfo();
    const where = tls.hostCertsDir;
    return new RegistryError({
      code: 'TLS',
      host: t.registry,
      method: 'GET',
      cause,
      summary: `${t.registry} closed the TLS connection during the handshake${tls.clientCertSource ? ` and refused the client certificate ${tls.clientCertSource}` : '; it probably requires a client certificate (mTLS)'}`,
      fix: `Put the client certificate and key signed by the registry's client CA in ${where}/client.cert and ${where}/client.key (and its CA in ${where}/ca.crt).`,
    });
  };
  /** An HTTPS failure as the error to show (naming the untrusted CA when verification failed). */
  const httpsFailure = async (httpsErr: unknown): Promise<RegistryError> => {
    const ctx = t.errorContext('GET', what);
    if (isTlsFailure(httpsErr) && !isPlainHttpServer(httpsErr)) ctx.peerIssuer = await peerIssuer(t.endpointHost).catch(() => undefined);
    return errorFromNetwork(httpsErr, ctx, signal);
  };
  let result: PingResult;
  if (isLoopbackHost(t.endpointHost)) {
    // Loopback: plain HTTP first (nothing leaves the machine, and most local registries are
    // plain HTTP: a TLS attempt would cost a handshake and the CA bundle's parsing); a TLS
    // server answers it with a 400 (or drops it), and then HTTPS is used.
    let http: PingResult | undefined;
    let httpErr: unknown;
    try {
      http = await tryScheme('http', false);
    } catch (err) {
      if (signal?.aborted || !(err instanceof SpeaksHttpsError || isRetryableNetworkCode(networkCode(err))))
        throw errorFromNetwork(err, t.errorContext('GET', what), signal);
      httpErr = err;
    }
    if (http && (http.status === 200 || http.status === 401 || http.apiVersion)) {
      result = http;
    } else {
      try {
        result = await tryScheme('https', true);
      } catch (httpsErr) {
        if (signal?.aborted) throw errorFromNetwork(httpsErr, t.errorContext('GET', what), signal);
        if (http) {
          result = http; // a plain HTTP server that is not a registry: reported by the caller
        } else if (httpErr instanceof SpeaksHttpsError && !isTlsFailure(httpsErr)) {
          throw mtlsError(httpsErr);
        } else {
          throw await httpsFailure(httpsErr);
        }
      }
    }
  } else {
    try {
      result = await tryScheme('https', !t.httpAllowed);
    } catch (httpsErr) {
      if (signal?.aborted) throw errorFromNetwork(httpsErr, t.errorContext('GET', what), signal);
      const fallback =
        t.httpAllowed && (t.skipVerify || isPlainHttpServer(httpsErr) || (!isTlsFailure(httpsErr) && isRetryableNetworkCode(networkCode(httpsErr))));
      if (!fallback) throw await httpsFailure(httpsErr);
      try {
        result = await tryScheme('http', true);
      } catch (httpErr) {
        if (httpErr instanceof SpeaksHttpsError) throw mtlsError(httpsErr);
        throw errorFromNetwork(httpErr, t.errorContext('GET', what), signal);
      }
    }
  }
  return { result, ...(challenge ? { challenge } : {}) };
}
