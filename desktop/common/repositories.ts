// The repositories namespace of DockhandApi (see index.ts).
import { arg, type MethodArgs } from './args';

/** One page of a registry's catalog, as the registry sent it (Link paging). */
export interface CatalogPage {
  names: string[];
  /** Set while more pages follow: pass it to `page` for the next one (or to `stopPaging`). Absent on the last page. */
  cursor?: string;
}

export interface RepositoriesApi {
  /** Every repository (follows catalog paging past the 1000 cap). */
  list(registryId: string): Promise<string[]>;
  /**
   * The catalog a page at a time, so a screen can show the first page (and a count so far) while the rest arrive.
   * Without `cursor`: the first page. With the `cursor` of the previous page: the next one.
   */
  page(registryId: string, cursor?: string): Promise<CatalogPage>;
  /** Stop reading the catalog behind `cursor` (Cancel, or the screen went away). */
  stopPaging(cursor: string): Promise<void>;
}

export const REPOSITORIES_METHODS = {
  list: [['registryId', arg.registryId]],
  page: [
    ['registryId', arg.registryId],
    ['cursor', arg.optional(arg.id)],
  ],
  stopPaging: [['cursor', arg.id]],
} as const satisfies MethodArgs<RepositoriesApi>;
