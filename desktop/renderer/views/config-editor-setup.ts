// The CodeMirror 6 setup of the registry config editor: YAML highlighting in both themes,
// diagnostics from the shared linter (inline + gutter), hover docs, all through the API.
import { basicSetup } from 'codemirror';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { yaml } from '@codemirror/lang-yaml';
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { tags as t } from '@lezer/highlight';
import type { CompletionInfo, ConfigDiagnosticInfo, HoverDocInfo } from '../../common';
import { h } from '../dom';
import { LintBases, type LintBasis } from './config-fix-apply';

const highlight = HighlightStyle.define([
  { tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--dh-syntax-key)' },
  { tag: [t.string, t.special(t.string)], color: 'var(--dh-syntax-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--dh-syntax-number)' },
  { tag: [t.comment, t.lineComment], color: 'var(--dh-syntax-comment)', fontStyle: 'italic' },
  { tag: [t.keyword, t.meta, t.labelName], color: 'var(--dh-syntax-keyword)' },
  { tag: [t.punctuation, t.separator, t.squareBracket, t.brace], color: 'var(--dh-muted)' },
  { tag: t.typeName, color: 'var(--dh-syntax-keyword)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--dh-bg)', color: 'var(--dh-fg)', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'var(--dh-mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--dh-fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--dh-fg)' },
  // line numbers in the muted text colour: the editor's own line-number grey is under 4.5:1 (axe)
  '.cm-gutters': { backgroundColor: 'var(--dh-bg)', color: 'var(--dh-muted)', border: 'none' },
  // The active line is outlined, not filled: a fill lowers the contrast of comments on it below 4.5:1 (axe).
  '.cm-activeLine': { backgroundColor: 'transparent', boxShadow: 'inset 0 0 0 1px var(--vscode-editor-lineHighlightBorder, var(--dh-border))' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--vscode-editor-lineHighlightBackground)', color: 'var(--dh-fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--vscode-editor-selectionBackground) !important' },
  '.cm-tooltip': {
    backgroundColor: 'var(--dh-bg-raised)',
    color: 'var(--dh-fg)',
    border: '1px solid var(--dh-border)',
    borderRadius: '4px',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)',
  },
  '.cm-tooltip-lint': { padding: '0' },
  '.cm-diagnostic': { padding: '4px 8px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--dh-error)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--dh-warning)' },
  '.cm-diagnostic-info': { borderLeftColor: 'var(--dh-info)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--dh-error)', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy var(--dh-warning)', textUnderlineOffset: '3px' },
  '.cm-lintRange-info': { backgroundImage: 'none', textDecoration: 'underline dotted var(--dh-info)', textUnderlineOffset: '3px' },
  '.cm-panels': { backgroundColor: 'var(--dh-bg-raised)', color: 'var(--dh-fg)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--dh-bg-code)', border: 'none', color: 'var(--dh-muted)' },
  '.dh-hover-doc': { maxWidth: '460px', padding: '8px 10px', fontFamily: 'var(--dh-font)' },
  '.dh-hover-path': { fontFamily: 'var(--dh-mono)', fontWeight: '600', marginBottom: '4px' },
  '.dh-hover-text': { whiteSpace: 'pre-wrap', lineHeight: '1.45' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--dh-selected)', color: 'var(--dh-selected-fg)' },
  '.cm-completionDetail': { color: 'var(--dh-muted)', marginLeft: '8px' },
  '.cm-tooltip.cm-completionInfo': { maxWidth: '380px', padding: '6px 10px', whiteSpace: 'pre-wrap' },
  '.cm-searchMatch': { backgroundColor: 'color-mix(in srgb, var(--dh-warning) 30%, transparent)' },
});

export interface ConfigEditorHooks {
  lint(text: string): Promise<ConfigDiagnosticInfo[]>;
  hover(text: string, offset: number): Promise<HoverDocInfo | null>;
  complete(text: string, offset: number): Promise<CompletionInfo[]>;
  /** New diagnostics; their fixes' offsets are into the text of `basis`. */
  onDiagnostics(diags: ConfigDiagnosticInfo[], basis: LintBasis): void;
  /** A fix picked in the editor (the hover's buttons): apply it with applyFixOver and say when it no longer fits. */
  onFix(fix: NonNullable<ConfigDiagnosticInfo['fix']>, basis: LintBasis): void;
  /** Ctrl+. in the editor: offer the fixes of the diagnostics on the cursor's line (1-based). */
  onQuickFixKey(line: number): void;
  onChange(): void;
  onSave(): void;
}

