// Quick fixes for config.yml diagnostics: exactly the fixes shared's linter offers
// (fixesForDiagnostic: offset edits into the linted text, the same data the desktop editor
// applies), as WorkspaceEdits. Plus the "Migrate to registry 3.x" actions on a 2.8 file
// (shared's migrationFix: comments and key order kept, each change explained in a comment).
import * as vscode from 'vscode';
import { migrationFix, type ConfigFix } from '@dockhand/shared/config';
import type { ConfigLinter } from './configLinter';
import { LINT_SOURCE } from './configLinter';

/** A fix's offset edits as a WorkspaceEdit on `doc` (whose text is the one the fix was computed for). */
export function toWorkspaceEdit(doc: vscode.TextDocument, fix: ConfigFix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  return edit;
}

export const MIGRATE_KIND = vscode.CodeActionKind.RefactorRewrite.append('dockhand.migrate');

export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, MIGRATE_KIND];

  constructor(private readonly linter: ConfigLinter) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== LINT_SOURCE) continue;
      for (const fix of this.linter.fixesFor(doc, d)) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = actions.length === 0 && fix.preferred;
        action.edit = toWorkspaceEdit(doc, fix);
        actions.push(action);
      }
    }
    if (this.linter.lastVersion(doc) === '2.8' && (!context.only || MIGRATE_KIND.intersects(context.only))) {
      for (const to of ['3.1', '3.0'] as const) {
        const m = migrationFix(doc.getText(), to);
        if (!m) continue;
        const action = new vscode.CodeAction(m.title, MIGRATE_KIND);
        action.edit = toWorkspaceEdit(doc, m);
        actions.push(action);
      }
    }
    return actions;
  }
}
