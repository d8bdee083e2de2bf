// An overall deadline for one operation (a listing, an inspect, a copy): an AbortSignal that
// aborts when the caller's signal does or when the time is up, whichever comes first. Every
// request, retry wait and body read of the operation takes that one signal, so a server that
// trickles a byte a second or stops mid-answer cannot hold the operation past its deadline.
// Front ends pick the time (the CLI: --timeout / DOCKHAND_TIMEOUT) and the hint shown with it.

/** The reason a deadline signal aborts with. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  readonly code = 'DEADLINE_EXCEEDED';
  /** The deadline as people read it: "30 s", "10 min". */
  readonly limit: string;
  constructor(
    readonly ms: number,
    readonly hint?: string,
  ) {
    super(`the operation did not finish within its ${formatSeconds(ms)} deadline${hint ? `; ${hint}` : ''}`);
    this.limit = formatSeconds(ms);
  }
}

export interface Deadline {
  signal: AbortSignal;
  /** Stop the timer (call when the operation ends). */
  clear(): void;
}

/** A signal that aborts with `parent`'s reason, or with a DeadlineError after `ms`. */
export function withDeadline(parent: AbortSignal | undefined, ms: number, hint?: string): Deadline {
  const controller = new AbortController();
  const onParent = () => controller.abort(parent!.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParent, { once: true });
  const timer = setTimeout(() => controller.abort(new DeadlineError(ms, hint)), ms);
  timer.unref?.();
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onParent);
    },
  };
}

/** The DeadlineError a signal aborted with, if that is why it aborted. */
export function deadlineOf(signal: AbortSignal | undefined): DeadlineError | undefined {
  return signal?.aborted && signal.reason instanceof DeadlineError ? signal.reason : undefined;
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
