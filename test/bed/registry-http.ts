// A minimal registry HTTP client for the test bed itself (seeding, readiness checks and
// assertions in tests). It is an oracle independent of Dockhand's own client: undici fetch
// with the bed CA / client certificate, and Basic or Bearer (token server) auth driven by
// the registry's WWW-Authenticate challenge.
import { Agent, fetch, type Dispatcher, type Response } from 'undici';
import { readFileSync } from 'node:fs';

export interface RegistryEndpoint {
  url: string;
  caFile?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
  username?: string;
  password?: string;
}

export interface BedFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Do not authenticate (default false: answer challenges with the endpoint's credentials). */
  anonymous?: boolean;
  /** Override the credentials used to answer challenges. */
  credentials?: { username: string; password: string };
}

const dispatchers = new Map<string, Agent>();

/** An undici dispatcher trusting the endpoint's CA and presenting its client certificate (if any). */
export function dispatcherFor(ep: Pick<RegistryEndpoint, 'caFile' | 'clientCertFile' | 'clientKeyFile'>): Dispatcher | undefined {
  if (!ep.caFile && !ep.clientCertFile) return undefined;
  const key = `${ep.caFile}|${ep.clientCertFile}|${ep.clientKeyFile}`;
  let d = dispatchers.get(key);
  if (!d) {
    d = new Agent({
      connect: {
        ca: ep.caFile ? readFileSync(ep.caFile) : undefined,
        cert: ep.clientCertFile ? readFileSync(ep.clientCertFile) : undefined,
        key: ep.clientKeyFile ? readFileSync(ep.clientKeyFile) : undefined,
      },
    });
    dispatchers.set(key, d);
  }
  return d;
}

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parse a WWW-Authenticate header value (one challenge). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*(\w+)\s*(.*)$/.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) params[p[1].toLowerCase()] = p[2] ?? p[3] ?? '';
  return { scheme: m[1].toLowerCase(), params };
}

function basic(c: { username: string; password: string }): string {
  return 'Basic ' + Buffer.from(`${c.username}:${c.password}`).toString('base64');
}

const tokenCache = new Map<string, { token: string; until: number }>();

async function fetchToken(ep: RegistryEndpoint, ch: Challenge, creds: { username: string; password: string } | undefined): Promise<string> {
  const realm = new URL(ch.params.realm);
  if (ch.params.service) realm.searchParams.set('service', ch.params.service);
  if (ch.params.scope) realm.searchParams.set('scope', ch.params.scope);
  const cacheKey = `${creds?.username ?? ''}|${realm}`;
  const cached = tokenCache.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.token;
  const res = await fetch(realm, { headers: creds ? { authorization: basic(creds) } : {}, dispatcher: dispatcherFor(ep) });
  if (res.status !== 200) throw new Error(`test bed: token request to ${realm.origin} failed: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token?: string; access_token?: string; expires_in?: number };
  const token = body.token ?? body.access_token;
  if (!token) throw new Error(`test bed: token server ${realm.origin} answered without a token`);
  tokenCache.set(cacheKey, { token, until: Date.now() + Math.max(0, (body.expires_in ?? 60) - 30) * 1000 });
  return token;
}

/** fetch `path` (absolute URL or path below ep.url) on a registry, answering Basic/Bearer challenges. */
export async function registryFetch(ep: RegistryEndpoint, path: string, init: BedFetchInit = {}): Promise<Response> {
  const url = new URL(path, ep.url);
  const creds = init.credentials ?? (ep.username !== undefined && ep.password !== undefined ? { username: ep.username, password: ep.password } : undefined);
  const send = (authorization?: string) =>
    fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...init.headers, ...(authorization ? { authorization } : {}) },
      body: init.body,
      redirect: 'follow',
      dispatcher: dispatcherFor(ep),
    });
  const first = await send();
  if (first.status !== 401 || init.anonymous) return first;
  const ch = parseChallenge(first.headers.get('www-authenticate'));
  if (!ch) return first;
  if (ch.scheme === 'basic') {
    if (!creds) return first;
    await first.body?.cancel();
    return send(basic(creds));
  }
  if (ch.scheme === 'bearer' && ch.params.realm) {
    await first.body?.cancel();
    return send('Bearer ' + (await fetchToken(ep, ch, creds)));
  }
  return first;
}

/** Like registryFetch, but throws with status and body unless the status is one of `expected`. */
export async function registryFetchOk(ep: RegistryEndpoint, path: string, init: BedFetchInit, expected: number[]): Promise<Response> {
  const res = await registryFetch(ep, path, init);
  if (!expected.includes(res.status)) {
    const text = await res.text().catch(() => '');
    throw new Error(
      `test bed: ${init.method ?? 'GET'} ${new URL(path, ep.url)} answered HTTP ${res.status} (expected ${expected.join('/')}): ${text.slice(0, 500)}`,
    );
  }
  return res;
}
