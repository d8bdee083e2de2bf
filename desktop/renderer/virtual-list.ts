// A virtualised list: only the rows in view (plus a margin) exist in the DOM, so 10,000
// or 100,000 entries scroll and filter without a stall. Fixed row height.
import { h } from './dom';

export interface VirtualList<T> {
  element: HTMLElement;
  setItems(items: readonly T[]): void;
  refresh(): void;
  scrollToIndex(index: number): void;
}

export function createVirtualList<T>(opts: {
  rowHeight: number;
  renderRow: (item: T, index: number) => HTMLElement;
  overscan?: number;
  cls?: string;
  ariaLabel?: string;
}): VirtualList<T> {
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
      fragment.appendChild(row);
    }
    rows.replaceChildren(fragment);
  }
  const schedule = () => { if (!frame) frame = requestAnimationFrame(render); };
  element.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(() => { lastKey = ''; schedule(); }).observe(element);

  return {
    element,
    setItems(next) {
      items = next;
      spacer.style.height = `${items.length * opts.rowHeight}px`;
      if (element.scrollTop > items.length * opts.rowHeight) element.scrollTop = 0;
      lastKey = '';
      render();
    },
    refresh() { lastKey = ''; render(); },
    scrollToIndex(index) {
      const top = index * opts.rowHeight;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + opts.rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top - element.clientHeight + opts.rowHeight;
      lastKey = '';
      render();
    },
  };
}
