// The one concurrency limiter of Dockhand (registry client, ops, clean-up, attachments): at most
// `limit` tasks in flight, whatever nests inside what (repositories, tags, index children, configs).
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Limiter {
  const max = Math.max(1, Math.floor(limit));
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) next();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/**
 * Run `fn` over `items` with at most `limit` in flight (or through a Limiter shared with other work), keeping order.
 * After a failure no further item is started (the result rejects with that failure).
 */
export function mapLimit<T, R>(items: readonly T[], limit: number | Limiter, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const run = typeof limit === 'function' ? limit : createLimiter(limit);
  let failed = false;
  return Promise.all(
    items.map((item, i) =>
      run(async () => {
        if (failed) return undefined as R; // never seen: Promise.all has already rejected
        try {
          return await fn(item, i);
        } catch (err) {
          failed = true;
          throw err;
        }
      }),
    ),
  );
}
