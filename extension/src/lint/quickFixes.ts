// Quick fixes for config.yml diagnostics: exactly the edits shared's linter offers.
import * as vscode from 'vscode';
import type { ConfigLinter } from './configLinter';
import { LINT_SOURCE, toRange } from './configLinter';

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly linter: ConfigLinter) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== LINT_SOURCE) continue;
      const fix = this.linter.fixFor(doc, d);
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = actions.length === 0;
      action.edit = new vscode.WorkspaceEdit();
      for (const e of fix.edits) action.edit.replace(doc.uri, toRange(e.range), e.newText);
      actions.push(action);
    }
    return actions;
  }
}
