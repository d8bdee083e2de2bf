// The Local Images view: images in the local engine (Docker or Podman socket, resolved by
// shared's engine client), one item per tag; engine failures become an error item.
import { explainFailure } from '../errors/failureWording';
import * as vscode from 'vscode';
import type { LocalImage } from '@dockhand/shared/engine';
import type { Services } from '../services';
import { formatBytes } from '@dockhand/shared/format';
import { COMMANDS } from '../commands/commandIds';

export type LocalNode = { kind: 'localImage'; ref: string; image: LocalImage } | { kind: 'localError'; message: string } | { kind: 'localInfo'; label: string };

export class LocalImagesProvider implements vscode.TreeDataProvider<LocalNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LocalNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly s: Services) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(n: LocalNode): vscode.TreeItem {
    if (n.kind === 'localError') {
      const item = new vscode.TreeItem('Engine unreachable', vscode.TreeItemCollapsibleState.None);
      item.description = 'Retry (click)';
      item.tooltip = n.message;
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { title: 'Retry', command: COMMANDS.localImagesRefresh };
      item.contextValue = 'error';
      return item;
    }
    if (n.kind === 'localInfo') {
      const item = new vscode.TreeItem(n.label);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    const item = new vscode.TreeItem(n.ref, vscode.TreeItemCollapsibleState.None);
    item.id = `local:${n.ref}:${n.image.id}`;
    item.description = `${formatBytes(n.image.size)} · ${n.image.id.replace('sha256:', '').slice(0, 12)}`;
    item.tooltip = `${n.ref}\n${n.image.id}\ncreated ${n.image.created}`;
    item.iconPath = new vscode.ThemeIcon('package');
    item.contextValue = 'localImage';
    return item;
  }

  async getChildren(n?: LocalNode): Promise<LocalNode[]> {
    if (n) return [];
    try {
      const engine = await this.s.engine();
      const images = await engine.listImages();
      const nodes: LocalNode[] = [];
      for (const image of images) {
        for (const ref of image.repoTags.length ? image.repoTags : [`<none>@${image.id.slice(0, 19)}`]) nodes.push({ kind: 'localImage', ref, image });
      }
      nodes.sort((a, b) => (a.kind === 'localImage' && b.kind === 'localImage' ? a.ref.localeCompare(b.ref) : 0));
      return nodes.length ? nodes : [{ kind: 'localInfo', label: 'No local images' }];
    } catch (err) {
      this.s.log.error('local images', err);
      return [{ kind: 'localError', message: explainFailure(err).text }];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
