// Credentials: the front door of shared/src/credentials (layer 2: above reference).
//   const store = createCredentialStore();  await store.get('ghcr.io', 'team/app');  store.login / logout / list
// Sources and their order: store.ts and sources.ts.
export { createCredentialStore, encodeKeychainValue, decodeKeychainValue } from './store';
export type * from './types';
export {
  CredentialError,
  KeychainUnavailableError,
  KeychainOperationError,
  CredentialHelperError,
  CredentialConfigError,
  CredentialVerificationError,
} from './errors';
export { KEYCHAIN_SERVICE, KEYCHAIN_ALTERNATIVES, loadKeytarBackend, describeKeychainFailure, type KeychainBackend, type KeychainEntry } from './keychain';
export { createSessionKeychain, SESSION_STORE_NAME } from './session-keychain';
export { REDACTED, redact, redactError, rememberSecret, forgetSecretsForTests } from './redact';
export { normalizeRegistryHost, dockerConfigKey, keyMatchesHost, convertToHostname } from './registry-key';
export { dockerConfigPath, authJsonPaths } from './docker-config';
