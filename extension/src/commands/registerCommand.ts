// The one way the extension registers a command: `commandRegistrar(log, tree)` gives a
// `command(COMMANDS.x, handler, failures?)` that
//   - with `failures` (what the command does, in words, and when the caller is a program):
//     shows a failure to the person who ran it, worded for the editor with the fix as a button
//     and Retry (errors/showFailure.ts), and throws it to a programmatic caller;
//   - always logs a failure that reaches the caller to the "Dockhand" channel, redacted
//     (log.ts runs every line through the shared redact()), then throws it on unchanged.
import * as vscode from 'vscode';
import type { Log } from '../log';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import { reportingFailures, type FailureContext } from '../errors/showFailure';
import { COMMANDS, type CommandId } from './commandIds';
import { withoutSelectionList } from '../tree/selection';

/**
 * Commands that act on every selected item of the Registries view. VS Code passes any
 * context-menu command (clicked item, every selected item); the others get only the item.
 */
const ON_SELECTION = new Set<CommandId>([COMMANDS.deleteTag, COMMANDS.untag]);

export interface FailureOptions<A extends unknown[]> {
  /** The action in words and its registry, for the notification; undefined: just throw. */
  describe: (...args: A) => Omit<FailureContext, 'retry'> | undefined;
  /** True when a program (a test, another extension) passed its own arguments: it gets the error. */
  programmatic: (...args: A) => boolean;
}

export type RegisterCommand = <A extends unknown[], R>(
  id: CommandId,
  handler: (...args: A) => R | Promise<R>,
  failures?: FailureOptions<A>,
) => vscode.Disposable;

/** `tree` finds the failing registry for the fix button (needed by commands with `failures`). */
export function commandRegistrar(log: Log, tree?: RegistriesTreeProvider): RegisterCommand {
  return <A extends unknown[], R>(id: CommandId, handler: (...args: A) => R | Promise<R>, failures?: FailureOptions<A>) => {
    if (failures && !tree) throw new Error(`${id}: showing failures needs the Registries tree`);
    const run =
      failures && tree
        ? reportingFailures(tree, log, failures.describe, failures.programmatic, async (...args: A) => handler(...args))
        : async (...args: A) => handler(...args);
    return vscode.commands.registerCommand(id, async (...given: A) => {
      const args = ON_SELECTION.has(id) ? given : withoutSelectionList(given);
      try {
        return await run(...args);
      } catch (err) {
        log.error(`${id} failed`, err);
        throw err;
      }
    });
  };
}
