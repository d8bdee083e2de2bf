// The left sidebar: registries (with add and sign-in) and the tools (local images,
// credentials, config editor).
import type { AppContext } from '../app-context';
import { h } from '../dom';
import { icon } from '../icons';
import { button } from '../toolkit';
import { openAddRegistryDialog } from './registry-dialogs';
import { focusRepositoryFilterNext } from './registry-view';

export function renderSidebar(app: AppContext, themeToggle: HTMLElement): HTMLElement {
  const route = app.route;
  const regs = app.registries.map((r) => {
    const active = route.view === 'registry' && route.registryId === r.id;
    const cred = r.credentialSource;
    return h(
      'a',
      {
        class: `dh-nav-item${active ? ' active' : ''}`,
        href: '#',
        role: 'button',
        'aria-current': active ? 'page' : undefined,
        dataset: { registryId: r.id, host: r.host },
        title: `${r.url}${cred ? `\nCredential: ${cred.kind} (${cred.detail})` : '\nAnonymous'}${r.discovered ? '\nFound in an existing login' : ''}`,
        onclick: (ev: Event) => {
          ev.preventDefault();
          focusRepositoryFilterNext();
          app.navigate({ view: 'registry', registryId: r.id });
        },
      },
      icon('registry'),
      h('span', { class: 'dh-nav-text' }, h('span', { class: 'dh-nav-title' }, r.name), h('span', { class: 'dh-nav-sub' }, r.url.replace(/^https?:\/\//, ''))),
      r.discovered
        ? h('span', { class: 'dh-nav-chip', title: 'Found in an existing login (docker, podman or the keychain); you did not add it here' }, 'found')
        : null,
      cred && cred.kind !== 'error' ? h('span', { class: 'dh-nav-badge ok', title: `Signed in as ${r.username ?? '?'} (${cred.kind})` }, icon('key')) : null,
    );
  });
  const tool = (view: 'local' | 'credentials' | 'config' | 'activity', label: string, iconName: string) =>
    h(
      'a',
      {
        class: `dh-nav-item${route.view === view ? ' active' : ''}`,
        href: '#',
        role: 'button',
        'aria-current': route.view === view ? 'page' : undefined,
        id: `nav-${view}`,
        onclick: (ev: Event) => {
          ev.preventDefault();
          app.navigate({ view });
        },
      },
      icon(iconName),
      h('span', { class: 'dh-nav-text' }, h('span', { class: 'dh-nav-title' }, label)),
    );

  return h(
    'nav',
    { class: 'dh-sidebar', 'aria-label': 'Dockhand' },
    h(
      'div',
      { class: 'dh-brand' },
      h('span', { class: 'dh-logo' }, icon('layers')),
      h('span', { class: 'dh-brand-name' }, 'Dockhand'),
      h('span', { class: 'dh-brand-mode' }, app.info.mode === 'served' ? 'served' : 'desktop'),
      themeToggle,
    ),
    h(
      'div',
      { class: 'dh-section-header' },
      h('span', null, 'Registries'),
      button(icon('plus'), () => openAddRegistryDialog(app), { appearance: 'icon', id: 'add-registry', title: 'Add a registry' }),
    ),
    h(
      'div',
      { class: 'dh-nav-list', id: 'registry-list' },
      regs.length
        ? regs
        : h(
            'div',
            { class: 'dh-nav-empty' },
            'No registries yet.',
            h('br'),
            h(
              'a',
              {
                href: '#',
                onclick: (ev: Event) => {
                  ev.preventDefault();
                  openAddRegistryDialog(app);
                },
              },
              'Add one',
            ),
          ),
    ),
    h('div', { class: 'dh-section-header' }, h('span', null, 'Tools')),
    h(
      'div',
      { class: 'dh-nav-list' },
      tool('local', 'Local images', 'local'),
      tool('credentials', 'Credentials', 'key'),
      tool('config', 'Registry config', 'file'),
      tool('activity', 'Activity', 'layers'),
    ),
    h('div', { class: 'dh-sidebar-foot dh-muted' }, `Dockhand ${app.info.version}`),
  );
}
