// HTTP to one registry: pings /v2/ to learn the scheme (HTTPS, or HTTP for insecure
// registries that don't speak TLS; loopback tries HTTP first, then HTTPS) and the auth challenge; sends Basic or Bearer
// (tokens per scope set, scopes widened from a 401's challenge); sends Authorization only
// to the registry's own origin (redirects to other hosts, e.g. blob storage, get none);
// retries 408/429/5xx and dropped connections with backoff; timeouts and AbortSignal.
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { request } from './undici-parts';
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialProvider, ResolvedCredential } from '../credentials/types';
import { parseWwwAuthenticate, findChallenge, challengeScopes, type Challenge } from './challenge';
import { fetchToken, TokenCache } from './bearer';
import { resolveTls, isLoopbackHost, isListedInsecure, type TlsSettings, type ResolvedTls } from './tls';
import { readBodyHead } from './body-limit';
import { createDispatcher } from './dispatcher';
import { errorFromNetwork, errorFromResponse, isPlainHttpServer, isTlsFailure, networkCode, type ErrorContext } from './error-advice';
import { RegistryError } from './registry-error';
import { peerIssuer } from './tls-probe';
import { DEFAULT_RETRY, RETRYABLE_STATUS, backoffDelay, isRetryableNetworkCode, parseRetryAfter, retryWait, sleep, type RetryPolicy } from './retry';
import { registryEndpointHost } from '../reference/reference';

export interface TransportOptions extends TlsSettings {
  /** Registry as in references: "docker.io", "ghcr.io", "127.0.0.1:5000". */
  registry: string;
  /** true: allow plain HTTP and unverified TLS for this registry. Default: only loopback may fall back to HTTP. */
  insecure?: boolean;
  /** More insecure registries ("host", "host:port" or IPv4 CIDR), like Docker's insecure-registries. */
  insecureRegistries?: string[];
  credentials?: CredentialProvider;
  userAgent?: string;
  /** Idle timeout: how long a response may stay silent, for its headers and then between reads of its body (default 60 s). The overall deadline of an operation is its AbortSignal (transport/deadline.ts). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Use this dispatcher instead of building one (tests, a shared pool). */
  dispatcher?: Dispatcher;
  env?: NodeJS.ProcessEnv;
  /** Optional debug log; never receives secrets. */
  log?: (line: string) => void;
}

export type RequestBody = Buffer | string | Uint8Array | Readable | (() => Readable);

export interface TransportRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** "/v2/..." (relative to the registry) or an absolute URL (an upload Location). */
  path: string;
  repository?: string;
  /** Token scopes, e.g. ["repository:team/app:pull"]. */
  scopes?: string[];
  headers?: Record<string, string>;
  /** A Buffer/string/factory can be replayed on retry; a bare Readable cannot. */
  body?: RequestBody;
  signal?: AbortSignal;
  /** Statuses that are returned instead of thrown (default: 2xx). */
  okStatus?: number[];
  /** What we are doing, for errors: "listing tags of host/repo". */
  what: string;
}

export interface TransportResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Dispatcher.ResponseData['body'];
  url: URL;
}

export interface PingResult {
  scheme: 'http' | 'https';
  status: number;
  /** "bearer", "basic", or undefined when /v2/ is open. */
  authScheme?: string;
  /** Docker-Distribution-Api-Version header, if sent. */
  apiVersion?: string;
}

const MAX_REDIRECTS = 5;
/** The most of an error answer read for its message (a registry's JSON error is a few hundred bytes). */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** `p`, or the error from `onAbort` as soon as `signal` aborts (the shared work goes on for other callers). */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const listener = () => reject(onAbort());
    signal.addEventListener('abort', listener, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', listener); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', listener); reject(e); },
    );
  });
}

/** The plain-HTTP fallback reached a server that only speaks HTTPS. */
class SpeaksHttpsError extends Error {}

export class Transport {
  readonly registry: string;
  readonly endpointHost: string;
  private readonly opts: TransportOptions;
  private readonly env: NodeJS.ProcessEnv;
  private readonly retry: RetryPolicy;
  private readonly userAgent: string;
  private readonly skipVerify: boolean;
  private readonly httpAllowed: boolean;
  private tls?: ResolvedTls;
  private dispatcherInstance?: Dispatcher;
  /** Verified dispatchers for token realms on other hosts (--insecure covers the registry only). */
  private readonly realmDispatchers = new Map<string, Dispatcher>();
  private pingPromise?: Promise<PingResult>;
  private scheme?: 'http' | 'https';
  private challenge?: Challenge;
  /** Credentials resolved per repository ('' for registry-wide requests): a namespaced entry may hold a repository's own. */
  private readonly credentialPromises = new Map<string, Promise<ResolvedCredential | undefined>>();
  private readonly tokens = new TokenCache();
  /** Scope sets widened after a 401, keyed by the request's own scope key. */
  private readonly widened = new Map<string, string[]>();

