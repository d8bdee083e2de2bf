// Resolves the registry a command acts on: the node it was invoked on, or a QuickPick of
// the registries in the tree (command palette, keyboard).
import * as vscode from 'vscode';
import type { RegistriesTreeProvider } from '../tree/registriesProvider';
import type { DockhandNode, RegistryNode } from '../tree/nodes';
import { COMMANDS } from './commandIds';

/** `sourceHost`: the registry an image comes from, listed last (a copy's target is usually another one). */
export async function pickRegistry(
  tree: RegistriesTreeProvider,
  node: DockhandNode | undefined,
  title: string,
  sourceHost?: string,
): Promise<RegistryNode | undefined> {
  if (node && 'target' in node) return tree.registryNode(node.target.host) ?? { kind: 'registry', target: node.target, sources: [] };
  const list = await tree.registries();
  if (!list.length) {
    void vscode.window
      .showInformationMessage('No registries yet: add one first.', 'Add Registry')
      .then((a) => a && vscode.commands.executeCommand(COMMANDS.addRegistry));
    return undefined;
  }
  const ordered = sourceHost ? [...list.filter((r) => r.target.host !== sourceHost), ...list.filter((r) => r.target.host === sourceHost)] : list;
  const pick = await vscode.window.showQuickPick(
    ordered.map((r) => ({
      label: r.target.host,
      description: [r.target.host === sourceHost ? "this image's registry" : '', ...r.sources].filter(Boolean).join(', '),
      node: r,
    })),
    { title, ignoreFocusOut: true },
  );
  return pick?.node;
}
