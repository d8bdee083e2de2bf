// "Start a Sandbox Registry": a local registry with sample images (shared/src/sandbox),
// started with a cancellable progress notification and added to the Registries view, so a
// new user has something to browse at once. The same sandbox as `dockhand sandbox up`; "Stop
// the Sandbox Registry" stops it (its data stays), so the editor never sends anyone to a terminal.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import { addRegistry } from './addRegistry';
import { COMMANDS, FOCUS_REGISTRIES_VIEW } from './commandIds';
import { commandRegistrar } from './registerCommand';

export function registerSandboxCommand(s: Services, tree: RegistriesTreeProvider): vscode.Disposable[] {
  const cmd = commandRegistrar(s.log, tree);
  return [cmd(COMMANDS.startSandbox, async () => {
    const { sandboxUp } = await import('@dockhand/shared/sandbox');
    const up = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Dockhand: starting a sandbox registry with sample images', cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await sandboxUp({ signal: abort.signal });
        } finally {
          sub.dispose();
        }
      },
    );
    const url = `http://${up.registry}`;
    await addRegistry({ url, insecure: false });
    s.log.info(`sandbox registry ${up.started ? 'started' : 'already running'} at ${up.registry} (data in ${up.dataDir})`);
    tree.refresh();
    await vscode.commands.executeCommand(FOCUS_REGISTRIES_VIEW);
    const stop = 'Stop Sandbox';
    void vscode.window
      .showInformationMessage(
        `Sandbox registry ready at ${up.registry}: ${up.repositories.join(', ')}. It keeps running until you stop it ("Dockhand: Stop the Sandbox Registry"); its data stays.`,
        stop,
      )
      .then((picked) => (picked === stop ? vscode.commands.executeCommand(COMMANDS.stopSandbox) : undefined));
    return { registry: up.registry, started: up.started, repositories: up.repositories };
  }),
  cmd(COMMANDS.stopSandbox, async () => {
    const { sandboxDown } = await import('@dockhand/shared/sandbox');
    const down = await sandboxDown();
    s.log.info(`sandbox registry ${down.stopped ? 'stopped' : 'was not running'} (data in ${down.dataDir})`);
    tree.refresh();
    void vscode.window.showInformationMessage(down.stopped ? 'Stopped the sandbox registry; its images stay for the next start.' : 'The sandbox registry was not running.');
    return { stopped: down.stopped };
  })];
}
