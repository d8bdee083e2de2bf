// A registry's catalog, handed to the renderer a page at a time (IPC is request/answer, so the
// stream lives here): the first call starts the Link-paged read and answers its first page with
// a cursor; each next call with that cursor answers the following page and a fresh cursor. A
// cursor is used once, belongs to one registry, and is dropped when the read ends, when it is
// stopped (Cancel) or when nobody asked for the next page for a while.
import { randomUUID } from 'node:crypto';
import type { CatalogPage } from '../common';
import { BadInputError } from './bad-input';

interface Reading {
  registryId: string;
  pages: AsyncIterator<string[]>;
  /** The next page, asked for as soon as the previous one was answered (the registry works while the screen renders). */
  ahead?: Promise<IteratorResult<string[]>>;
  abort: AbortController;
  idle?: NodeJS.Timeout;
}

export class CatalogPaging {
  private readonly readings = new Map<string, Reading>();

  /** `idleMs`: how long a read waits for its next page to be asked for before it is dropped. */
  constructor(private readonly idleMs = 120_000) {}

  /** Start reading: `open(signal)` gives the pages; answers the first. */
  first(registryId: string, open: (signal: AbortSignal) => AsyncIterable<string[]>): Promise<CatalogPage> {
    const abort = new AbortController();
    const pages = open(abort.signal)[Symbol.asyncIterator]();
    return this.pull({ registryId, pages, abort });
  }

  /** The page after `cursor`'s. */
  async next(registryId: string, cursor: string): Promise<CatalogPage> {
    const reading = this.take(cursor);
    if (!reading || reading.registryId !== registryId) {
      if (reading) this.end(reading);
      throw new BadInputError('This repository list was stopped or has timed out. Reload the repositories.', 'cursor');
    }
    return this.pull(reading);
  }

  stop(cursor: string): void {
    const reading = this.take(cursor);
    if (reading) this.end(reading);
  }

  /** Reads in progress (for tests). */
  get open(): number {
    return this.readings.size;
  }

  private async pull(reading: Reading): Promise<CatalogPage> {
    clearTimeout(reading.idle);
    let step: IteratorResult<string[]>;
    try {
      step = await (reading.ahead ?? reading.pages.next());
    } catch (err) {
      this.end(reading);
      throw err;
    }
    if (step.done) return { names: [] };
    reading.ahead = reading.pages.next();
    reading.ahead.catch(() => {}); // seen by the next call (or dropped with the read)
    const cursor = randomUUID();
    reading.idle = setTimeout(() => this.stop(cursor), this.idleMs);
    reading.idle.unref?.();
    this.readings.set(cursor, reading);
    return { names: step.value, cursor };
  }

  private take(cursor: string): Reading | undefined {
    const reading = this.readings.get(cursor);
    this.readings.delete(cursor);
    return reading;
  }

  private end(reading: Reading): void {
    clearTimeout(reading.idle);
    reading.abort.abort();
    void reading.pages.return?.().catch(() => {});
  }
}
