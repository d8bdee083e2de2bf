// A registry's catalog as it arrives: the first page is shown at once, the rest stream in a page
// at a time (repositories.page, Link paging in the main process) and every page updates the
// count so far and the filter index. In the registry's own order (distribution's is lexical);
// a name a registry repeats across pages is kept once.
import type { DockhandApi } from '../common';
import { buildFilterIndex, type FilterIndex } from './repo-filter';

export class CatalogStream {
  readonly names: string[] = [];
  index: FilterIndex = buildFilterIndex([]);
  /** Every page has arrived. */
  complete = false;
  /** The user stopped the read (what has arrived stays). */
  stopped = false;
  /** A page after the first failed (what has arrived stays). */
  error: unknown;
  /** Called after each page, and when the read ends, stops or fails. */
  onChange: (() => void) | undefined;
  private cursor: string | undefined;
  private readonly seen = new Set<string>();

  constructor(
    private readonly api: DockhandApi['repositories'],
    readonly registryId: string,
  ) {}

  /** Reads the first page (a failure rejects), then keeps reading the rest in the background. */
  async start(): Promise<void> {
    this.add(await this.api.page(this.registryId));
    void this.readRest();
  }

  /** Stop reading (Cancel, or the list was dropped). */
  stop(): void {
    if (this.complete || this.stopped) return;
    this.stopped = true;
    const cursor = this.cursor;
    this.cursor = undefined;
    if (cursor) void this.api.stopPaging(cursor).catch(() => {});
    this.onChange?.();
  }

  private add(page: { names: string[]; cursor?: string }): void {
    for (const n of page.names) {
      if (this.seen.has(n)) continue;
      this.seen.add(n);
      this.names.push(n);
    }
    this.index = buildFilterIndex(this.names);
    this.cursor = page.cursor;
    this.complete = !page.cursor;
  }

  private async readRest(): Promise<void> {
    while (this.cursor && !this.stopped) {
      try {
        const page = await this.api.page(this.registryId, this.cursor);
        if (this.stopped) {
          // Stopped while this page was on its way: its cursor is the live one now.
          if (page.cursor) void this.api.stopPaging(page.cursor).catch(() => {});
          return;
        }
        this.add(page);
      } catch (err) {
        if (this.stopped) return;
        this.error = err;
        this.cursor = undefined;
      }
      this.onChange?.();
    }
  }
}

/** How far a catalog read got: still reading, every page in, or stopped/failed part-way. */
export type CatalogProgress = 'reading' | 'complete' | 'partial';

export function catalogProgress(stream: CatalogStream): CatalogProgress {
  return stream.complete ? 'complete' : stream.stopped || stream.error !== undefined ? 'partial' : 'reading';
}

/** The count beside "Repositories": "10,000", "20 of 10,000"; "… so far" while pages arrive; "… the first 3,000" after a stop. */
export function repoCountLabel(shown: number, total: number, filtered: boolean, progress: CatalogProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const all = progress === 'complete' ? n(total) : progress === 'reading' ? `${n(total)} so far` : `${filtered ? 'the ' : ''}first ${n(total)}`;
  return filtered ? `${n(shown)} of ${all}` : all;
}
