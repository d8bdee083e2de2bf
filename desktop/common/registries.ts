// The registries namespace of DockhandApi (see index.ts): the registries the user added (or
// Dockhand discovered), sign-in and sign-out, and the connection check.
import { arg, type Arg, type MethodArgs } from './args';

export interface RegistrySummary {
  id: string;
  /** Display name. */
  name: string;
  /** Base URL, e.g. "https://127.0.0.1:5443". */
  url: string;
  /** Host as in image references, e.g. "127.0.0.1:5443". */
  host: string;
  /** PEM CA bundle file for a private CA. */
  caFile?: string;
  /** Skip TLS verification (or allow plain HTTP on non-loopback hosts). */
  insecure?: boolean;
  /** Username of the credential in use, when one is known. */
  username?: string;
  /** mTLS client certificate file, when one was chosen (else certs.d is used). */
  clientCertFile?: string;
  /** Where the credential comes from (kind + human detail), or undefined: anonymous. */
  credentialSource?: CredentialSourceInfo;
  /** Not added by the user: found in an existing login (docker config.json, a credential helper, auth.json, the keychain). */
  discovered?: boolean;
  /** The sandbox registry started by Dockhand (`dockhand sandbox up`). */
  sandbox?: boolean;
}

/** Where a sign-in keeps the password: the OS keychain, memory (this session only), docker's credential helper, or docker's config.json in plain text. */
export type LoginStorage = 'keychain' | 'session' | 'docker' | 'docker-plaintext';

export interface StorageChoice {
  value: LoginStorage;
  /** Plain words for the choice. */
  label: string;
  /** One sentence: what it means, and any warning. */
  detail: string;
  available: boolean;
  /** The choice offered first. */
  recommended?: boolean;
}

export interface AddRegistryInput {
  url: string;
  name?: string;
  caFile?: string;
  insecure?: boolean;
  /** mTLS: PEM client certificate and key files (both or neither; neither: /etc/docker/certs.d/<host>/client.cert and client.key). */
  clientCertFile?: string;
  clientKeyFile?: string;
  /** Optional login in the same step; the password goes to the OS keychain, never to disk. */
  username?: string;
  password?: string;
  /** Where to keep the password (default: the OS keychain). */
  storeIn?: LoginStorage;
}

export interface LoginInput {
  registryId: string;
  username: string;
  password: string;
  /** Where to keep the password (default: the OS keychain). */
  storeIn?: LoginStorage;
}

export interface CredentialSourceInfo {
  kind: string;
  detail: string;
}

export interface CheckResult {
  ok: boolean;
  /** HTTP status of the /v2/ probe or undefined when unreachable. */
  status?: number;
  message: string;
}

export interface RegistriesApi {
  list(): Promise<RegistrySummary[]>;
  add(input: AddRegistryInput): Promise<RegistrySummary>;
  remove(registryId: string): Promise<void>;
  login(input: LoginInput): Promise<RegistrySummary>;
  logout(registryId: string): Promise<RegistrySummary>;
  check(registryId: string): Promise<CheckResult>;
  /** Where a password for this registry address can be kept on this machine. */
  storageOptions(url: string): Promise<StorageChoice[]>;
  /** Start (or find) the local sandbox registry with sample images and add it to the list. */
  startSandbox(): Promise<RegistrySummary>;
}

/** Where a sign-in keeps the password; empty means the default (main/handlers/login-storage.ts). */
const storeIn: Arg = arg.optional({
  kind: 'oneOf',
  values: ['keychain', 'session', 'docker', 'docker-plaintext'] satisfies LoginStorage[],
  emptyIsDefault: true,
});

export const REGISTRIES_METHODS = {
  list: [],
  add: [
    [
      'input',
      arg.object({
        url: arg.text(2048, { nonEmpty: true }),
        name: arg.text(200, { optional: true }),
        caFile: arg.text(4096, { optional: true }),
        insecure: arg.bool(true),
        clientCertFile: arg.text(4096, { optional: true }),
        clientKeyFile: arg.text(4096, { optional: true }),
        username: arg.text(256, { optional: true }),
        password: arg.text(8192, { optional: true }),
        storeIn,
      }),
    ],
  ],
  remove: [['registryId', arg.registryId]],
  login: [['input', arg.object({ registryId: arg.registryId, username: arg.text(256), password: arg.text(8192), storeIn })]],
  logout: [['registryId', arg.registryId]],
  check: [['registryId', arg.registryId]],
  storageOptions: [['url', arg.text(2048)]],
  startSandbox: [],
} as const satisfies MethodArgs<RegistriesApi>;
