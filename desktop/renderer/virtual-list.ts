// A virtualised list: only the rows in view (plus a margin) exist in the DOM, so 10,000
// or 100,000 entries scroll and filter without a stall. Fixed row height. A listbox for
// assistive technology: the list itself takes focus and points at the active option
// (aria-activedescendant); arrows, Home/End, PageUp/Down, type-ahead, Enter opens.
import { h } from './dom';
import { isTypeAheadKey, listKey, TypeAhead } from './list-keys';

let listSeq = 0;

export interface VirtualList<T> {
  element: HTMLElement;
  setItems(items: readonly T[]): void;
  refresh(): void;
  scrollToIndex(index: number): void;
  /** Make `index` the active option (scrolled into view). */
  setActive(index: number): void;
}

export function createVirtualList<T>(opts: {
  rowHeight: number;
  renderRow: (item: T, index: number) => HTMLElement;
  overscan?: number;
  cls?: string;
  ariaLabel?: string;
  /** Enter (or Space) on the active option. */
  onOpen?: (item: T, index: number) => void;
  /** The text type-ahead matches. */
  label?: (item: T) => string;
}): VirtualList<T> {
  const idPrefix = `dh-vlist-${++listSeq}`;
  const typeAhead = new TypeAhead();
  let active = -1;
  const spacer = h('div', { class: 'dh-vlist-spacer' });
  const rows = h('div', { class: 'dh-vlist-rows' });
  const element = h('div', { class: `dh-vlist ${opts.cls ?? ''}`, role: 'listbox', 'aria-label': opts.ariaLabel, tabindex: '0' }, spacer, rows);
  const overscan = opts.overscan ?? 8;
  let items: readonly T[] = [];
  let frame = 0;
  let lastKey = '';

  function render() {
    frame = 0;
    const height = element.clientHeight || 600;
    const first = Math.max(0, Math.floor(element.scrollTop / opts.rowHeight) - overscan);
    const last = Math.min(items.length, Math.ceil((element.scrollTop + height) / opts.rowHeight) + overscan);
    const key = `${first}:${last}:${items.length}`;
    if (key === lastKey) return;
    lastKey = key;
    rows.style.transform = `translateY(${first * opts.rowHeight}px)`;
    const fragment = document.createDocumentFragment();
    for (let i = first; i < last; i++) {
      const row = opts.renderRow(items[i], i);
      row.style.height = `${opts.rowHeight}px`;
      row.id = `${idPrefix}-${i}`;
      row.setAttribute('aria-setsize', String(items.length));
      row.setAttribute('aria-posinset', String(i + 1));
      if (i === active) {
        row.classList.add('active');
        row.setAttribute('aria-selected', 'true');
      } else row.setAttribute('aria-selected', 'false');
      fragment.appendChild(row);
    }
    rows.replaceChildren(fragment);
  }
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(render);
  };
  element.addEventListener('scroll', schedule, { passive: true });
  // Moves the active option without rebuilding the rows in view (a rebuild between mousedown
  // and mouseup would swallow the click); scrolling, if needed, renders through the scroll event.
  const setActive = (index: number) => {
    active = index;
    if (index >= 0 && index < items.length) element.setAttribute('aria-activedescendant', `${idPrefix}-${index}`);
    else element.removeAttribute('aria-activedescendant');
    for (const row of rows.children) {
      const on = row.id === `${idPrefix}-${index}`;
      row.classList.toggle('active', on);
      row.setAttribute('aria-selected', String(on));
    }
    if (index < 0) return;
    const top = index * opts.rowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + opts.rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top - element.clientHeight + opts.rowHeight;
  };
  element.addEventListener('focus', () => {
    if (active < 0 && items.length) setActive(0);
  });
  element.addEventListener('keydown', (ev) => {
    if (isTypeAheadKey(ev) && opts.label) {
      const at = typeAhead.next(ev.key, items.map(opts.label), active);
      if (at !== undefined) setActive(at);
      ev.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor(element.clientHeight / opts.rowHeight) - 1);
    const r = listKey(ev.key, active, items.length, page);
    if (r.index !== undefined) {
      ev.preventDefault();
      setActive(r.index);
    } else if (r.open) {
      ev.preventDefault();
      opts.onOpen?.(items[active], active);
    }
  });
  new ResizeObserver(() => {
    lastKey = '';
    schedule();
  }).observe(element);

  const api: VirtualList<T> = {
    element,
    setActive,
    setItems(next) {
      items = next;
      if (active >= items.length) active = items.length - 1;
      spacer.style.height = `${items.length * opts.rowHeight}px`;
      if (element.scrollTop > items.length * opts.rowHeight) element.scrollTop = 0;
      lastKey = '';
      render();
    },
    refresh() {
      lastKey = '';
      render();
    },
    scrollToIndex(index) {
      const top = index * opts.rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + opts.rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top - element.clientHeight + opts.rowHeight;
      lastKey = '';
      render();
    },
  };
  return api;
}
