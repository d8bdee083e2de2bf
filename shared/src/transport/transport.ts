// HTTP to one registry: pings /v2/ to learn the scheme (HTTPS, or HTTP for insecure
// registries that don't speak TLS; loopback tries HTTP first, then HTTPS) and the auth challenge; sends Basic or Bearer
// (tokens per scope set, scopes widened from a 401's challenge); sends Authorization only
// to the registry's own origin (redirects to other hosts, e.g. blob storage, get none);
// retries 408/429/5xx and dropped connections with backoff; timeouts and AbortSignal.
// Ping and scheme discovery: ping.ts; credentials, challenge and tokens: authorize.ts.
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { request } from './undici-parts';
import type { IncomingHttpHeaders } from 'node:http';
import type { CredentialProvider, ResolvedCredential } from '../credentials/types';
import { parseWwwAuthenticate, findChallenge, challengeScopes } from './challenge';
import { TokenCache } from './bearer';
import { resolveTls, isListedInsecure, type TlsSettings, type ResolvedTls } from './tls';
import { isLoopbackHost } from '../reference/host';
import { readBodyHead } from './body-limit';
import { createDispatcher } from './dispatcher';
import { errorFromNetwork, errorFromResponse, networkCode, type ErrorContext } from './error-advice';
import { RegistryError } from './registry-error';
import { DEFAULT_RETRY, RETRYABLE_STATUS, backoffDelay, isRetryableNetworkCode, retryWait, sleep, type RetryPolicy } from './retry';
import { registryEndpointHost } from '../reference/reference';
import { Authorizer } from './authorize';
import { MAX_ERROR_BODY_BYTES, abortable, discoverScheme, type PingResult } from './ping';
import { dockhandUserAgent } from './user-agent';

export { MAX_ERROR_BODY_BYTES, type PingResult } from './ping';

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

