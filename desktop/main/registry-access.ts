// One shared-core RegistryClient per stored registry (from the shared RegistryClientPool), built with the registry's
// CA file / insecure flag and the credential store (keychain, docker helpers, auths...).
// A login check gets a fresh client with the candidate credential instead.
import type { Credential } from '@dockhand/shared/credentials';
import { RegistryClientPool, verifyCredential, type RegistryClient } from '@dockhand/shared/registry';
import { isLoopbackHost } from '@dockhand/shared/reference';
import type { MainContext } from './main-context';
import type { StoredRegistry } from './registry-store';
import { BadInputError } from './bad-input';
import { dockhandUserAgent, readClientCertificate } from '@dockhand/shared/transport';

/**
 * How long a registry that accepted the connection may take to start answering (the GUI
 * must not spin for minutes on a stuck registry): DOCKHAND_FIRST_BYTE_TIMEOUT_MS, else 20 s.
 */
export function firstByteTimeoutMs(env: NodeJS.ProcessEnv): number {
  const n = Number(env.DOCKHAND_FIRST_BYTE_TIMEOUT_MS);
  return Number.isFinite(n) && n >= 100 ? n : 20_000;
}

/** The registry clients of each main context (the shared pool: ping, credentials and tokens reused per registry). */
const pools = new WeakMap<MainContext, RegistryClientPool>();

/** http:// to a host that is not loopback: allowed only when the entry says insecure (and so shows it). */
export function needsInsecure(url: string, host: string): boolean {
  return url.startsWith('http://') && !isLoopbackHost(host);
}

function baseOptions(ctx: MainContext, r: StoredRegistry) {
  if (needsInsecure(r.url, r.host) && !r.insecure) {
    throw new BadInputError(
      `${r.url} is plain HTTP to a host that is not this machine, and the entry is not marked insecure. Remove it and add it again with "Skip TLS verification" ticked (passwords and images then travel unencrypted), or use https://.`,
    );
  }
  return {
    host: r.host,
    caFile: r.caFile,
    insecure: r.insecure || undefined,
    env: ctx.env,
    userAgent: dockhandUserAgent('desktop'),
    timeoutMs: firstByteTimeoutMs(ctx.env),
  };
}

/** The mTLS client certificate and key the user chose for this registry (else the transport looks in certs.d). */
function clientTls(r: StoredRegistry): { clientCert?: Buffer; clientKey?: Buffer } {
  return readClientCertificate(r, { who: r.name, pair: 'Remove the registry and add it with both files.', file: 'Check the path and its permissions.' });
}

export async function registryClientFor(ctx: MainContext, r: StoredRegistry): Promise<RegistryClient> {
  let pool = pools.get(ctx);
  if (!pool) pools.set(ctx, (pool = new RegistryClientPool()));
  // One client per stored registry: an edit (URL, CA, insecure, client certificate, user) replaces it.
  return pool.get(
    { ...baseOptions(ctx, r), ...clientTls(r), credentials: ctx.credentials() },
    { id: r.id, extra: JSON.stringify([r.url, r.username]) },
  );
}

/** Drop a cached client (after login/logout the credential may have changed). */
export function forgetRegistryClient(ctx: MainContext, registryId: string): void {
  void pools.get(ctx)?.forget({ id: registryId });
}

/** Whether the registry accepts the credential typed into the sign-in form (verifyCredential: an authenticated GET /v2/ with it alone). */
export async function verifySignIn(ctx: MainContext, r: StoredRegistry, credential: Credential, signal?: AbortSignal): Promise<void> {
  await verifyCredential(credential, { ...baseOptions(ctx, r), ...clientTls(r), source: 'the sign-in form', signal });
}
