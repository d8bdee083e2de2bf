// The node a command acts on when it was invoked from the keyboard or the palette (no node
// argument): the Registries view's current selection.
import type * as vscode from 'vscode';
import type { DockhandNode } from './nodes';

let view: vscode.TreeView<DockhandNode> | undefined;

export function trackSelection(v: vscode.TreeView<DockhandNode>): void {
  view = v;
}

export function selectedNode<K extends DockhandNode['kind']>(given: unknown, ...kinds: K[]): Extract<DockhandNode, { kind: K }> | undefined {
  const isNode = (n: unknown): n is DockhandNode => typeof n === 'object' && n !== null && typeof (n as { kind?: unknown }).kind === 'string';
  const candidate = isNode(given) ? given : view?.selection[0];
  return candidate && (kinds as string[]).includes(candidate.kind) ? (candidate as Extract<DockhandNode, { kind: K }>) : undefined;
}