const MAX_REDIRECTS = 5;

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
  private pingPromise?: Promise<PingResult>;
  private scheme?: 'http' | 'https';
  /** Credentials, the challenge and its tokens. */
  private readonly auth: Authorizer;
  /** Scope sets widened after a 401, keyed by the request's own scope key. */
  private readonly widened = new Map<string, string[]>();

  constructor(opts: TransportOptions) {
    this.opts = opts;
    this.registry = opts.registry;
    this.endpointHost = registryEndpointHost(opts.registry);
    this.env = opts.env ?? process.env;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.userAgent = opts.userAgent ?? dockhandUserAgent();
    const listed = isListedInsecure(this.endpointHost, opts.insecureRegistries) || isListedInsecure(this.registry, opts.insecureRegistries);
    this.skipVerify = opts.insecure === true || listed;
    this.httpAllowed = this.skipVerify || isLoopbackHost(this.endpointHost);
    const { insecure: _insecure, insecureRegistries: _listed, ...tls } = opts;
    this.auth = new Authorizer({
      registry: this.registry,
      endpointHost: this.endpointHost,
      credentials: opts.credentials,
      userAgent: this.userAgent,
      skipVerify: this.skipVerify,
      givenDispatcher: opts.dispatcher !== undefined,
      dispatcher: () => this.dispatcher,
      tls,
      timeoutMs: opts.timeoutMs,
      env: this.env,
      scheme: () => this.scheme,
      errorContext: (method, what, repository, credential) => this.errorContext(method, what, repository, credential),
    });
  }

  /** The TLS material in use (CA sources, client cert), resolved on first use. */
  tlsInfo(): ResolvedTls {
    if (!this.tls) this.tls = resolveTls(this.endpointHost, this.opts, this.env);
    return this.tls;
  }

  get dispatcher(): Dispatcher {
    if (!this.dispatcherInstance) {
      this.dispatcherInstance =
        this.opts.dispatcher ??
        createDispatcher({
          host: this.endpointHost,
          tls: this.opts.caFile ? this.tlsInfo() : () => this.tlsInfo(),
          skipVerify: this.skipVerify,
          headersTimeoutMs: this.opts.timeoutMs,
          bodyTimeoutMs: this.opts.timeoutMs,
          env: this.env,
        });
    }
    return this.dispatcherInstance;
  }

  /** The credential in use for `repository` (or the whole registry), resolved once each, without its secret being logged anywhere. */
  credential(repository?: string): Promise<ResolvedCredential | undefined> {
    return this.auth.credential(repository);
  }

  /** GET /v2/: learn the scheme and the auth challenge. Memoized; failures are not. */
  ping(signal?: AbortSignal): Promise<PingResult> {
    if (!this.pingPromise) {
      this.pingPromise = this.doPing(signal);
      this.pingPromise.catch(() => {
        this.pingPromise = undefined;
      });
      return this.pingPromise;
    }
    return abortable(this.pingPromise, signal, () => errorFromNetwork(signal?.reason, this.errorContext('GET', `connecting to ${this.registry}`), signal));
  }

  private errorContext(method: string, what: string, repository?: string, credential?: ResolvedCredential): ErrorContext {
    let tls = this.tls;
    if (!tls) {
      try {
        tls = this.tlsInfo();
      } catch {
        /* unreadable TLS files: leave them out of the message */
      }
    }
    return {
      host: this.registry,
      repository,
      method,
      what,
      credential,
      caSources: tls?.caSources,
      hostCertsDir: tls?.hostCertsDir,
      clientCertSource: tls?.clientCertSource,
      scheme: this.scheme,
    };
  }

  private async doPing(signal?: AbortSignal): Promise<PingResult> {
    const { result, challenge } = await discoverScheme(this.pingTarget(), signal);
    if (challenge) this.auth.challenge = challenge;
    this.scheme = result.scheme;
    if (result.status !== 200 && result.status !== 401) {
      throw new RegistryError({
        code: 'HTTP_ERROR',
        status: result.status,
        summary: `${this.registry} did not answer /v2/ like a registry`,
        fix: `Check that ${this.registry} is a Docker/OCI registry (the API lives at /v2/) and the port is right.`,
        host: this.registry,
      });
    }
    this.opts.log?.(`ping ${this.registry}: ${result.scheme} ${result.status}${result.authScheme ? ` ${result.authScheme}` : ''}`);
    return result;
  }

  private pingTarget() {
    return {
      registry: this.registry,
      endpointHost: this.endpointHost,
      userAgent: this.userAgent,
      retry: this.retry,
      httpAllowed: this.httpAllowed,
      skipVerify: this.skipVerify,
      dispatcher: this.dispatcher,
      tlsInfo: () => this.tlsInfo(),
      errorContext: (method: string, what: string) => this.errorContext(method, what),
    };
  }

  /** The registry's base URL ("https://host"), after ping. */
  async baseUrl(signal?: AbortSignal): Promise<string> {
    const p = await this.ping(signal);
    return `${p.scheme}://${this.endpointHost}`;
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
        const auth = await this.auth.header(scopes, req.repository, req.signal, forceRefresh);
        forceRefresh = false;
        if (auth) headers.authorization = auth;
      }
      const body = typeof req.body === 'function' ? req.body() : req.body;
      let res: Dispatcher.ResponseData;
      try {
        // HEAD keeps its connection (undici closes it by default, against servers that send a body anyway; registries do not).
        res = await request(url, {
          method: req.method,
          headers,
          body,
          dispatcher: this.dispatcher,
          signal: req.signal,
          ...(req.method === 'HEAD' ? { reset: false } : {}),
        });
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
      if (
        (status === 301 || status === 302 || status === 303 || status === 307 || status === 308) &&
        res.headers.location &&
        (req.method === 'GET' || req.method === 'HEAD')
      ) {
        await res.body.dump();
        if (++redirects > MAX_REDIRECTS)
          throw new RegistryError({
            code: 'HTTP_ERROR',
            status,
            summary: `${req.what} failed: too many redirects`,
            fix: 'The registry or its storage redirects in a loop; check its configuration.',
            host: this.registry,
            repository: req.repository,
            method: req.method,
          });
        url = new URL(String(res.headers.location), url);
        continue;
      }
      if (status === 401 && !authRetried && url.origin === registryOrigin) {
        const challenges = parseWwwAuthenticate(res.headers['www-authenticate']);
        const ch = findChallenge(challenges, 'bearer') ?? findChallenge(challenges, 'basic');
        if (ch && replayable) {
          await res.body.dump();
          authRetried = true;
          const hadChallenge = this.auth.challenge !== undefined;
          this.auth.challenge = ch;
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
      try {
        text = req.method === 'HEAD' ? '' : await readBodyHead(res.body, MAX_ERROR_BODY_BYTES);
      } catch {
        text = '';
      }
      if (req.method === 'HEAD') await res.body.dump().catch(() => undefined);
      const ctx = this.errorContext(req.method, req.what, req.repository, await this.credential(req.repository));
      if (status === 401) ctx.insufficientScope = parseWwwAuthenticate(res.headers['www-authenticate']).some((c) => c.params.error === 'insufficient_scope');
      throw errorFromResponse(status, text, ctx, res.headers);
    }
  }

  /** Release sockets. */
  async close(): Promise<void> {
    const own = this.opts.dispatcher ? undefined : this.dispatcherInstance;
    this.dispatcherInstance = undefined; // a second close() is a no-op
    if (own) await own.close();
    await this.auth.close();
  }
}
