// The config editor's quick-fix menu (Ctrl+. on a line, or "More fixes" in the Problems list):
// a small modal listing each fix of the problems on that line as a button. Arrows and
// Home/End move, Enter applies, Escape closes; the focus goes back to the editor either way.
import type { ConfigDiagnosticInfo, ConfigFixInfo } from '../../common';
import { h } from '../dom';

export interface FixChoice {
  diagnostic: ConfigDiagnosticInfo;
  fix: ConfigFixInfo;
}

let seq = 0;

/** Open the menu; `apply` runs for the picked fix, `done` when the menu closes (either way). */
export function openFixMenu(opts: { line: number; choices: FixChoice[]; apply: (c: FixChoice) => void; done: () => void }): HTMLDialogElement {
  const titleId = `dh-fix-menu-title-${++seq}`;
  const several = new Set(opts.choices.map((c) => c.diagnostic)).size > 1;
  const buttons = opts.choices.map((c) =>
    h(
      'button',
      {
        type: 'button',
        class: 'dh-fix-choice',
        dataset: { code: c.diagnostic.code ?? '' },
        onclick: () => {
          close();
          opts.apply(c);
        },
      },
      c.fix.title,
      several ? h('span', { class: 'dh-muted dh-fix-for' }, ` (${c.diagnostic.code ?? c.diagnostic.severity})`) : null,
    ),
  );
  const list = h('div', { class: 'dh-fix-list' }, buttons);
  list.addEventListener('keydown', (ev: KeyboardEvent) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      ev.key === 'ArrowDown' ? at + 1 : ev.key === 'ArrowUp' ? at - 1 : ev.key === 'Home' ? 0 : ev.key === 'End' ? buttons.length - 1 : undefined;
    if (to === undefined) return;
    ev.preventDefault();
    buttons[(to + buttons.length) % buttons.length]?.focus();
  });
  const message = opts.choices[0]?.diagnostic.message ?? '';
  const dialog = h(
    'dialog',
    { class: 'dh-dialog dh-fix-menu', id: 'config-fix-menu', 'aria-labelledby': titleId },
    h('header', null, h('h2', { id: titleId }, `Quick fixes for line ${opts.line}`)),
    h('div', { class: 'dh-dialog-body' }, several ? null : h('p', { class: 'dh-fix-problem' }, message), list),
    h('footer', null, h('button', { type: 'button', class: 'dh-link-button', id: 'config-fix-menu-close', onclick: () => close() }, 'Close')),
  );
  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    dialog.close();
    dialog.remove();
    opts.done();
  }
  dialog.addEventListener('cancel', (ev) => {
    ev.preventDefault();
    close();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  buttons[0]?.focus();
  return dialog;
}

/** A note for a line without fixes (Ctrl+. where there is nothing to fix). */
export function noFixesText(line: number, diagsOnLine: number): string {
  return diagsOnLine ? `No quick fix for the problem${diagsOnLine === 1 ? '' : 's'} on line ${line}.` : `No problems on line ${line}.`;
}