/**
 * The editor lives in an open shadow root: there CodeMirror installs its styles as
 * constructable stylesheets (adoptedStyleSheets), which the strict CSP allows, instead of
 * <style> elements with content, which it blocks.
 */
export function createConfigEditor(host: HTMLElement, hooks: ConfigEditorHooks): { view: EditorView; setText(text: string): void; relint(): void } {
  const bases = new LintBases();
  const shadow = host.attachShadow({ mode: 'open' });
  const parent = document.createElement('div');
  parent.className = 'dh-editor-root';
  parent.style.height = '100%';
  shadow.appendChild(parent);
  const lintCompartment = new Compartment();
  const lintExtension = (): Extension =>
    linter(
      async (view): Promise<Diagnostic[]> => {
        const text = view.state.doc.toString();
        if (!text.trim()) {
          hooks.onDiagnostics([], bases.start(text.length));
          return [];
        }
        let diags: ConfigDiagnosticInfo[];
        try {
          diags = await hooks.lint(text);
        } catch {
          return [];
        }
        if (view.state.doc.toString() !== text) return [];
        const basis = bases.start(text.length);
        hooks.onDiagnostics(diags, basis);
        const len = view.state.doc.length;
        return diags.map((d) => {
          const from = Math.min(Math.max(0, d.from), len);
          let to = Math.min(Math.max(from, d.to), len);
          if (to === from && to < len) to = from + 1;
          // The linter's quick fixes become the diagnostic's actions (buttons in the hover and the lint panel).
          const actions = (d.fixes ?? (d.fix ? [d.fix] : [])).map((fix) => ({ name: fix.title, apply: () => hooks.onFix(fix, basis) }));
          return { from, to, severity: d.severity, message: d.message, source: d.code, actions: actions.length ? actions : undefined };
        });
      },
      { delay: 250 },
    );

  const hover = hoverTooltip(
    async (view, pos) => {
      const doc = await hooks.hover(view.state.doc.toString(), pos).catch(() => null);
      if (!doc) return null;
      return {
        pos: doc.from,
        end: doc.to,
        above: true,
        create: () => ({
          dom: h('div', { class: 'dh-hover-doc' }, h('div', { class: 'dh-hover-path dh-mono' }, doc.path), h('div', { class: 'dh-hover-text' }, doc.text)),
        }),
      };
    },
    { hoverTime: 250 },
  );

  const complete = async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w.-]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const items = await hooks.complete(context.state.doc.toString(), context.pos).catch(() => []);
    if (!items.length) return null;
    return {
      from: word.from,
      options: items.map((c) => ({
        label: c.label,
        type: c.kind === 'key' ? 'property' : 'constant',
        detail: c.detail,
        info: c.documentation,
        apply: c.insertText,
      })),
      validFor: /^[\w.-]*$/,
    };
  };

  const view = new EditorView({
    parent,
    root: shadow,
    state: EditorState.create({
      doc: '',
      extensions: [
        basicSetup,
        // tabindex: the editable content is the scroller's focusable child (axe scrollable-region-focusable on long files).
        EditorView.contentAttributes.of({ 'aria-label': 'Registry config (YAML)', tabindex: '0' }),
        yaml(),
        syntaxHighlighting(highlight),
        theme,
        lintGutter(),
        lintCompartment.of(lintExtension()),
        hover,
        autocompletion({ override: [complete] }),
        EditorState.tabSize.of(2),
        keymap.of([
          {
            // Quick fixes by keyboard, as in VS Code.
            key: 'Mod-.',
            preventDefault: true,
            run: (v) => {
              hooks.onQuickFixKey(v.state.doc.lineAt(v.state.selection.main.head).number);
              return true;
            },
          },
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              hooks.onSave();
              return true;
            },
          },
        ]),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          bases.record(u.changes);
          hooks.onChange();
        }),
      ],
    }),
  });
  return {
    view,
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    relint() {
      view.dispatch({ effects: lintCompartment.reconfigure(lintExtension()) });
    },
  };
}
