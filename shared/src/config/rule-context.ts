// What every rule gets: the (effective) tree, the version, positions and a reporter.
import type { ConfigFileChecker, Diagnostic, Fix, Severity, TargetVersion } from './types';
import type { LineIndex } from './line-index';
import { deref, type YMap, type YNode, type YPair } from './yaml-tree';
import { resolveScalar, type Resolved } from './yaml11';
import { MAX_DIAGNOSTICS_PER_SEVERITY } from './limits';
import type { Release } from './spec/spec-types';

export interface Report {
  code: string;
  severity: Severity;
  message: string;
  /** The node whose range is reported (its key's range when `at` is a pair). */
  node?: YNode;
  fix?: Fix;
  alternatives?: Fix[];
}

export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Diagnostics per severity that were not kept (over MAX_DIAGNOSTICS_PER_SEVERITY). */
  readonly dropped: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  private readonly kept: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  /** Reads the files the config names, when the caller can (CLI, editors); rules skip file checks without it. */
  files?: ConfigFileChecker;
  /** LintOptions.portNames. */
  portNames?: readonly string[];
  /** The exact release checked against (3 = 3.1). */
  release: Release;
  /** Checking against Debian's 2.8.2 build (fewer drivers, its own AWS region list). */
  debian = false;
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    readonly version: TargetVersion,
    readonly root: YNode | undefined,
  ) {
    this.release = version === '2.8' ? '2.8' : '3.1';
  }

  /** Copy the exact target of another context. */
  sameTarget(other: RuleContext): void {
    this.release = other.release;
    this.debian = other.debian;
  }

  /** False once `severity` has hit its cap: skip costly work (suggestions) for reports that would be dropped. */
  canReport(severity: Severity): boolean {
    return this.kept[severity] < MAX_DIAGNOSTICS_PER_SEVERITY;
  }

  report(r: Report): void {
    if (!this.canReport(r.severity)) {
      this.dropped[r.severity]++;
      return;
    }
    this.kept[r.severity]++;
    const node = r.node;
    const range = node && node.start >= 0 ? this.lines.range(node.start, node.end) : this.lines.range(0, 0);
    const via = node?.origin ? ` (set by ${node.origin})` : '';
    const message = r.message.length > 2000 ? `${r.message.slice(0, 1000)} … ${r.message.slice(-500)}` : r.message;
    this.diagnostics.push({
      code: r.code,
      severity: r.severity,
      message: message + via,
      range,
      ...(r.fix ? { fix: r.fix } : {}),
      ...(r.fix && r.alternatives?.length ? { alternatives: r.alternatives } : {}),
    });
  }

  /** Take over another context's diagnostics (and its counts against the caps). */
  adopt(other: RuleContext): void {
    for (const d of other.diagnostics) this.diagnostics.push(d);
    for (const s of ['error', 'warning', 'info'] as const) {
      this.kept[s] += other.kept[s];
      this.dropped[s] += other.dropped[s];
    }
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
    return lookup(map, key);
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

const indexes = new WeakMap<YMap, { pairs: YPair[]; byKey: Map<string, YPair> }>();

/**
 * The last pair for `key` in a mapping, through a per-mapping index built on first use (so
 * that rules asking a 50,000-key mapping for 60 keys stay linear). Code that adds or removes
 * pairs calls forgetIndex.
 */
export function lookup(map: YNode | undefined, key: string): YPair | undefined {
  const m = deref(map);
  if (!m || m.kind !== 'map') return undefined;
  if (m.pairs.length < 8) {
    for (let i = m.pairs.length - 1; i >= 0; i--) if (keyText(m.pairs[i].key) === key) return m.pairs[i];
    return undefined;
  }
  let idx = indexes.get(m);
  if (!idx || idx.pairs !== m.pairs) {
    const byKey = new Map<string, YPair>();
    for (const p of m.pairs) byKey.set(keyText(p.key), p);
    indexes.set(m, (idx = { pairs: m.pairs, byKey }));
  }
  return idx.byKey.get(key);
}

/** Drop a mapping's lookup index after its pairs changed in place. */
export function forgetIndex(map: YMap): void {
  indexes.delete(map);
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
