// Public types of the test bed (see index.ts for the API overview).

export type TokenAction = 'pull' | 'push' | 'delete' | '*';

export interface TokenUser {
  username: string;
  password: string;
  /** Actions granted on the repositories below (default: all of pull, push, delete). */
  actions?: TokenAction[];
  /** Repository names or prefixes ending in '*' this user may access (default: all). */
  repositories?: string[];
}

export interface TokenOptions {
  /** Users of the token server (default: one generated user with every action, exposed as handle.username/password). */
  users?: TokenUser[];
  /** Grant `pull` to requests without credentials (default false). */
  anonymousPull?: boolean;
  /** Token lifetime in seconds (default 300). */
  expiresInSeconds?: number;
  /** Serve the token endpoint over HTTPS with the bed CA (default: same as the registry's tls). */
  tls?: boolean;
}

export interface TokenRequestRecord {
  method: 'GET' | 'POST';
  /** POST only: password | refresh_token */
  grantType?: string;
  /** The authenticated user, or undefined for anonymous requests. */
  user?: string;
  scopes: string[];
  /** HTTP status of the answer. */
  status: number;
  /** The access granted, as scope strings (e.g. repository:a/b:pull). */
  granted: string[];
}

export interface TokenServerHandle {
  /** The realm URL (GET with Basic auth and service/scope params; POST for OAuth2). */
  realm: string;
  service: string;
  issuer: string;
  /** The bundle the registry verifies tokens with (PEM). */
  rootCertBundle: string;
  users: TokenUser[];
  /** How many tokens were issued so far (GET and POST). */
  issuedCount(): Promise<number>;
  /** Every request the token server answered so far (no secrets), oldest first. */
  requests(): Promise<TokenRequestRecord[]>;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** HTTPS with a certificate signed by the bed CA (handle.caFile). */
  tls?: boolean;
  /** htpasswd auth (bcrypt); `true` generates credentials, exposed as handle.username/password. */
  htpasswd?: boolean | { username: string; password: string };
  /** storage.delete.enabled (default true); false makes DELETE answer 405 UNSUPPORTED. */
  deleteEnabled?: boolean;
  /** Token auth served by a bed token server. */
  token?: boolean | TokenOptions;
  /** Pull-through cache of another bed registry (its credentials are used if it has any). */
  proxyOf?: RegistryHandle;
  /** Require client certificates signed by the bed CA (implies tls). */
  mtls?: boolean;
  /** Deep-merged into the generated registry configuration (objects merge, everything else replaces). */
  config?: object;
}

export interface RegistryHandle {
  /** http(s)://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  port: number;
  tls: boolean;
  rootDir: string;
  configPath: string;
  /** The registry's stdout/stderr. */
  logFile: string;
  /** PEM file of the CA that signed the server certificate (TLS registries only). */
  caFile?: string;
  username?: string;
  password?: string;
  /** mTLS only: client certificate and key signed by the bed CA. */
  clientCertFile?: string;
  clientKeyFile?: string;
  /** TLS registries: a certs.d-style folder holding `<host>/ca.crt` (+ client.cert/client.key with mtls). */
  certsDir?: string;
  tokenServer?: TokenServerHandle;
  stop(): Promise<void>;
}
