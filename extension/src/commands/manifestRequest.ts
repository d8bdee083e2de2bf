// What a `dockhand-manifest:` URI asks for: registry URL (query `url`), repository and
// reference (path and fragment). The URI is text anyone can craft (a link, a restored
// editor), so it names the registry only: TLS options come from the user's settings
// (trustedTarget), never from the URI.
import type { RegistrySetting } from '../settings';
import type { RegistryTarget } from '../registry/registryApi';
import { trustedTarget } from '../registry/trustedTarget';

export interface ManifestRequest {
  target: RegistryTarget;
  repo: string;
  reference: string;
}

export function manifestRequest(uri: { path: string; query: string; fragment: string }, settings: readonly RegistrySetting[]): ManifestRequest {
  const target = trustedTarget(new URLSearchParams(uri.query).get('url') ?? '', settings);
  if (!target) throw new Error('This dockhand-manifest: link names no registry URL; open the manifest from the Registries view.');
  const rest = uri.path.slice(target.host.length + 2).replace(/\.json$/, '');
  return { target, repo: rest.slice(0, rest.lastIndexOf('/')), reference: uri.fragment };
}
