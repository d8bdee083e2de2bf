// Shows a failed command to the person who ran it: an error notification worded for the
// editor (failureWording.ts) with the fix as a button, and Retry where the command can run
// again. A programmatic caller (a test, another extension passing its own arguments) gets the
// error thrown instead, as before.
import * as vscode from 'vscode';
import { isRegistryError } from '@dockhand/shared/registry';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { RegistryTarget } from '../registry/registryApi';
import type { Log } from '../log';
import { wordFailure, type FailureWording } from './failureWording';

export interface FailureContext {
  /** The action in words: "Copying team/app:1.2.0". */
  what: string;
  /** The registry the command worked on (the failing one is looked up by the error's host first). */
  target?: RegistryTarget;
  /** Runs the command again with the same arguments. */
  retry?: () => unknown;
}

export async function showFailure(err: unknown, ctx: FailureContext, tree: RegistriesTreeProvider, log: Log): Promise<void> {
  log.error(ctx.what, err);
  const target = (isRegistryError(err) ? tree.registryNode(err.host)?.target : undefined) ?? ctx.target;
  await showWording(wordFailure(ctx.what, err), { ...ctx, ...(target ? { target } : {}) });
}

/** Shows an already worded failure: its fix as a button (given the registry it acts on), and Retry. */
export async function showWording(wording: FailureWording, ctx: FailureContext): Promise<void> {
  if (!wording.show) return;
  const target = ctx.target;
  const buttons: string[] = [];
  if (wording.action && target) buttons.push(wording.action.title);
  if (ctx.retry) buttons.push('Retry');
  const picked = await vscode.window.showErrorMessage(wording.message, ...buttons);
  if (picked === 'Retry') await ctx.retry?.();
  else if (picked && wording.action && target) await vscode.commands.executeCommand(wording.action.command, { kind: 'registry', target });
}

/**
 * `fn` as a command: a failure is shown (see showFailure) unless `programmatic(...args)` says
 * the caller passed its own arguments, in which case it is thrown to that caller.
 */
export function reportingFailures<A extends unknown[], R>(
  tree: RegistriesTreeProvider,
  log: Log,
  describe: (...args: A) => Omit<FailureContext, 'retry'> | undefined,
  programmatic: (...args: A) => boolean,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R | undefined> {
  const run = async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (err) {
      const ctx = describe(...args);
      if (programmatic(...args) || !ctx) throw err;
      void showFailure(err, { ...ctx, retry: () => run(...args) }, tree, log);
      return undefined;
    }
  };
  return run;
}
