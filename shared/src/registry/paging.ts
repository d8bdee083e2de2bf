// One loop for the registry's Link-paged lists (the catalog and a repository's tags): pages
// streamed as they come, each size-capped and checked by a PageGuard (loops, repeats, no end).
import type { Transport, TransportResponse } from '../transport/transport';
import { nextLink } from './link-header';
import { PageGuard, MAX_PAGE_BYTES } from './page-guard';
import { MAX_PAGE, invalid, parseJsonObject, readLimited } from './wire';

export interface PagedList {
  host: string;
  repository?: string;
  /** The list's path without the page size: "/v2/_catalog", "/v2/team/app/tags/list". */
  path: string;
  /** The JSON array holding the entries: "repositories", "tags". */
  field: string;
  /** For messages: "the catalog", "the tag list". */
  name: string;
  /** For the size cap's message: "catalog page", "tag list page". */
  pageName: string;
  /** For the PageGuard's messages: "the tag list of host/repo". */
  guardName: string;
  /** For request errors: "listing the tags of host/repo". */
  what: string;
  scopes: string[];
  /** Entries per page; at most 1000. */
  pageSize?: number;
  signal?: AbortSignal;
  /** A failed page request: the path to ask instead, or throw (default: rethrow). `first`: no page has been read yet. */
  onError?: (err: unknown, path: string, first: boolean) => string;
}

export async function* listPages(transport: Transport, list: PagedList): AsyncIterable<string[]> {
  const n = Math.max(1, Math.min(MAX_PAGE, list.pageSize ?? MAX_PAGE));
  let path: string | undefined = `${list.path}?n=${n}`;
  const guard = new PageGuard(list.guardName, list.host, list.repository);
  let first = true;
  while (path) {
    guard.visit(path);
    let res: TransportResponse;
    try {
      res = await transport.request({
        method: 'GET',
        path,
        ...(list.repository !== undefined ? { repository: list.repository } : {}),
        scopes: list.scopes,
        signal: list.signal,
        what: list.what,
      });
    } catch (err) {
      if (!list.onError) throw err;
      path = list.onError(err, path, first);
      first = false;
      continue;
    }
    first = false;
    const raw = await readLimited(res, MAX_PAGE_BYTES, list.host, list.repository, list.pageName);
    guard.page(raw);
    const json = parseJsonObject(raw, list.host, list.repository, list.name);
    const entries = (json as Record<string, unknown>)[list.field];
    if (entries !== null && entries !== undefined && !Array.isArray(entries))
      throw invalid(list.host, list.repository, `${list.name} has no "${list.field}" array`);
    const page = ((entries ?? []) as unknown[]).filter((e): e is string => typeof e === 'string');
    guard.count(page.length);
    const next = nextLink(res.headers.link, res.url);
    path = next ? next.pathname + next.search : undefined;
    if (page.length) yield page;
  }
}

/** Every entry of all pages (one push per entry: push(...page) overflows the stack on a page of a few hundred thousand). */
export async function collectPages(pages: AsyncIterable<string[]>): Promise<string[]> {
  const out: string[] = [];
  for await (const page of pages) for (const e of page) out.push(e);
  return out;
}
