// Lints registry config.yml files with shared's linter: on open, on save and as you type
// (debounced). Diagnostics keep the linter's exact ranges, codes and messages; fixes,
// hover docs and completions come from the same core (quickFixes.ts, configHelp.ts).
import * as vscode from 'vscode';
import { lintConfig, type Diagnostic as LintDiagnostic, type Fix } from '@dockhand/shared/config/index';
import { configGlobs, configVersion } from '../settings';
import { looksLikeRegistryConfig } from './looksLikeRegistryConfig';
import type { Log } from '../log';

export const LINT_SOURCE = 'dockhand';
const DEBOUNCE_MS = 300;

const severity: Record<LintDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(r: LintDiagnostic['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.col, r.end.line, r.end.col);
}

export class ConfigLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('dockhand-config');
  /** The linter's fixes for the diagnostics currently shown, per document. */
  private readonly fixes = new Map<string, Array<{ diagnostic: vscode.Diagnostic; fix: Fix }>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: Log) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidSaveTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.lintSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockhand.config')) for (const d of vscode.workspace.textDocuments) this.lintNow(d);
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.lintNow(d);
  }

  isRegistryConfig(doc: vscode.TextDocument): boolean {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled' && doc.uri.scheme !== 'vscode-remote') return false;
    if (configGlobs().some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) return true;
    const yaml = doc.languageId === 'yaml' || /\.ya?ml$/i.test(doc.fileName);
    return yaml && looksLikeRegistryConfig(doc.getText());
  }

  lintSoon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.lintNow(doc);
    }, DEBOUNCE_MS));
  }

  /** Lints `doc` (or clears it when it is not a registry config). Returns the diagnostics set. */
  lintNow(doc: vscode.TextDocument): vscode.Diagnostic[] {
    if (!this.isRegistryConfig(doc)) {
      this.forget(doc);
      return [];
    }
    const started = performance.now();
    const result = lintConfig(doc.getText(), { target: configVersion(), fileName: doc.fileName });
    const entries = result.diagnostics.map((d) => {
      const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, severity[d.severity]);
      diagnostic.code = d.code;
      diagnostic.source = LINT_SOURCE;
      return { diagnostic, fix: d.fix };
    });
    this.collection.set(doc.uri, entries.map((e) => e.diagnostic));
    this.fixes.set(doc.uri.toString(), entries.filter((e): e is { diagnostic: vscode.Diagnostic; fix: Fix } => !!e.fix));
    this.log.info(`linted ${vscode.workspace.asRelativePath(doc.uri)} as registry ${result.version} (${result.versionSource}): ${entries.length} problem(s) in ${(performance.now() - started).toFixed(1)} ms`);
    return entries.map((e) => e.diagnostic);
  }

  /** The linter's fix for a diagnostic shown in `doc` (matched by code, range and message). */
  fixFor(doc: vscode.TextDocument, d: vscode.Diagnostic): Fix | undefined {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return this.fixes.get(doc.uri.toString())?.find((e) => e.diagnostic.code === code && e.diagnostic.range.isEqual(d.range) && e.diagnostic.message === d.message)?.fix;
  }

  private forget(doc: vscode.TextDocument): void {
    this.collection.delete(doc.uri);
    this.fixes.delete(doc.uri.toString());
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
