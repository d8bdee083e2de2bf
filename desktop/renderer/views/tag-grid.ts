// The tag list's grid: a table that renders only the rows in view once the list is long
// (spacer rows above and below keep the scrollbar true), one focusable row (roving tabindex),
// and multi-select. Keys: arrows/Home/End/PageUp/PageDown move, Shift with them selects the
// range, Space toggles the row, Ctrl+A selects every row shown, Escape clears, Enter opens,
// Delete asks to delete (the selection, else the row), typing jumps to a tag. Mouse: a click
// opens, Ctrl/Cmd+click toggles, Shift+click selects the range. Split out of tags-view.ts.
import { h, replace } from '../dom';
import { isTypeAheadKey, listKey, TypeAhead } from '../list-keys';
import { TagSelection } from '../tag-selection';
import type { UsageRow } from './tag-cells';

/** Rows rendered at once before the table switches to rendering only what is in view. */
const RENDER_ALL_UP_TO = 200;
export const ROW_HEIGHT = 34;
const OVERSCAN = 6;

export interface TagGrid {
  /** The scrolling element holding the table. */
  element: HTMLElement;
  selection: TagSelection;
  /** Show these rows (sorted and filtered) under these column headers; keeps the scroll place and the focus. */
  show(rows: readonly UsageRow[], header: HTMLElement[]): void;
  /** The rows rendered now (indexes into the rows shown). */
  viewRange(): { first: number; last: number };
  /** Redraw the rows in view (after the selection changed from outside). */
  refresh(): void;
}

