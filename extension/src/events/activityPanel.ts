// The Activity panel: the registry events the receiver stored (time, action, repository, tag
// or digest, actor, source address, user agent) with filters, updated live (a new batch of
// events re-reads the filtered list, one read at a time), and the receiver's state with
// Start / Stop / Copy Token / Add Notifications to config.yml.
import * as vscode from 'vscode';
import type { ActivityFilter } from '@dockhand/shared/activity';
import type { ReceiverStatus } from '@dockhand/shared/activity';
import { detailsHtml } from '../webview/detailsHtml';
import type { EventsService } from './eventsService';
import { isActivityWebviewMessage, type ActivityHostMessage, type ReceiverView } from './activityProtocol';

export const ACTIVITY_VIEW_TYPE = 'dockhand.activity';

function view(s: ReceiverStatus): ReceiverView {
  return { state: s.state, origin: s.origin, addr: s.addr, endpointUrl: s.endpointUrl, hasToken: !!s.ingestToken, pid: s.pid, message: s.message };
}

export class ActivityPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  private filter: ActivityFilter = {};
  private reading = false;
  private again = false;
  private readonly subs: Array<{ dispose(): void }> = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly events: EventsService,
  ) {
    this.subs.push(
      events.session.onEvents(() => this.reload()),
      events.session.onStatus((s) => {
        void this.post({ type: 'receiver', receiver: view(s) });
        this.reload();
      }),
    );
  }

  /** Opens (or reveals) the panel; resolves once the webview asked for its first data. */
  async show(): Promise<vscode.WebviewPanel> {
    if (this.panel) {
      this.panel.reveal();
      return this.panel;
    }
    const root = this.extensionUri;
    const panel = vscode.window.createWebviewPanel(ACTIVITY_VIEW_TYPE, 'Registry Activity', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'webview'), vscode.Uri.joinPath(root, 'dist', 'media')],
    });
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(root, 'dist', 'media', 'dockhand.svg');
    panel.webview.html = detailsHtml(panel.webview, root, 'Registry Activity', 'activity');
    let ready: () => void = () => {};
    const isReady = new Promise<void>((r) => {
      ready = r;
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    panel.webview.onDidReceiveMessage(async (m: unknown) => {
      if (!isActivityWebviewMessage(m)) return;
      switch (m.type) {
        case 'ready':
          await this.events.session.attach();
          await this.post({ type: 'receiver', receiver: view(this.events.session.status()) });
          this.reload();
          ready();
          break;
        case 'filter':
          this.filter = m.filter;
          this.reload();
          break;
        case 'start':
          await vscode.commands.executeCommand('dockhand.events.start');
          break;
        case 'stop':
          await vscode.commands.executeCommand('dockhand.events.stop');
          break;
        case 'copyToken':
          await vscode.commands.executeCommand('dockhand.events.copyToken');
          break;
        case 'addNotifications':
          await vscode.commands.executeCommand('dockhand.events.addNotifications');
          break;
      }
    });
    await isReady;
    return panel;
  }

  private post(m: ActivityHostMessage): Thenable<boolean> | undefined {
    return this.panel?.webview.postMessage(m);
  }

  private reload(): void {
    if (!this.panel) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    if (this.events.session.status().state !== 'running') {
      void this.post({ type: 'events', rows: [] });
      return;
    }
    this.reading = true;
    this.events.session
      .list(this.filter)
      .then(
        (rows) => this.post({ type: 'events', rows }),
        (e: Error) => this.post({ type: 'error', message: e.message }),
      )
      .finally(() => {
        this.reading = false;
        if (this.again) {
          this.again = false;
          this.reload();
        }
      });
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.panel?.dispose();
  }
}
