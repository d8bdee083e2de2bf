// A repository's tags: a table sortable by name, version, date and size, with per-tag
// actions (open, copy to another registry, delete with the sibling-tag warning).
import type { RegistrySummary, TagRow } from '../../preload/api';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes, formatDate, relativeDate, shortDigest } from '../format';
import { icon } from '../icons';
import { sortTags, type SortDirection, type TagSortKey } from '../tag-sort';
import { button } from '../toolkit';
import { copyText, emptyState, errorBox, loading } from '../ui';
import { openCopyDialog, openDeleteDialog } from './image-actions';
import { openCleanupDialog, openSizeDialog } from './cleanup-dialogs';

let sortState: { key: TagSortKey; dir: SortDirection } = { key: 'semver', dir: 'desc' };

export function renderTagsView(app: AppContext, registry: RegistrySummary, repository: string): HTMLElement {
  const host = h('div', { class: 'dh-tags-host' }, loading('Reading tags…'));
  const countChip = h('span', { class: 'dh-chip', id: 'tag-count' }, '…');
  const root = h('div', { class: 'dh-tags' },
    h('div', { class: 'dh-detail-header' },
      h('div', { class: 'dh-detail-title' }, icon('repo'), h('h2', { id: 'repo-title' }, repository), countChip),
      h('div', { class: 'dh-view-actions' },
        button([icon('copy'), ' Pull'], () => void copyText(`docker pull ${registry.host}/${repository}`, 'Pull command copied'), { appearance: 'secondary', title: 'Copy the docker pull command' }),
        button([icon('layers'), ' Analyze size'], () => openSizeDialog(app, registry, repository), { appearance: 'secondary', id: 'analyze-size', title: 'Size per tag: unique and shared bytes' }),
        button([icon('trash'), ' Clean up…'], () => openCleanupDialog(app, registry, repository, () => load()), { appearance: 'secondary', id: 'clean-up', title: 'Delete old tags by a retention policy, after a preview' }),
        button(icon('refresh'), () => load(), { appearance: 'icon', title: 'Reload tags' }))),
    host);

  let rows: TagRow[] = [];
  const load = () => {
    replace(host, loading('Reading tags…'));
    app.api.tags.list(registry.id, repository).then((r) => { rows = r; countChip.textContent = `${r.length} tag${r.length === 1 ? '' : 's'}`; draw(); }, (err) => replace(host, errorBox(err, load)));
  };

  function header(label: string, key: TagSortKey | undefined, cls = '') {
    if (!key) return h('th', { class: cls }, label);
    const active = sortState.key === key;
    return h('th', { class: `${cls} sortable${active ? ' active' : ''}`, dataset: { sort: key }, 'aria-sort': active ? (sortState.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
      h('button', { class: 'dh-th-button', onclick: () => { sortState = { key, dir: active && sortState.dir === 'desc' ? 'asc' : active ? 'desc' : key === 'name' ? 'asc' : 'desc' }; draw(); } },
        label, h('span', { class: 'dh-sort-arrow' }, active ? (sortState.dir === 'asc' ? '▲' : '▼') : '')));
  }

  function draw() {
    if (!rows.length) { replace(host, emptyState('tag', 'No tags', 'Every tag of this repository was deleted (the registry keeps the name until garbage collection).')); return; }
    const sorted = sortTags(rows, sortState.key, sortState.dir);
    const sortLabel = h('div', { class: 'dh-sortbar dh-muted' }, 'Sort by ',
      (['semver', 'name', 'date', 'size'] as TagSortKey[]).map((k) => h('button', { class: `dh-pill${sortState.key === k ? ' active' : ''}`, dataset: { sortPill: k }, onclick: () => { sortState = { key: k, dir: sortState.key === k && sortState.dir === 'desc' ? 'asc' : 'desc' }; draw(); } }, k === 'semver' ? 'version' : k)));
    const table = h('table', { class: 'dh-table', id: 'tags-table' },
      h('thead', null, h('tr', null, header('Tag', 'name'), h('th', null, 'Digest'), h('th', null, 'Platforms'), header('Created', 'date'), header('Size', 'size', 'num'), h('th', { class: 'actions' }, ''))),
      h('tbody', null, sorted.map((t) => h('tr', { dataset: { tag: t.tag }, class: 'dh-clickable', onclick: (ev: Event) => { if ((ev.target as HTMLElement).closest('.actions')) return; app.navigate({ view: 'registry', registryId: registry.id, repository, reference: t.tag }); } },
        h('td', { class: 'tag' }, h('span', { class: 'dh-cell-icon' }, icon('tag'), h('span', { class: 'dh-tag-name' }, t.tag))),
        h('td', { class: 'dh-mono dh-muted', title: t.digest ?? '' }, shortDigest(t.digest)),
        h('td', null, t.error ? h('span', { class: 'dh-chip error', title: t.error }, 'unreadable') : t.kind === 'index' ? [h('span', { class: 'dh-chip accent' }, `${t.platforms.length} platforms`), ' ', h('span', { class: 'dh-muted dh-small' }, t.platforms.slice(0, 3).join(', ') + (t.platforms.length > 3 ? '…' : ''))] : h('span', { class: 'dh-muted' }, t.platforms[0] ?? '—')),
        h('td', { title: formatDate(t.created) }, relativeDate(t.created) || '—'),
        h('td', { class: 'num' }, formatBytes(t.size)),
        h('td', { class: 'actions' },
          button(icon('copy'), () => openCopyDialog(app, registry, repository, t.tag), { appearance: 'icon', title: `Copy ${t.tag} to another registry or repository` }),
          button(icon('trash'), () => openDeleteDialog(app, registry, repository, t.tag, load), { appearance: 'icon', title: `Delete ${t.tag}`, cls: 'dh-delete-tag' }))))));
    replace(host, sortLabel, h('div', { class: 'dh-table-scroll' }, table));
  }
  load();
  return root;
}
