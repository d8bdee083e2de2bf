// Node's argument parser (util.parseArgs) throws messages written for programmers ("Unknown
// option '--foo'. To specify a positional argument starting with a '-', place it at the end of
// the command after '--', ..."). This turns them into one short line that names the option and,
// for a misspelling, the option that was probably meant.
import type { ParseArgsConfig } from 'node:util';
import { didYouMean } from '../config/did-you-mean';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The user-facing line for a parseArgs error, or undefined when `err` is not one. */
export function parseArgsMessage(err: unknown, options: Options): string | undefined {
  const code = (err as { code?: unknown })?.code;
  const message = String((err as { message?: unknown })?.message ?? '');
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const quoted = /'(-{1,2}[^' <]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) {
    const names = Object.keys(options).map((n) => `--${n}`);
    const guess = didYouMean(quoted.replace(/=.*$/, ''), names);
    return `unknown option ${quoted}${guess ? ` (did you mean ${guess}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) {
    if (/ambiguous/.test(message)) return `${quoted} needs a value (for a value that starts with "-", write ${quoted}=-VALUE)`;
    return /argument missing/.test(message) ? `${quoted} needs a value` : `${quoted} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'too many arguments';
  return message.split('\n')[0]!.split('. ')[0];
}
