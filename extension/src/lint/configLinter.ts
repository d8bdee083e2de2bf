// Lints registry config.yml files with shared's linter: on open, on save and as you type
// (debounced). The linting runs in a worker thread with a deadline and a memory limit
// (shared's LintRunner), never on the extension host's thread; a file over the linter's
// size cap gets one diagnostic without being parsed. A saved file is linted from its bytes
// (the registry's view of its encoding) when they decode to the editor's text.
// Diagnostics keep the linter's exact ranges, codes and messages; fixes, hover docs and
// completions come from the same core (quickFixes.ts, configHelp.ts).
import * as vscode from 'vscode';
import { fixesForDiagnostic, lintConfig, type ConfigFix, type Diagnostic as LintDiagnostic, type LintResult } from '@dockhand/shared/config';
import { LintRunner } from '@dockhand/shared/config/node';
import { MAX_LINT_CHARS } from '@dockhand/shared/config';
import { decodeConfigBytes } from '@dockhand/shared/config';
import { readFileCapped } from '@dockhand/shared/config/node';
import { nearbyComposeMounts } from '@dockhand/shared/config/node';
import { dirname } from 'node:path';
import { configGlobs, configVersion } from '../settings';
import { looksLikeRegistryConfig } from './looksLikeRegistryConfig';
import type { Log } from '../log';
import { LintVersionStatus } from './lintVersionStatus';

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
  /** The linter's fixes (offsets into the linted text) for the diagnostics currently shown, per document, and the document version linted. */
  private readonly fixes = new Map<string, { version: number; entries: Array<{ diagnostic: vscode.Diagnostic; fixes: ConfigFix[] }> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The latest request per document: an older answer arriving late is dropped. */
  private readonly latest = new Map<string, number>();
  private readonly versions = new Map<string, '2.8' | '3'>();
  private seq = 0;
  private readonly runner: LintRunner;
  /** Which version each config was linted against, shown in the status bar. */
  readonly versionStatus = new LintVersionStatus();

  constructor(
    private readonly log: Log,
    workerFile: string,
  ) {
    this.runner = new LintRunner({ workerFile });
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.lintNow(d)),
      vscode.workspace.onDidSaveTextDocument((d) => void this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.lintSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('dockhand.config')) for (const d of vscode.workspace.textDocuments) void this.lintNow(d);
      }),
    );
    for (const d of vscode.workspace.textDocuments) void this.lintNow(d);
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
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.lintNow(doc);
      }, DEBOUNCE_MS),
    );
  }

  /** Lints `doc` (or clears it when it is not a registry config). Resolves to the diagnostics set (none when a newer request overtook it). */
  async lintNow(doc: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
    const key = doc.uri.toString();
    const mine = ++this.seq;
    this.latest.set(key, mine);
    if (!this.isRegistryConfig(doc)) {
      this.forget(doc);
      this.versionStatus.set(doc, undefined);
      return [];
    }
    const started = performance.now();
    const text = doc.getText();
    const docVersion = doc.version;
    const options = { target: configVersion(), fileName: doc.fileName };
    // Over the cap lintConfig answers at once without parsing: no need to copy the text to the worker.
    const result: LintResult =
      text.length > MAX_LINT_CHARS
        ? lintConfig(text, options)
        : await this.runner.lint(
            await this.input(doc, text),
            options,
            doc.uri.scheme === 'file' ? { baseDir: dirname(doc.uri.fsPath), mounts: nearbyComposeMounts(dirname(doc.uri.fsPath)) } : undefined,
          );
    if (this.latest.get(key) !== mine || doc.isClosed) return [];
    const entries = result.diagnostics.map((d) => {
      const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, severity[d.severity]);
      diagnostic.code = d.code;
      diagnostic.source = LINT_SOURCE;
      return { diagnostic, fixes: fixesForDiagnostic(d) };
    });
    this.collection.set(
      doc.uri,
      entries.map((e) => e.diagnostic),
    );
    this.versions.set(key, result.version);
    this.versionStatus.set(doc, result);
    this.fixes.set(doc.uri.toString(), { version: docVersion, entries: entries.filter((e) => e.fixes.length) });
    this.log.info(
      `linted ${vscode.workspace.asRelativePath(doc.uri)} as registry ${result.version} (${result.versionSource}): ${entries.length} problem(s) in ${(performance.now() - started).toFixed(1)} ms`,
    );
    return entries.map((e) => e.diagnostic);
  }

  /** The major version `doc` was last linted as (undefined before its first lint). */
  lastVersion(doc: vscode.TextDocument): '2.8' | '3' | undefined {
    return this.versions.get(doc.uri.toString());
  }

  /**
   * The linter's fixes for a diagnostic shown in `doc` (matched by code, range and message), the preferred one first.
   * None while the document has changed since it was linted: the fixes' offsets are into the linted text (a re-lint follows).
   */
  fixesFor(doc: vscode.TextDocument, d: vscode.Diagnostic): ConfigFix[] {
    const linted = this.fixes.get(doc.uri.toString());
    if (!linted || linted.version !== doc.version) return [];
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return linted.entries.find((e) => e.diagnostic.code === code && e.diagnostic.range.isEqual(d.range) && e.diagnostic.message === d.message)?.fixes ?? [];
  }

  /** The saved bytes when they are what the editor shows (so encoding problems are the registry's), else the text. */
  private async input(doc: vscode.TextDocument, text: string): Promise<string | Uint8Array> {
    if (doc.isDirty || doc.uri.scheme !== 'file') return text;
    try {
      const bytes = await readFileCapped(doc.uri.fsPath);
      return decodeConfigBytes(bytes).text === text ? bytes : text;
    } catch {
      return text;
    }
  }

  private forget(doc: vscode.TextDocument): void {
    this.collection.delete(doc.uri);
    this.fixes.delete(doc.uri.toString());
    this.latest.delete(doc.uri.toString());
    this.versions.delete(doc.uri.toString());
  }

  dispose(): void {
    this.runner.dispose();
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.versionStatus.dispose();
    this.collection.dispose();
  }
}
