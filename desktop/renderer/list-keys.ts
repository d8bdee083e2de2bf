// Keyboard for lists and grids (roving focus): arrows, Home/End, PageUp/PageDown, Enter
// opens, typing jumps to the next item starting with the typed letters (type-ahead).
// Pure index arithmetic, unit-tested in Node (list-keys.test.ts).
export interface ListKeyResult {
  /** The new active index, or undefined when the key does not move. */
  index?: number;
  /** Enter or Space: open the active item. */
  open?: boolean;
}

export function listKey(key: string, active: number, count: number, page = 10): ListKeyResult {
  if (!count) return {};
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return { index: clamp(active + 1) };
    case 'ArrowUp':
      return { index: clamp(active - 1) };
    case 'Home':
      return { index: 0 };
    case 'End':
      return { index: count - 1 };
    case 'PageDown':
      return { index: clamp(active + page) };
    case 'PageUp':
      return { index: clamp(active - page) };
    case 'Enter':
    case ' ':
      return { open: active >= 0 && active < count };
    default:
      return {};
  }
}

/** Type-ahead: the typed prefix (kept for 700 ms between keys) and where it lands. */
export class TypeAhead {
  private typed = '';
  private at = 0;
  constructor(private readonly now: () => number = Date.now) {}

  /** The index of the first label (searching from `active`, wrapping) that starts with what was typed, or undefined. */
  next(char: string, labels: readonly string[], active: number): number | undefined {
    const t = this.now();
    this.typed = t - this.at > 700 ? char.toLowerCase() : this.typed + char.toLowerCase();
    this.at = t;
    const n = labels.length;
    // A repeated single letter cycles through the items with that letter; a longer prefix stays on a match.
    const start = this.typed.length === 1 ? active + 1 : Math.max(active, 0);
    for (let k = 0; k < n; k++) {
      const i = (start + k) % n;
      if (labels[i].toLowerCase().startsWith(this.typed)) return i;
    }
    return undefined;
  }
}

/** Whether a keydown is a printable character for type-ahead (no modifier but Shift). */
export function isTypeAheadKey(ev: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return ev.key.length === 1 && ev.key !== ' ' && !ev.ctrlKey && !ev.metaKey && !ev.altKey;
}
