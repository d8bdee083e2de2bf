// Applying the linter's fixes to the config editor without losing what the user typed since:
// a fix's offsets are into the text that was linted, so the edits made since then are kept
// (per lint, as one CodeMirror ChangeSet) and the fix is mapped over them. A fix whose own
// range was edited since is refused (the problems list refreshes a moment later). The fix is
// one transaction: Ctrl+Z undoes it.
import { ChangeSet } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { ConfigFixInfo } from '../../common';

/** The text a set of diagnostics was computed for, and the edits made to it since. */
export interface LintBasis {
  /** Length of the linted text. */
  readonly length: number;
  /** Edits since the lint (applies to the linted text); undefined once too old to track. */
  changes: ChangeSet | undefined;
}

const KEEP = 4;

/** Keeps the last few lint bases up to date with every edit. */
export class LintBases {
  private live: LintBasis[] = [];

  /** A basis for text of `length` that is the editor's text right now. */
  start(length: number): LintBasis {
    const basis: LintBasis = { length, changes: ChangeSet.empty(length) };
    this.live.push(basis);
    while (this.live.length > KEEP) this.live.shift()!.changes = undefined;
    return basis;
  }

  /** Record an edit of the editor's text. */
  record(changes: ChangeSet): void {
    for (const b of this.live) if (b.changes) b.changes = b.changes.compose(changes);
  }
}

export type FixOutcome = 'applied' | 'changed-since';

/** `fix` (offsets into the basis text) as changes to the editor's current text (of `docLength`), or 'changed-since' when it no longer fits. */
export function mapFix(fix: ConfigFixInfo, basis: LintBasis, docLength: number): ChangeSet | 'changed-since' {
  const since = basis.changes;
  if (!since || since.newLength !== docLength) return 'changed-since';
  const edits = [...fix.edits].sort((a, b) => a.from - b.from);
  if (edits.some((e) => e.from < 0 || e.to < e.from || e.to > basis.length)) return 'changed-since';
  // Edited inside (or right at) a range the fix replaces: the fix no longer fits the text.
  if (edits.some((e) => since.touchesRange(e.from, e.to))) return 'changed-since';
  const fixChanges = ChangeSet.of(
    edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })),
    basis.length,
  );
  return fixChanges.map(since);
}

/** Apply `fix` (offsets into the basis text) to the editor's current text as one undoable change. */
export function applyFixOver(view: EditorView, fix: ConfigFixInfo, basis: LintBasis): FixOutcome {
  const changes = mapFix(fix, basis, view.state.doc.length);
  if (changes === 'changed-since') return changes;
  view.dispatch({ changes, userEvent: 'input.fix', scrollIntoView: true });
  return 'applied';
}
