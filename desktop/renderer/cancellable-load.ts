// The logic of a load the user can cancel, apart from the DOM (ui.ts `loadInto` draws it):
// a newer load into the same place, or Cancel, makes the running one stale; a stale answer
// (or failure) is dropped and reported as CANCELLED, so it never overwrites what is on screen.

/** What a load answers when the user pressed Cancel (or a newer load into the same place took over). */
export const CANCELLED: unique symbol = Symbol('cancelled');

export interface CancellableLoad {
  start(): number;
  cancel(): void;
  current(token: number): boolean;
}

/**
 * A load the user can cancel: `start()` returns a token; `cancel()` makes the token stale so
 * a late answer is dropped (the main process gives up on its own first-byte timeout).
 */
export function cancellableLoad(): CancellableLoad {
  let seq = 0;
  return {
    start: () => ++seq,
    cancel: () => {
      seq++;
    },
    current: (token) => token === seq,
  };
}

/** What a load shows while it runs (with its Cancel) and after Cancel. */
export interface LoadScreen {
  busy(cancel: () => void): void;
  cancelled(): void;
}

const loadsByPlace = new WeakMap<object, CancellableLoad>();

/** Runs `work` as the one current load of `place`: answers its value, or CANCELLED when cancelled or superseded. */
export async function runLoad<T>(place: object, screen: LoadScreen, work: () => Promise<T>): Promise<T | typeof CANCELLED> {
  let load = loadsByPlace.get(place);
  if (!load) loadsByPlace.set(place, (load = cancellableLoad()));
  const loads = load;
  const token = loads.start();
  screen.busy(() => {
    if (!loads.current(token)) return;
    loads.cancel();
    screen.cancelled();
  });
  try {
    const value = await work();
    return loads.current(token) ? value : CANCELLED;
  } catch (err) {
    if (!loads.current(token)) return CANCELLED;
    throw err;
  }
}
