// DockhandNode -> vscode.TreeItem: labels, descriptions, codicons, tooltips, contextValue
// (menus in package.json match on these), stable ids.
import * as vscode from 'vscode';
import type { DockhandNode } from './nodes';
import { formatBytes } from '@dockhand/shared/format';
import { formatPlatform } from '@dockhand/shared/registry';
import { attachmentTreeItem } from './attachmentNodes';
import { COMMANDS } from '../commands/commandIds';

const C = vscode.TreeItemCollapsibleState;

export function toTreeItem(n: DockhandNode, extra: { filter?: string; repositories?: { count: number; complete: boolean } } = {}): vscode.TreeItem {
  switch (n.kind) {
    case 'registry': {
      const item = new vscode.TreeItem(n.target.host, C.Collapsed);
      item.id = `registry:${n.target.url}`;
      const r = extra.repositories;
      const count = r
        ? `${r.count.toLocaleString('en-US')}${r.complete ? '' : '+'} repositor${r.count === 1 && r.complete ? 'y' : 'ies'}${r.complete ? '' : ' (listing…)'}`
        : undefined;
      const parts = [n.username ? `as ${n.username}` : undefined, count, extra.filter ? `filter: ${extra.filter}` : undefined].filter(Boolean);
      item.description = parts.join(' · ') || undefined;
      item.iconPath = new vscode.ThemeIcon(n.target.insecure ? 'unlock' : 'server');
      item.tooltip = new vscode.MarkdownString(
        `**${n.target.url}**\n\nfrom: ${n.sources.join(', ')}${n.target.insecure ? '\n\ninsecure (HTTP / unverified TLS)' : ''}${n.target.caFile ? `\n\nCA: ${n.target.caFile}` : ''}`,
      );
      item.contextValue = [
        'registry',
        n.sources.includes('settings') ? 'settings' : '',
        n.username || n.sources.some((s) => s !== 'settings') ? 'loggedIn' : '',
        extra.filter ? 'filtered' : '',
      ]
        .filter(Boolean)
        .join('.');
      return item;
    }
    case 'repository': {
      const item = new vscode.TreeItem(n.repo, C.Collapsed);
      item.id = `repo:${n.target.url}/${n.repo}`;
      item.iconPath = new vscode.ThemeIcon('repo');
      item.contextValue = 'repository';
      return item;
    }
    case 'tag': {
      const item = new vscode.TreeItem(n.tag, C.Collapsed);
      item.id = `tag:${n.target.url}/${n.repo}:${n.tag}`;
      item.iconPath = new vscode.ThemeIcon('tag');
      const day = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
      // With the event receiver: pushed-at (else the created date, said so) and last pulled.
      item.description = n.usageKnown
        ? [
            n.pushedAt ? `pushed ${day(n.pushedAt)}` : n.created ? `created ${day(n.created)}` : undefined,
            n.lastPulled ? `pulled ${day(n.lastPulled)}` : 'no pull seen',
          ]
            .filter(Boolean)
            .join(' · ')
        : n.created
          ? day(n.created)
          : undefined;
      item.tooltip = [
        `${n.target.host}/${n.repo}:${n.tag}`,
        ...(n.usageKnown
          ? [
              `Pushed: ${n.pushedAt ? `${day(n.pushedAt)} UTC (push event)` : n.created ? `unknown (no push event; image created ${day(n.created)} UTC)` : 'unknown (no push event recorded)'}`,
              `Last pulled: ${n.lastPulled ? `${day(n.lastPulled)} UTC` : 'no pull recorded since the receiver ran'}`,
            ]
          : []),
      ].join('\n');
      item.contextValue = 'tag';
      return item;
    }
    case 'platform': {
      const item = new vscode.TreeItem(formatPlatform(n.image.platform), C.Collapsed);
      item.id = `platform:${n.target.url}/${n.repo}:${n.tag}@${n.image.digest}`;
      item.iconPath = new vscode.ThemeIcon(n.image.attestation ? 'verified' : 'vm');
      item.description = `${formatBytes(n.image.size)} · ${n.image.digest.slice(0, 19)}`;
      item.tooltip = `${n.image.digest}\n${n.image.mediaType}`;
      item.contextValue = 'platform';
      return item;
    }
    case 'layer': {
      const item = new vscode.TreeItem(n.layer.digest.slice(0, 19), C.None);
      item.iconPath = new vscode.ThemeIcon('layers');
      item.description = formatBytes(n.layer.size);
      item.tooltip = `layer ${n.index + 1}: ${n.layer.digest}\n${n.layer.mediaType}\n${n.layer.size} bytes`;
      item.contextValue = 'layer';
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem('Load more…', C.None);
      item.id = `more:${n.target.url}:${n.loaded}`;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.description =
        n.total === undefined
          ? `${n.loaded} loaded`
          : `${n.loaded.toLocaleString('en-US')} of ${n.total.toLocaleString('en-US')}${n.complete ? '' : '+'} shown`;
      item.command = { title: 'Load more', command: COMMANDS.loadMore, arguments: [n] };
      item.contextValue = 'loadMore';
      return item;
    }
    case 'info': {
      const item = new vscode.TreeItem(n.label, C.None);
      item.description = n.description;
      item.iconPath = new vscode.ThemeIcon(n.icon ?? 'info');
      item.contextValue = 'info';
      return item;
    }
    case 'attachment':
      return attachmentTreeItem(n);
    case 'error': {
      const item = new vscode.TreeItem(n.label, C.None);
      item.description = n.fix ? `${n.fix.title} (click)` : n.message;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.tooltip = n.message;
      if (n.fix) item.command = { title: n.fix.title, command: n.fix.command, arguments: n.fix.args };
      item.contextValue = 'error';
      return item;
    }
  }
}
