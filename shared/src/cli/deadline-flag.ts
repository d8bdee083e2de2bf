// Every `dockhand` command runs under an overall deadline: `--timeout DURATION` (any command),
// else DOCKHAND_TIMEOUT, else 30 minutes (6 hours for the transfers cp, push and pull). The
// command's signal aborts when it is up; a command that does not unwind within a short grace is
// ended by main with the deadline's message.
import { parseDuration, DurationError } from '../cleanup/duration';
import { UsageError } from './command';

export const DEFAULT_TIMEOUT_MS = 30 * 60_000;
export const TRANSFER_TIMEOUT_MS = 6 * 3_600_000;
const TRANSFERS = new Set(['cp', 'push', 'pull']);
export const TIMEOUT_HINT = 'give it more time with --timeout (e.g. --timeout 2h) or DOCKHAND_TIMEOUT';
export const TIMEOUT_USAGE = '--timeout DURATION (any command; default 30m, 6h for cp/push/pull)';

function parse(text: string, from: string): number {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch (err) {
    if (err instanceof DurationError) throw new UsageError(`${from}: ${err.message}`);
    throw err;
  }
  if (!(ms > 0)) throw new UsageError(`${from} must be longer than 0 (e.g. 90s, 10m, 2h)`);
  return ms;
}

/** The args without a global `--timeout D` / `--timeout=D`, and the deadline in ms. */
export function takeTimeout(command: string, args: string[], env: NodeJS.ProcessEnv): { args: string[]; ms: number } {
  const rest: string[] = [];
  let flag: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      for (const x of args.slice(i)) rest.push(x);
      break;
    }
    if (a === '--timeout') {
      if (i + 1 >= args.length) throw new UsageError('--timeout needs a duration (e.g. 90s, 10m, 2h)');
      flag = args[++i]!;
    } else if (a.startsWith('--timeout=')) {
      flag = a.slice('--timeout='.length);
    } else {
      rest.push(a);
    }
  }
  if (flag !== undefined) return { args: rest, ms: parse(flag, '--timeout') };
  if (env.DOCKHAND_TIMEOUT) return { args: rest, ms: parse(env.DOCKHAND_TIMEOUT, 'DOCKHAND_TIMEOUT') };
  return { args: rest, ms: TRANSFERS.has(command) ? TRANSFER_TIMEOUT_MS : DEFAULT_TIMEOUT_MS };
}
