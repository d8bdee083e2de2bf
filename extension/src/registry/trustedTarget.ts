// The registry target for a URL that came from somewhere the user does not control
// directly (a restored webview's persisted state, a `dockhand-manifest:` URI's query): the
// URL is only a key, and `insecure` / `caFile` come from the user's `dockhand.registries`
// settings alone, never from the persisted state or the URI.
import type { RegistrySetting } from '../settings';
import type { RegistryTarget } from './registryApi';
import { normalizeRegistryUrl } from '@dockhand/shared/reference';
import { clientCertificateFields } from './clientCertificate';

/** The target for `url` with the TLS options of its settings entry (none when it has no entry); undefined for a URL that is not a registry URL. */
export function trustedTarget(url: string, settings: readonly RegistrySetting[]): RegistryTarget | undefined {
  const normalized = normalizeRegistryUrl(String(url ?? ''));
  if (!normalized) return undefined;
  const setting = settings.find((s) => normalizeRegistryUrl(s.url) === normalized);
  return {
    url: normalized,
    host: new URL(normalized).host,
    ...(setting?.insecure === true ? { insecure: true } : {}),
    ...(typeof setting?.caFile === 'string' && setting.caFile ? { caFile: setting.caFile } : {}),
    ...clientCertificateFields(setting ?? {}),
  };
}
