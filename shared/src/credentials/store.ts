// createCredentialStore: the one resolver (see CredentialStore in types.ts for the order).
import type { CredentialStore, CredentialStoreOptions } from './types';

export function createCredentialStore(_options: CredentialStoreOptions = {}): CredentialStore {
  throw new Error('not implemented yet');
}
