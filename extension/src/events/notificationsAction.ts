// "Add Event Notifications to config.yml": writes the registry's `notifications:` block for
// Dockhand's receiver (endpoint url, the token header, timeout, threshold, backoff; pulls
// ignored if the user wants no pull history) into a registry config, as one undoable edit.
// Offered as a command and as a code action on files that look like a registry config and do
// not yet post to this receiver.
import * as vscode from 'vscode';
import type { ReceiverStatus } from '@dockhand/shared/activity';
import { notificationsBlockFor } from '@dockhand/shared/activity';
import { looksLikeRegistryConfig } from '../lint/looksLikeRegistryConfig';
import type { EventsService } from './eventsService';

export const NOTIFICATIONS_KIND = vscode.CodeActionKind.RefactorRewrite.append('dockhand.notifications');

/** Where the block goes: appended at the end of a config that has no top-level `notifications:`. */
export function notificationsInsertion(text: string, block: string): { offset: number; text: string } | { error: string } {
  if (/^notifications:/m.test(text))
    return { error: 'This config already has a notifications: section. Add the endpoint from the block (copied to the clipboard) to its endpoints list.' };
  const sep = text.length === 0 || text.endsWith('\n') ? '' : '\n';
  return { offset: text.length, text: `${sep}${text.length ? '\n' : ''}${block.endsWith('\n') ? block : `${block}\n`}` };
}

async function targetDocument(uri?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(uri);
  const active = vscode.window.activeTextEditor?.document;
  if (active && looksLikeRegistryConfig(active.getText())) return active;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Add Notifications',
    title: 'The registry config.yml to send events to Dockhand',
    filters: { 'Registry config': ['yml', 'yaml'] },
  });
  return picked?.[0] ? vscode.workspace.openTextDocument(picked[0]) : undefined;
}

export async function addNotifications(
  events: EventsService,
  start: () => Promise<ReceiverStatus | undefined>,
  uri?: vscode.Uri,
  opts?: { pulls?: boolean },
  configTarget?: (doc: vscode.TextDocument) => '2.8' | '3.1' | undefined,
): Promise<boolean> {
  const doc = await targetDocument(uri);
  if (!doc) return false;
  let s = events.session.status();
  if (s.state !== 'running') {
    const go = await vscode.window.showInformationMessage(
      "The block names the event receiver's address and token. Start the receiver now?",
      { modal: true },
      'Start Receiver',
    );
    if (go !== 'Start Receiver') return false;
    s = (await start()) ?? s;
  }
  if (s.state !== 'running' || !s.endpointUrl) return false;
  if (!s.ingestToken) {
    void vscode.window.showErrorMessage(
      'This receiver was started elsewhere with a token Dockhand does not know. Stop it and start it from Dockhand, or copy the block with `dockhand listen-config`.',
    );
    return false;
  }
  let pulls = opts?.pulls;
  if (pulls === undefined) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Pushes, pulls, mounts and deletes', description: 'last-pulled dates and clean-up by use', pulls: true },
        { label: 'Pushes, mounts and deletes only', description: 'no pull history (less traffic)', pulls: false },
      ],
      { title: 'Which events should the registry send?', ignoreFocusOut: true },
    );
    if (!pick) return false;
    pulls = pick.pulls;
  }
  const block = notificationsBlockFor({ url: s.endpointUrl, token: s.ingestToken, pulls, target: configTarget?.(doc) });
  const at = notificationsInsertion(doc.getText(), block);
  if ('error' in at) {
    await vscode.env.clipboard.writeText(block);
    void vscode.window.showWarningMessage(at.error);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(at.offset), at.text);
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) {
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.showInformationMessage(
      `Added the notifications: block for ${s.endpointUrl}. Save the file and restart the registry to start sending events.`,
    );
  }
  return ok;
}

export class NotificationsActions implements vscode.CodeActionProvider {
  static readonly kinds = [NOTIFICATIONS_KIND];
  constructor(private readonly events: EventsService) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !NOTIFICATIONS_KIND.intersects(context.only)) return [];
    const text = doc.getText();
    if (!looksLikeRegistryConfig(text) || /^notifications:/m.test(text)) return [];
    const s = this.events.session.status();
    const action = new vscode.CodeAction(
      s.state === 'running'
        ? `Send registry events to Dockhand (${s.addr}): add the notifications: block`
        : 'Send registry events to Dockhand: start the receiver and add the notifications: block',
      NOTIFICATIONS_KIND,
    );
    action.command = { title: action.title, command: 'dockhand.events.addNotifications', arguments: [doc.uri] };
    return [action];
  }
}
