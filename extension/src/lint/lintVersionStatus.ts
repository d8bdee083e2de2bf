// Says which registry version a config.yml was linted against, and why (the setting, a
// `# dockhand-target` line or the keys used, or the default, 3.1, when nothing in the file says): a status bar item
// while such a file is the active editor. The words come from shared's lintTargetLabel, as in the desktop's editor.
import * as vscode from 'vscode';
import { lintTargetLabel, type LintResult } from '@dockhand/shared/config';

export type LintedVersion = Pick<LintResult, 'version' | 'target' | 'versionSource'>;

/** "Registry config 3.1 (default)": the words the status bar shows. */
export function versionLabel(v: LintedVersion): { text: string; tooltip: string } {
  const label = lintTargetLabel(v);
  return {
    text: `Registry config ${label.text.replace(/^Registry /, '')}`,
    tooltip: `${label.why} Change it with the dockhand.config.version setting or a "# dockhand-target: 2.8|3.0|3.1" line.`,
  };
}

export class LintVersionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockhand.lintVersion', vscode.StatusBarAlignment.Right, 100);
  private readonly versions = new Map<string, LintedVersion>();
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(() => this.show());

  constructor() {
    this.item.name = 'Dockhand: registry config version';
    this.item.command = { title: 'Choose the version', command: 'workbench.action.openSettings', arguments: ['dockhand.config.version'] };
  }

  /** Record what `doc` was linted against (undefined: not a registry config). */
  set(doc: vscode.TextDocument, v: LintedVersion | undefined): void {
    if (v) this.versions.set(doc.uri.toString(), { version: v.version, target: v.target, versionSource: v.versionSource });
    else this.versions.delete(doc.uri.toString());
    this.show();
  }

  /** What the document was linted against, for tests. */
  get(doc: vscode.TextDocument): LintedVersion | undefined {
    return this.versions.get(doc.uri.toString());
  }

  private show(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const v = doc && this.versions.get(doc.uri.toString());
    if (!v) {
      this.item.hide();
      return;
    }
    const label = versionLabel(v);
    this.item.text = `$(checklist) ${label.text}`;
    this.item.tooltip = label.tooltip;
    this.item.accessibilityInformation = { label: label.tooltip };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
