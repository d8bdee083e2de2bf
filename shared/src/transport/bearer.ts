// The Docker token flow: GET <realm>?service=&scope= (with Basic credentials when we have
// them), or POST oauth2 form (grant_type=refresh_token) with an identity token; falls back
// from POST to GET when the server has no oauth2 endpoint. Tokens cached per scope set
// until they expire. The realm URL is validated before any credential is sent to it.
import type { Dispatcher } from 'undici';
import { request } from './undici-parts';
import type { Credential } from '../credentials/types';
import { RegistryError } from './registry-error';
import { isLoopbackHost } from '../reference/host';
import { rememberSecret } from '../credentials/redact';
import { BodyTooLargeError, readBodyLimited } from './body-limit';

export interface TokenRequest {
  realm: string;
  service?: string;
  scopes: string[];
  credential?: Credential;
  /** The registry's own URL scheme: an http realm is accepted only for plain-HTTP or loopback registries. */
  registryScheme: 'http' | 'https';
  host: string;
  repository?: string;
  dispatcher: Dispatcher;
  userAgent: string;
  signal?: AbortSignal;
  credentialSourceDetail?: string;
}

export interface Token {
  token: string;
  /** Epoch ms after which the token must not be used. */
  expiresAt: number;
}

const CLIENT_ID = 'dockhand';
const DEFAULT_EXPIRES_S = 60; // distribution token spec default
const EXPIRY_MARGIN_MS = 10_000;
/** The most of a token server's answer that is read: a token is a few kilobytes (a JWT with its claims). */
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

