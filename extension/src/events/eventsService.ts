// The extension's link to the registry event receiver: one ReceiverSession (shared) that
// starts `dockhand listen` on a system Node (dockhand.events.nodePath, else `node` on PATH;
// never the extension host's own Node, which cannot load the receiver's SQLite binding) or
// attaches to a running one, and refreshes the Registries tree's repository when a push,
// delete or mount arrives. A status bar item shows the receiver and opens the Activity view.
import * as vscode from 'vscode';
import { ReceiverSession, type ReceiverStatus } from '@dockhand/shared/activity';
import { changedRepositories } from '@dockhand/shared/activity';
import { receiverLink } from '@dockhand/shared/activity';
import type { Log } from '../log';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';

const section = 'dockhand.events';

export class EventsService implements vscode.Disposable {
  readonly session: ReceiverSession;
  private readonly item = vscode.window.createStatusBarItem('dockhand.events', vscode.StatusBarAlignment.Left, 20);
  private readonly subs: Array<{ dispose(): void }> = [];

  constructor(
    private readonly log: Log,
    tree: RegistriesTreeProvider,
  ) {
    const cfg = () => vscode.workspace.getConfiguration(section);
    this.session = new ReceiverSession({
      link: receiverLink,
      env: process.env,
      nodePath: () => cfg().get<string>('nodePath') || undefined,
      cliPath: () => cfg().get<string>('cliPath') || undefined,
      log: (line) => log.info(line),
    });
    this.item.name = 'Dockhand event receiver';
    this.item.command = 'dockhand.events.showActivity';
    this.subs.push(
      this.session.onEvents((events) => {
        for (const { registry, repository } of changedRepositories(events)) if (registry) tree.refreshRepository(registry, repository);
      }),
      this.session.onStatus((s) => this.show(s)),
    );
    tree.setTagUsage(async (host, repo) => {
      const usage = await this.session.tagUsage(repo, host).catch((e: Error) => {
        log.warn(`events: tag dates of ${host}/${repo}: ${e.message}`);
        return undefined;
      });
      return usage && new Map(usage.map((u) => [u.tag, u]));
    });
    // A receiver already running (started by the CLI or another window) is used at once.
    void this.session.attach().then((ok) => {
      if (ok) log.info(`events: attached to the receiver on ${this.session.status().addr}`);
    });
  }

  address(): string {
    return vscode.workspace.getConfiguration(section).get<string>('address') || '127.0.0.1:5050';
  }

  private show(s: ReceiverStatus): void {
    void vscode.commands.executeCommand('setContext', 'dockhand.events.running', s.state === 'running');
    if (s.state !== 'running') {
      this.item.hide();
      return;
    }
    this.item.text = `$(broadcast) ${s.addr}`;
    this.item.tooltip = `Dockhand event receiver on ${s.addr} (${s.origin === 'started' ? 'started here' : 'found running'}): click for the Activity view`;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.item.dispose();
    this.session.dispose();
  }
}
