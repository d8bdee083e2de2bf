// The text of `dockhand help`: the command list (names and summaries only, no command loaded).
import { commands } from './commands/index';
import { TIMEOUT_USAGE } from './deadline-flag';

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    'dockhand: browse, copy, retag, clean up and configure Docker/OCI registries',
    '',
    'Usage: dockhand <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run `dockhand <command> --help` for a command's options.",
    `Every command takes ${TIMEOUT_USAGE}.`,
  ].join('\n');
}
