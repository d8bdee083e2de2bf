// A registry: header (address, credential source, sign in), repositories pane (instant
// filter over a virtualised list) and, on the right, the selected repository's tags or
// an image's detail.
import type { RegistrySummary } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { filterNames, highlightParts } from '../repo-filter';
import { CatalogStream, catalogProgress, repoCountLabel } from '../catalog-stream';
import { button, filterField } from '../toolkit';
import { cancellableLoad, cancelledState, confirmDialog, emptyState, errorBox, errorMessage, loading, toast } from '../ui';
import { createVirtualList } from '../virtual-list';
import { openLoginDialog, signInFix } from './registry-dialogs';
import { renderTagsView } from './tags-view';
import { renderImageView } from './image-view';

interface RepoCache {
  registryId: string;
  /** The catalog, complete or still arriving page by page. */
  stream: CatalogStream;
  query: string;
  scrollTop: number;
}
let repoCache: RepoCache | undefined;
/** Where the keyboard focus goes once the re-rendered repositories pane is ready. */
let focusNext: 'list' | 'filter' | undefined;

export function renderRegistryView(app: AppContext, registry: RegistrySummary, repository?: string, reference?: string): HTMLElement {
  const cred = registry.credentialSource;
  const header = h(
    'header',
    { class: 'dh-view-header' },
    h('div', { class: 'dh-view-title' }, icon('registry'), h('h1', null, registry.name), h('span', { class: 'dh-muted dh-mono' }, registry.url)),
    h(
      'div',
      { class: 'dh-view-actions' },
      cred && cred.kind !== 'error'
        ? h('span', { class: 'dh-chip ok', id: 'registry-credential', title: cred.detail }, icon('key'), `${registry.username ?? 'signed in'} · ${cred.kind}`)
        : h('span', { class: 'dh-chip', id: 'registry-credential' }, cred?.kind === 'error' ? 'credential error' : 'anonymous'),
      button([icon('login'), ' Sign in'], () => openLoginDialog(app, registry), { appearance: 'secondary', id: 'registry-login' }),
      button(
        icon('refresh'),
        () => {
          forgetRepositories();
          app.navigate({ view: 'registry', registryId: registry.id, repository, reference });
        },
        { appearance: 'icon', title: 'Reload repositories', id: 'registry-refresh' },
      ),
      button(
        icon('trash'),
        async () => {
          const ok = await confirmDialog({
            id: 'remove-registry-dialog',
            title: `Remove ${registry.name}?`,
            action: 'Remove registry',
            body: h(
              'p',
              null,
              `${registry.name} (${registry.url}) leaves Dockhand's list. Nothing in the registry changes, and its stored sign-in stays in the keychain until you sign out in Credentials.`,
            ),
          });
          if (!ok) return;
          await app.api.registries.remove(registry.id);
          toast(`Removed ${registry.name}`);
          await app.reloadRegistries();
          app.navigate({ view: 'welcome' });
        },
        { appearance: 'icon', title: 'Remove this registry from the list', id: 'registry-remove' },
      ),
    ),
  );

  const repoPane = h('section', { class: 'dh-repos', 'aria-label': 'Repositories' });
  const detail = h('section', { class: 'dh-detail' });
  const body = h('div', { class: 'dh-split' }, repoPane, detail);

  renderRepoPane(app, registry, repoPane, repository);
  if (repository && reference) detail.appendChild(renderImageView(app, registry, repository, reference));
  else if (repository) detail.appendChild(renderTagsView(app, registry, repository));
  else
    detail.appendChild(
      emptyState('repo', 'Pick a repository', 'Its tags appear here: sort them by name, version, date or size, open an image, copy or delete tags.'),
    );

  return h('div', { class: 'dh-view' }, header, body);
}

