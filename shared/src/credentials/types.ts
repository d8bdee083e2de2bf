// The contract between the credential store and everything that uses credentials
// (the registry client's auth, the engine client's X-Registry-Auth, the front ends).
import type { KeychainBackend } from './keychain';
export type { KeychainBackend, KeychainEntry } from './keychain';

/** Where a credential came from. Never carries the secret itself. */
export type CredentialSourceKind =
  | 'keychain' // Dockhand's own entry in the OS keychain (keytar)
  | 'session' // kept in memory for this session only (never written)
  | 'dockerAuthConfig' // the DOCKER_AUTH_CONFIG environment variable (docker >= 28.3)
  | 'credHelper' // ~/.docker/config.json credHelpers[host] -> docker-credential-<name>
  | 'credsStore' // ~/.docker/config.json credsStore -> docker-credential-<name>
  | 'auths' // ~/.docker/config.json auths[key] (base64 auth or username/password)
  | 'authJson' // containers auth.json (podman, skopeo)
  | 'explicit' // given directly (CLI flag, test, UI prompt not yet saved)
  | 'fallback'; // a front end's own fallback store (e.g. VS Code SecretStorage)

export interface CredentialSource {
  kind: CredentialSourceKind;
  /** Human-readable location, e.g. "docker-credential-secretservice" or "/root/.docker/config.json auths[\"127.0.0.1:5000\"]". No secrets. */
  detail: string;
}

export interface Credential {
  username?: string;
  /** Password or personal access token. */
  password?: string;
  /** OAuth2 refresh token (docker config `identitytoken`): used with POST to the token realm. */
  identityToken?: string;
  /** A ready bearer token (docker config `registrytoken`). */
  registryToken?: string;
}

export interface ResolvedCredential extends Credential {
  source: CredentialSource;
}

/** What the registry client and the engine client need: a credential for a registry host, or none (anonymous). */
export interface CredentialProvider {
  /**
   * `host` is the registry host as in an image reference (e.g. "127.0.0.1:5000", "docker.io").
   * `repository` ("library/busybox"), when given, lets a namespaced entry ("docker.io/library")
   * win over the registry-wide one. Providers without namespaces ignore it.
   */
  get(host: string, repository?: string): Promise<ResolvedCredential | undefined>;
}

// ---------------------------------------------------------------------------------------
// The credential store (store.ts: createCredentialStore) implements CredentialStore.

export interface CredentialStoreOptions {
  /** Environment to read DOCKER_CONFIG, REGISTRY_AUTH_FILE, XDG_RUNTIME_DIR, HOME, PATH from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Folder holding docker's config.json. Default: $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string;
  /** containers auth.json. Default: $REGISTRY_AUTH_FILE, else $XDG_RUNTIME_DIR/containers/auth.json, else ~/.config/containers/auth.json. */
  authJsonPath?: string;
  /**
   * Dockhand's own keychain. 'auto' (default): keytar, loaded lazily; if it cannot load, reads
   * skip it (list() reports why) and login to the keychain fails with KeychainUnavailableError.
   * 'none': no keychain at all. Or a backend (e.g. VS Code SecretStorage).
   */
  keychain?: KeychainBackend | 'auto' | 'none';
  /** Time-out for each docker-credential-* call. Default 15000. */
  helperTimeoutMs?: number;
}

/** A registry the store knows of, from one source. No secrets. */
export interface KnownRegistry {
  /** Canonical host ("docker.io", "127.0.0.1:5000"). */
  host: string;
  /** For a namespaced key ("docker.io/library/busybox"): the repository path it applies to ("library/busybox"). */
  namespace?: string;
  /** The key as written in its source (e.g. "https://index.docker.io/v1/"). */
  key: string;
  source: CredentialSource;
  username?: string;
}

export interface CredentialStoreProblem {
  source: CredentialSourceKind;
  /** What went wrong and what to do; no secrets. */
  message: string;
}

export interface CredentialListing {
  registries: KnownRegistry[];
  /** Sources that could not be read (keychain unavailable, helper failing, malformed file). */
  problems: CredentialStoreProblem[];
}

/**
 * Where login() keeps a credential: 'keychain' (Dockhand's keychain), 'session' (memory, this
 * process only), 'docker' (docker's configured credential helper), 'docker-plaintext'
 * (config.json `auths`, base64 like `docker login` without a helper: only when the user chose it).
 */
export type CredentialStoreTarget = 'keychain' | 'docker' | 'session' | 'docker-plaintext';

/** Where a login can be kept on this machine, for a front end to offer (no secrets). */
export interface StorageOptions {
  keychain: { available: boolean; name: string; problem?: string };
  /** docker's helper that would take a 'docker' login for this host, e.g. "docker-credential-pass". */
  dockerHelper?: string;
  /** docker's config.json (where 'docker-plaintext' writes). */
  dockerConfig: string;
}

export interface LoginOptions {
  /** Checks the credential against the registry; must throw when it is rejected. Nothing is stored unless it resolves. */
  verify: (credential: Credential) => Promise<void>;
  /** 'keychain' (default): Dockhand's keychain. 'docker': docker's configured helper (credHelpers[host] or credsStore), so the docker CLI sees it too. */
  storeIn?: CredentialStoreTarget;
}

export interface LoginResult {
  host: string;
  source: CredentialSource;
}

export interface LogoutResult {
  host: string;
  /** Where a credential was removed from. Empty when none was stored anywhere writable. */
  removed: CredentialSource[];
  /** Credentials left in place (e.g. containers auth.json: use `podman logout`). */
  remaining: CredentialSource[];
}

export interface CredentialStore extends CredentialProvider {
  /**
   * Resolve `host` through, in order: Dockhand's keychain, DOCKER_AUTH_CONFIG, config.json
   * credHelpers[host], config.json credsStore, config.json auths, containers auth.json. The
   * first source holding a credential wins; within one, for a `repository` (or a `host` written
   * "host/repository"), the most specific namespaced key wins. A source that is configured but
   * failing (helper crash, locked keychain, malformed file) throws a CredentialError instead
   * of going anonymous (a malformed DOCKER_AUTH_CONFIG is skipped, as docker does).
   */
  get(host: string, repository?: string): Promise<ResolvedCredential | undefined>;
  /** Every registry known to any source, with its source. Never throws for one failing source: see `problems`. */
  list(): Promise<CredentialListing>;
  login(host: string, credential: Credential, options: LoginOptions): Promise<LoginResult>;
  /** Which places can keep a login for `host` here (is the keychain reachable, does docker name a helper). */
  storageOptions(host: string): Promise<StorageOptions>;
  logout(host: string): Promise<LogoutResult>;
}
