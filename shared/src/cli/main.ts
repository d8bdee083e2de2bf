// `dockhand` entry point: dispatch to a sub-command, one-line errors, non-zero exit on failure.
// The one boundary of the CLI's output: every error goes through redact() (remembered
// secrets and secret shapes), and all human output is escaped for the terminal; --json
// (and `lint --format json`) output stays exact.
import { parseArgs } from 'node:util';
import { setMaxListeners } from 'node:events';
import { redact } from '../credentials/redact';
import { terminalOutput } from './terminal-output';
import { commands } from './commands/index';
import { UsageError, type CliContext, type Command } from './command';
import { resolveCommand } from './lazy-command';
import { parseArgsMessage } from './parse-errors';
import { joinDashValues } from './dash-values';
import { onBrokenPipe } from './broken-pipe';
import { takeTimeout, TIMEOUT_HINT } from './deadline-flag';
import { helpText } from './help-text';
import { withDeadline, deadlineOf } from '../transport/deadline';
import { flushPendingWrites } from '../registry/pending-writes';

/** After the deadline, how long a command gets to unwind (close sockets, print its error) before main ends it. */
const DEADLINE_GRACE_MS = 3_000;

/** The one-line form of a failure, safe to print: first line only, secrets redacted. */
export function errorLine(err: unknown): string {
  const e = err as Error | undefined;
  return redact((e && e.message ? e.message : String(err)).split('\n')[0]!);
}

export async function main(argv: string[], rawCtx: CliContext): Promise<number> {
  const ctx: CliContext = {
    ...rawCtx,
    stdout: terminalOutput(rawCtx.stdout, { exact: false }),
    stderr: terminalOutput(rawCtx.stderr, { exact: false, redactSecrets: true }),
  };
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    ctx.stdout.write(helpText() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    ctx.stdout.write('dockhand 0.1.0\n');
    return 0;
  }
  const entry: Command | undefined = commands.find((c) => c.name === name);
  if (!entry) {
    ctx.stderr.write(`dockhand: unknown command "${name}". Run \`dockhand help\` for the list.\n`);
    return 2;
  }
  // Commands are loaded on dispatch (commands/index.ts), with only their dependencies.
  let command: Command;
  try {
    command = await resolveCommand(entry);
  } catch (err) {
    ctx.stderr.write(`dockhand ${name}: cannot load the command: ${errorLine(err)}\n`);
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    ctx.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  let deadline: ReturnType<typeof withDeadline> | undefined;
  try {
    const timed = takeTimeout(command.name, rest, ctx.env);
    const parsed = parseArgs({ args: joinDashValues(timed.args, command.options ?? {}), options: command.options ?? {}, allowPositionals: true, strict: true });
    const exact = parsed.values.json === true || parsed.values.format === 'json';
    deadline = withDeadline(ctx.signal, timed.ms, TIMEOUT_HINT);
    const signal = deadline.signal;
    // The command's requests all listen on this signal (bounded concurrency, never one per tag): as on the process signal.
    setMaxListeners(64, signal);
    const commandCtx: CliContext = exact ? { ...ctx, stdout: terminalOutput(rawCtx.stdout, { exact: true }), signal } : { ...ctx, signal };
    const running = command.run({ positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> }, commandCtx);
    // A command that ignores its signal past the deadline is not waited for.
    let graceTimer: NodeJS.Timeout | undefined;
    const overrun = new Promise<never>((_, reject) => {
      signal.addEventListener(
        'abort',
        () => {
          if (deadlineOf(signal)) graceTimer = setTimeout(() => reject(signal.reason), DEADLINE_GRACE_MS);
        },
        { once: true },
      );
    });
    running.catch(() => undefined);
    try {
      return await Promise.race([running, overrun]);
    } finally {
      clearTimeout(graceTimer);
    }
  } catch (thrown) {
    // Past the deadline, whatever the command threw on the way out is reported as the deadline (unless it says so already).
    const passed = deadlineOf(deadline?.signal);
    const err = passed && (thrown as { code?: unknown })?.code !== 'TIMEOUT' ? passed : thrown;
    const e = err as Error & { code?: string };
    const isUsage = e instanceof UsageError || (typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'));
    const message = parseArgsMessage(e, command.options ?? {}) ?? errorLine(err);
    ctx.stderr.write(`dockhand ${command.name}: ${redact(message)}${isUsage ? `\nUsage: ${command.usage}` : ''}\n`);
    return isUsage ? 2 : 1;
  } finally {
    deadline?.clear();
    await flushPendingWrites(); // what the command saw, for later commands (e.g. blobs to mount)
  }
}

export function runFromProcess(): void {
  const controller = new AbortController();
  // Every request of a command listens on this one signal while it runs (Cancel on Ctrl+C).
  // Concurrency is bounded (a few repositories, 8 requests each), never one per tag, so more
  // than Node's default of 10 listeners is expected, not a leak.
  setMaxListeners(64, controller.signal);
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error('cancelled'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The reader of our output went away (`| head`): cancel whatever runs and exit, no stack trace.
  const brokenPipe = () => {
    controller.abort(new Error('output closed'));
    process.exit(0);
  };
  onBrokenPipe(process.stdout, brokenPipe);
  onBrokenPipe(process.stderr, brokenPipe);
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, signal: controller.signal })
    .then((code) => {
      process.exitCode = code;
      // After a failure (a deadline passed, a helper timed out), leftovers such as a socket or a helper's pipe do not
      // keep the process alive: it ends a second later unless it has ended by itself.
      if (code !== 0) setTimeout(() => process.exit(code), 1000).unref();
    })
    .catch((err) => {
      terminalOutput(process.stderr, { exact: false, redactSecrets: true }).write(`dockhand: ${errorLine(err)}\n`);
      process.exitCode = 1;
    });
}
