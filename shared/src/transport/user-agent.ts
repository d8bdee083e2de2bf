// The User-Agent every Dockhand front end sends to registries: `dockhand/<version>` (CLI and
// library), `dockhand-vscode/<version>`, `dockhand-desktop/<version>`. Distinct on purpose: the
// event receiver leaves Dockhand's own reads (tag lists, inspect, manifest GETs) out of last-pulled.

export const DOCKHAND_VERSION = '0.1.0';

export type DockhandProduct = 'cli' | 'vscode' | 'desktop';

export function dockhandUserAgent(product: DockhandProduct = 'cli'): string {
  return product === 'cli' ? `dockhand/${DOCKHAND_VERSION}` : `dockhand-${product}/${DOCKHAND_VERSION}`;
}

/** Whether a request's User-Agent is one of Dockhand's own (any version, any front end). */
export function isDockhandUserAgent(ua: string | undefined): boolean {
  return /^dockhand(-[a-z]+)?\//i.test(ua ?? '');
}

/** The same test in SQL (SQLite and PostgreSQL), on a column that may be NULL. */
export function dockhandUserAgentSql(column: string): string {
  return `(lower(coalesce(${column}, '')) LIKE 'dockhand/%' OR lower(coalesce(${column}, '')) LIKE 'dockhand-%/%')`;
}
