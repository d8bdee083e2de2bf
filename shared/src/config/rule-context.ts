// What every rule gets: the (effective) tree, the version, positions and a reporter.
import type { Diagnostic, Fix, Severity, TargetVersion } from './types';
import type { LineIndex } from './line-index';
import { deref, type YMap, type YNode, type YPair } from './yaml-tree';
import { resolveScalar, type Resolved } from './yaml11';

export interface Report {
  code: string;
  severity: Severity;
  message: string;
  /** The node whose range is reported (its key's range when `at` is a pair). */
  node?: YNode;
  fix?: Fix;
}

export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    readonly version: TargetVersion,
    readonly root: YNode | undefined,
  ) {}

  report(r: Report): void {
    const node = r.node;
    const range = node && node.start >= 0 ? this.lines.range(node.start, node.end) : this.lines.range(0, 0);
    const via = node?.origin ? ` (set by ${node.origin})` : '';
    this.diagnostics.push({ code: r.code, severity: r.severity, message: r.message + via, range, ...(r.fix ? { fix: r.fix } : {}) });
  }

  /** A replacement fix for a node's text. */
  replace(node: YNode, newText: string, title: string): Fix | undefined {
    if (node.start < 0) return undefined;
    return { title, edits: [{ range: this.lines.range(node.start, node.end), newText }] };
  }

  /** The root mapping, if the document is one. */
  get rootMap(): YMap | undefined {
    const r = deref(this.root);
    return r && r.kind === 'map' ? r : undefined;
  }

  /** The last pair for `key` in a mapping (yaml.v2 keeps the last duplicate). */
  pair(map: YNode | undefined, key: string): YPair | undefined {
    const m = deref(map);
    if (!m || m.kind !== 'map') return undefined;
    for (let i = m.pairs.length - 1; i >= 0; i--) if (keyText(m.pairs[i].key) === key) return m.pairs[i];
    return undefined;
  }

  /** Follow a key path from the root (or from `from`). */
  get(path: string[], from?: YNode): YPair | undefined {
    let cur: YNode | undefined = from ?? this.root;
    let p: YPair | undefined;
    for (const k of path) {
      p = this.pair(cur, k);
      if (!p) return undefined;
      cur = p.value;
    }
    return p;
  }

  value(path: string[], from?: YNode): YNode | undefined {
    return deref(this.get(path, from)?.value);
  }
}

/** A key as yaml.v2 turns it into a Go string ('' for null or a non-scalar key). */
export function keyText(key: YNode): string {
  const k = deref(key);
  if (!k || k.kind !== 'scalar') return '';
  const r = resolveScalar(k);
  return r.tag === 'null' ? '' : k.value;
}

export function scalarOf(node: YNode | undefined): Resolved | undefined {
  const n = deref(node);
  return n && n.kind === 'scalar' ? resolveScalar(n) : undefined;
}

/** True for an absent node or a YAML null (the Go zero value). */
export function isNull(node: YNode | undefined): boolean {
  const n = deref(node);
  if (!n) return true;
  return n.kind === 'scalar' && resolveScalar(n).tag === 'null';
}

/** A scalar's string as Go's fmt.Sprint would show the decoded interface{} value. */
export function goString(node: YNode | undefined): string | undefined {
  const r = scalarOf(node);
  if (!r) return undefined;
  if (r.tag === 'null') return undefined;
  if (r.tag === 'str' || r.tag === 'timestamp') return r.value;
  return String(r.value);
}

export function entries(map: YNode | undefined): YPair[] {
  const m = deref(map);
  return m && m.kind === 'map' ? m.pairs : [];
}