  constructor(opts: TransportOptions) {
    this.opts = opts;
    this.registry = opts.registry;
    this.endpointHost = registryEndpointHost(opts.registry);
    this.env = opts.env ?? process.env;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.userAgent = opts.userAgent ?? 'dockhand/0.1.0';
    const listed = isListedInsecure(this.endpointHost, opts.insecureRegistries) || isListedInsecure(this.registry, opts.insecureRegistries);
    this.skipVerify = opts.insecure === true || listed;
    this.httpAllowed = this.skipVerify || isLoopbackHost(this.endpointHost);
  }

  /** The TLS material in use (CA sources, client cert), resolved on first use. */
  tlsInfo(): ResolvedTls {
    if (!this.tls) this.tls = resolveTls(this.endpointHost, this.opts, this.env);
    return this.tls;
  }

  get dispatcher(): Dispatcher {
    if (!this.dispatcherInstance) {
      this.dispatcherInstance = this.opts.dispatcher ?? createDispatcher({ host: this.endpointHost, tls: this.opts.caFile ? this.tlsInfo() : () => this.tlsInfo(), skipVerify: this.skipVerify, headersTimeoutMs: this.opts.timeoutMs, bodyTimeoutMs: this.opts.timeoutMs, env: this.env });
    }
    return this.dispatcherInstance;
  }

  /**
   * The dispatcher for a token realm: the registry's own for a realm on the registry's host; for a realm on another
   * host a verified one (its TLS checked against the system CAs, --ca and certs.d of that host), even when the
   * registry itself is --insecure: the user vouched for the registry, not for wherever it sends the credential.
   */
  private realmDispatcher(realm: string): Dispatcher {
    let url: URL;
    try { url = new URL(realm); } catch { return this.dispatcher; } // fetchToken reports the bad realm
    if (this.opts.dispatcher || !this.skipVerify || url.hostname === new URL(`http://${this.endpointHost}`).hostname) return this.dispatcher;
    let d = this.realmDispatchers.get(url.host);
    if (!d) {
      const { insecure: _insecure, insecureRegistries: _listed, ...tlsSettings } = this.opts;
      d = createDispatcher({ host: url.host, tls: () => resolveTls(url.host, tlsSettings, this.env), skipVerify: false, headersTimeoutMs: this.opts.timeoutMs, bodyTimeoutMs: this.opts.timeoutMs, env: this.env });
      this.realmDispatchers.set(url.host, d);
    }
    return d;
  }

  /** The credential in use for `repository` (or the whole registry), resolved once each, without its secret being logged anywhere. */
  credential(repository?: string): Promise<ResolvedCredential | undefined> {
    const key = repository ?? '';
    let p = this.credentialPromises.get(key);
    if (!p) {
      p = this.opts.credentials ? (repository ? this.opts.credentials.get(this.registry, repository) : this.opts.credentials.get(this.registry)) : Promise.resolve(undefined);
      this.credentialPromises.set(key, p);
    }
    return p;
  }

  /** GET /v2/: learn the scheme and the auth challenge. Memoized; failures are not. */
  ping(signal?: AbortSignal): Promise<PingResult> {
    if (!this.pingPromise) {
      this.pingPromise = this.doPing(signal);
      this.pingPromise.catch(() => { this.pingPromise = undefined; });
      return this.pingPromise;
    }
    return abortable(this.pingPromise, signal, () => errorFromNetwork(signal?.reason, this.errorContext('GET', `connecting to ${this.registry}`), signal));
  }

  private errorContext(method: string, what: string, repository?: string, credential?: ResolvedCredential): ErrorContext {
    let tls = this.tls;
    if (!tls) { try { tls = this.tlsInfo(); } catch { /* unreadable TLS files: leave them out of the message */ } }
    return { host: this.registry, repository, method, what, credential, caSources: tls?.caSources, hostCertsDir: tls?.hostCertsDir, clientCertSource: tls?.clientCertSource, scheme: this.scheme };
  }

