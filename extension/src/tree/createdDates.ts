// Image creation dates for sorting tags by date, cached per tag and fetched with bounded
// concurrency, so a repository with thousands of tags is never inspected all at once.
// Keys are `${scope}|${tag}` (scope: `${registryUrl}|${repo}`); forget(prefix) drops them.

/** Fetches one tag's creation date (undefined when the image has none). */
export type FetchCreated = (tag: string) => Promise<string | undefined>;

export class CreatedDates {
  private readonly cache = new Map<string, string | undefined>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly waiting: Array<() => void> = [];
  private active = 0;

  constructor(private readonly concurrency = 4) {
    if (!(concurrency >= 1)) throw new Error(`concurrency must be at least 1, got ${concurrency}`);
  }

  /** Tags of `tags` whose date is not cached yet (loading or never asked for). */
  missing(scope: string, tags: readonly string[]): string[] {
    return tags.filter((t) => !this.cache.has(`${scope}|${t}`));
  }

  /** The dates cached so far (tags not loaded yet map to undefined). */
  known(scope: string, tags: readonly string[]): Map<string, string | undefined> {
    return new Map(tags.map((t) => [t, this.cache.get(`${scope}|${t}`)]));
  }

  /**
   * Loads the dates missing for `tags`, at most `concurrency` fetches at a time across all
   * scopes; a tag already being fetched is not fetched twice. A failed fetch caches
   * undefined (the tag sorts after the dated ones). Resolves when all are cached.
   */
  load(scope: string, tags: readonly string[], fetch: FetchCreated): Promise<void> {
    return Promise.all(
      this.missing(scope, tags).map((tag) => {
        const key = `${scope}|${tag}`;
        let p = this.inflight.get(key);
        if (!p) {
          const started: Promise<void> = this.limited(() => fetch(tag))
            .then(
              (created) => {
                if (this.inflight.get(key) === started) this.cache.set(key, created);
              },
              () => {
                if (this.inflight.get(key) === started) this.cache.set(key, undefined);
              },
            )
            .finally(() => {
              if (this.inflight.get(key) === started) this.inflight.delete(key);
            });
          p = started;
          this.inflight.set(key, p);
        }
        return p;
      }),
    ).then(() => undefined);
  }

  /** Forgets cached and in-flight dates whose key starts with `prefix` ('' forgets all). */
  forget(prefix: string): void {
    for (const key of [...this.cache.keys()]) if (key.startsWith(prefix)) this.cache.delete(key);
    for (const key of [...this.inflight.keys()]) if (key.startsWith(prefix)) this.inflight.delete(key);
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.concurrency) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the slot is handed over
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
