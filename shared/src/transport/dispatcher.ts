// The undici dispatcher for one registry: TLS material from tls.ts, timeouts, and the
// proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY (never for loopback, like Go's net/http).
// The TLS context (the CA bundle: a few hundred certificates to parse, tens of ms of CPU)
// is built once per dispatcher and only when a TLS connection is first made, not per socket.
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent, buildConnector } from './undici-parts';
import type { ResolvedTls } from './tls';
import { isLoopbackHost } from '../reference/host';

export interface DispatcherOptions {
  host: string;
  /** The TLS material, or a function giving it when the first TLS connection is made (plain-HTTP registries never read the CA bundle). */
  tls: ResolvedTls | (() => ResolvedTls);
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

/** The CA bundle and client certificate as one SecureContext, built on first call. */
function lazySecureContext(material: ResolvedTls | (() => ResolvedTls)): () => SecureContext {
  let ctx: SecureContext | undefined;
  return () => {
    if (!ctx) {
      const tls = typeof material === 'function' ? material() : material;
      ctx = createSecureContext({ ca: tls.ca, ...(tls.cert ? { cert: tls.cert } : {}), ...(tls.key ? { key: tls.key } : {}) });
    }
    return ctx;
  };
}

export function createDispatcher(opts: DispatcherOptions): Dispatcher {
  const env = opts.env ?? process.env;
  const secureContext = lazySecureContext(opts.tls);
  const timeout = opts.connectTimeoutMs ?? 15_000;
  const rejectUnauthorized = !opts.skipVerify;
  const common = {
    headersTimeout: opts.headersTimeoutMs ?? 60_000,
    bodyTimeout: opts.bodyTimeoutMs ?? 120_000,
    connections: 16,
  };
  if (!isLoopbackHost(opts.host) && proxyConfigured(env)) {
    const tlsOptions = { secureContext: secureContext(), rejectUnauthorized, timeout };
    return new EnvHttpProxyAgent({
      ...common,
      connect: tlsOptions,
      requestTls: tlsOptions,
      httpProxy: env.http_proxy || env.HTTP_PROXY || undefined,
      httpsProxy: env.https_proxy || env.HTTPS_PROXY || undefined,
      noProxy: env.no_proxy ?? env.NO_PROXY ?? undefined,
    });
  }
  let tlsConnector: buildConnector.connector | undefined;
  let plainConnector: buildConnector.connector | undefined;
  const connect: buildConnector.connector = (o, callback) => {
    if (o.protocol === 'https:') {
      if (!tlsConnector) {
        try {
          tlsConnector = buildConnector({ secureContext: secureContext(), rejectUnauthorized, timeout });
        } catch (err) {
          callback(err as Error, null); // unreadable or invalid TLS material
          return;
        }
      }
      tlsConnector(o, callback);
    } else {
      plainConnector ??= buildConnector({ timeout });
      plainConnector(o, callback);
    }
  };
  return new Agent({ ...common, connect });
}
