// Limits for Link-paged lists (catalog, tags): a registry that pages in a loop, repeats a page
// under new URLs (`last=` values that change but content that does not), or pages without end
// is stopped with an error that says which, instead of being read for ever.
import { createHash } from 'node:crypto';
import { RegistryError } from '../transport/registry-error';

/** Bytes of one page read at the most (130,000 tags in one page are about 2 MB). */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** Bytes of all pages of one list read at the most. */
export const MAX_LIST_BYTES = 128 * 1024 * 1024;
/** Entries of one list at the most (repositories or tags). */
export const MAX_LIST_ENTRIES = 2_000_000;

export class PageGuard {
  private readonly urls = new Set<string>();
  private readonly contents = new Set<string>();
  private pages = 0;
  private bytes = 0;
  private entries = 0;

  constructor(
    private readonly what: string,
    private readonly host: string,
    private readonly repository?: string,
  ) {}

  /** Before requesting `path`: a URL already requested means the registry pages in a loop. */
  visit(path: string): void {
    if (this.urls.has(path)) throw this.error(`${this.what}: the registry's next-page link leads back to a page already read (${this.pages} pages read)`);
    this.urls.add(path);
  }

  /** After reading a page's bytes: the same page again under another URL, or over the total caps, ends the listing. */
  page(raw: Buffer): void {
    this.pages++;
    this.bytes += raw.length;
    if (this.bytes > MAX_LIST_BYTES) throw this.error(`${this.what} is larger than ${MAX_LIST_BYTES} bytes over ${this.pages} pages; stopped reading`);
    if (raw.length === 0) return;
    const hash = createHash('sha256').update(raw).digest('hex');
    if (this.contents.has(hash))
      throw this.error(`${this.what}: page ${this.pages} repeats an earlier page under a new link; the registry's paging does not advance`);
    this.contents.add(hash);
  }

  /** After parsing a page: its entry count against the total cap. */
  count(n: number): void {
    this.entries += n;
    if (this.entries > MAX_LIST_ENTRIES) throw this.error(`${this.what} has more than ${MAX_LIST_ENTRIES} entries over ${this.pages} pages; stopped reading`);
  }

  private error(summary: string): RegistryError {
    return new RegistryError({
      code: 'INVALID_RESPONSE',
      host: this.host,
      repository: this.repository,
      summary,
      fix: 'The registry\'s paging (Link: rel="next") is broken or hostile; report it to its admin. Nothing was changed.',
    });
  }
}