function renderRepoPane(app: AppContext, registry: RegistrySummary, pane: HTMLElement, selected?: string): void {
  const count = h('span', { class: 'dh-count', id: 'repo-count' });
  const openRepo = (name: string) => {
    if (repoCache) repoCache.scrollTop = list.element.scrollTop;
    focusNext = 'list';
    app.navigate({ view: 'registry', registryId: registry.id, repository: name });
  };
  const list = createVirtualList<string>({
    rowHeight: 26,
    ariaLabel: 'Repositories',
    cls: 'dh-repo-list',
    onOpen: (name) => openRepo(name),
    label: (name) => name.slice(name.lastIndexOf('/') + 1),
    renderRow: (name) =>
      h(
        'div',
        {
          class: `dh-repo-row${name === selected ? ' selected' : ''}`,
          role: 'option',
          title: name,
          dataset: { repo: name },
          onclick: () => openRepo(name),
        },
        icon('repo'),
        h(
          'span',
          { class: 'dh-repo-name' },
          highlightParts(name, repoCache?.query ?? '').map(([t, m]) => (m ? h('mark', null, t) : t)),
        ),
      ),
  });
  const filter = filterField('repo-filter', 'repositories', (q) => {
    if (!repoCache) return;
    repoCache.query = q;
    apply();
  });
  const listHost = h('div', { class: 'dh-repo-list-host' });
  const progress = h('div', { class: 'dh-repo-progress', id: 'repo-progress', role: 'status' });
  replace(
    pane,
    h('div', { class: 'dh-pane-header' }, h('span', { class: 'dh-pane-title' }, 'Repositories'), count),
    h('div', { class: 'dh-filter-row' }, icon('search'), filter),
    listHost,
    progress,
  );

  function apply() {
    if (!repoCache) return;
    const { stream, query } = repoCache;
    const shown = filterNames(stream.index, query);
    count.textContent = repoCountLabel(shown.length, stream.names.length, query.trim() !== '', catalogProgress(stream));
    list.setItems(shown);
    listHost.classList.toggle('no-match', shown.length === 0);
    showProgress(stream);
  }

  /** Under the list while pages arrive (with Cancel), and after a stop or a failed page (with a way to read it all). */
  function showProgress(stream: CatalogStream) {
    const n = stream.names.length.toLocaleString('en-US');
    const again = () => {
      forgetRepositories();
      renderRepoPane(app, registry, pane, selected);
    };
    const state = catalogProgress(stream);
    if (state === 'complete') replace(progress);
    else if (state === 'reading')
      replace(
        progress,
        h('vscode-progress-ring', { 'aria-hidden': 'true' }),
        h('span', null, `Reading the catalog: ${n} repositories so far. The filter searches those.`),
        button('Cancel', () => stream.stop(), { appearance: 'secondary', cls: 'dh-load-cancel', id: 'repo-progress-cancel' }),
      );
    else
      replace(
        progress,
        h(
          'span',
          null,
          stream.stopped
            ? `Stopped: only the first ${n} repositories are listed.`
            : `Only the first ${n} repositories are listed: reading the rest failed (${errorMessage(stream.error)}).`,
        ),
        button('Read all again', again, { appearance: 'secondary', id: 'repo-progress-again' }),
      );
  }

  const show = () => {
    replace(listHost, list.element, h('div', { class: 'dh-no-match dh-muted' }, 'No repository matches the filter.'));
    if (repoCache?.query) filter.setAttribute('value', repoCache.query);
    apply();
    if (repoCache) {
      list.element.scrollTop = repoCache.scrollTop;
      // The rest of the catalog updates whichever pane shows it now (opening a repository re-renders this one).
      repoCache.stream.onChange = () => {
        if (pane.isConnected) apply();
      };
    }
    list.refresh();
    const at = selected && repoCache ? filterNames(repoCache.stream.index, repoCache.query).indexOf(selected) : -1;
    if (at >= 0) list.setActive(at);
    const where = focusNext;
    focusNext = undefined;
    // The pane may not be in the document yet (rendered from the cache): focus once it is.
    if (where) queueMicrotask(() => (where === 'list' ? list.element : filter).focus());
  };

  if (repoCache && repoCache.registryId === registry.id) {
    show();
    return;
  }
  forgetRepositories();
  const load = cancellableLoad();
  const token = load.start();
  const stream = new CatalogStream(app.api.repositories, registry.id);
  replace(
    listHost,
    loading('Reading the catalog…', () => {
      load.cancel();
      stream.stop();
      replace(
        listHost,
        cancelledState('reading the catalog', () => renderRepoPane(app, registry, pane, selected)),
      );
    }),
  );
  stream.start().then(
    () => {
      if (!load.current(token)) {
        stream.stop();
        return;
      }
      repoCache = { registryId: registry.id, stream, query: '', scrollTop: 0 };
      if (!stream.names.length && stream.complete) {
        replace(listHost, emptyState('repo', 'No repositories', "This registry's catalog is empty. Push an image from Local images."));
        count.textContent = '0';
        return;
      }
      show();
    },
    (err) => {
      if (!load.current(token)) return;
      replace(
        listHost,
        errorBox(
          err,
          () => renderRepoPane(app, registry, pane, selected),
          `Could not read the repositories of ${registry.name}`,
          signInFix(app, registry, err),
        ),
      );
    },
  );
}

export function forgetRepositories(): void {
  repoCache?.stream.stop();
  repoCache = undefined;
}

/** Whether the cached repository list of this registry has `name`; undefined when it is not cached. */
export function repositoryListed(registryId: string, name: string): boolean | undefined {
  return repoCache?.registryId === registryId && repoCache.stream.complete ? repoCache.stream.names.includes(name) : undefined;
}

/** Opening a registry puts the focus in its repository filter (instead of leaving it on <body>). */
export function focusRepositoryFilterNext(): void {
  focusNext = 'filter';
}
