// Deep links: the current screen as the URL fragment (#/registry/<id>/<repository>/<tag>),
// so reload, back and forward keep the place. Pure; unit-tested in Node (route-url.test.ts).
import type { Route } from './app-context';

export function routeToHash(route: Route): string {
  switch (route.view) {
    case 'registry': {
      const parts = ['#/registry', encodeURIComponent(route.registryId)];
      if (route.repository) parts.push(encodeURIComponent(route.repository));
      if (route.repository && route.reference) parts.push(encodeURIComponent(route.reference));
      return parts.join('/');
    }
    case 'welcome':
      return '#/';
    default:
      return `#/${route.view}`;
  }
}

/** The route a fragment names, or undefined when it names none (the token fragment, garbage). */
export function hashToRoute(hash: string): Route | undefined {
  const m = /^#\/(.*)$/.exec(hash);
  if (!m) return undefined;
  let parts: string[];
  try {
    parts = m[1]
      .split('/')
      .filter((p) => p !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [view, ...rest] = parts;
  if (view === undefined) return { view: 'welcome' };
  if (view === 'local' || view === 'credentials' || view === 'config' || view === 'activity') return rest.length ? undefined : { view };
  if (view === 'registry' && rest.length >= 1 && rest.length <= 3) {
    const [registryId, repository, reference] = rest;
    return { view: 'registry', registryId, ...(repository ? { repository } : {}), ...(reference ? { reference } : {}) };
  }
  return undefined;
}