  private async doPing(signal?: AbortSignal): Promise<PingResult> {
    const what = `connecting to ${this.registry}`;
    /** One scheme; `retryNetwork` false when another scheme is tried next (no backoff wait on a dropped connection). */
    const tryScheme = async (scheme: 'http' | 'https', retryNetwork: boolean): Promise<PingResult> => {
      const url = new URL(`${scheme}://${this.endpointHost}/v2/`);
      let attempt = 0;
      for (;;) {
        try {
          const res = await request(url, { method: 'GET', dispatcher: this.dispatcher, headers: { 'user-agent': this.userAgent }, signal });
          if (scheme === 'http' && res.statusCode === 400) {
            const text = await readBodyHead(res.body, MAX_ERROR_BODY_BYTES).catch(() => '');
            if (/HTTP request to an HTTPS server|plain HTTP request was sent to HTTPS/i.test(text)) throw new SpeaksHttpsError();
          } else {
            await res.body.dump();
          }
          if (RETRYABLE_STATUS.has(res.statusCode) && attempt < this.retry.retries) {
            const wait = retryWait(res.headers['retry-after'], attempt++, this.retry);
            if (wait === undefined) throw this.retryAfterTooLong(res.statusCode, res.headers['retry-after'], 'GET', what);
            await sleep(wait, signal);
            continue;
          }
          const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
          const ch = findChallenge(challenges, 'bearer') ?? findChallenge(challenges, 'basic');
          if (res.statusCode === 401 && ch) this.challenge = ch;
          const apiVersion = res.headers['docker-distribution-api-version'];
          return { scheme, status: res.statusCode, authScheme: res.statusCode === 401 ? ch?.scheme : undefined, ...(apiVersion ? { apiVersion: String(apiVersion) } : {}) };
        } catch (err) {
          if (retryNetwork && !signal?.aborted && isRetryableNetworkCode(networkCode(err)) && attempt < this.retry.retries) {
            await sleep(backoffDelay(attempt++, this.retry), signal);
            continue;
          }
          throw err;
        }
      }
    };
    /** The server speaks TLS but dropped our handshake: most often a client certificate is required (mTLS). */
    const mtlsError = (cause: unknown): RegistryError => {
      const tls = this.tlsInfo();
      const where = tls.hostCertsDir;
      return new RegistryError({
        code: 'TLS', host: this.registry, method: 'GET', cause,
        summary: `${this.registry} closed the TLS connection during the handshake${tls.clientCertSource ? ` and refused the client certificate ${tls.clientCertSource}` : '; it probably requires a client certificate (mTLS)'}`,
        fix: `Put the client certificate and key signed by the registry's client CA in ${where}/client.cert and ${where}/client.key (and its CA in ${where}/ca.crt).`,
      });
    };
    /** An HTTPS failure as the error to show (naming the untrusted CA when verification failed). */
    const httpsFailure = async (httpsErr: unknown): Promise<RegistryError> => {
      const ctx = this.errorContext('GET', what);
      if (isTlsFailure(httpsErr) && !isPlainHttpServer(httpsErr)) ctx.peerIssuer = await peerIssuer(this.endpointHost).catch(() => undefined);
      return errorFromNetwork(httpsErr, ctx, signal);
    };
    let result: PingResult;
    if (isLoopbackHost(this.endpointHost)) {
      // Loopback: plain HTTP first (nothing leaves the machine, and most local registries are
      // plain HTTP: a TLS attempt would cost a handshake and the CA bundle's parsing); a TLS
      // server answers it with a 400 (or drops it), and then HTTPS is used.
      let http: PingResult | undefined;
      let httpErr: unknown;
      try {
        http = await tryScheme('http', false);
      } catch (err) {
        if (signal?.aborted || !(err instanceof SpeaksHttpsError || isRetryableNetworkCode(networkCode(err)))) throw errorFromNetwork(err, this.errorContext('GET', what), signal);
        httpErr = err;
      }
      if (http && (http.status === 200 || http.status === 401 || http.apiVersion)) {
        result = http;
      } else {
        try {
          result = await tryScheme('https', true);
        } catch (httpsErr) {
          if (signal?.aborted) throw errorFromNetwork(httpsErr, this.errorContext('GET', what), signal);
          if (http) {
            result = http; // a plain HTTP server that is not a registry: reported below
          } else if (httpErr instanceof SpeaksHttpsError && !isTlsFailure(httpsErr)) {
            throw mtlsError(httpsErr);
          } else {
            throw await httpsFailure(httpsErr);
          }
        }
      }
    } else {
      try {
        result = await tryScheme('https', !this.httpAllowed);
      } catch (httpsErr) {
        if (signal?.aborted) throw errorFromNetwork(httpsErr, this.errorContext('GET', what), signal);
        const fallback = this.httpAllowed && (this.skipVerify || isPlainHttpServer(httpsErr) || (!isTlsFailure(httpsErr) && isRetryableNetworkCode(networkCode(httpsErr))));
        if (!fallback) throw await httpsFailure(httpsErr);
        try {
          result = await tryScheme('http', true);
        } catch (httpErr) {
          if (httpErr instanceof SpeaksHttpsError) throw mtlsError(httpsErr);
          throw errorFromNetwork(httpErr, this.errorContext('GET', what), signal);
        }
      }
    }
    this.scheme = result.scheme;
    if (result.status !== 200 && result.status !== 401) {
      throw new RegistryError({ code: result.status === 404 ? 'HTTP_ERROR' : 'HTTP_ERROR', status: result.status, summary: `${this.registry} did not answer /v2/ like a registry`, fix: `Check that ${this.registry} is a Docker/OCI registry (the API lives at /v2/) and the port is right.`, host: this.registry });
    }
    this.opts.log?.(`ping ${this.registry}: ${result.scheme} ${result.status}${result.authScheme ? ` ${result.authScheme}` : ''}`);
    return result;
  }

