// Authorization for one registry: the credential per repository (resolved once each), the
// Authorization header for the registry's challenge (Basic, or a Bearer token per scope set,
// cached), and verified dispatchers for token realms on other hosts.
import type { Dispatcher } from 'undici';
import type { CredentialProvider, ResolvedCredential } from '../credentials/types';
import type { Challenge } from './challenge';
import { fetchToken, TokenCache } from './bearer';
import { resolveTls, type TlsSettings } from './tls';
import { createDispatcher } from './dispatcher';
import { errorFromNetwork, type ErrorContext } from './error-advice';
import { RegistryError } from './registry-error';

export interface AuthorizerOptions {
  registry: string;
  endpointHost: string;
  credentials?: CredentialProvider;
  userAgent: string;
  /** The registry's TLS is not verified (--insecure): a realm on another host gets its own verified dispatcher. */
  skipVerify: boolean;
  /** The caller gave its own dispatcher (tests, a shared pool): used for realms too. */
  givenDispatcher: boolean;
  /** The registry's dispatcher. */
  dispatcher: () => Dispatcher;
  /** TLS settings for realms on other hosts (without the registry's insecure flags). */
  tls: TlsSettings;
  timeoutMs?: number;
  env: NodeJS.ProcessEnv;
  /** The scheme the registry answered on (after ping). */
  scheme: () => 'http' | 'https' | undefined;
  errorContext: (method: string, what: string, repository?: string, credential?: ResolvedCredential) => ErrorContext;
}

export class Authorizer {
  /** The registry's challenge (from ping or a 401). */
  challenge?: Challenge;
  /** Credentials resolved per repository ('' for registry-wide requests): a namespaced entry may hold a repository's own. */
  private readonly credentialPromises = new Map<string, Promise<ResolvedCredential | undefined>>();
  private readonly tokens = new TokenCache();
  /** Verified dispatchers for token realms on other hosts (--insecure covers the registry only). */
  private readonly realmDispatchers = new Map<string, Dispatcher>();

  constructor(private readonly opts: AuthorizerOptions) {}

  /** The credential in use for `repository` (or the whole registry), resolved once each, without its secret being logged anywhere. */
  credential(repository?: string): Promise<ResolvedCredential | undefined> {
    const key = repository ?? '';
    let p = this.credentialPromises.get(key);
    if (!p) {
      const { credentials, registry } = this.opts;
      p = credentials ? (repository ? credentials.get(registry, repository) : credentials.get(registry)) : Promise.resolve(undefined);
      this.credentialPromises.set(key, p);
    }
    return p;
  }

  /**
   * The dispatcher for a token realm: the registry's own for a realm on the registry's host; for a realm on another
   * host a verified one (its TLS checked against the system CAs, --ca and certs.d of that host), even when the
   * registry itself is --insecure: the user vouched for the registry, not for wherever it sends the credential.
   */
  private realmDispatcher(realm: string): Dispatcher {
    const o = this.opts;
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      return o.dispatcher();
    } // fetchToken reports the bad realm
    if (o.givenDispatcher || !o.skipVerify || url.hostname === new URL(`http://${o.endpointHost}`).hostname) return o.dispatcher();
    let d = this.realmDispatchers.get(url.host);
    if (!d) {
      d = createDispatcher({
        host: url.host,
        tls: () => resolveTls(url.host, o.tls, o.env),
        skipVerify: false,
        headersTimeoutMs: o.timeoutMs,
        bodyTimeoutMs: o.timeoutMs,
        env: o.env,
      });
      this.realmDispatchers.set(url.host, d);
    }
    return d;
  }

  /** The Authorization header for `scopes` (undefined: send none). `forceRefresh`: the cached token was refused. */
  async header(scopes: string[], repository: string | undefined, signal: AbortSignal | undefined, forceRefresh: boolean): Promise<string | undefined> {
    const ch = this.challenge;
    if (!ch) return undefined;
    const cred = await this.credential(repository);
    if (ch.scheme === 'basic') {
      if (cred?.username === undefined || cred.password === undefined) return undefined;
      return `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    }
    if (ch.scheme !== 'bearer') return undefined;
    if (!forceRefresh) {
      const cached = this.tokens.get(scopes);
      if (cached) return `Bearer ${cached}`;
    }
    const { registry } = this.opts;
    const realm = ch.params.realm;
    if (!realm)
      throw new RegistryError({
        code: 'AUTH_REALM_INVALID',
        summary: `${registry} asked for a bearer token without naming a realm`,
        fix: "The registry's auth.token.realm is not set; fix its configuration.",
        host: registry,
        repository,
      });
    try {
      const token = await fetchToken({
        realm,
        service: ch.params.service,
        scopes,
        credential: cred,
        registryScheme: this.opts.scheme() ?? 'https',
        host: registry,
        repository,
        dispatcher: this.realmDispatcher(realm),
        userAgent: this.opts.userAgent,
        signal,
        credentialSourceDetail: cred ? `${cred.source.detail} (${cred.source.kind})` : undefined,
      });
      this.tokens.set(scopes, token);
      return `Bearer ${token.token}`;
    } catch (err) {
      throw errorFromNetwork(err, this.opts.errorContext('GET', `getting a token for ${scopes.join(' ') || registry}`, repository, cred), signal);
    }
  }

  /** Release the realms' sockets. */
  async close(): Promise<void> {
    await Promise.all([...this.realmDispatchers.values()].map((d) => d.close()));
    this.realmDispatchers.clear();
  }
}
