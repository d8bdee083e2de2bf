// The cells of one tag row in the tag list (name, digest, platforms, dates, size and the
// per-tag actions) and its sortable column headers. Split out of tags-view.ts.
import type { RegistrySummary, TagRow, TagUsageInfo } from '../../common';
import type { SortDirection, TagSortKey } from '@dockhand/shared/tags';
import type { AppContext } from '../app-context';
import { h } from '../dom';
import { formatBytes, formatDate, relativeDate, shortDigest } from '../format';
import { icon } from '../icons';
import { openCopyDialog, openDeleteDialog, openRetagDialog } from './image-actions';

/** A tag row with what the event receiver knows of it. */
export type UsageRow = TagRow & Partial<Omit<TagUsageInfo, 'tag'>>;

export interface SortState {
  key: TagSortKey;
  dir: SortDirection;
}

/** A column header; sortable ones are buttons that sort by their key (again: the other direction). */
export function sortHeader(label: string, key: TagSortKey | undefined, sort: SortState, onSort: (s: SortState) => void, cls = ''): HTMLElement {
  if (!key) return h('th', { class: cls, scope: 'col' }, label);
  const isActive = sort.key === key;
  return h(
    'th',
    {
      class: `${cls} sortable${isActive ? ' active' : ''}`,
      scope: 'col',
      dataset: { sort: key },
      'aria-sort': isActive ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
    },
    h(
      'button',
      {
        class: 'dh-th-button',
        onclick: () => onSort({ key, dir: isActive && sort.dir === 'desc' ? 'asc' : isActive ? 'desc' : key === 'name' ? 'asc' : 'desc' }),
      },
      label,
      h('span', { class: 'dh-sort-arrow', 'aria-hidden': 'true' }, isActive ? (sort.dir === 'asc' ? '▲' : '▼') : ''),
    ),
  );
}

/** Pushed: the push event's time, else the image's created date (said so in the title). */
function usageCells(t: UsageRow): HTMLElement[] {
  return [
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
  ];
}

export interface TagCellsContext {
  app: AppContext;
  registry: RegistrySummary;
  repository: string;
  /** The event receiver runs: pushed and last-pulled columns. */
  withUsage: boolean;
  /** After a delete. */
  reload: () => void;
}

/**
 * A row's icon button: a native <button> (a toolkit <vscode-button> per action built three web
 * components per row, most of a redraw's time with 3,000 tags); named by its title.
 */
function rowAction(name: Parameters<typeof icon>[0], title: string, cls: string, onClick: () => void): HTMLElement {
  return h('button', { type: 'button', class: `dh-row-action ${cls}`, title, 'aria-label': title, onclick: onClick }, icon(name));
}

export function tagCells(t: UsageRow, c: TagCellsContext): HTMLElement[] {
  const { app, registry, repository } = c;
  return [
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
    ...(c.withUsage ? usageCells(t) : []),
    h('td', { class: 'num' }, formatBytes(t.size)),
    h(
      'td',
      { class: 'actions' },
      rowAction('copy', `Copy ${t.tag} to another registry or repository`, 'dh-copy-tag', () => openCopyDialog(app, registry, repository, t.tag, t.digest)),
      rowAction('tag', `Add another tag to ${t.tag}'s image (retag)`, 'dh-retag-tag', () => openRetagDialog(app, registry, repository, t.tag)),
      rowAction('trash', `Delete ${t.tag}`, 'dh-delete-tag', () => openDeleteDialog(app, registry, repository, t.tag, c.reload)),
    ),
  ];
}
