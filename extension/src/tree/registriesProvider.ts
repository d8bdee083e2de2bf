// The Registries view: one node per registry (settings + credential store), lazily expanded.
import * as vscode from 'vscode';
import { registrySettings } from '../settings';

export class RegistriesTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<vscode.TreeItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  refresh(node?: vscode.TreeItem): void {
    this.changed.fire(node);
  }

  getTreeItem(node: vscode.TreeItem): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: vscode.TreeItem): Promise<vscode.TreeItem[]> {
    if (node) return [];
    return registrySettings().map((r) => {
      const item = new vscode.TreeItem(r.url, vscode.TreeItemCollapsibleState.Collapsed);
      item.contextValue = 'registry';
      item.iconPath = new vscode.ThemeIcon('server');
      return item;
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
