// Served mode's stand-in for the preload: the same DockhandApi (createApiClient from
// common/index.ts) over `POST /api/<channel>` with the per-run token. The token arrives in
// the URL fragment (#token=...), is kept in sessionStorage for reloads and removed from
// the address bar.
import { createApiClient, type DockhandApi } from '../common';

const TOKEN_KEY = 'dockhand.servedToken';

export function readServedToken(): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function createHttpBridge(token: string): DockhandApi {
  return createApiClient(async (channel, args) => {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ args }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return { error: { name: 'Disconnected', message: 'The Dockhand server is not reachable. Is `npm run serve` still running?' } };
    }
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('application/json'))
      return { error: { name: 'HttpError', status: res.status, message: `Dockhand server answered ${res.status} ${res.statusText}.` } };
    return res.json();
  });
}
