// The registry config editor: open a config.yml, edit it with YAML highlighting, see the
// shared linter's diagnostics inline and in a list as you type, hover docs, pick the
// registry version (2.8 / 3), save (with a warning when errors remain).
import type { AppContext } from '../app-context';
import type { ConfigDiagnosticInfo, ConfigTarget, ConfigVersion } from '../../common';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { button, dropdown, textField } from '../toolkit';
import { confirmDialog, errorBox, openDialog, toast } from '../ui';
import { applyFix, createConfigEditor } from './config-editor-setup';

interface ConfigState {
  path: string;
  target: ConfigTarget;
  checkedAs: ConfigVersion;
  text?: string;
  savedText?: string;
}
/** 'auto' by default, like the extension (dockhand.config.version) and the CLI (--target): detected from the file. */
const state: ConfigState = { path: '', target: 'auto', checkedAs: '2.8' };

const VERSION_WHY: Record<string, string> = {
  target: 'chosen',
  detected: 'detected from the file',
  default: 'the default: nothing in the file names a version',
};

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
    [
      { value: 'auto', label: 'Detect version' },
      { value: '2.8', label: 'Registry 2.8' },
      { value: '3', label: 'Registry 3.x' },
    ],
    {
      id: 'config-version',
      value: state.target,
      ariaLabel: 'Registry version to check against',
      onchange: (v) => {
        state.target = v === '3' || v === '2.8' ? v : 'auto';
        editor.relint();
      },
    },
  );
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
      checkedAs.textContent = `Checked as registry ${report.version === '3' ? '3.x' : report.version}`;
      checkedAs.title = `Registry ${report.version}: ${VERSION_WHY[report.versionSource] ?? report.versionSource}`;
      checkedAs.dataset.version = report.version;
      checkedAs.dataset.source = report.versionSource;
      return report.diagnostics;
    },
    hover: (text, offset) => app.api.config.hover(text, offset, state.checkedAs),
    complete: (text, offset) => app.api.config.complete(text, offset, state.checkedAs),
    onDiagnostics: (diags) => showDiagnostics(diags),
    onChange: () => {
      state.text = editor.view.state.doc.toString();
      dirty.classList.toggle('hidden', state.text === state.savedText);
    },
    onSave: () => void save(),
  });
  let lastDiags: ConfigDiagnosticInfo[] = [];

  function showDiagnostics(diags: ConfigDiagnosticInfo[]) {
    lastDiags = diags;
    const errors = diags.filter((d) => d.severity === 'error').length;
    const warnings = diags.filter((d) => d.severity === 'warning').length;
    summary.textContent = diags.length ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'no problems';
    summary.className = `dh-chip ${errors ? 'error' : warnings ? 'warning' : 'ok'}`;
    const sorted = [...diags].sort((a, b) => a.from - b.from);
    replace(
      listHost,
      sorted.length
        ? sorted.map((d) =>
            h(
              'div',
              {
                class: `dh-diag ${d.severity}`,
                role: 'listitem',
                dataset: { line: String(d.line), code: d.code ?? '' },
                tabindex: '0',
                onclick: () => {
                  editor.view.dispatch({ selection: { anchor: Math.min(d.from, editor.view.state.doc.length) }, scrollIntoView: true });
                  editor.view.focus();
                },
                onkeydown: (ev: KeyboardEvent) => {
                  if ((ev.key === 'Enter' || ev.key === ' ') && ev.target === ev.currentTarget) {
                    ev.preventDefault();
                    (ev.currentTarget as HTMLElement).click();
                  }
                },
              },
              icon(d.severity === 'info' ? 'file' : 'warn', d.severity),
              h('span', { class: 'dh-diag-msg' }, d.message),
              d.code ? h('span', { class: 'dh-diag-code dh-muted' }, d.code) : null,
              h('span', { class: 'dh-diag-pos dh-muted' }, `Ln ${d.line}, Col ${d.column}`),
              d.fix
                ? h(
                    'button',
                    {
                      class: 'dh-link-button dh-diag-fix',
                      title: d.fix.title,
                      onclick: (ev: Event) => {
                        ev.stopPropagation();
                        applyFix(editor.view, d.fix!);
                        editor.view.focus();
                      },
                    },
                    `Fix: ${d.fix.title}`,
                  )
                : null,
            ),
          )
        : h('div', { class: 'dh-diag-none dh-muted', role: 'listitem' }, icon('check'), ' No problems found.'),
    );
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
      h('div', { class: 'dh-view-actions' }, checkedAs, version),
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
