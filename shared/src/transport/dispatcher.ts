// The undici dispatcher for one registry: TLS material from tls.ts, timeouts, and the
// proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY (never for loopback, like Go's net/http).
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ResolvedTls } from './tls';
import { isLoopbackHost } from './tls';

export interface DispatcherOptions {
  host: string;
  tls: ResolvedTls;
  /** Skip certificate verification (an insecure registry). */
  skipVerify?: boolean;
  /** Time to wait for response headers, per attempt. */
  headersTimeoutMs?: number;
  /** Time a response body may stay silent. */
  bodyTimeoutMs?: number;
  connectTimeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export function proxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const env = opts.env ?? process.env;
  const tlsOptions = {
    ca: opts.tls.ca,
    ...(opts.tls.cert ? { cert: opts.tls.cert } : {}),
    ...(opts.tls.key ? { key: opts.tls.key } : {}),
    rejectUnauthorized: !opts.skipVerify,
    timeout: opts.connectTimeoutMs ?? 15_000,
  };
  const common = {
    headersTimeout: opts.headersTimeoutMs ?? 60_000,
    bodyTimeout: opts.bodyTimeoutMs ?? 120_000,
    connections: 16,
  };
  if (!isLoopbackHost(opts.host) && proxyConfigured(env)) {
    return new EnvHttpProxyAgent({
      ...common,
      connect: tlsOptions,
      requestTls: tlsOptions,
      httpProxy: env.http_proxy || env.HTTP_PROXY || undefined,
      httpsProxy: env.https_proxy || env.HTTPS_PROXY || undefined,
      noProxy: env.no_proxy ?? env.NO_PROXY ?? undefined,
    });
  }
  return new Agent({ ...common, connect: tlsOptions });
}
