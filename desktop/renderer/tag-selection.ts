// Which tags of the tag list are selected (multi-select): Ctrl/Cmd+click or Space toggles one,
// Shift+click or Shift+arrows selects the range from the anchor, Ctrl+A every tag shown.
// Tags are kept by name, so a re-sort, a filter or new details keep the selection.
// Pure (no DOM): unit-tested in Node (tag-selection.test.ts).
export class TagSelection {
  private readonly selected = new Set<string>();
  /** Where a Shift range starts: the last tag toggled or clicked. */
  private anchor: string | undefined;

  get size(): number {
    return this.selected.size;
  }

  has(tag: string): boolean {
    return this.selected.has(tag);
  }

  /** The selected tags in the order given (the list as shown), then any not in it. */
  tags(order: readonly string[] = []): string[] {
    const inOrder = order.filter((t) => this.selected.has(t));
    const seen = new Set(inOrder);
    return [...inOrder, ...[...this.selected].filter((t) => !seen.has(t))];
  }

  /** Ctrl+click, Space: add or remove one tag; it becomes the anchor. */
  toggle(tag: string): void {
    if (!this.selected.delete(tag)) this.selected.add(tag);
    this.anchor = tag;
  }

  /** Shift+click, Shift+arrows: exactly the tags between the anchor and `to` (in the order shown). */
  extend(order: readonly string[], to: number): void {
    const from = this.anchor === undefined ? -1 : order.indexOf(this.anchor);
    const start = from < 0 ? to : from;
    if (from < 0) this.anchor = order[to];
    this.selected.clear();
    for (let i = Math.min(start, to); i <= Math.max(start, to); i++) if (order[i] !== undefined) this.selected.add(order[i]);
  }

  /** Ctrl+A: every tag shown. */
  all(order: readonly string[]): void {
    for (const t of order) this.selected.add(t);
  }

  clear(): void {
    this.selected.clear();
    this.anchor = undefined;
  }

  /** After a reload: forget tags that are gone. */
  keepOnly(existing: ReadonlySet<string>): void {
    for (const t of [...this.selected]) if (!existing.has(t)) this.selected.delete(t);
    if (this.anchor !== undefined && !existing.has(this.anchor)) this.anchor = undefined;
  }
}
