// Commands of the event receiver: Start / Stop (dockhand listen as a child process on a
// system Node, or the one already running), Show Registry Activity, Copy Token, and Add Event
// Notifications to config.yml (also a code action on registry configs, notificationsAction.ts).
import * as vscode from 'vscode';
import type { ReceiverStatus } from '@dockhand/shared/activity';
import type { EventsService } from './eventsService';
import type { ActivityPanel } from './activityPanel';
import { addNotifications } from './notificationsAction';
import type { ConfigLinter } from '../lint/configLinter';

export function registerEventsCommands(events: EventsService, panel: ActivityPanel, linter: ConfigLinter): vscode.Disposable[] {
  const cmd = vscode.commands.registerCommand;
  const start = async (opts?: { addr?: string; quiet?: boolean }): Promise<ReceiverStatus | undefined> => {
    try {
      const s = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Starting the Dockhand event receiver…', cancellable: true },
        (_p, token) => {
          const ctl = new AbortController();
          token.onCancellationRequested(() => ctl.abort());
          return events.session.start(opts?.addr ?? events.address(), ctl.signal);
        },
      );
      if (!opts?.quiet) {
        void vscode.window
          .showInformationMessage(
            `Dockhand event receiver on ${s.addr}${s.origin === 'attached' ? ' (already running)' : ''}. Registries post to ${s.endpointUrl}.`,
            'Show Activity',
            'Add Notifications to config.yml…',
          )
          .then((pick) => (pick === 'Show Activity' ? panel.show() : pick ? vscode.commands.executeCommand('dockhand.events.addNotifications') : undefined));
      }
      return s;
    } catch (e) {
      const err = e as Error & { hint?: string };
      const fix = /nodePath|Node\.js|node`/.test(`${err.message} ${err.hint ?? ''}`) ? 'Open Settings' : undefined;
      void vscode.window
        .showErrorMessage(`Could not start the event receiver: ${err.message}${err.hint ? ` ${err.hint}` : ''}`, ...(fix ? [fix] : []))
        .then((pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', 'dockhand.events'));
      return undefined;
    }
  };
  return [
    cmd('dockhand.events.start', (opts?: { addr?: string; quiet?: boolean }) => start(opts)),
    cmd('dockhand.events.stop', async () => {
      const s = events.session.status();
      if (s.state !== 'running') {
        void vscode.window.showInformationMessage('No Dockhand event receiver is running.');
        return events.session.status();
      }
      if (s.origin === 'attached') {
        const ok = await vscode.window.showWarningMessage(
          `The receiver on ${s.addr} was not started by this window (pid ${s.pid}). Stop it anyway? Registries that post to it will retry until it runs again.`,
          { modal: true },
          'Stop Receiver',
        );
        if (ok !== 'Stop Receiver') return s;
      }
      try {
        return await events.session.stop();
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not stop the receiver: ${(e as Error).message}`);
        return events.session.status();
      }
    }),
    cmd('dockhand.events.showActivity', () => panel.show()),
    cmd('dockhand.events.copyToken', async () => {
      const t = events.session.status().ingestToken;
      if (!t) {
        void vscode.window.showWarningMessage('No token known: start the receiver from Dockhand first.');
        return;
      }
      await vscode.env.clipboard.writeText(t);
      void vscode.window.showInformationMessage('Receiver token copied (the registry sends it as Authorization: Bearer …).');
    }),
    cmd('dockhand.events.addNotifications', (uri?: vscode.Uri, opts?: { pulls?: boolean }) =>
      addNotifications(
        events,
        () => start({ quiet: true }),
        uri,
        opts,
        (doc) => {
          const v = linter.lastVersion(doc);
          return v === '2.8' ? '2.8' : v === '3' ? '3.1' : undefined;
        },
      ),
    ),
  ];
}
