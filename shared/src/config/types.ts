// Plain data types of the config linter's public API. No editor types: the VS Code
// extension and the desktop turn these into their own diagnostics (0-based positions).

/** A point in the text: 0-based line and column (UTF-16 code units) and 0-based offset. */
export interface Position {
  line: number;
  col: number;
  offset: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable code, e.g. `unknown-key`, `storage-driver-count`. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

/** The registry versions Dockhand knows. '3' means 3.x (3.1 semantics, 3.0 differences noted). */
export type TargetVersion = '2.8' | '3';

export interface LintOptions {
  /** Which registry reads this file; 'auto' (default) detects it from the keys used. */
  target?: TargetVersion | 'auto';
  /** REGISTRY_* variables (e.g. a compose file's `environment:`); the effective config is linted. */
  env?: Record<string, string>;
  /** Only used in messages. */
  fileName?: string;
}

export interface LintResult {
  diagnostics: Diagnostic[];
  /** The version the file was checked against (detected when target was 'auto'). */
  version: TargetVersion;
  /** Why that version: 'target' (asked for), 'detected' (keys used), 'default'. */
  versionSource: 'target' | 'detected' | 'default';
}

export interface HoverDoc {
  /** Dotted key path, e.g. `storage.filesystem.rootdirectory`. */
  path: string;
  /** Markdown-free plain text: the schema description, enum values and default. */
  description: string;
  enum?: unknown[];
  default?: unknown;
  range: Range;
}

export interface CompletionItem {
  label: string;
  kind: 'key' | 'value';
  detail?: string;
  documentation?: string;
  /** Text to insert (for keys: `name: `). */
  insertText: string;
}
