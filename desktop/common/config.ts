// The config namespace of DockhandApi (see index.ts): the registry config editor (open, lint
// with quick fixes, hover, completion, save).
import { arg, type MethodArgs } from './args';

export type ConfigVersion = '2.8' | '3';
/**
 * What the editor asks for, the same choices as the extension's dockhand.config.version: a
 * release ('3' = '3.1'), or 'auto' (the default, as in the extension and the CLI): detected
 * from the file, else 3.1.
 */
export type ConfigTarget = ConfigVersion | 'auto' | '2.8-debian' | '3.0' | '3.1';
export const CONFIG_TARGETS = ['auto', '2.8', '2.8-debian', '3.0', '3.1', '3'] as const satisfies readonly ConfigTarget[];

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
  /** The linter's preferred quick fix, when it has one (= fixes[0]). */
  fix?: ConfigFixInfo;
  /** Every quick fix the linter offers (the preferred one first; e.g. each valid log level). */
  fixes?: ConfigFixInfo[];
}

export interface ConfigFixInfo {
  title: string;
  /** Offsets into the text that was linted. */
  edits: ConfigEditInfo[];
}

/** "Migrate to registry 3.1" for a 2.8 file: edits (each change explained in a comment). */
export interface ConfigMigrationInfo extends ConfigFixInfo {
  to: '3.0' | '3.1';
  changes: number;
}

export interface ConfigLintReport {
  diagnostics: ConfigDiagnosticInfo[];
  /** The version the text was checked against. */
  version: ConfigVersion;
  /** Why that one: 'target' (chosen), 'detected' (keys or a `# dockhand-target:` comment), 'default'. */
  versionSource: 'target' | 'detected' | 'default';
  /** The exact release checked against ('3.1', '3.0', '2.8', '2.8-debian'). */
  target: string;
  /** The words the extension shows too: "Registry 3.1 (default)", and why. */
  label: { text: string; why: string };
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
  /** "Migrate to registry 3.x" for `text` (a 2.8 config); null when there is nothing to change or the YAML does not parse. */
  migrate(text: string, to: '3.0' | '3.1'): Promise<ConfigMigrationInfo | null>;
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
    ['target', arg.oneOf(...CONFIG_TARGETS)],
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
  migrate: [
    ['text', text],
    ['to', arg.oneOf('3.0', '3.1')],
  ],
} as const satisfies MethodArgs<ConfigApi>;
