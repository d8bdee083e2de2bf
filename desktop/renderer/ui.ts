// Shared UI pieces: toasts, modal dialogs, copy-to-clipboard, error rendering, empty states.
import { RemoteError } from '../preload/api';
import { h, type Child } from './dom';
import { icon } from './icons';
import { button } from './toolkit';

let toastHost: HTMLElement | undefined;

export function toast(message: string, kind: 'info' | 'ok' | 'error' = 'info'): void {
  toastHost ??= document.body.appendChild(h('div', { class: 'dh-toasts', role: 'status', 'aria-live': 'polite' }));
  const el = h('div', { class: `dh-toast ${kind}` }, icon(kind === 'error' ? 'warn' : kind === 'ok' ? 'check' : 'file'), h('span', null, message));
  toastHost.appendChild(el);
  setTimeout(() => el.remove(), kind === 'error' ? 9000 : 3500);
}

export function errorMessage(err: unknown): string {
  if (err instanceof RemoteError) return err.hint && !err.message.includes(err.hint) ? `${err.message} ${err.hint}` : err.message;
  return err instanceof Error ? err.message : String(err);
}

export function errorBox(err: unknown, retry?: () => void): HTMLElement {
  return h('div', { class: 'dh-error-box', role: 'alert' },
    icon('warn'),
    h('div', null, h('div', { class: 'dh-error-title' }, 'Something went wrong'), h('div', { class: 'dh-error-detail' }, errorMessage(err))),
    retry ? button('Retry', retry, { appearance: 'secondary' }) : null);
}

export function emptyState(iconName: string, title: string, detail: Child, action?: HTMLElement): HTMLElement {
  return h('div', { class: 'dh-empty' }, icon(iconName, 'big'), h('div', { class: 'dh-empty-title' }, title), h('div', { class: 'dh-empty-detail' }, detail), action ?? null);
}

export function loading(label = 'Loading…'): HTMLElement {
  return h('div', { class: 'dh-loading' }, h('vscode-progress-ring'), h('span', null, label));
}

export async function copyText(text: string, what = 'Copied'): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = h('textarea', { class: 'dh-offscreen' });
    ta.value = text;
    document.body.appendChild(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  toast(`${what} to the clipboard`, 'ok');
}

export interface DialogHandle {
  dialog: HTMLDialogElement;
  close(): void;
  setError(err: unknown): void;
  setBusy(busy: boolean): void;
}

/** A modal dialog with a title, a body and action buttons; `onSubmit` may throw to show an error inline. */
export function openDialog(opts: {
  id?: string; title: string; body: Child; submitLabel: string; danger?: boolean;
  onSubmit: (handle: DialogHandle) => Promise<boolean | void>; wide?: boolean;
}): DialogHandle {
  const errorHost = h('div', { class: 'dh-dialog-error' });
  const submit = button(opts.submitLabel, () => void run(), { appearance: 'primary', id: opts.id ? `${opts.id}-submit` : undefined, cls: opts.danger ? 'danger' : undefined });
  const cancel = button('Cancel', () => handle.close(), { appearance: 'secondary' });
  const busy = h('vscode-progress-ring', { class: 'dh-ring hidden' });
  const dialog = h('dialog', { class: `dh-dialog${opts.wide ? ' wide' : ''}`, id: opts.id },
    h('form', { method: 'dialog', onsubmit: (ev: Event) => { ev.preventDefault(); void run(); } },
      h('header', null, h('h2', null, opts.title)),
      h('div', { class: 'dh-dialog-body' }, opts.body),
      errorHost,
      h('footer', null, busy, cancel, submit)));
  const handle: DialogHandle = {
    dialog,
    close: () => { dialog.close(); dialog.remove(); },
    setError: (err) => { errorHost.replaceChildren(err ? errorBox(err) : ''); },
    setBusy: (b) => { busy.classList.toggle('hidden', !b); if (b) submit.setAttribute('disabled', ''); else submit.removeAttribute('disabled'); },
  };
  async function run() {
    handle.setError(undefined);
    handle.setBusy(true);
    try {
      const keepOpen = await opts.onSubmit(handle);
      if (keepOpen !== true) handle.close();
    } catch (err) {
      handle.setError(err);
    } finally {
      handle.setBusy(false);
    }
  }
  dialog.addEventListener('cancel', () => dialog.remove());
  document.body.appendChild(dialog);
  dialog.showModal();
  return handle;
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'dh-field' }, h('span', { class: 'dh-field-label' }, label), control, hint ? h('span', { class: 'dh-field-hint' }, hint) : null);
}
