// Add-registry and login dialogs.
import type { RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { h } from '../dom';
import { button, checkbox, textField } from '../toolkit';
import { field, needsSignIn, openDialog, toast } from '../ui';
import { icon } from '../icons';
import { storageField } from './login-storage-field';

export function openAddRegistryDialog(app: AppContext): void {
  const url = textField({ id: 'add-url', placeholder: 'https://registry.example.com or 127.0.0.1:5000', autofocus: true });
  const name = textField({ id: 'add-name', placeholder: 'Optional display name' });
  const ca = textField({ id: 'add-ca', placeholder: '/etc/ssl/my-ca.pem (optional)' });
  const clientCert = textField({ id: 'add-client-cert', placeholder: '/path/to/client.cert (optional)' });
  const clientKey = textField({ id: 'add-client-key', placeholder: '/path/to/client.key (optional)' });
  const insecure = checkbox('Skip TLS verification (not recommended)', { id: 'add-insecure' });
  const user = textField({ id: 'add-username', placeholder: 'Optional' });
  const pass = textField({ id: 'add-password', type: 'password', placeholder: 'Password or token' });
  const storage = storageField(app, 'add', '');
  url.addEventListener('change', () => void storage.refresh(url.value));
  url.addEventListener('focusout', () => void storage.refresh(url.value));
  openDialog({
    id: 'add-registry-dialog',
    title: 'Add a registry',
    submitLabel: 'Add registry',
    body: [
      field(
        'Address',
        url,
        'Host[:port] or URL. Without a scheme Dockhand tries HTTPS first (loopback may fall back to HTTP) and shows what the registry answered on.',
      ),
      field('Name', name),
      field('CA certificate file', ca, 'For registries with a private or corporate CA.'),
      h('div', { class: 'dh-row-fields' }, field('Client certificate (mTLS)', clientCert), field('Client key', clientKey)),
      h(
        'p',
        { class: 'dh-muted dh-small' },
        'Left empty, Dockhand uses client.cert and client.key from /etc/docker/certs.d/<host>/ when they are there, like Docker.',
      ),
      insecure,
      h('div', { class: 'dh-dialog-section' }, 'Sign in (optional)'),
      h('div', { class: 'dh-row-fields' }, field('Username', user), field('Password', pass)),
      storage.element,
      h('p', { class: 'dh-muted dh-small' }, 'The password is checked against the registry before it is kept.'),
    ],
    onSubmit: async () => {
      const added = await app.api.registries.add({
        url: url.value,
        name: name.value || undefined,
        caFile: ca.value || undefined,
        clientCertFile: clientCert.value || undefined,
        clientKeyFile: clientKey.value || undefined,
        insecure: insecure.checked,
        username: user.value || undefined,
        password: pass.value || undefined,
        storeIn: pass.value ? storage.value() : undefined,
      });
      toast(`Added ${added.name}`, 'ok');
      await app.reloadRegistries();
      app.navigate({ view: 'registry', registryId: added.id });
    },
  });
}

export function openLoginDialog(app: AppContext, registry: RegistrySummary): void {
  const user = textField({ id: 'login-username', value: registry.username ?? '', autofocus: true });
  const pass = textField({ id: 'login-password', type: 'password', placeholder: 'Password or token' });
  const storage = storageField(app, 'login', registry.url);
  openDialog({
    id: 'login-dialog',
    title: `Sign in to ${registry.name}`,
    submitLabel: 'Sign in',
    body: [
      h('p', { class: 'dh-muted' }, registry.url),
      field('Username', user),
      field('Password', pass),
      storage.element,
      h('p', { class: 'dh-muted dh-small' }, 'Checked against the registry before it is kept.'),
    ],
    onSubmit: async () => {
      await app.api.registries.login({ registryId: registry.id, username: user.value, password: pass.value, storeIn: storage.value() });
      toast(`Signed in to ${registry.name}`, 'ok');
      await app.reloadRegistries();
      app.navigate({ view: 'registry', registryId: registry.id });
    },
  });
}

/** The fix as a button for an error box: Sign in, when the registry refused for want of a (valid) sign-in; else nothing. */
export function signInFix(app: AppContext, registry: RegistrySummary, err: unknown): HTMLElement | null {
  return needsSignIn(err) ? button([icon('login'), ' Sign in'], () => openLoginDialog(app, registry), { appearance: 'primary', cls: 'dh-fix-sign-in' }) : null;
}