  /** The registry's base URL ("https://host"), after ping. */
  async baseUrl(signal?: AbortSignal): Promise<string> {
    const p = await this.ping(signal);
    return `${p.scheme}://${this.endpointHost}`;
  }

  private async authorization(scopes: string[], repository: string | undefined, signal: AbortSignal | undefined, forceRefresh: boolean): Promise<string | undefined> {
    const ch = this.challenge;
    if (!ch) return undefined;
    const cred = await this.credential(repository);
    if (ch.scheme === 'basic') {
      if (cred?.username === undefined || cred.password === undefined) return undefined;
      return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    }
    if (ch.scheme !== 'bearer') return undefined;
    if (!forceRefresh) {
      const cached = this.tokens.get(scopes);
      if (cached) return `Bearer ${cached}`;
    }
    const realm = ch.params.realm;
    if (!realm) throw new RegistryError({ code: 'AUTH_REALM_INVALID', summary: `${this.registry} asked for a bearer token without naming a realm`, fix: 'The registry\'s auth.token.realm is not set; fix its configuration.', host: this.registry, repository });
    try {
      const token = await fetchToken({
        realm, service: ch.params.service, scopes, credential: cred, registryScheme: this.scheme ?? 'https', host: this.registry, repository,
        dispatcher: this.realmDispatcher(realm), userAgent: this.userAgent, signal, credentialSourceDetail: cred ? `${cred.source.detail} (${cred.source.kind})` : undefined,
      });
      this.tokens.set(scopes, token);
      return `Bearer ${token.token}`;
    } catch (err) {
      throw errorFromNetwork(err, this.errorContext('GET', `getting a token for ${scopes.join(' ') || this.registry}`, repository, cred), signal);
    }
  }

