// Local images from the Docker engine, with one-click retag + push to a registry
// (progress per layer in the jobs panel, cancel).
import type { LocalImageRow } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes, relativeDate } from '../format';
import { icon } from '../icons';
import { button, dropdown, textField } from '../toolkit';
import { CANCELLED, emptyState, errorBox, field, loadInto, loading, openDialog } from '../ui';
import { watchJob } from './jobs-panel';
import { forgetRepositories } from './registry-view';
import { notifyTagsChanged } from '../tag-events';
import { focusedRowKey, keyboardGrid } from '../table-grid';

const LOCAL_CHANGED = 'dockhand-local-images-changed';
/** After a push the engine's image list changed (the temporary registry tag is gone): a shown Local images view reloads. */
export function notifyLocalImagesChanged(): void {
  window.dispatchEvent(new Event(LOCAL_CHANGED));
}

export function renderLocalImages(app: AppContext): HTMLElement {
  const host = h('div', { class: 'dh-page-body' }, loading('Asking the Docker engine…'));
  const endpoint = h('span', { class: 'dh-chip', id: 'engine-endpoint' }, '…');
  const root = h(
    'div',
    { class: 'dh-view' },
    h(
      'header',
      { class: 'dh-view-header' },
      h('div', { class: 'dh-view-title' }, icon('local'), h('h1', null, 'Local images'), endpoint),
      h(
        'div',
        { class: 'dh-view-actions' },
        button(icon('refresh'), () => load(), { appearance: 'icon', title: 'Reload local images', id: 'local-reload' }),
      ),
    ),
    host,
  );
  const load = async () => {
    // After a reload (a push, the Reload button) the focus goes back to the row it was on.
    const focusKey = focusedRowKey(host);
    const hadFocus = focusKey !== undefined || !document.activeElement || document.activeElement === document.body;
    const retry = () => void load();
    const status = await loadInto(
      host,
      'Asking the Docker engine…',
      'asking the Docker engine',
      () => app.api.engine.status().catch((err) => ({ available: false, message: String((err as Error).message) })),
      retry,
    );
    if (status === CANCELLED) return;
    if (!status.available) {
      endpoint.textContent = 'engine unavailable';
      replace(host, emptyState('local', 'No Docker engine', status.message ?? 'Start Docker (or set DOCKER_HOST), then reload.'));
      return;
    }
    endpoint.textContent = 'endpoint' in status ? String(status.endpoint) : '';
    endpoint.className = 'dh-chip ok';
    try {
      const images = await loadInto(host, 'Reading the local images…', 'reading the local images', () => app.api.engine.images(), retry);
      if (images === CANCELLED) return;
      if (!images.length) {
        replace(host, emptyState('local', 'No local images', 'Build or pull an image with Docker, then reload.'));
        return;
      }
      const { element, grid } = table(app, images);
      replace(host, element);
      if (hadFocus || document.activeElement === document.body) grid.focusRow(focusKey);
    } catch (err) {
      replace(
        host,
        errorBox(err, retry, 'Could not read the local images'),
      );
    }
  };
  const onChanged = () => {
    if (!root.isConnected) window.removeEventListener(LOCAL_CHANGED, onChanged);
    else void load();
  };
  window.addEventListener(LOCAL_CHANGED, onChanged);
  void load();
  return root;
}

function table(app: AppContext, images: LocalImageRow[]) {
  const rows = images.flatMap((img) => (img.repoTags.length ? img.repoTags : ['<untagged>']).map((ref) => ({ img, ref })));
  const pushRef = (img: LocalImageRow, ref: string) => (ref === '<untagged>' ? img.id : ref);
  const byKey = new Map(rows.map(({ img, ref }) => [`${img.id} ${ref}`, pushRef(img, ref)]));
  const el = h(
    'table',
    { class: 'dh-table', id: 'local-images' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Image'),
        h('th', { scope: 'col' }, 'ID'),
        h('th', { scope: 'col' }, 'Created'),
        h('th', { class: 'num', scope: 'col' }, 'Size'),
        h('th', { class: 'actions', scope: 'col' }, h('span', { class: 'dh-offscreen' }, 'Actions')),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map(({ img, ref }) =>
        h(
          'tr',
          { dataset: { ref, key: `${img.id} ${ref}` }, class: 'dh-grid-row' },
          h('td', null, icon('tag'), ' ', h('span', { class: 'dh-tag-name' }, ref)),
          h('td', { class: 'dh-mono dh-muted' }, img.id.replace(/^sha256:/, '').slice(0, 12)),
          h('td', null, relativeDate(img.created)),
          h('td', { class: 'num' }, formatBytes(img.size)),
          h(
            'td',
            { class: 'actions wide' },
            button([icon('upload'), ' Push…'], () => openPushDialog(app, pushRef(img, ref)), {
              appearance: 'secondary',
              cls: 'dh-push',
              title: `Retag and push ${ref}`,
            }),
          ),
        ),
      ),
    ),
  );
  // Enter on an image opens its Push dialog (the row's one action); the dialog gives the focus back to the row.
  const grid = keyboardGrid(el as HTMLTableElement, {
    label: 'Local images',
    rowLabel: (r) => r.dataset.ref ?? '',
    onOpen: (r) => openPushDialog(app, byKey.get(r.dataset.key ?? '') ?? ''),
  });
  return { element: h('div', { class: 'dh-table-scroll' }, el), grid };
}

function openPushDialog(app: AppContext, localRef: string): void {
  if (!app.registries.length) {
    openDialog({ title: 'No registry', body: 'Add a registry first (the + in the sidebar).', submitLabel: 'OK', onSubmit: async () => {} });
    return;
  }
  const lastSlash = localRef.lastIndexOf('/');
  const nameTag = localRef.slice(lastSlash + 1);
  const [name, tag] = nameTag.includes(':') && !localRef.startsWith('sha256:') ? nameTag.split(':') : ['image', 'latest'];
  const target = dropdown(
    app.registries.map((r) => ({ value: r.id, label: `${r.name} (${r.host})` })),
    { id: 'push-registry', value: app.route.view === 'registry' ? app.route.registryId : app.registries[0].id },
  );
  const repo = textField({ id: 'push-repo', value: name });
  const tagField = textField({ id: 'push-tag', value: tag });
  openDialog({
    id: 'push-dialog',
    title: `Push ${localRef}`,
    submitLabel: 'Retag and push',
    body: [
      h(
        'p',
        { class: 'dh-muted' },
        "Tags the local image for the chosen registry and pushes it through the Docker engine, with the registry's stored credential.",
      ),
      field('Registry', target),
      h('div', { class: 'dh-row-fields' }, field('Repository', repo), field('Tag', tagField)),
    ],
    onSubmit: async () => {
      const job = await app.api.engine.retagAndPush({
        localRef,
        registryId: target.value || app.registries[0].id,
        repository: repo.value,
        tag: tagField.value,
      });
      const registryId = target.value || app.registries[0].id;
      watchJob(app, job, (snap) => {
        forgetRepositories();
        if (snap.state !== 'succeeded') return;
        notifyTagsChanged(registryId, repo.value.trim());
        notifyLocalImagesChanged();
      });
    },
  });
}
