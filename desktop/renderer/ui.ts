// Shared UI pieces: toasts, modal dialogs, copy-to-clipboard, error rendering, empty states.
import { RemoteError } from '../common';
import { h, replace, type Child } from './dom';
import { icon } from './icons';
import { button, setAccessibleName } from './toolkit';
import { CANCELLED, runLoad } from './cancellable-load';

export { CANCELLED, cancellableLoad } from './cancellable-load';

let toastHost: HTMLElement | undefined;
let dialogSeq = 0;

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

/** An inline error: `title` names what failed ("Could not read the tags of team/api"), the detail says why and what to do. */
export function errorBox(err: unknown, retry?: () => void, title = 'Something went wrong', fix?: HTMLElement | null): HTMLElement {
  return h(
    'div',
    { class: 'dh-error-box', role: 'alert' },
    icon('warn'),
    h('div', null, h('div', { class: 'dh-error-title' }, title), h('div', { class: 'dh-error-detail' }, errorMessage(err))),
    fix ?? null,
    retry ? button('Retry', retry, { appearance: 'secondary' }) : null,
  );
}

/** Whether the registry refused the request for want of a (valid) sign-in: the fix is the Sign in button. */
export function needsSignIn(err: unknown): boolean {
  return err instanceof RemoteError && (err.code === 'UNAUTHORIZED' || err.status === 401);
}

export function emptyState(iconName: string, title: string, detail: Child, action?: HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'dh-empty' },
    icon(iconName, 'big'),
    h('div', { class: 'dh-empty-title' }, title),
    h('div', { class: 'dh-empty-detail' }, detail),
    action ?? null,
  );
}

/** A spinner with its label and, when `onCancel` is given, a Cancel button (every load can be abandoned). */
export function loading(label = 'Loading…', onCancel?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'dh-loading', role: 'status' },
    h('vscode-progress-ring', { 'aria-hidden': 'true' }),
    h('span', null, label),
    onCancel ? button('Cancel', onCancel, { appearance: 'secondary', cls: 'dh-load-cancel' }) : null,
  );
}

/**
 * A load with Cancel: `label` and a Cancel button in `host` while `work` runs. Cancel leaves "Stopped `what`"
 * with Retry there and the late answer is dropped; a failure rejects as usual. Answers CANCELLED when dropped.
 */
export function loadInto<T>(host: HTMLElement, label: string, what: string, work: () => Promise<T>, retry: () => void): Promise<T | typeof CANCELLED> {
  return runLoad(host, { busy: (cancel) => replace(host, loading(label, cancel)), cancelled: () => replace(host, cancelledState(what, retry)) }, work);
}

/** What a cancelled load leaves on screen: what stopped, and Retry. */
export function cancelledState(what: string, retry: () => void): HTMLElement {
  return h(
    'div',
    { class: 'dh-empty dh-cancelled', role: 'status' },
    icon('x', 'big'),
    h('div', { class: 'dh-empty-title' }, `Stopped ${what}`),
    button('Retry', retry, { appearance: 'secondary', cls: 'dh-load-retry' }),
  );
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
  id?: string;
  title: string;
  body: Child;
  submitLabel: string;
  danger?: boolean;
  onSubmit: (handle: DialogHandle) => Promise<boolean | void>;
  wide?: boolean;
  /** Called when the dialog goes away without its action (Cancel, Escape). */
  onCancel?: () => void;
  /** Title of an error shown in the dialog (default: "<title> failed"). */
  errorTitle?: string;
}): DialogHandle {
  const errorHost = h('div', { class: 'dh-dialog-error' });
  const submit = button(opts.submitLabel, () => void run(), {
    appearance: 'primary',
    id: opts.id ? `${opts.id}-submit` : undefined,
    cls: opts.danger ? 'danger' : undefined,
  });
  const cancel = button(
    'Cancel',
    () => {
      handle.close();
      opts.onCancel?.();
    },
    { appearance: 'secondary', id: opts.id ? `${opts.id}-cancel` : undefined },
  );
  const busy = h('vscode-progress-ring', { class: 'dh-ring hidden' });
  const titleId = `dh-dialog-title-${++dialogSeq}`;
  const dialog = h(
    'dialog',
    { class: `dh-dialog${opts.wide ? ' wide' : ''}`, id: opts.id, 'aria-labelledby': titleId },
    h(
      'form',
      {
        method: 'dialog',
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          if (!opts.danger) void run();
        },
      },
      h('header', null, h('h2', { id: titleId }, opts.title)),
      h('div', { class: 'dh-dialog-body' }, opts.body),
      errorHost,
      h('footer', null, busy, cancel, submit),
    ),
  );
  const handle: DialogHandle = {
    dialog,
    close: () => {
      dialog.close();
      dialog.remove();
    },
    // The title names what failed ("Copy team/app:1.0 failed"), not "Something went wrong".
    setError: (err) => {
      errorHost.replaceChildren(err ? errorBox(err, undefined, opts.errorTitle ?? `${opts.title} failed`) : '');
    },
    setBusy: (b) => {
      busy.classList.toggle('hidden', !b);
      if (b) submit.setAttribute('disabled', '');
      else submit.removeAttribute('disabled');
    },
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
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
  // Escape: the removed dialog gets no close event, so the focus goes back to the opener here.
  dialog.addEventListener('cancel', () => {
    dialog.remove();
    opts.onCancel?.();
    if (opener?.isConnected) opener.focus();
  });
  dialog.addEventListener('close', () => {
    if (opener?.isConnected) opener.focus();
  });
  document.body.appendChild(dialog);
  dialog.showModal();
  // A destructive action is never the default: Enter in a danger dialog does not submit, and Cancel has the focus.
  if (opts.danger) cancel.focus();
  return handle;
}

/** A labelled control. The toolkit's fields keep their <input> in a shadow root, so the label also becomes its aria-label. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.dataset.ariaLabel) setAccessibleName(control, label);
  return h('label', { class: 'dh-field' }, h('span', { class: 'dh-field-label' }, label), control, hint ? h('span', { class: 'dh-field-hint' }, hint) : null);
}

/** Ask before something that cannot be undone; resolves true only when the user picks the (non-default) action. */
export function confirmDialog(opts: { id: string; title: string; body: Child; action: string }): Promise<boolean> {
  return new Promise((resolve) => {
    openDialog({
      id: opts.id,
      title: opts.title,
      body: opts.body,
      submitLabel: opts.action,
      danger: true,
      onSubmit: async () => {
        resolve(true);
      },
      onCancel: () => resolve(false),
    });
  });
}
