// Quick fixes for config.yml diagnostics: exactly the edits shared's linter offers. Plus the
// "Migrate to registry 3.x" actions on a 2.8 file: shared's migrateConfig edits (comments and
// key order kept, each change explained in a comment).
import * as vscode from 'vscode';
import { migrateConfig } from '@dockhand/shared/config';
import type { ConfigLinter } from './configLinter';
import { LINT_SOURCE, toRange } from './configLinter';

export const MIGRATE_KIND = vscode.CodeActionKind.RefactorRewrite.append('dockhand.migrate');

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, MIGRATE_KIND];

  constructor(private readonly linter: ConfigLinter) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== LINT_SOURCE) continue;
      for (const [i, fix] of this.linter.fixesFor(doc, d).entries()) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = actions.length === 0 && i === 0;
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, toRange(e.range), e.newText);
        actions.push(action);
      }
    }
    if (this.linter.lastVersion(doc) === '2.8' && (!context.only || MIGRATE_KIND.intersects(context.only))) {
      for (const to of ['3.1', '3.0'] as const) {
        const m = migrateConfig(doc.getText(), to);
        if (m.error || !m.edits.length) continue;
        const action = new vscode.CodeAction(
          `Migrate to registry ${to} (${m.changes.length} change${m.changes.length === 1 ? '' : 's'}, explained in comments)`,
          MIGRATE_KIND,
        );
        action.edit = new vscode.WorkspaceEdit();
        for (const e of m.edits) action.edit.replace(doc.uri, toRange(e.range), e.newText);
        actions.push(action);
      }
    }
    return actions;
  }
}
