// Registry addresses as a person types them ("127.0.0.1:5000", "https://r.example.com/v2/")
// to one canonical URL and the host used in image references. Pure (no Node built-ins): the
// extension, the desktop's main process and its renderer use this one parser.
//
// Without a scheme the address gets the one Dockhand (and docker) tries first: http:// for this
// machine (loopback: plain HTTP needs no configuration there), https:// for any other host. The
// scheme really used is learnt when the registry answers (transport/ping.ts).
import { isLoopbackHost } from './host';

export type RegistryScheme = 'http' | 'https';

export interface RegistryUrl {
  /** "https://r.example.com:5000": scheme and host, no path, no trailing slash. */
  url: string;
  /** "r.example.com:5000", as in image references (host names lower-cased). */
  host: string;
  scheme: RegistryScheme;
  /** The input named its scheme (else it is the default for the host). */
  schemeGiven: boolean;
}

/** Why an address was refused: the front ends word each for their users. */
export type InvalidRegistryUrlReason = 'empty' | 'scheme' | 'credentials' | 'query' | 'syntax';

export class InvalidRegistryUrlError extends Error {
  override readonly name = 'InvalidRegistryUrlError';
  constructor(
    readonly reason: InvalidRegistryUrlReason,
    message: string,
  ) {
    super(message);
  }
}

const SCHEME_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The scheme tried first for a host typed without one: http on loopback, else https. */
export function defaultRegistryScheme(host: string): RegistryScheme {
  return isLoopbackHost(host) ? 'http' : 'https';
}

/** Whether the address names its scheme ("https://…"). */
export function hasUrlScheme(input: string): boolean {
  return SCHEME_RE.test(String(input ?? '').trim());
}

/** The URL of a bare host ("127.0.0.1:5000" -> "http://127.0.0.1:5000"), for registries found in logins. */
export function registryUrlForHost(host: string): string {
  return `${defaultRegistryScheme(host)}://${host}`;
}

/** Parse a typed registry address; throws InvalidRegistryUrlError (with `reason`) when it is not one. A path ("/v2/") is dropped, as docker does. */
export function parseRegistryUrl(input: string): RegistryUrl {
  const raw = String(input ?? '').trim();
  if (!raw) throw new InvalidRegistryUrlError('empty', 'Enter the registry address, e.g. https://registry.example.com or 127.0.0.1:5000.');
  const schemeGiven = SCHEME_RE.test(raw);
  const text = schemeGiven ? raw : `${defaultRegistryScheme(raw.split('/')[0]!)}://${raw}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new InvalidRegistryUrlError('syntax', `"${raw}" is not a registry address. Use host[:port] or an http(s):// URL.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new InvalidRegistryUrlError('scheme', `Only http:// and https:// registries are supported, not ${u.protocol}`);
  if (u.username || u.password) throw new InvalidRegistryUrlError('credentials', 'Do not put credentials in the URL; sign in separately.');
  if (u.search || u.hash)
    throw new InvalidRegistryUrlError('query', `"${raw}" has a query or fragment; a registry address is host[:port] or an http(s):// URL.`);
  if (!/^[a-z0-9.-]+$/i.test(u.hostname) && !u.hostname.startsWith('['))
    throw new InvalidRegistryUrlError('syntax', `"${raw}" is not a registry address. Use host[:port] or an http(s):// URL.`);
  const scheme = u.protocol === 'http:' ? 'http' : 'https';
  return { url: `${scheme}://${u.host}`, host: u.host, scheme, schemeGiven };
}

/** The canonical URL of an address, or undefined when it is not one (for input validation). */
export function normalizeRegistryUrl(input: string): string | undefined {
  try {
    return parseRegistryUrl(input).url;
  } catch (err) {
    if (err instanceof InvalidRegistryUrlError) return undefined;
    throw err;
  }
}

/** "https://r.example.com:5000" -> "r.example.com:5000" (as in image references); the input itself when it is not an address. */
export function registryHost(url: string): string {
  const n = normalizeRegistryUrl(url);
  return n ? new URL(n).host : url;
}
