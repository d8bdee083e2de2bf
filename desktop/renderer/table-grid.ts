// Keyboard for a plain (not virtualised) table: a grid with one focusable row (roving
// tabindex). Arrows, Home/End, PageUp/PageDown move it, typing jumps to the next row whose
// label starts with the typed letters, Enter opens the row. Keys pressed on a control inside
// a row (a button) stay that control's. The tags table has its own (virtualised) version.
import { isTypeAheadKey, listKey, TypeAhead } from './list-keys';

export interface KeyboardGrid {
  /** Focus the row with this key (data-key), or the first row; false when the table has no rows. */
  focusRow(key?: string): boolean;
}

export function keyboardGrid(
  table: HTMLTableElement,
  opts: {
    label: string;
    /** The text type-ahead matches. */
    rowLabel: (row: HTMLTableRowElement) => string;
    /** Enter (or Space) on a row. */
    onOpen?: (row: HTMLTableRowElement) => void;
  },
): KeyboardGrid {
  table.setAttribute('role', 'grid');
  table.setAttribute('aria-label', opts.label);
  const body = table.tBodies[0];
  const rows = () => [...body.rows].filter((r) => r.dataset.key !== undefined);
  const typeAhead = new TypeAhead();
  let active = 0;
  const setActive = (index: number, focus: boolean) => {
    const all = rows();
    active = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((r, i) => {
      r.tabIndex = i === active ? 0 : -1;
      r.classList.toggle('active', i === active);
    });
    if (focus) all[active]?.focus();
  };
  setActive(0, false);
  body.addEventListener('focusin', (ev) => {
    const row = (ev.target as HTMLElement).closest('tr');
    const i = row ? rows().indexOf(row) : -1;
    if (i >= 0 && i !== active) setActive(i, false);
  });
  body.addEventListener('keydown', (ev) => {
    if ((ev.target as HTMLElement).tagName !== 'TR') return;
    const all = rows();
    if (isTypeAheadKey(ev)) {
      const at = typeAhead.next(ev.key, all.map(opts.rowLabel), active);
      if (at !== undefined) setActive(at, true);
      ev.preventDefault();
      return;
    }
    const r = listKey(ev.key, active, all.length);
    if (r.index !== undefined) {
      ev.preventDefault();
      setActive(r.index, true);
    } else if (r.open && opts.onOpen) {
      ev.preventDefault();
      opts.onOpen(all[active]);
    }
  });
  return {
    focusRow(key) {
      const all = rows();
      if (!all.length) return false;
      const i = key === undefined ? 0 : all.findIndex((r) => r.dataset.key === key);
      setActive(i < 0 ? 0 : i, true);
      return true;
    },
  };
}

/** The data-key of the grid row that holds the focus inside `host` (to put it back after a redraw). */
export function focusedRowKey(host: HTMLElement): string | undefined {
  const el = document.activeElement;
  return el && host.contains(el) ? (el.closest('tr') as HTMLElement | null)?.dataset.key : undefined;
}
