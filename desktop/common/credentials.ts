// The credentials namespace of DockhandApi (see index.ts): every credential Dockhand can see,
// and where each comes from (never the secret).
import { type MethodArgs } from './args';
import type { CredentialSourceInfo } from './registries';

export interface CredentialRow {
  host: string;
  registryId?: string;
  username?: string;
  /** undefined: no credential found (anonymous). */
  source?: CredentialSourceInfo;
  /** Whether Dockhand's own keychain entry exists for this host. */
  inKeychain: boolean;
}

export interface CredentialsApi {
  list(): Promise<CredentialRow[]>;
}

export const CREDENTIALS_METHODS = {
  list: [],
} as const satisfies MethodArgs<CredentialsApi>;
