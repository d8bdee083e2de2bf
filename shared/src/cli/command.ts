// The shape of one `dockhand` sub-command. Each command lives in its own file under
// commands/ and is listed in commands/index.ts; main.ts parses argv and dispatches.
import type { ParseArgsConfig } from 'node:util';

export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM: long operations must honour it. */
  signal: AbortSignal;
}

export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

export interface ParsedArgs {
  positionals: string[];
  values: OptionValues;
}

export interface Command {
  name: string;
  /** One line for `dockhand help`. */
  summary: string;
  /** e.g. "dockhand tags REPO [--json]" */
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Returns the process exit code. Throw CliError (or any Error) for a one-line failure. */
  run(args: ParsedArgs, ctx: CliContext): Promise<number>;
}

/** A failure the user caused (bad arguments): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Print JSON for --json output. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