  /** Send a request with auth, redirects and retries; non-OK statuses become RegistryErrors. The caller must consume or dump the body. */
  async request(req: TransportRequest): Promise<TransportResponse> {
    const base = await this.baseUrl(req.signal);
    const registryOrigin = new URL(base).origin;
    const requestScopes = req.scopes ?? [];
    const scopeKey = TokenCache.key(requestScopes);
    let scopes = this.widened.get(scopeKey) ?? requestScopes;
    let url = /^https?:\/\//i.test(req.path) ? new URL(req.path) : new URL(req.path, base);
    const replayable = !(req.body instanceof Readable);
    let attempt = 0;
    let authRetried = false;
    let redirects = 0;
    let forceRefresh = false;
    for (;;) {
      const headers: Record<string, string> = { 'user-agent': this.userAgent, ...req.headers };
      if (url.origin === registryOrigin) {
        const auth = await this.authorization(scopes, req.repository, req.signal, forceRefresh);
        forceRefresh = false;
        if (auth) headers.authorization = auth;
      }
      const body = typeof req.body === 'function' ? req.body() : req.body;
      let res: Dispatcher.ResponseData;
      try {
        // HEAD keeps its connection (undici closes it by default, against servers that send a body anyway; registries do not).
        res = await request(url, { method: req.method, headers, body, dispatcher: this.dispatcher, signal: req.signal, ...(req.method === 'HEAD' ? { reset: false } : {}) });
      } catch (err) {
        if (!req.signal?.aborted && replayable && attempt < this.retry.retries && isRetryableNetworkCode(networkCode(err))) {
          this.opts.log?.(`${req.method} ${url.pathname}: ${networkCode(err)}, retrying`);
          await sleep(backoffDelay(attempt++, this.retry), req.signal);
          continue;
        }
        throw errorFromNetwork(err, this.errorContext(req.method, req.what, req.repository, await this.credential(req.repository)), req.signal);
      }
      const status = res.statusCode;
      // Redirects: followed for reads; Authorization is only ever attached for the registry's own origin.
      if ((status === 301 || status === 302 || status === 303 || status === 307 || status === 308) && res.headers.location && (req.method === 'GET' || req.method === 'HEAD')) {
        await res.body.dump();
        if (++redirects > MAX_REDIRECTS) throw new RegistryError({ code: 'HTTP_ERROR', status, summary: `${req.what} failed: too many redirects`, fix: 'The registry or its storage redirects in a loop; check its configuration.', host: this.registry, repository: req.repository, method: req.method });
        url = new URL(String(res.headers.location), url);
        continue;
      }
      if (status === 401 && !authRetried && url.origin === registryOrigin) {
        const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
        const ch = findChallenge(challenges, 'bearer') ?? findChallenge(challenges, 'basic');
        if (ch && replayable) {
          await res.body.dump();
          authRetried = true;
          const hadChallenge = this.challenge !== undefined;
          this.challenge = ch;
          const extra = challengeScopes(ch).filter((s) => !scopes.includes(s));
          if (extra.length) {
            scopes = [...scopes, ...extra];
            this.widened.set(scopeKey, scopes);
          }
          forceRefresh = hadChallenge;
          continue;
        }
      }
      if (RETRYABLE_STATUS.has(status) && replayable && attempt < this.retry.retries) {
        const wait = retryWait(res.headers['retry-after'], attempt, this.retry);
        if (wait !== undefined) {
          await res.body.dump();
          this.opts.log?.(`${req.method} ${url.pathname}: HTTP ${status}, retrying`);
          await sleep(wait, req.signal);
          attempt++;
          continue;
        }
      }
      const ok = req.okStatus ? req.okStatus.includes(status) : status >= 200 && status < 300;
      if (ok) return { status, headers: res.headers, body: res.body, url };
      let text = '';
      try { text = req.method === 'HEAD' ? '' : await readBodyHead(res.body, MAX_ERROR_BODY_BYTES); } catch { text = ''; }
      if (req.method === 'HEAD') await res.body.dump().catch(() => undefined);
      const ctx = this.errorContext(req.method, req.what, req.repository, await this.credential(req.repository));
      if (status === 401) ctx.insufficientScope = parseWwwAuthenticate(res.headers['www-authenticate']).some((c) => c.params.error === 'insufficient_scope');
      throw errorFromResponse(status, text, ctx, res.headers);
    }
  }

  /** A Retry-After longer than the policy waits: fail now, saying how long the registry asked for. */
  private retryAfterTooLong(status: number, header: string | string[] | undefined, method: string, what: string): RegistryError {
    const asked = Math.round((parseRetryAfter(header) ?? 0) / 1000);
    return new RegistryError({
      code: status === 429 ? 'TOOMANYREQUESTS' : 'HTTP_ERROR', status, host: this.registry, method,
      summary: `${what} failed: ${this.registry} answered HTTP ${status} and asks to retry after ${asked} s (Retry-After), longer than the ${Math.round(this.retry.maxRetryAfterMs / 1000)} s Dockhand waits`,
      fix: `Wait ${asked} s and retry; the registry is overloaded or in maintenance.`,
    });
  }

  /** Release sockets. */
  async close(): Promise<void> {
    const own = this.opts.dispatcher ? undefined : this.dispatcherInstance;
    this.dispatcherInstance = undefined; // a second close() is a no-op
    if (own) await own.close();
    await Promise.all([...this.realmDispatchers.values()].map((d) => d.close()));
    this.realmDispatchers.clear();
  }
}
