// Every registry's credential and where it comes from: Dockhand's keychain, a docker
// credential helper, config.json auths, containers auth.json — or nothing (anonymous).
import type { CredentialRow } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { button } from '../toolkit';
import { confirmDialog, emptyState, errorBox, errorMessage, loading, toast } from '../ui';
import { openLoginDialog } from './registry-dialogs';

const SOURCE_LABEL: Record<string, string> = {
  keychain: 'OS keychain', dockerAuthConfig: 'DOCKER_AUTH_CONFIG', credHelper: 'credential helper', credsStore: 'credsStore', auths: 'docker config.json',
  authJson: 'containers auth.json', explicit: 'explicit', fallback: 'fallback store', error: 'error',
};

export function renderCredentialsView(app: AppContext): HTMLElement {
  const host = h('div', { class: 'dh-page-body' }, loading());
  const load = () => app.api.credentials.list().then((rows) => {
    if (!rows.length) { replace(host, emptyState('key', 'No credentials', 'Sign in to a registry, or run docker login: Dockhand reads docker\'s and podman\'s stores too.')); return; }
    replace(host, h('div', { class: 'dh-table-scroll' }, h('table', { class: 'dh-table', id: 'credentials-table' },
      h('thead', null, h('tr', null, h('th', null, 'Registry'), h('th', null, 'User'), h('th', null, 'Source'), h('th', null, 'Where'), h('th', { class: 'actions' }, ''))),
      h('tbody', null, rows.map((r) => {
        const reg = r.registryId ? app.registry(r.registryId) : undefined;
        return h('tr', { dataset: { host: r.host } },
          h('td', null, h('span', { class: 'dh-cell-icon' }, icon('registry'), h('span', null, h('strong', null, reg?.name ?? r.host), reg && reg.name !== r.host ? h('div', { class: 'dh-muted dh-small dh-mono' }, r.host) : null))),
          h('td', null, r.username ?? h('span', { class: 'dh-muted' }, '—')),
          h('td', null, r.source ? h('span', { class: `dh-chip ${r.source.kind === 'error' ? 'error' : r.source.kind === 'keychain' ? 'ok' : 'accent'}`, dataset: { source: r.source.kind } }, SOURCE_LABEL[r.source.kind] ?? r.source.kind) : h('span', { class: 'dh-chip', dataset: { source: 'none' } }, 'anonymous')),
          h('td', { class: 'dh-muted dh-small dh-wrap' }, r.source?.detail ?? 'No credential in any source.'),
          h('td', { class: 'actions wide' }, reg ? h('span', { class: 'dh-actions' },
            button('Sign in', () => openLoginDialog(app, reg), { appearance: 'secondary' }),
            r.source && r.source.kind !== 'error' ? button('Sign out', () => void signOut(app, reg.id, r, () => void load()), { appearance: 'secondary', cls: 'dh-sign-out' }) : null,
          ) : null));
      })))),
    h('p', { class: 'dh-muted dh-small dh-note' }, 'Order of lookup: a sign-in kept for this session, Dockhand\'s OS keychain entry, DOCKER_AUTH_CONFIG, then ~/.docker/config.json credHelpers, credsStore and auths, then containers auth.json. A namespaced entry (registry/namespace) wins over its registry\'s entry in the same file. Secrets are never shown, and written to disk only where you chose docker\'s config file.'));
  }, (err) => replace(host, errorBox(err, () => void load(), 'Could not read the credentials')));
  void load();
  return h('div', { class: 'dh-view' },
    h('header', { class: 'dh-view-header' }, h('div', { class: 'dh-view-title' }, icon('key'), h('h1', null, 'Credentials')), h('div', { class: 'dh-view-actions' }, button(icon('refresh'), () => void load(), { appearance: 'icon', title: 'Reload' }))),
    host);
}

/** Sources that belong to docker (its config.json or its credential helpers): signing out there logs the docker CLI out too. */
const DOCKER_OWNED = new Set(['auths', 'credHelper', 'credsStore']);

async function signOut(app: AppContext, registryId: string, row: CredentialRow, reload: () => void): Promise<void> {
  const source = row.source!;
  if (DOCKER_OWNED.has(source.kind)) {
    const who = row.username ? `${row.username}'s` : 'the';
    const ok = await confirmDialog({
      id: 'sign-out-dialog',
      title: `Sign out of ${row.host}?`,
      action: 'Sign out of docker too',
      body: h('div', { class: 'dh-warning-box', id: 'sign-out-warning' }, icon('warn'), h('div', null,
        h('strong', null, `This is docker's login (${who} credential for ${row.host}), not one Dockhand stored.`),
        h('div', null, `It lives in ${source.detail}. Signing out removes it there, so the docker CLI is signed out of ${row.host} as well. The rest of the file stays as it is, formatting included.`))),
    });
    if (!ok) return;
  }
  try {
    await app.api.registries.logout(registryId);
    toast(`Signed out of ${row.host}`);
  } catch (err) {
    toast(`Could not sign out of ${row.host}: ${errorMessage(err)}`, 'error');
  }
  await app.reloadRegistries();
  reload();
}