export function createTagGrid(opts: {
  label: string;
  cells: (t: UsageRow) => HTMLElement[];
  onOpen: (t: UsageRow) => void;
  onSelectionChange: () => void;
  /** Delete key: these tags (the selection, else the focused one). */
  onDelete: (tags: string[]) => void;
}): TagGrid {
  const selection = new TagSelection();
  const typeAhead = new TypeAhead();
  const headRow = h('tr');
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'dh-table', id: 'tags-table', role: 'grid', 'aria-multiselectable': 'true', 'aria-label': opts.label },
    h('thead', null, headRow),
    tbody,
  ) as HTMLTableElement;
  const scroller = h('div', { class: 'dh-table-scroll' }, table);
  let shown: readonly UsageRow[] = [];
  let order: string[] = [];
  let active = 0;
  let columns = 1;
  let range = { first: 0, last: 0 };
  let lastKey = '';
  const virtual = () => shown.length > RENDER_ALL_UP_TO;

  function rowFor(t: UsageRow, i: number): HTMLElement {
    const selected = selection.has(t.tag);
    return h(
      'tr',
      {
        dataset: { tag: t.tag },
        class: `dh-clickable dh-tag-row${i === active ? ' active' : ''}${selected ? ' selected' : ''}`,
        tabindex: i === active ? '0' : '-1',
        'aria-rowindex': String(i + 2),
        'aria-selected': String(selected),
        onclick: (ev: MouseEvent) => {
          if ((ev.target as HTMLElement).closest('.actions')) return;
          if (ev.shiftKey || ev.ctrlKey || ev.metaKey) {
            ev.preventDefault();
            if (ev.shiftKey) selection.extend(order, i);
            else selection.toggle(t.tag);
            active = i;
            changed(true);
            return;
          }
          opts.onOpen(t);
        },
        onfocus: () => {
          active = i;
        },
      },
      ...opts.cells(t),
    );
  }

  // `at`: the scroll position to render for (a redraw renders the saved place before the rows exist to scroll to).
  function renderRows(at?: number, force = false) {
    let first = 0;
    let last = shown.length;
    if (virtual()) {
      const view = scroller.clientHeight || 800;
      const top = at ?? scroller.scrollTop;
      first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
      last = Math.min(shown.length, Math.ceil((top + view) / ROW_HEIGHT) + OVERSCAN);
    }
    range = { first, last };
    const key = `${first}:${last}:${active}`;
    if (key === lastKey && !force) return;
    lastKey = key;
    const hadFocus = tbody.contains(document.activeElement);
    const spacer = (px: number) => h('tr', { class: 'dh-spacer', 'aria-hidden': 'true', style: { height: `${px}px` } }, h('td', { colspan: String(columns) }));
    replace(
      tbody,
      first ? spacer(first * ROW_HEIGHT) : null,
      shown.slice(first, last).map((t, k) => rowFor(t, first + k)),
      last < shown.length ? spacer((shown.length - last) * ROW_HEIGHT) : null,
    );
    if (hadFocus) (tbody.querySelector(`tr[aria-rowindex="${active + 2}"]`) as HTMLElement | null)?.focus({ preventScroll: true });
  }

  function focusActive() {
    if (virtual()) {
      const top = active * ROW_HEIGHT;
      if (top < scroller.scrollTop) scroller.scrollTop = top;
      else if (top + ROW_HEIGHT * 2 > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top - scroller.clientHeight + ROW_HEIGHT * 2;
    }
    renderRows(undefined, true);
    (tbody.querySelector(`tr[aria-rowindex="${active + 2}"]`) as HTMLElement | null)?.focus();
  }

  function changed(focus: boolean) {
    if (focus) focusActive();
    else renderRows(undefined, true);
    opts.onSelectionChange();
  }

  scroller.addEventListener('scroll', () => requestAnimationFrame(() => virtual() && renderRows()), { passive: true });
  tbody.addEventListener('keydown', (ev) => {
    if ((ev.target as HTMLElement).tagName !== 'TR' || !shown.length) return;
    const mod = ev.ctrlKey || ev.metaKey;
    if (ev.key === ' ' && !mod) {
      ev.preventDefault();
      selection.toggle(shown[active].tag);
      changed(true);
      return;
    }
    if (mod && (ev.key === 'a' || ev.key === 'A')) {
      ev.preventDefault();
      selection.all(order);
      changed(true);
      return;
    }
    if (ev.key === 'Escape' && selection.size) {
      ev.preventDefault();
      selection.clear();
      changed(true);
      return;
    }
    if (ev.key === 'Delete') {
      ev.preventDefault();
      opts.onDelete(selection.size ? selection.tags(order) : [shown[active].tag]);
      return;
    }
    if (isTypeAheadKey(ev)) {
      const at = typeAhead.next(ev.key, order, active);
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
      if (ev.shiftKey && !selection.size) selection.toggle(shown[active].tag); // the range starts where the keys started
      active = r.index;
      if (ev.shiftKey) {
        selection.extend(order, active);
        changed(true);
      } else focusActive();
    } else if (r.open && shown[active]) {
      ev.preventDefault();
      opts.onOpen(shown[active]);
    }
  });

  // Too wide for the pane (long names, multi-platform rows at 1360 px): leave the Digest column out.
  const fit = () => {
    table.classList.remove('dh-no-digest');
    if (scroller.scrollWidth > scroller.clientWidth + 1) table.classList.add('dh-no-digest');
  };
  const resized = new ResizeObserver(() => {
    if (scroller.isConnected) fit();
    else resized.disconnect();
  });
  resized.observe(scroller);

  return {
    element: scroller,
    selection,
    viewRange: () => range,
    refresh: () => renderRows(undefined, true),
    show(rows, header) {
      const place = scroller.scrollTop;
      shown = rows;
      order = rows.map((t) => t.tag);
      columns = header.length;
      active = Math.min(active, Math.max(0, rows.length - 1));
      replace(headRow, header);
      table.setAttribute('aria-rowcount', String(rows.length + 1));
      table.classList.toggle('virtual', virtual());
      // rows and spacers first, then the scroll position (a redraw keeps the place)
      renderRows(Math.min(place, rows.length * ROW_HEIGHT), true);
      if (scroller.scrollTop !== place) scroller.scrollTop = place;
      requestAnimationFrame(fit); // after this frame's layout, not a forced one in the middle of a redraw
    },
  };
}
