// One registry client per stored registry, over the shared registry API.
// (Placeholder until shared/src/registry/client.ts lands.)
import type { Credential } from '@dockhand/shared/credentials/types';
import type { MainContext } from './main-context';
import type { StoredRegistry } from './registry-store';

export interface DesktopRegistryClient {
  ping(): Promise<void>;
}

export async function registryClientFor(_ctx: MainContext, r: StoredRegistry, _opts: { credential?: Credential } = {}): Promise<DesktopRegistryClient> {
  throw Object.assign(new Error(`The registry client is not available yet (${r.host}).`), { name: 'NotImplemented' });
}
