// Entry point: wires the views, commands, webviews and the config linter. Activation time
// is logged to the "Dockhand" output channel (no timing is asserted anywhere).
import * as vscode from 'vscode';
import { createLog } from './log';
import { RegistriesTreeProvider } from './tree/registriesProvider';
import { addRegistry } from './commands/addRegistry';

export interface DockhandApi {
  registries: RegistriesTreeProvider;
  activationMs: number;
}

export function activate(context: vscode.ExtensionContext): DockhandApi {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log.channel);

  const registries = new RegistriesTreeProvider();
  context.subscriptions.push(registries, vscode.window.registerTreeDataProvider('dockhand.registries', registries));
  context.subscriptions.push(
    vscode.commands.registerCommand('dockhand.refresh', () => registries.refresh()),
    vscode.commands.registerCommand('dockhand.addRegistry', (preset?: { url?: string; insecure?: boolean; caFile?: string }) => addRegistry(preset)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dockhand.registries')) registries.refresh();
    }),
  );

  const activationMs = performance.now() - started;
  log.info(`Dockhand activated in ${activationMs.toFixed(1)} ms`);
  return { registries, activationMs };
}

export function deactivate(): void {}
