// Public API of Dockhand's registry config.yml linter, used by the CLI, the VS Code
// extension and the desktop editor. Pure: depends only on js-yaml and the schema data
// (no fs, no network); callers read files and map positions to their own types.
//
//   lintConfig(text | bytes, { target?: '2.8' | '2.8-debian' | '3' | '3.0' | '3.1' | 'auto', env?, fileName?, files?, portNames? }) -> LintResult
//     diagnostics: { code, severity: 'error'|'warning'|'info', message,
//                    range: { start: {line, col, offset}, end } (0-based), fix?: { title, edits } }[]
//     version: the registry major version checked against ('2.8' | '3'), target the exact one. With
//     'auto' (the default) a `# dockhand-target: 2.8|2.8-debian|3.0|3.1|3` comment decides, else the
//     version-specific keys used, else 3 (= 3.1). Bytes are decoded as the registry's YAML reader does.
//     files: a ConfigFileChecker (config/files/node-file-checker.ts) to check the files the config names.
//     env: REGISTRY_* variables are applied as the registry applies them and the effective
//     configuration is linted; diagnostics caused by a variable name it in their message.
//     Never throws, whatever the text.
//   getHoverDoc(text, offset, target?) -> HoverDoc | undefined
//     The key path at an offset and its schema description, enum and default.
//   getCompletions(text, offset, target?) -> CompletionItem[]
//     Keys allowed at the offset's mapping (from the schema), or enum values for a value.
//   registrySchema(version) -> the draft 2020-12 JSON Schema object (same as shared/schemas/*.json)
//   parseEnvText(text, fileName?) -> REGISTRY_* variables from a .env or compose file (for `env`)
//   fixesForDiagnostic(d) -> { title, edits: { offset, length, newText }[], preferred }[]: the quick
//     fixes both editors offer (applyOffsetEdits applies one); migrationFix(text, '3.1') the same for
//     "Migrate to registry 3.1"; lintTargetLabel(result) the words saying which version was checked.
//
// Rules live in rules/ (one small unit each, returning positioned diagnostics); the
// registry's YAML semantics (gopkg.in/yaml.v2, YAML 1.1 scalars) in yaml11.ts and decode.ts.
export type {
  ConfigFileChecker,
  ConfigFileKind,
  ConfigFileReport,
  Diagnostic,
  Fix,
  LintOptions,
  LintResult,
  Position,
  Range,
  Severity,
  TextEdit,
  TargetName,
  TargetVersion,
  HoverDoc,
  CompletionItem,
} from './types';
export { lintConfig } from './lint';
export { getHoverDoc, getCompletions } from './editor-help';
export { registrySchema } from './schema/json-schema';
export { ruleCodes } from './rules/index';
export { parseEnvText } from './env-file';
export { migrateConfig, type MigrationChange, type MigrationResult } from './migrate';
export {
  fixesForDiagnostic,
  applyOffsetEdits,
  migrationFix,
  lintTargetLabel,
  DEFAULT_LINT_TARGET,
  type ConfigFix,
  type OffsetEdit,
  type MigrationTarget,
} from './fix-list';
export { decodeConfigBytes, type SourceText, type SourceError } from './source-text';
export { MAX_LINT_CHARS } from './limits';
