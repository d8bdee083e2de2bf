// The X-Registry-Auth header the Engine API wants on pull and push: base64url of the JSON
// AuthConfig ({username,password,serveraddress} or {identitytoken} or {registrytoken}),
// "{}" for anonymous. Built from Dockhand's CredentialProvider; the secret only ever
// lives in the header value, never in errors or logs.
import type { CredentialProvider, ResolvedCredential } from '../credentials/types';

export interface RegistryAuthHeader {
  /** The header value. */
  value: string;
  credential?: ResolvedCredential;
}

/** Docker Hub's legacy server address, as the docker CLI sends it. */
const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

export function encodeRegistryAuth(registry: string, credential: ResolvedCredential | undefined): string {
  const config: Record<string, string> = {};
  if (credential) {
    if (credential.identityToken) {
      config.identitytoken = credential.identityToken;
    } else if (credential.registryToken) {
      config.registrytoken = credential.registryToken;
    } else {
      if (credential.username !== undefined) config.username = credential.username;
      if (credential.password !== undefined) config.password = credential.password;
    }
    if (Object.keys(config).length > 0) {
      config.serveraddress = registry === 'docker.io' ? DOCKER_HUB_SERVER : registry;
    }
  }
  // Padded base64url (Go's base64.URLEncoding, what the docker CLI sends; the daemon
  // silently ignores a header it cannot decode, so the padding matters).
  return Buffer.from(JSON.stringify(config), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** The header for `registry`; with `repository`, a namespaced credential entry for it wins (credentials/registry-key.ts). */
export async function registryAuthFor(registry: string, provider: CredentialProvider | undefined, repository?: string): Promise<RegistryAuthHeader> {
  const credential = provider ? await (repository ? provider.get(registry, repository) : provider.get(registry)) : undefined;
  return { value: encodeRegistryAuth(registry, credential), credential };
}
