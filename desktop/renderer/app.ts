// The renderer's shell: sidebar + main view, routing between the screens.
import type { AppInfo, DockhandApi, RegistrySummary } from '../common';
import type { AppContext, Route } from './app-context';
import { h, replace } from './dom';
import { icon } from './icons';
import { hashToRoute, routeToHash } from './route-url';
import { applyTheme, currentTheme } from './theme';
import { button } from './toolkit';
import { emptyState, errorBox, loading, toast } from './ui';
import { renderSidebar } from './views/sidebar';
import { focusRepositoryFilterNext, renderRegistryView } from './views/registry-view';
import { renderLocalImages } from './views/local-images';
import { renderCredentialsView } from './views/credentials-view';
import { renderConfigView } from './views/config-view';
import { openAddRegistryDialog } from './views/registry-dialogs';
import { sandboxAction } from './views/sandbox-button';
import { renderActivityView } from './views/activity-view';
import { refreshOnEvents } from './views/live-refresh';

export async function startApp(root: HTMLElement, api: DockhandApi): Promise<void> {
  const info: AppInfo = await api.app.info();
  const sidebarHost = h('div', { class: 'dh-sidebar-host' });
  const main = h('main', { class: 'dh-main', id: 'main' });
  // Job cards (push, copy, retag) dock below the view instead of floating over it: the view gets shorter, nothing is covered.
  const jobsDock = h('div', { class: 'dh-jobs', id: 'jobs-panel', role: 'region', 'aria-label': 'Jobs', 'aria-live': 'polite' });
  replace(root, h('div', { class: 'dh-shell' }, sidebarHost, h('div', { class: 'dh-main-column' }, main, jobsDock)));

  const app: AppContext = {
    api,
    info,
    registries: [],
    route: { view: 'welcome' },
    navigate(route: Route) {
      app.route = route;
      const hash = routeToHash(route);
      if (location.hash !== hash) history.pushState(null, '', hash);
      render();
    },
    async reloadRegistries() {
      try {
        app.registries = await api.registries.list();
      } catch (err) {
        toast((err as Error).message, 'error');
      }
      renderSide();
    },
    registry: (id: string): RegistrySummary | undefined => app.registries.find((r) => r.id === id),
  };

  const themeToggle = () =>
    button(
      icon(currentTheme() === 'dark' ? 'sun' : 'moon'),
      () => {
        applyTheme(currentTheme() === 'dark' ? 'light' : 'dark', true);
        renderSide();
      },
      { appearance: 'icon', id: 'theme-toggle', title: 'Switch between light and dark theme' },
    );

  function renderSide() {
    replace(sidebarHost, renderSidebar(app, themeToggle()));
  }

  let lastLookup: string | undefined;
  function render() {
    renderSide();
    const r = app.route;
    document.body.dataset.view = r.view;
    try {
      if (r.view === 'registry') {
        const reg = app.registry(r.registryId);
        // A link to a registry added since the list was read (another window, the served API): read the list once more.
        if (!reg && lastLookup !== r.registryId) {
          lastLookup = r.registryId;
          replace(main, loading('Looking up the registry…'));
          void app.reloadRegistries().then(() => {
            if (app.route === r) render();
          });
          return;
        }
        replace(
          main,
          reg
            ? renderRegistryView(app, reg, r.repository, r.reference)
            : emptyState(
                'registry',
                'Registry not found',
                'This link names a registry that is not in the list (it was removed). Add it again with the + in the sidebar.',
              ),
        );
      } else if (r.view === 'local') replace(main, renderLocalImages(app));
      else if (r.view === 'credentials') replace(main, renderCredentialsView(app));
      else if (r.view === 'config') replace(main, renderConfigView(app));
      else if (r.view === 'activity') replace(main, renderActivityView(app));
      else replace(main, welcome());
    } catch (err) {
      replace(main, errorBox(err, undefined, 'Could not show this screen'));
    }
  }

  function welcome() {
    return h(
      'div',
      { class: 'dh-welcome' },
      h(
        'div',
        { class: 'dh-welcome-card' },
        h('div', { class: 'dh-welcome-logo' }, icon('layers', 'big')),
        h('h1', null, 'Dockhand'),
        h(
          'p',
          { class: 'dh-muted' },
          "Browse your Docker and OCI registries, retag and push local images, copy and clean up tags safely, and check your registry's config.yml as you type.",
        ),
        app.registries.some((r) => r.sandbox)
          ? null
          : h(
              'div',
              null,
              h('p', null, 'No registry of your own at hand? Start a local one with sample images to look around.'),
              sandboxAction(app, !app.registries.length),
            ),
        h(
          'div',
          { class: 'dh-welcome-actions' },
          button([icon('plus'), ' Add a registry'], () => openAddRegistryDialog(app), {
            id: 'welcome-add',
            appearance: app.registries.length ? 'primary' : 'secondary',
          }),
          button([icon('local'), ' Local images'], () => app.navigate({ view: 'local' }), { appearance: 'secondary' }),
          button([icon('file'), ' Edit a config.yml'], () => app.navigate({ view: 'config' }), { appearance: 'secondary' }),
        ),
        app.registries.length
          ? h(
              'div',
              { class: 'dh-welcome-list' },
              h('div', { class: 'dh-section-header' }, 'Your registries'),
              app.registries.map((reg) =>
                h(
                  'a',
                  {
                    href: '#',
                    class: 'dh-welcome-reg',
                    onclick: (ev: Event) => {
                      ev.preventDefault();
                      focusRepositoryFilterNext();
                      app.navigate({ view: 'registry', registryId: reg.id });
                    },
                  },
                  icon('registry'),
                  h('span', null, reg.name),
                  h('span', { class: 'dh-muted dh-mono' }, reg.url),
                  reg.discovered ? h('span', { class: 'dh-found-chip' }, 'found in your logins') : null,
                ),
              ),
            )
          : null,
      ),
    );
  }

  app.registries = await api.registries.list().catch(() => []);
  refreshOnEvents(app);
  // Deep links: the fragment names the screen; back/forward and reload keep the place.
  const fromUrl = () => {
    app.route = hashToRoute(location.hash) ?? { view: 'welcome' };
    render();
  };
  window.addEventListener('popstate', fromUrl);
  if (hashToRoute(location.hash)) fromUrl();
  else {
    history.replaceState(null, '', routeToHash(app.route));
    render();
  }
}
