// The links the app itself may open in the user's browser (Electron's setWindowOpenHandler
// asks here). Only exact pages Dockhand links to: any other URL a page could try to open
// (a registry's text, a crafted label) is denied. Never imports electron.

/** The app's own external links, by origin + path (a #fragment is allowed, a query is not). */
export const APP_LINKS: readonly string[] = [
  'https://distribution.github.io/distribution/about/configuration/',
  'https://distribution.github.io/distribution/about/garbage-collection/',
];

/** Whether `url` is one of the app's own links. */
export function isAppLink(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.search) return false;
  return APP_LINKS.includes(`${u.origin}${u.pathname}`);
}
