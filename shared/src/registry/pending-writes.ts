// Caches that write to disk in the background (the blob-holders cache) register their flush
// here; a short-lived process (the CLI) awaits flushPendingWrites() before it ends. Kept free of
// imports so the CLI's start does not load the caches themselves.
const flushers = new Set<() => Promise<void>>();

export function registerFlush(flush: () => Promise<void>): void {
  flushers.add(flush);
}

/** Write whatever the registered caches hold (each flush never throws). */
export async function flushPendingWrites(): Promise<void> {
  await Promise.all([...flushers].map((f) => f()));
}
