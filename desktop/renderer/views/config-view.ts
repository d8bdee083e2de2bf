// The registry config editor: open a config.yml, edit it with YAML highlighting, see the
// shared linter's diagnostics inline and in a list as you type, hover docs, apply the
// linter's quick fixes (Problems list, hover, Ctrl+.), migrate a 2.8 file to 3.1, pick the
// registry version (the extension's choices; the chip says which one was used and why),
// save (with a warning when errors remain).
import type { AppContext } from '../app-context';
import type { ConfigDiagnosticInfo, ConfigFixInfo, ConfigTarget, ConfigVersion } from '../../common';
import { h } from '../dom';
import { icon } from '../icons';
import { button, dropdown, textField } from '../toolkit';
import { confirmDialog, errorBox, openDialog, toast } from '../ui';
import { createConfigEditor } from './config-editor-setup';
import { applyFixOver, type LintBasis } from './config-fix-apply';
import { noFixesText, openFixMenu } from './config-fix-menu';
import { fixesOf, renderProblems } from './config-problems';

interface ConfigState {
  path: string;
  target: ConfigTarget;
  checkedAs: ConfigVersion;
  text?: string;
  savedText?: string;
}
/** 'auto' by default, like the extension (dockhand.config.version) and the CLI (--target): detected from the file. */
const state: ConfigState = { path: '', target: 'auto', checkedAs: '2.8' };


/** Whether the editor holds edits that are not saved to disk. */
export function configHasUnsavedEdits(): boolean {
  return state.text !== undefined && state.text !== state.savedText;
}

// Reload and close ask first while edits are unsaved (Electron turns this into its own
// question in electron-main.ts; a browser shows its standard "Leave site?" prompt).
window.addEventListener('beforeunload', (ev) => {
  if (!configHasUnsavedEdits()) return;
  ev.preventDefault();
  ev.returnValue = '';
});

async function discardEditsFirst(what: string): Promise<boolean> {
  if (!configHasUnsavedEdits()) return true;
  return confirmDialog({
    id: 'discard-dialog',
    title: 'Discard unsaved changes?',
    action: 'Discard changes',
    body: h('p', null, `${state.path || 'The config'} has changes that are not saved. ${what} drops them; Cancel keeps editing (Ctrl+S saves).`),
  });
}

