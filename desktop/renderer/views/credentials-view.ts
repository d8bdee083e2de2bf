// Every registry's credential and where it comes from: Dockhand's keychain, a docker
// credential helper, config.json auths, containers auth.json — or nothing (anonymous).
import type { CredentialRow } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { button } from '../toolkit';
import { CANCELLED, confirmDialog, emptyState, errorBox, errorMessage, loadInto, loading, toast } from '../ui';
import { openLoginDialog } from './registry-dialogs';
import { focusedRowKey, keyboardGrid } from '../table-grid';

const SOURCE_LABEL: Record<string, string> = {
  keychain: 'OS keychain',
  dockerAuthConfig: 'DOCKER_AUTH_CONFIG',
  credHelper: 'credential helper',
  credsStore: 'credsStore',
  auths: 'docker config.json',
  authJson: 'containers auth.json',
  explicit: 'explicit',
  fallback: 'fallback store',
  error: 'error',
};

export function renderCredentialsView(app: AppContext): HTMLElement {
  const host = h('div', { class: 'dh-page-body' }, loading());
  // After a sign-in or sign-out the table is read again; the focus goes back to the same registry's row.
  let restoreKey: string | undefined;
  // Reading a credential helper can hang (a locked keychain, a helper waiting for a prompt): the load has Cancel.
  const load = (): Promise<void> =>
    loadInto(host, 'Reading the credentials…', 'reading the credentials', () => app.api.credentials.list(), () => void load()).then(
      (rows) => {
        if (rows === CANCELLED) return;
        if (!rows.length) {
          replace(host, emptyState('key', 'No credentials', "Sign in to a registry, or run docker login: Dockhand reads docker's and podman's stores too."));
          return;
        }
        const regOf = (r: CredentialRow) => (r.registryId ? app.registry(r.registryId) : undefined);
        const byHost = new Map(rows.map((r) => [r.host, r]));
        const table = h(
          'table',
          { class: 'dh-table', id: 'credentials-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Registry'),
              h('th', { scope: 'col' }, 'User'),
              h('th', { scope: 'col' }, 'Source'),
              h('th', { scope: 'col' }, 'Where'),
              h('th', { class: 'actions', scope: 'col' }, h('span', { class: 'dh-offscreen' }, 'Actions')),
            ),
          ),
          h(
            'tbody',
            null,
            rows.map((r) => {
              const reg = regOf(r);
              const signIn = () => {
                restoreKey = r.host;
                if (reg) openLoginDialog(app, reg);
              };
              return h(
                'tr',
                { dataset: { host: r.host, key: r.host }, class: 'dh-grid-row' },
                h(
                  'td',
                  null,
                  h(
                    'span',
                    { class: 'dh-cell-icon' },
                    icon('registry'),
                    h(
                      'span',
                      null,
                      h('strong', null, reg?.name ?? r.host),
                      reg && reg.name !== r.host ? h('div', { class: 'dh-muted dh-small dh-mono' }, r.host) : null,
                    ),
                  ),
                ),
                h('td', null, r.username ?? h('span', { class: 'dh-muted' }, '—')),
                h(
                  'td',
                  null,
                  r.source
                    ? h(
                        'span',
                        {
                          class: `dh-chip ${r.source.kind === 'error' ? 'error' : r.source.kind === 'keychain' ? 'ok' : 'accent'}`,
                          dataset: { source: r.source.kind },
                        },
                        SOURCE_LABEL[r.source.kind] ?? r.source.kind,
                      )
                    : h('span', { class: 'dh-chip', dataset: { source: 'none' } }, 'anonymous'),
                ),
                h('td', { class: 'dh-muted dh-small dh-wrap' }, r.source?.detail ?? 'No credential in any source.'),
                h(
                  'td',
                  { class: 'actions wide' },
                  reg
                    ? h(
                        'span',
                        { class: 'dh-actions' },
                        button('Sign in', signIn, { appearance: 'secondary', cls: 'dh-sign-in', title: `Sign in to ${r.host}` }),
                        r.source && r.source.kind !== 'error'
                          ? button(
                              'Sign out',
                              () => {
                                restoreKey = r.host;
                                void signOut(app, reg.id, r, () => void load());
                              },
                              { appearance: 'secondary', cls: 'dh-sign-out', title: `Sign out of ${r.host}` },
                            )
                          : null,
                      )
                    : null,
                ),
              );
            }),
          ),
        );
        // Enter on a row signs in to that registry (the row's first action); Tab reaches its buttons.
        const grid = keyboardGrid(table as HTMLTableElement, {
          label: 'Credentials per registry',
          rowLabel: (row) => row.dataset.host ?? '',
          onOpen: (row) => {
            const r = byHost.get(row.dataset.host ?? '');
            const reg = r && regOf(r);
            if (reg) {
              restoreKey = r.host;
              openLoginDialog(app, reg);
            }
          },
        });
        const focusKey = focusedRowKey(host) ?? restoreKey;
        const hadFocus = focusKey !== undefined || !document.activeElement || document.activeElement === document.body;
        restoreKey = undefined;
        replace(
          host,
          h('div', { class: 'dh-table-scroll' }, table),
          h(
            'p',
            { class: 'dh-muted dh-small dh-note' },
            "Order of lookup: a sign-in kept for this session, Dockhand's OS keychain entry, DOCKER_AUTH_CONFIG, then ~/.docker/config.json credHelpers, credsStore and auths, then containers auth.json. A namespaced entry (registry/namespace) wins over its registry's entry in the same file. Secrets are never shown, and written to disk only where you chose docker's config file.",
          ),
        );
        if (hadFocus || document.activeElement === document.body) grid.focusRow(focusKey);
      },
      (err) =>
        replace(
          host,
          errorBox(err, () => void load(), 'Could not read the credentials'),
        ),
    );
  void load();
  return h(
    'div',
    { class: 'dh-view' },
    h(
      'header',
      { class: 'dh-view-header' },
      h('div', { class: 'dh-view-title' }, icon('key'), h('h1', null, 'Credentials')),
      h(
        'div',
        { class: 'dh-view-actions' },
        button(icon('refresh'), () => void load(), { appearance: 'icon', title: 'Reload credentials', id: 'credentials-reload' }),
      ),
    ),
    host,
  );
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
      body: h(
        'div',
        { class: 'dh-warning-box', id: 'sign-out-warning' },
        icon('warn'),
        h(
          'div',
          null,
          h('strong', null, `This is docker's login (${who} credential for ${row.host}), not one Dockhand stored.`),
          h(
            'div',
            null,
            `It lives in ${source.detail}. Signing out removes it there, so the docker CLI is signed out of ${row.host} as well. The rest of the file stays as it is, formatting included.`,
          ),
        ),
      ),
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
