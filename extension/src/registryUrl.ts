// Registry URLs as the user types them ("127.0.0.1:5000", "https://r.example.com/") to one
// canonical form without a trailing slash, and the host used in image references.
export function normalizeRegistryUrl(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const u = new URL(withScheme);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    if (u.username || u.password || u.search || u.hash) return undefined;
    if (!/^[a-z0-9.-]+$/i.test(u.hostname) && !u.hostname.startsWith('[')) return undefined;
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.protocol}//${u.host}${path}`;
  } catch {
    return undefined;
  }
}

/** "https://r.example.com:5000" -> "r.example.com:5000" (as in image references). */
export function registryHost(url: string): string {
  const n = normalizeRegistryUrl(url);
  return n ? new URL(n).host : url;
}
