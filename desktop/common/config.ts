// The config namespace of DockhandApi (see index.ts): the registry config editor (open, lint
// with quick fixes, hover, completion, save).
import { arg, type MethodArgs } from './args';

export type ConfigVersion = '2.8' | '3';
/** What the editor asks for: a version, or 'auto' (the default, as in the extension and the CLI): detected from the file. */
export type ConfigTarget = ConfigVersion | 'auto';

/** One text change of a quick fix: replace [from, to) (0-based offsets) with `insert`. */
export interface ConfigEditInfo {
  from: number;
  to: number;
  insert: string;
}

export interface ConfigDiagnosticInfo {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Rule id, e.g. "unknown-key". */
  code?: string;
  /** 0-based offsets into the text. */
  from: number;
  to: number;
  /** 1-based line and column of `from`. */
  line: number;
  column: number;
  /** The linter's quick fix, when it has one. */
  fix?: { title: string; edits: ConfigEditInfo[] };
}

export interface ConfigLintReport {
  diagnostics: ConfigDiagnosticInfo[];
  /** The version the text was checked against. */
  version: ConfigVersion;
  /** Why that one: 'target' (chosen), 'detected' (keys or a `# dockhand-target:` comment), 'default'. */
  versionSource: 'target' | 'detected' | 'default';
}

export interface ConfigFile {
  path: string;
  text: string;
}

export interface HoverDocInfo {
  /** Key path, e.g. "storage.filesystem.rootdirectory". */
  path: string;
  /** Markdown-ish plain text. */
  text: string;
  from: number;
  to: number;
}

export interface CompletionInfo {
  label: string;
  kind: 'key' | 'value';
  detail?: string;
  documentation?: string;
  /** Text to insert (keys come with ": "). */
  insertText: string;
}

export interface SaveResult {
  path: string;
  errors: number;
  warnings: number;
}

export interface ConfigApi {
  /** Native file picker (Electron only); undefined when cancelled or unavailable. */
  pick(): Promise<string | undefined>;
  open(path: string): Promise<ConfigFile>;
  lint(text: string, version: ConfigVersion): Promise<ConfigDiagnosticInfo[]>;
  /** Diagnostics (with quick fixes) and the version they were checked against; 'auto' detects it like the extension. */
  lintReport(text: string, target: ConfigTarget): Promise<ConfigLintReport>;
  hover(text: string, offset: number, version: ConfigVersion): Promise<HoverDocInfo | null>;
  /** Keys allowed at the offset (from the schema), or enum values for a value. */
  complete(text: string, offset: number, version: ConfigVersion): Promise<CompletionInfo[]>;
  save(path: string, text: string, version: ConfigVersion): Promise<SaveResult>;
}

/** A registry config is capped at 2 MB (main/handlers/config.ts). */
const MAX_TEXT = 2 * 1024 * 1024;
const text = arg.text(MAX_TEXT);
const offset = arg.int(0, MAX_TEXT);
const version = arg.oneOf('2.8', '3');
const path = arg.text(4096, { nonEmpty: true });

export const CONFIG_METHODS = {
  pick: [],
  open: [['path', path]],
  lint: [
    ['text', text],
    ['version', version],
  ],
  lintReport: [
    ['text', text],
    ['target', arg.oneOf('2.8', '3', 'auto')],
  ],
  hover: [
    ['text', text],
    ['offset', offset],
    ['version', version],
  ],
  complete: [
    ['text', text],
    ['offset', offset],
    ['version', version],
  ],
  save: [
    ['path', path],
    ['text', text],
    ['version', version],
  ],
} as const satisfies MethodArgs<ConfigApi>;
