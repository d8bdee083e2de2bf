// A repository's tags: a table sortable by name, version, date and size, with a filter,
// per-tag actions (open, copy, retag, delete with the sibling-tag warning) and multi-select
// (delete or untag the selection after one combined preview). The grid (tag-grid.ts) renders
// only the rows in view, so 3,000 tags sort and scroll without a stall; details past the
// first 400 tags arrive in the background (rows in view first) with a visible count.
import type { RegistrySummary, TagRow, TagUsageInfo } from '../../common';
import { sortTags, type TagSortKey } from '@dockhand/shared/tags';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { icon } from '../icons';
import { onTagsChanged } from '../tag-events';
import { button, textField } from '../toolkit';
import { cancellableLoad, cancelledState, copyText, emptyState, errorBox, errorMessage, loading } from '../ui';
import { openCleanupDialog, openSizeDialog } from './cleanup-dialogs';
import { openBulkDeleteDialog } from './bulk-delete-dialog';
import { openDeleteDialog } from './image-actions';
import { sortHeader, tagCells, type SortState, type UsageRow } from './tag-cells';
import { createTagGrid } from './tag-grid';

let sortState: SortState = { key: 'semver', dir: 'desc' };
/** Tags per tags:details call. */
const DETAILS_BATCH = 60;

