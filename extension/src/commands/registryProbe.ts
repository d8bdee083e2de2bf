// Before "Add Registry…" saves an entry: GET /v2/ through the shared core (its scheme
// discovery, CA, insecure flag and mTLS client certificate), so the entry is stored with the
// scheme the registry really answered on, and an unreachable registry is refused as a wrong
// password is at Log In (nothing half-added), as the desktop does.
import { RegistryClient, type RegistryClientOptions } from '@dockhand/shared/registry';
import { hasUrlScheme } from '@dockhand/shared/reference';
import { dockhandUserAgent } from '@dockhand/shared/transport';
import type { RegistrySetting } from '../settings';
import { clientTlsOptions } from '../registry/clientCertificate';
import { explainFailure } from '../errors/failureWording';

/** How long adding a registry waits for it to answer GET /v2/ (as the desktop's Add). */
export const ADD_PROBE_MS = 20_000;

/** The URL to store: what the user typed when it had a scheme, else the scheme the registry answered on. */
export function answeredUrl(typed: string, normalized: string, scheme: 'http' | 'https'): string {
  if (hasUrlScheme(typed.trim())) return normalized;
  return `${scheme}://${new URL(normalized).host}`;
}

export class RegistryNotAddedError extends Error {
  override readonly name = 'RegistryNotAdded';
  constructor(
    readonly host: string,
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/**
 * Pings the registry of `entry` (a fresh client, closed afterwards) and returns the entry with
 * the URL it answered on. Throws RegistryNotAddedError, in the editor's words, when it does not answer.
 */
export async function probeNewRegistry(
  typed: string,
  entry: RegistrySetting,
  opts: { signal?: AbortSignal; timeoutMs?: number; makeClient?: (o: RegistryClientOptions) => Pick<RegistryClient, 'ping' | 'close'> } = {},
): Promise<RegistrySetting> {
  const host = new URL(entry.url).host;
  let client: Pick<RegistryClient, 'ping' | 'close'> | undefined;
  try {
    const options: RegistryClientOptions = {
      host,
      ...(entry.insecure ? { insecure: true } : {}),
      ...(entry.caFile ? { caFile: entry.caFile } : {}),
      ...clientTlsOptions(entry),
      userAgent: dockhandUserAgent('vscode'),
    };
    client = (opts.makeClient ?? ((o) => new RegistryClient(o)))(options);
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? ADD_PROBE_MS);
    const ping = await client.ping({ signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout });
    return { ...entry, url: answeredUrl(typed, entry.url, ping.scheme) };
  } catch (err) {
    throw new RegistryNotAddedError(host, `${host} was not added: ${explainFailure(err).text}`, err);
  } finally {
    await client?.close().catch(() => undefined);
  }
}