export function renderConfigView(app: AppContext): HTMLElement {
  if (!state.path) state.path = app.info.defaultConfigPath ?? '';
  const pathField = textField({ id: 'config-path', value: state.path, placeholder: '/etc/docker/registry/config.yml', cls: 'dh-path-field' });
  const version = dropdown(
    // The extension's dockhand.config.version choices; '3' (= 3.1) is shown as 3.1.
    [
      { value: 'auto', label: 'Detect version (else 3.1)' },
      { value: '2.8', label: 'Registry 2.8' },
      { value: '2.8-debian', label: "Registry 2.8 (Debian's build)" },
      { value: '3.0', label: 'Registry 3.0' },
      { value: '3.1', label: 'Registry 3.1' },
    ],
    {
      id: 'config-version',
      value: state.target === '3' ? '3.1' : state.target,
      ariaLabel: 'Registry version to check against',
      onchange: (v) => {
        state.target = (['2.8', '2.8-debian', '3.0', '3.1'] as const).find((t) => t === v) ?? 'auto';
        editor.relint();
      },
    },
  );
  const migrate = button([icon('refresh'), ' Migrate to 3.1'], () => void migrateTo31(), {
    appearance: 'secondary',
    id: 'config-migrate',
    cls: 'hidden',
    title: 'Rewrite this 2.8 file for registry 3.1 (each change explained in a comment; Ctrl+Z undoes it)',
  });
  const checkedAs = h('span', { class: 'dh-chip', id: 'config-checked-as', role: 'status' }, '');
  const dirty = h('span', { class: 'dh-chip warning hidden', id: 'config-dirty' }, 'unsaved');
  const summary = h('span', { class: 'dh-chip', id: 'config-summary' }, 'no file');
  // A list always has an item (axe: aria-required-children): a note stands in while there are no problems.
  const listHost = h(
    'div',
    { class: 'dh-diag-list', id: 'config-diagnostics', role: 'list' },
    h('div', { class: 'dh-diag-none dh-muted', role: 'listitem' }, 'Open a config.yml to see its problems here.'),
  );
  const editorHost = h('div', { class: 'dh-editor', id: 'config-editor' });
  const errorHost = h('div');

  const editor = createConfigEditor(editorHost, {
    lint: async (text) => {
      const report = await app.api.config.lintReport(text, state.target);
      state.checkedAs = report.version;
      // The same words as the extension's status bar: "Registry 3.1 (default)", and why.
      checkedAs.textContent = report.label.text;
      checkedAs.title = report.label.why;
      checkedAs.setAttribute('aria-label', `Checked as ${report.label.text}. ${report.label.why}`);
      checkedAs.dataset.version = report.target;
      checkedAs.dataset.source = report.versionSource;
      migrate.classList.toggle('hidden', report.version !== '2.8');
      return report.diagnostics;
    },
    hover: (text, offset) => app.api.config.hover(text, offset, state.checkedAs),
    complete: (text, offset) => app.api.config.complete(text, offset, state.checkedAs),
    onDiagnostics: (diags, basis) => showDiagnostics(diags, basis),
    onFix: (fix, basis) => applyFix(fix, basis),
    onQuickFixKey: (line) => fixMenu(lastDiags.filter((d) => d.line === line || (d.from <= lineEnd(line) && d.to >= lineStart(line))), line),
    onChange: () => {
      state.text = editor.view.state.doc.toString();
      dirty.classList.toggle('hidden', state.text === state.savedText);
    },
    onSave: () => void save(),
  });
  let lastDiags: ConfigDiagnosticInfo[] = [];
  let lastBasis: LintBasis | undefined;
  const lineStart = (n: number) => editor.view.state.doc.line(Math.min(n, editor.view.state.doc.lines)).from;
  const lineEnd = (n: number) => editor.view.state.doc.line(Math.min(n, editor.view.state.doc.lines)).to;

  /** Apply a fix computed for the text of `basis` over what was typed since; one undoable change. */
  function applyFix(fix: ConfigFixInfo, basis: LintBasis | undefined = lastBasis) {
    const outcome = basis ? applyFixOver(editor.view, fix, basis) : 'changed-since';
    if (outcome === 'changed-since') {
      toast('That part of the file changed after it was checked: the problems are being updated, try again in a moment.', 'info');
      editor.relint();
    }
    editor.view.focus();
  }

  function fixMenu(diags: ConfigDiagnosticInfo[], line: number) {
    const basis = lastBasis;
    const choices = diags.flatMap((d) => fixesOf(d).map((fix) => ({ diagnostic: d, fix })));
    if (!choices.length) {
      toast(noFixesText(line, diags.length), 'info');
      return;
    }
    openFixMenu({ line, choices, apply: (c) => applyFix(c.fix, basis), done: () => editor.view.focus() });
  }

  async function migrateTo31() {
    const text = editor.view.state.doc.toString();
    try {
      const m = await app.api.config.migrate(text, '3.1');
      if (!m) {
        toast('Nothing to migrate: this file already reads the same in registry 3.1.', 'info');
        return;
      }
      if (editor.view.state.doc.toString() !== text) {
        toast('The file changed while it was being migrated: nothing was changed, try again.', 'info');
        return;
      }
      // Migrated files say `# dockhand-target: 3.1`: check them as detected from now on.
      state.target = 'auto';
      version.value = 'auto';
      editor.view.dispatch({ changes: m.edits.map((e) => ({ from: e.from, to: e.to, insert: e.insert })), userEvent: 'input.migrate', scrollIntoView: true });
      toast(`Migrated to registry 3.1: ${m.changes} change${m.changes === 1 ? '' : 's'}, each explained in a "# dockhand migrate:" comment. Ctrl+Z undoes it.`, 'ok');
      editor.relint();
      editor.view.focus();
    } catch (err) {
      errorHost.replaceChildren(errorBox(err, undefined, 'Could not migrate the config to registry 3.1'));
    }
  }

  function showDiagnostics(diags: ConfigDiagnosticInfo[], basis?: LintBasis) {
    lastDiags = diags;
    lastBasis = basis;
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    summary.textContent = diags.length ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'no problems';
    summary.className = `dh-chip ${errors ? 'error' : warnings ? 'warning' : 'ok'}`;
    renderProblems(listHost, diags, {
      reveal: (d) => {
        editor.view.dispatch({ selection: { anchor: Math.min(d.from, editor.view.state.doc.length) }, scrollIntoView: true });
        editor.view.focus();
      },
      fix: (_d, fix) => applyFix(fix, basis),
      moreFixes: (d) => fixMenu([d], d.line),
    });
  }

  async function open(path: string) {
    errorHost.replaceChildren();
    if (!(await discardEditsFirst(`Opening ${path}`))) return;
    try {
      const file = await app.api.config.open(path);
      state.path = file.path;
      state.text = state.savedText = file.text;
      pathField.value = file.path;
      editor.setText(file.text);
      dirty.classList.add('hidden');
    } catch (err) {
      errorHost.replaceChildren(errorBox(err, undefined, `Could not open ${path}`));
    }
  }

  async function save() {
    const text = editor.view.state.doc.toString();
    const errors = lastDiags.filter((d) => d.severity === 'error').length;
    const doSave = async () => {
      const r = await app.api.config.save(pathField.value || state.path, text, state.checkedAs);
      state.path = r.path;
      state.savedText = text;
      dirty.classList.add('hidden');
      toast(`Saved ${r.path}${r.errors ? ` with ${r.errors} error${r.errors === 1 ? '' : 's'}` : ''}`, r.errors ? 'info' : 'ok');
    };
    if (errors) {
      openDialog({
        id: 'save-warning',
        title: 'Save with errors?',
        submitLabel: 'Save anyway',
        danger: true,
        errorTitle: `Could not save ${pathField.value || state.path}`,
        body: h(
          'div',
          { class: 'dh-warning-box' },
          icon('warn'),
          h(
            'div',
            null,
            h('strong', null, `${errors} error${errors === 1 ? '' : 's'} remain${errors === 1 ? 's' : ''}.`),
            h('div', null, 'The registry may refuse to start or silently ignore parts of this file.'),
          ),
        ),
        onSubmit: doSave,
      });
    } else {
      try {
        await doSave();
      } catch (err) {
        errorHost.replaceChildren(errorBox(err, undefined, `Could not save ${pathField.value || state.path}`));
      }
    }
  }

  const root = h(
    'div',
    { class: 'dh-view dh-config-view' },
    h(
      'header',
      { class: 'dh-view-header' },
      h('div', { class: 'dh-view-title' }, icon('file'), h('h1', null, 'Registry config'), summary, dirty),
      h('div', { class: 'dh-view-actions' }, checkedAs, version, migrate),
    ),
    h(
      'div',
      { class: 'dh-toolbar' },
      pathField,
      button([icon('folder'), ' Open'], () => void open(pathField.value), { appearance: 'secondary', id: 'config-open' }),
      app.info.canPickFiles
        ? button(
            'Browse…',
            async () => {
              const p = await app.api.config.pick();
              if (p) void open(p);
            },
            { appearance: 'secondary' },
          )
        : null,
      button([icon('save'), ' Save'], () => void save(), { appearance: 'primary', id: 'config-save' }),
    ),
    errorHost,
    h(
      'div',
      { class: 'dh-editor-split' },
      editorHost,
      h('div', { class: 'dh-diag-panel' }, h('div', { class: 'dh-pane-header' }, h('span', { class: 'dh-pane-title' }, 'Problems')), listHost),
    ),
  );
  if (state.text !== undefined) {
    editor.setText(state.text);
    dirty.classList.toggle('hidden', state.text === state.savedText);
  } else showDiagnostics([]);
  return root;
}