export function renderTagsView(app: AppContext, registry: RegistrySummary, repository: string): HTMLElement {
  const host = h('div', { class: 'dh-tags-host' }, loading('Reading tags…'));
  const countChip = h('span', { class: 'dh-chip', id: 'tag-count' }, '…');
  let query = '';
  const pills = h('span', { class: 'dh-sort-pills' });
  const filter = textField({
    id: 'tag-filter',
    placeholder: 'Filter tags',
    ariaLabel: 'Filter tags',
    cls: 'dh-filter dh-tag-filter',
    oninput: (q) => {
      query = q.trim().toLowerCase();
      draw();
    },
  });
  // What is selected, and the one action on it (also the Delete key in the grid).
  const selectionCount = h('span', { id: 'tag-selection-count', role: 'status' });
  const bulkDelete = () => {
    const tags = grid.selection.tags(shown.map((t) => t.tag));
    if (tags.length) openBulkDeleteDialog(app, registry, repository, tags, () => load());
  };
  const selectionBar = h(
    'div',
    { class: 'dh-selection-bar hidden', id: 'tag-selection-bar' },
    selectionCount,
    button([icon('trash'), ' Delete or untag…'], bulkDelete, {
      appearance: 'secondary',
      id: 'bulk-delete',
      title: 'Delete or untag the selected tags, after a preview',
    }),
    button(
      'Clear selection',
      () => {
        grid.selection.clear();
        grid.refresh();
        selectionChanged();
      },
      { appearance: 'secondary', id: 'clear-selection' },
    ),
  );
  const selectionChanged = () => {
    const n = grid.selection.size;
    selectionBar.classList.toggle('hidden', n === 0);
    selectionCount.textContent = n ? `${n} selected` : '';
  };
  // Kept across redraws, so the filter keeps the focus while typing.
  const toolbar = h('div', { class: 'dh-sortbar dh-muted' }, filter, pills);
  const root = h(
    'div',
    { class: 'dh-tags' },
    h(
      'div',
      { class: 'dh-detail-header' },
      h('div', { class: 'dh-detail-title' }, icon('repo'), h('h2', { id: 'repo-title' }, repository), countChip),
      h(
        'div',
        { class: 'dh-view-actions' },
        button([icon('copy'), ' Pull'], () => void copyText(`docker pull ${registry.host}/${repository}`, 'Pull command copied'), {
          appearance: 'secondary',
          title: 'Copy the docker pull command',
        }),
        button([icon('layers'), ' Analyze size'], () => openSizeDialog(app, registry, repository), {
          appearance: 'secondary',
          id: 'analyze-size',
          title: 'Size per tag: unique and shared bytes',
        }),
        button([icon('trash'), ' Clean up…'], () => openCleanupDialog(app, registry, repository, () => load()), {
          appearance: 'secondary',
          id: 'clean-up',
          title: 'Delete old tags by a retention policy, after a preview',
        }),
        button(icon('refresh'), () => load(), { appearance: 'icon', title: 'Reload tags', id: 'tags-refresh' }),
      ),
    ),
    toolbar,
    selectionBar,
    host,
  );

  let rows: UsageRow[] = [];
  let shown: UsageRow[] = [];
  /** The rows sorted by sortState, kept until the rows or the sort change (a filter or a selection does not re-sort). */
  let sorted: { rows: UsageRow[]; key: string; result: UsageRow[] } | undefined;
  /** Pushed-at and last-pulled per tag from the event receiver; undefined: no receiver running. */
  let usage: Map<string, TagUsageInfo> | undefined;
  const withUsage = (r: TagRow[]): UsageRow[] => (usage ? r.map((t) => ({ ...t, ...usage!.get(t.tag), tag: t.tag })) : r);
  const loads = cancellableLoad();
  const load = () => {
    const token = loads.start();
    replace(
      host,
      loading('Reading tags…', () => {
        loads.cancel();
        countChip.textContent = '…';
        replace(host, cancelledState(`reading the tags of ${repository}`, load));
      }),
    );
    const usageRead = app.api.events.tagUsage(registry.id, repository).then(
      (u) => (u ? new Map(u.map((x) => [x.tag, x])) : undefined),
      () => undefined,
    );
    app.api.tags.list(registry.id, repository).then(
      async (r) => {
        usage = await usageRead;
        if (!loads.current(token)) return;
        if (!usage && (sortState.key === 'pushed' || sortState.key === 'pulled')) sortState = { key: 'semver', dir: 'desc' };
        rows = withUsage(r);
        grid.selection.keepOnly(new Set(r.map((t) => t.tag)));
        selectionChanged();
        countChip.textContent = `${r.length} tag${r.length === 1 ? '' : 's'}`;
        draw();
        void readDetails(token);
      },
      (err) => {
        if (loads.current(token)) replace(host, errorBox(err, load, `Could not read the tags of ${repository}`));
      },
    );
  };

  // Tags listed by name only (beyond the first 400) get their details in the background,
  // the rows in view first, with a visible count; each batch re-sorts the list.
  const progress = h('span', { class: 'dh-chip accent hidden', id: 'tag-details-progress', role: 'status' });
  async function readDetails(token: number) {
    const total = rows.filter((t) => t.pending).length;
    while (loads.current(token) && root.isConnected) {
      const pending = new Set(rows.filter((t) => t.pending).map((t) => t.tag));
      progress.classList.toggle('hidden', pending.size === 0);
      if (!pending.size) return;
      progress.textContent = `Reading details: ${total - pending.size} of ${total}`;
      const view = grid.viewRange();
      const inView = shown
        .slice(view.first, view.last)
        .filter((t) => pending.has(t.tag))
        .map((t) => t.tag);
      const batch = [...new Set([...inView, ...pending])].slice(0, DETAILS_BATCH);
      let got: TagRow[];
      try {
        got = await app.api.tags.details(registry.id, repository, batch);
      } catch (err) {
        progress.textContent = `Details stopped: ${errorMessage(err)}`;
        return;
      }
      if (!loads.current(token)) return;
      const byTag = new Map(got.map((t) => [t.tag, t]));
      rows = rows.map((t) => (byTag.has(t.tag) ? withUsage([byTag.get(t.tag)!])[0] : t));
      draw();
    }
  }
  // A copy, retag or push into this repository (from any dialog) shows up without a manual reload.
  onTagsChanged(root, registry.id, repository, load);

  const open = (t: TagRow) => app.navigate({ view: 'registry', registryId: registry.id, repository, reference: t.tag });
  const cellContext = { app, registry, repository, withUsage: false, reload: () => load() };
  const grid = createTagGrid({
    label: `Tags of ${repository}`,
    cells: (t) => tagCells(t, cellContext),
    onOpen: open,
    onSelectionChange: selectionChanged,
    onDelete: (tags) => (tags.length === 1 && !grid.selection.size ? openDeleteDialog(app, registry, repository, tags[0], load) : bulkDelete()),
  });
  const sortBy = (s: SortState) => {
    sortState = s;
    draw();
  };

  /** How many rows lack what the current sort orders by (they sort last): said next to the list. */
  function missingForSort(): number {
    const lacks: Partial<Record<TagSortKey, (t: UsageRow) => boolean>> = {
      date: (t) => !t.created,
      size: (t) => t.size === undefined,
      pulled: (t) => !t.lastPulled,
      pushed: (t) => !t.pushedAt && !t.created,
    };
    const f = lacks[sortState.key];
    let n = 0;
    if (f) for (const t of rows) if (f(t)) n++;
    return n;
  }

  function draw() {
    if (!rows.length) {
      replace(pills);
      replace(host, emptyState('tag', 'No tags', 'Every tag of this repository was deleted (the registry keeps the name until garbage collection).'));
      return;
    }
    // Measured (not asserted): the e2e test reports these from the Performance timeline.
    const sortStart = performance.now();
    const sortKey = `${sortState.key}:${sortState.dir}`;
    if (sorted?.rows !== rows || sorted.key !== sortKey) sorted = { rows, key: sortKey, result: sortTags(rows, sortState.key, sortState.dir) };
    shown = query ? sorted.result.filter((t) => t.tag.toLowerCase().includes(query)) : sorted.result;
    const measure = (what: string) => {
      const name = `dockhand:tags-${what}:${sortState.key}`;
      performance.clearMeasures(name);
      performance.measure(name, { start: sortStart, detail: rows.length });
    };
    measure('sort');
    const missing = missingForSort();
    replace(
      pills,
      h('span', null, 'Sort by '),
      (['semver', 'name', 'date', 'size', ...(usage ? ['pushed', 'pulled'] : [])] as TagSortKey[]).map((k) =>
        h(
          'button',
          {
            class: `dh-pill${sortState.key === k ? ' active' : ''}`,
            'aria-pressed': String(sortState.key === k),
            dataset: { sortPill: k },
            onclick: () => sortBy({ key: k, dir: sortState.key === k && sortState.dir === 'desc' ? 'asc' : 'desc' }),
          },
          k === 'semver' ? 'version' : k === 'pulled' ? 'last pulled' : k,
        ),
      ),
      query ? h('span', { id: 'tag-filter-count' }, `${shown.length} of ${rows.length}`) : null,
      progress,
      missing
        ? h(
            'span',
            { class: 'dh-chip warning', id: 'sort-incomplete', title: 'These tags sort last, whichever the direction.' },
            `${missing} of ${rows.length} tags have no ${sortState.key === 'size' ? 'size' : sortState.key === 'pulled' ? 'recorded pull' : 'date'}${progress.classList.contains('hidden') ? '' : ' yet'}: sorted last`,
          )
        : null,
    );
    cellContext.withUsage = !!usage;
    // the grid goes in first, so it renders for its real height
    const content = shown.length ? grid.element : h('div', { class: 'dh-no-match dh-muted', id: 'tag-no-match' }, 'No tag matches the filter.');
    if (host.firstChild !== content || host.childNodes.length !== 1) replace(host, content);
    const th = (label: string, key: TagSortKey | undefined, cls = '') => sortHeader(label, key, sortState, sortBy, cls);
    grid.show(shown, [
      th('Tag', 'name'),
      th('Digest', undefined, 'digest'),
      th('Platforms', undefined),
      th('Created', 'date'),
      ...(usage ? [th('Pushed', 'pushed'), th('Last pulled', 'pulled')] : []),
      th('Size', 'size', 'num'),
      h('th', { class: 'actions', scope: 'col' }, h('span', { class: 'dh-offscreen' }, 'Actions')),
    ]);
    measure('draw');
  }
  load();
  return root;
}
