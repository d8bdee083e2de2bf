// The node a command acts on when it was invoked from the keyboard or the palette (no node
// argument): the Registries view's current selection. The view allows several items to be
// selected: a context-menu command then gets (clicked item, every selected item).
import type * as vscode from 'vscode';
import type { DockhandNode } from './nodes';

let view: vscode.TreeView<DockhandNode> | undefined;

export function trackSelection(v: vscode.TreeView<DockhandNode>): void {
  view = v;
}

export function isNode(n: unknown): n is DockhandNode {
  return typeof n === 'object' && n !== null && typeof (n as { kind?: unknown }).kind === 'string';
}

/** The second argument VS Code passes to a context-menu command on a multi-selection. */
export function isNodeList(a: unknown): a is DockhandNode[] {
  return Array.isArray(a) && a.length > 0 && a.every(isNode);
}

export function selectedNode<K extends DockhandNode['kind']>(given: unknown, ...kinds: K[]): Extract<DockhandNode, { kind: K }> | undefined {
  const candidate = isNode(given) ? given : view?.selection[0];
  return candidate && (kinds as string[]).includes(candidate.kind) ? (candidate as Extract<DockhandNode, { kind: K }>) : undefined;
}

/**
 * Every node a command acts on: the list VS Code passed with a multi-selection, else the
 * view's selection when the command came from the keyboard (no node) or from an item that is
 * part of it, else the one node given.
 */
export function selectedNodes<K extends DockhandNode['kind']>(given: unknown, list: unknown, ...kinds: K[]): Array<Extract<DockhandNode, { kind: K }>> {
  const of = (nodes: readonly DockhandNode[]) => nodes.filter((n): n is Extract<DockhandNode, { kind: K }> => (kinds as string[]).includes(n.kind));
  if (isNodeList(list)) return of(list);
  const selection = view?.selection ?? [];
  if (!isNode(given) || (selection.length > 1 && selection.includes(given))) return of(selection);
  return of([given]);
}

/**
 * The arguments for a command that acts on one item: VS Code calls a context-menu command on
 * a multi-selection with (clicked item, every selected item), and that list must not be
 * taken for the command's own second argument (a new tag, a destination, an answer).
 */
export function withoutSelectionList<A extends unknown[]>(args: A): A {
  return (args.length === 2 && isNodeList(args[1]) ? [args[0]] : args) as A;
}
