// A repository's tags: a table sortable by name, version, date and size, with a filter
// and per-tag actions (open, copy, retag, delete with the sibling-tag warning). A grid for
// the keyboard: one row holds the focus (roving tabindex), arrows/Home/End/PageUp/PageDown
// move it, Enter opens the tag, typing jumps to a tag. Long lists render only the rows in
// view (spacer rows above and below), so 3,000 tags sort and scroll without a stall.
import type { RegistrySummary, TagRow, TagUsageInfo } from '../../common';
import type { AppContext } from '../app-context';
import { h, replace } from '../dom';
import { formatBytes, formatDate, relativeDate, shortDigest } from '../format';
import { icon } from '../icons';
import { isTypeAheadKey, listKey, TypeAhead } from '../list-keys';
import { sortTags, type SortDirection, type TagSortKey, type UsageRow } from '../tag-sort';
import { onTagsChanged } from '../tag-events';
import { button, textField } from '../toolkit';
import { cancellableLoad, cancelledState, copyText, emptyState, errorBox, errorMessage, loading } from '../ui';
import { openCopyDialog, openDeleteDialog, openRetagDialog } from './image-actions';
import { openCleanupDialog, openSizeDialog } from './cleanup-dialogs';

let sortState: { key: TagSortKey; dir: SortDirection } = { key: 'semver', dir: 'desc' };
/** Rows rendered at once before the table switches to rendering only what is in view. */
const RENDER_ALL_UP_TO = 200;
const ROW_HEIGHT = 34;
const OVERSCAN = 10;
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
      active = 0;
      draw();
    },
  });
  // Kept across redraws, so the filter keeps the focus while typing.
  const toolbar = h('div', { class: 'dh-sortbar dh-muted' }, filter, pills);
  let viewRange = { first: 0, last: 60 };
  let scrollTop = 0;
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
    host,
  );

  let rows: UsageRow[] = [];
  let shown: UsageRow[] = [];
  /** Pushed-at and last-pulled per tag from the event receiver; undefined: no receiver running. */
  let usage: Map<string, TagUsageInfo> | undefined;
  const withUsage = (r: TagRow[]): UsageRow[] => (usage ? r.map((t) => ({ ...t, ...usage!.get(t.tag), tag: t.tag })) : r);
  let active = 0;
  const typeAhead = new TypeAhead();
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
      const inView = shown
        .slice(viewRange.first, viewRange.last)
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

  function header(label: string, key: TagSortKey | undefined, cls = '') {
    if (!key) return h('th', { class: cls, scope: 'col' }, label);
    const isActive = sortState.key === key;
    return h(
      'th',
      {
        class: `${cls} sortable${isActive ? ' active' : ''}`,
        scope: 'col',
        dataset: { sort: key },
        'aria-sort': isActive ? (sortState.dir === 'asc' ? 'ascending' : 'descending') : 'none',
      },
      h(
        'button',
        {
          class: 'dh-th-button',
          onclick: () => {
            sortState = { key, dir: isActive && sortState.dir === 'desc' ? 'asc' : isActive ? 'desc' : key === 'name' ? 'asc' : 'desc' };
            draw();
          },
        },
        label,
        h('span', { class: 'dh-sort-arrow', 'aria-hidden': 'true' }, isActive ? (sortState.dir === 'asc' ? '▲' : '▼') : ''),
      ),
    );
  }

  /** Pushed: the push event's time, else the image's created date (said so in the title). */
  const usageCells = (t: UsageRow) =>
    usage
      ? [
          h(
            'td',
            {
              class: 'pushed',
              title: t.pushedAt
                ? `Pushed ${formatDate(t.pushedAt)}`
                : t.created
                  ? `No push event recorded; image created ${formatDate(t.created)}`
                  : 'No push event recorded',
            },
            t.pushedAt ? relativeDate(t.pushedAt) : t.created ? h('span', { class: 'dh-muted' }, `${relativeDate(t.created)} (created)`) : '—',
          ),
          h(
            'td',
            { class: 'pulled', title: t.lastPulled ? `Last pulled ${formatDate(t.lastPulled)}` : 'No pull recorded since the receiver ran' },
            t.lastPulled ? relativeDate(t.lastPulled) : h('span', { class: 'dh-muted' }, 'never seen'),
          ),
        ]
      : [];

  function rowFor(t: UsageRow, i: number): HTMLElement {
    return h(
      'tr',
      {
        dataset: { tag: t.tag },
        class: `dh-clickable${i === active ? ' active' : ''}`,
        tabindex: i === active ? '0' : '-1',
        'aria-rowindex': String(i + 2),
        onclick: (ev: Event) => {
          if ((ev.target as HTMLElement).closest('.actions')) return;
          open(t);
        },
        onfocus: () => {
          active = i;
        },
      },
      h('td', { class: 'tag' }, h('span', { class: 'dh-cell-icon' }, icon('tag'), h('span', { class: 'dh-tag-name' }, t.tag))),
      h('td', { class: 'dh-mono dh-muted digest', title: t.digest ?? '' }, shortDigest(t.digest)),
      h(
        'td',
        { class: 'platforms', title: t.platforms.join(', ') },
        t.error
          ? h('span', { class: 'dh-chip error', title: t.error }, 'unreadable')
          : t.kind === 'index'
            ? [
                h('span', { class: 'dh-chip accent' }, `${t.platforms.length} platforms`),
                ' ',
                h('span', { class: 'dh-muted dh-small' }, t.platforms.slice(0, 2).join(', ') + (t.platforms.length > 2 ? '…' : '')),
              ]
            : h('span', { class: 'dh-muted' }, t.platforms[0] ?? '—'),
      ),
      h('td', { title: formatDate(t.created) }, relativeDate(t.created) || '—'),
      ...usageCells(t),
      h('td', { class: 'num' }, formatBytes(t.size)),
      h(
        'td',
        { class: 'actions' },
        button(icon('copy'), () => openCopyDialog(app, registry, repository, t.tag, t.digest), {
          appearance: 'icon',
          title: `Copy ${t.tag} to another registry or repository`,
          cls: 'dh-copy-tag',
        }),
        button(icon('tag'), () => openRetagDialog(app, registry, repository, t.tag), {
          appearance: 'icon',
          title: `Add another tag to ${t.tag}'s image (retag)`,
          cls: 'dh-retag-tag',
        }),
        button(icon('trash'), () => openDeleteDialog(app, registry, repository, t.tag, load), {
          appearance: 'icon',
          title: `Delete ${t.tag}`,
          cls: 'dh-delete-tag',
        }),
      ),
    );
  }

  function draw() {
    if (!rows.length) {
      replace(pills);
      replace(host, emptyState('tag', 'No tags', 'Every tag of this repository was deleted (the registry keeps the name until garbage collection).'));
      return;
    }
    const hadFocus = host.contains(document.activeElement) && document.activeElement?.tagName === 'TR';
    // Measured (not asserted): the e2e test reports these from the Performance timeline.
    const sortStart = performance.now();
    const sorted = sortTags(rows, sortState.key, sortState.dir);
    shown = query ? sorted.filter((t) => t.tag.toLowerCase().includes(query)) : sorted;
    const measure = (what: string) => {
      const name = `dockhand:tags-${what}:${sortState.key}`;
      performance.clearMeasures(name);
      performance.measure(name, { start: sortStart, detail: rows.length });
    };
    measure('sort');
    active = Math.min(active, Math.max(0, shown.length - 1));
    const missing =
      sortState.key === 'date'
        ? rows.filter((t) => !t.created).length
        : sortState.key === 'size'
          ? rows.filter((t) => t.size === undefined).length
          : sortState.key === 'pulled'
            ? rows.filter((t) => !t.lastPulled).length
            : sortState.key === 'pushed'
              ? rows.filter((t) => !t.pushedAt && !t.created).length
              : 0;
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
            onclick: () => {
              sortState = { key: k, dir: sortState.key === k && sortState.dir === 'desc' ? 'asc' : 'desc' };
              draw();
            },
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
            `${missing} of ${rows.length} tags have no ${sortState.key === 'size' ? 'size' : sortState.key === 'pulled' ? 'recorded pull' : 'date'}: sorted last`,
          )
        : null,
    );
    const tbody = h('tbody');
    const table = h(
      'table',
      { class: 'dh-table', id: 'tags-table', role: 'grid', 'aria-label': `Tags of ${repository}`, 'aria-rowcount': String(shown.length + 1) },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          header('Tag', 'name'),
          h('th', { scope: 'col', class: 'digest' }, 'Digest'),
          h('th', { scope: 'col' }, 'Platforms'),
          header('Created', 'date'),
          ...(usage ? [header('Pushed', 'pushed'), header('Last pulled', 'pulled')] : []),
          header('Size', 'size', 'num'),
          h('th', { class: 'actions', scope: 'col' }, h('span', { class: 'dh-offscreen' }, 'Actions')),
        ),
      ),
      tbody,
    );
    const scroller = h('div', { class: 'dh-table-scroll' }, table);
    const virtual = shown.length > RENDER_ALL_UP_TO;
    let lastRange = '';
    // `at`: the scroll position to render for (a redraw renders the saved place before the
    // rows exist to scroll to; reading scrollTop then would say 0).
    const renderRows = (at?: number) => {
      if (!virtual) {
        replace(tbody, shown.map(rowFor));
        return;
      }
      const view = scroller.clientHeight || 800;
      const top = at ?? scroller.scrollTop;
      const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
      const last = Math.min(shown.length, Math.ceil((top + view) / ROW_HEIGHT) + OVERSCAN);
      viewRange = { first, last };
      scrollTop = top;
      const key = `${first}:${last}:${active}`;
      if (key === lastRange) return;
      lastRange = key;
      const focusedTag = (document.activeElement as HTMLElement | null)?.dataset?.tag;
      const spacer = (px: number) =>
        h('tr', { class: 'dh-spacer', 'aria-hidden': 'true', style: { height: `${px}px` } }, h('td', { colspan: usage ? '8' : '6' }));
      replace(
        tbody,
        first ? spacer(first * ROW_HEIGHT) : null,
        shown.slice(first, last).map((t, k) => rowFor(t, first + k)),
        last < shown.length ? spacer((shown.length - last) * ROW_HEIGHT) : null,
      );
      if (focusedTag) (tbody.querySelector(`tr[data-tag="${CSS.escape(focusedTag)}"]`) as HTMLElement | null)?.focus({ preventScroll: true });
    };
    if (virtual) {
      table.classList.add('virtual');
      scroller.addEventListener('scroll', () => requestAnimationFrame(() => renderRows()), { passive: true });
    }
    const focusActive = () => {
      if (virtual) {
        const top = active * ROW_HEIGHT;
        if (top < scroller.scrollTop) scroller.scrollTop = top;
        else if (top + ROW_HEIGHT * 2 > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top - scroller.clientHeight + ROW_HEIGHT * 2;
        lastRange = '';
        renderRows();
      } else {
        for (const tr of tbody.children) {
          (tr as HTMLElement).tabIndex = -1;
          tr.classList.remove('active');
        }
        const tr = tbody.children[active] as HTMLElement | undefined;
        if (tr) {
          tr.tabIndex = 0;
          tr.classList.add('active');
        }
      }
      (tbody.querySelector(`tr[aria-rowindex="${active + 2}"]`) as HTMLElement | null)?.focus();
    };
    tbody.addEventListener('keydown', (ev) => {
      if ((ev.target as HTMLElement).tagName !== 'TR') return;
      if (isTypeAheadKey(ev)) {
        const at = typeAhead.next(
          ev.key,
          shown.map((t) => t.tag),
          active,
        );
        if (at !== undefined) {
          active = at;
          focusActive();
        }
        ev.preventDefault();
        return;
      }
      const r = listKey(ev.key, active, shown.length, Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 2));
      if (r.index !== undefined) {
        ev.preventDefault();
        active = r.index;
        focusActive();
      } else if (r.open && shown[active]) {
        ev.preventDefault();
        open(shown[active]);
      }
    });
    replace(host, shown.length ? scroller : h('div', { class: 'dh-no-match dh-muted', id: 'tag-no-match' }, 'No tag matches the filter.'));
    // a redraw (new details, a new sort) keeps the place: rows and spacers first, then the scroll position
    const place = Math.min(scrollTop, Math.max(0, shown.length * ROW_HEIGHT));
    renderRows(virtual ? place : undefined);
    if (virtual) scroller.scrollTop = place;
    // Too wide for the pane (long names, multi-platform rows at 1360 px): leave the Digest column out.
    const fit = () => {
      table.classList.remove('dh-no-digest');
      if (scroller.scrollWidth > scroller.clientWidth + 1) table.classList.add('dh-no-digest');
    };
    fit();
    const resized = new ResizeObserver(() => {
      if (scroller.isConnected) fit();
      else resized.disconnect();
    });
    resized.observe(scroller);
    if (hadFocus) focusActive();
    measure('draw');
  }
  load();
  return root;
}