/** Check a realm URL: absolute, http(s), no userinfo; http only when the registry itself is http or the realm is loopback. */
export function validateRealm(realm: string, registryScheme: 'http' | 'https', host: string): URL {
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new RegistryError({
      code: 'AUTH_REALM_INVALID',
      summary: `the registry's token realm "${realm}" is not an absolute URL`,
      fix: 'The registry or its auth server is misconfigured (auth.token.realm must be a full https:// URL).',
      host,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RegistryError({
      code: 'AUTH_REALM_INVALID',
      summary: `the registry's token realm uses the unsupported scheme "${url.protocol}"`,
      fix: 'auth.token.realm must be an https:// URL.',
      host,
    });
  }
  if (url.username || url.password) {
    throw new RegistryError({
      code: 'AUTH_REALM_INVALID',
      summary: "the registry's token realm contains a user name or password",
      fix: 'Remove the credentials from auth.token.realm.',
      host,
    });
  }
  if (url.protocol === 'http:' && registryScheme === 'https' && !isLoopbackHost(url.host)) {
    throw new RegistryError({
      code: 'AUTH_REALM_INVALID',
      summary: `the registry is served over HTTPS but its token realm ${url.origin} is plain HTTP; credentials would travel unencrypted`,
      fix: 'Serve the token endpoint over https:// (auth.token.realm).',
      host,
    });
  }
  return url;
}

export async function fetchToken(req: TokenRequest): Promise<Token> {
  const realm = validateRealm(req.realm, req.registryScheme, req.host);
  const cred = req.credential;
  if (cred?.registryToken) return { token: cred.registryToken, expiresAt: Number.POSITIVE_INFINITY };
  const sendsSecret = (cred?.username !== undefined && cred.password !== undefined) || Boolean(cred?.identityToken);
  if (sendsSecret && realm.protocol === 'http:' && !isLoopbackHost(realm.host)) {
    // A plain-HTTP registry (loopback, or --insecure) may name a token server on another host: the credential
    // would cross the network in cleartext. Only a token server on this machine gets it over plain HTTP.
    throw new RegistryError({
      code: 'AUTH_REALM_INVALID',
      host: req.host,
      repository: req.repository,
      summary: `refusing to send the credential${req.credentialSourceDetail ? ` from ${req.credentialSourceDetail}` : ''} to the token server ${realm.origin}: it is plain HTTP on another host, so the password would travel unencrypted`,
      fix: 'Serve the token endpoint over https:// (auth.token.realm in the registry config), or use the registry without a credential.',
    });
  }
  if (cred?.identityToken) {
    const viaPost = await postOauth(realm, req, cred.identityToken);
    if (viaPost) return viaPost;
  }
  return getToken(realm, req);
}

async function postOauth(realm: URL, req: TokenRequest, refreshToken: string): Promise<Token | undefined> {
  const form = new URLSearchParams();
  form.set('grant_type', 'refresh_token');
  form.set('refresh_token', refreshToken);
  if (req.service) form.set('service', req.service);
  form.set('client_id', CLIENT_ID);
  form.set('scope', req.scopes.join(' '));
  const res = await request(realm, {
    method: 'POST',
    dispatcher: req.dispatcher,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': req.userAgent, accept: 'application/json' },
    body: form.toString(),
    signal: req.signal,
  });
  if (res.statusCode === 404 || res.statusCode === 405) {
    await res.body.dump();
    return undefined; // no oauth2 endpoint: the GET flow below (the identity token is not usable there)
  }
  return readTokenResponse(res, req, 'POST');
}

async function getToken(realm: URL, req: TokenRequest): Promise<Token> {
  const url = new URL(realm);
  if (req.service) url.searchParams.set('service', req.service);
  for (const s of req.scopes) url.searchParams.append('scope', s);
  const headers: Record<string, string> = { 'user-agent': req.userAgent, accept: 'application/json' };
  const cred = req.credential;
  if (cred?.username !== undefined && cred.password !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
    url.searchParams.set('offline_token', 'true');
    url.searchParams.set('client_id', CLIENT_ID);
  }
  const res = await request(url, { method: 'GET', dispatcher: req.dispatcher, headers, signal: req.signal });
  return readTokenResponse(res, req, 'GET');
}

async function readTokenResponse(res: Dispatcher.ResponseData, req: TokenRequest, method: string): Promise<Token> {
  let text: string;
  try {
    text = (await readBodyLimited(res.body, MAX_TOKEN_RESPONSE_BYTES)).toString('utf8');
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err;
    throw new RegistryError({
      code: 'INVALID_RESPONSE',
      status: res.statusCode,
      summary: `the token server's answer is larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes; it was not read further`,
      fix: "The auth server is misconfigured or not a token server; check auth.token.realm and the server's logs.",
      host: req.host,
      repository: req.repository,
      method,
    });
  }
  if (res.statusCode === 401 || res.statusCode === 403) {
    const who = req.credential?.username
      ? `the credential for "${req.credential.username}"${req.credentialSourceDetail ? ` from ${req.credentialSourceDetail}` : ''}`
      : 'anonymous access';
    throw new RegistryError({
      code: res.statusCode === 401 ? 'UNAUTHORIZED' : 'DENIED',
      status: res.statusCode,
      summary: `the token server refused ${who} for ${req.scopes.join(' ') || 'the registry'}`,
      detail: errorText(text),
      fix: req.credential
        ? `Check the user name and password or token, then log in again (docker login ${req.host}).`
        : `Log in first (docker login ${req.host}), or pass --username with --password-stdin.`,
      host: req.host,
      repository: req.repository,
      method,
    });
  }
  if (res.statusCode < 200 || res.statusCode >= 300) {
    throw new RegistryError({
      code: res.statusCode === 429 ? 'TOOMANYREQUESTS' : 'HTTP_ERROR',
      status: res.statusCode,
      summary: 'the token server failed',
      detail: errorText(text),
      fix: 'Retry later; if it persists, the auth server is down or misconfigured.',
      host: req.host,
      repository: req.repository,
      method,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const token = typeof o.token === 'string' && o.token ? o.token : typeof o.access_token === 'string' ? o.access_token : '';
  if (!token)
    throw new RegistryError({
      code: 'INVALID_RESPONSE',
      status: res.statusCode,
      summary: 'the token server answered without a token',
      fix: 'The auth server is misconfigured; check its logs.',
      host: req.host,
      repository: req.repository,
      method,
    });
  rememberSecret(token); // redacted wherever a server or a log repeats it
  if (typeof o.refresh_token === 'string') rememberSecret(o.refresh_token);
  const expiresIn = typeof o.expires_in === 'number' && o.expires_in > 0 ? o.expires_in : DEFAULT_EXPIRES_S;
  let issued = Date.now();
  if (typeof o.issued_at === 'string') {
    const t = Date.parse(o.issued_at);
    if (Number.isFinite(t) && Math.abs(t - Date.now()) < 5 * 60_000) issued = t; // ignore skewed clocks
  }
  return { token, expiresAt: issued + expiresIn * 1000 - EXPIRY_MARGIN_MS };
}

function errorText(text: string): string | undefined {
  try {
    const o = JSON.parse(text) as { errors?: Array<{ message?: string }>; details?: string; error?: string; error_description?: string };
    const m = o.errors?.[0]?.message ?? o.error_description ?? o.details ?? o.error;
    if (typeof m === 'string') return m.slice(0, 300);
  } catch {
    /* not JSON */
  }
  const t = text.trim();
  return t && t.length < 300 && !/<html/i.test(t) ? t : undefined;
}

/** Token cache keyed by the sorted scope set. */
export class TokenCache {
  private readonly tokens = new Map<string, Token>();
  static key(scopes: string[]): string {
    return [...new Set(scopes)].sort().join(' ');
  }
  get(scopes: string[], now = Date.now()): string | undefined {
    const t = this.tokens.get(TokenCache.key(scopes));
    if (!t) return undefined;
    if (t.expiresAt <= now) {
      this.tokens.delete(TokenCache.key(scopes));
      return undefined;
    }
    return t.token;
  }
  set(scopes: string[], token: Token): void {
    this.tokens.set(TokenCache.key(scopes), token);
  }
  clear(): void {
    this.tokens.clear();
  }
}
