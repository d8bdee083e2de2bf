// The contract between the credential store and everything that uses credentials
// (the registry client's auth, the engine client's X-Registry-Auth, the front ends).

/** Where a credential came from. Never carries the secret itself. */
export type CredentialSourceKind =
  | 'keychain' // Dockhand's own entry in the OS keychain (keytar)
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
  /** `host` is the registry host as in an image reference (e.g. "127.0.0.1:5000", "docker.io"). */
  get(host: string): Promise<ResolvedCredential | undefined>;
}
