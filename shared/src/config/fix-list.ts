// The quick fixes of a config.yml as plain data both front ends apply (the VS Code extension
// as WorkspaceEdits, the desktop editor as CodeMirror changes): per diagnostic the list of
// fixes, the preferred one first, each as offset edits into the text that was linted. Also
// "Migrate to registry 3.x" as one fix, and the words that say which version a file is
// checked against (the same in both front ends).
import { migrateConfig } from './migrate';
import type { Diagnostic, LintResult, TextEdit } from './types';

/** Replace `length` UTF-16 code units at `offset` (0-based, in the linted text) with `newText`. */
export interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface ConfigFix {
  title: string;
  /** Non-overlapping edits into the linted text. */
  edits: OffsetEdit[];
  /** The fix to offer first (the diagnostic's own fix; alternatives are not preferred). */
  preferred: boolean;
}

function toOffsetEdits(edits: readonly TextEdit[]): OffsetEdit[] {
  return edits
    .map((e) => ({ offset: e.range.start.offset, length: e.range.end.offset - e.range.start.offset, newText: e.newText }))
    .sort((a, b) => a.offset - b.offset);
}

/** Every fix the linter offers for a diagnostic, the preferred one first (empty when it has none). */
export function fixesForDiagnostic(d: Pick<Diagnostic, 'fix' | 'alternatives'>): ConfigFix[] {
  if (!d.fix) return [];
  return [d.fix, ...(d.alternatives ?? [])].map((f, i) => ({ title: f.title, edits: toOffsetEdits(f.edits), preferred: i === 0 }));
}

/**
 * `text` with the edits applied (offsets into `text`). Edits at one offset apply in the order
 * given (an insertion before a replacement there, as migrationFix writes them). Throws on an
 * edit outside the text or edits that overlap.
 */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.offset < 0 || e.length < 0 || e.offset + e.length > text.length) throw new RangeError(`edit at ${e.offset}+${e.length} is outside the text (${text.length} characters)`);
    if (e.offset < at) throw new RangeError(`edits overlap at ${e.offset}`);
    out += text.slice(at, e.offset) + e.newText;
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

export type MigrationTarget = '3.0' | '3.1';

/** "Migrate to registry 3.1" as a fix: undefined when the text cannot be parsed or nothing changes. */
export function migrationFix(text: string, to: MigrationTarget): (ConfigFix & { changes: number }) | undefined {
  const m = migrateConfig(text, to);
  if (m.error || !m.edits.length) return undefined;
  const n = m.changes.length;
  return {
    title: `Migrate to registry ${to} (${n} change${n === 1 ? '' : 's'}, explained in comments)`,
    edits: toOffsetEdits(m.edits),
    preferred: false,
    changes: n,
  };
}

/** The version a file is checked against when nothing chooses one: 3.1, in the CLI, the extension and the desktop. */
export const DEFAULT_LINT_TARGET = '3.1';

const WHY: Record<LintResult['versionSource'], string> = {
  target: 'the version chosen, not detected from the file',
  detected: 'detected from a "# dockhand-target" line or the keys the file uses',
  default: `the default (${DEFAULT_LINT_TARGET}): nothing in the file tells the versions apart`,
};

/** The words both front ends show for what a file was checked against: "Registry 3.1 (default)" and why. */
export function lintTargetLabel(r: Pick<LintResult, 'version' | 'target' | 'versionSource'>): { version: string; text: string; why: string } {
  const version = r.target === '3' || (!r.target && r.version === '3') ? DEFAULT_LINT_TARGET : (r.target ?? r.version);
  const tail = r.versionSource === 'default' ? ' (default)' : r.versionSource === 'detected' ? ' (detected)' : ' (chosen)';
  return { version, text: `Registry ${version}${tail}`, why: `Checked against registry ${version}: ${WHY[r.versionSource]}.` };
}
