// A YAML document as a small positioned tree, built from js-yaml 5's `parseEvents`
// (offsets for every key and value). Syntax errors come back as data, never thrown.
// Like gopkg.in/yaml.v2 (what the registry uses) only the first document counts.
import { parseEvents, getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import { MAX_MERGED_PAIRS, clip } from './limits';

export interface YBase {
  /** Source offsets of the node (quotes included); -1 for nodes made from REGISTRY_* variables. */
  start: number;
  end: number;
  tag?: string;
  /** The REGISTRY_* variable this node came from, if any. */
  origin?: string;
}
export interface YScalar extends YBase {
  kind: 'scalar';
  /** Decoded text. */
  value: string;
  /** 1 plain, 2 single-quoted, 3 double-quoted, 4 literal, 5 folded. */
  style: number;
}
export interface YPair {
  key: YNode;
  value: YNode;
  /** Copied in by a `<<` merge key (not written here: never a duplicate). */
  merged?: boolean;
}
export interface YMap extends YBase {
  kind: 'map';
  pairs: YPair[];
  flow: boolean;
}
export interface YSeq extends YBase {
  kind: 'seq';
  items: YNode[];
  flow: boolean;
}
export interface YAlias extends YBase {
  kind: 'alias';
  name: string;
  target?: YNode;
}
export type YNode = YScalar | YMap | YSeq | YAlias;

export interface YamlSyntaxError {
  message: string;
  offset: number;
}

export interface ParsedYaml {
  /** The first document's root; undefined for an empty file or on a syntax error. */
  root?: YNode;
  error?: YamlSyntaxError;
  /** Aliases naming no anchor (yaml.v2 refuses them). */
  unknownAliases: YAlias[];
  /** `<<` merge keys yaml.v2 refuses (error) or that Dockhand stopped expanding (warning). */
  mergeErrors: { message: string; severity: 'error' | 'warning'; node: YNode }[];
}

const DOC_MARKER = /^(?:---|\.\.\.)(?=\s|$)/gm;

export function parseYaml(text: string): ParsedYaml {
  const first = tryParse(text);
  if (!first.error) return first;
  // yaml.v2 stops after the first document: an error in a later one is not the registry's problem.
  DOC_MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  let seenContent = false;
  let cut = -1;
  let last = 0;
  while ((m = DOC_MARKER.exec(text))) {
    if (/\S/.test(stripComments(text.slice(last, m.index)))) seenContent = true;
    if (seenContent && m.index < first.error.offset) {
      cut = m.index;
      break;
    }
    last = m.index + m[0].length;
  }
  if (cut > 0) {
    const again = tryParse(text.slice(0, cut));
    if (!again.error) return again;
  }
  return first;
}

function stripComments(s: string): string {
  return s.replace(/#.*$/gm, '').replace(/^%.*$/gm, '');
}

function tryParse(text: string): ParsedYaml {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 200 });
  } catch (err) {
    const e = err as { reason?: string; message?: string; mark?: { position?: number } };
    const offset = typeof e.mark?.position === 'number' ? e.mark.position : 0;
    return { error: { message: e.reason || String(e.message || err).split('\n')[0], offset }, unknownAliases: [], mergeErrors: [] };
  }
  return build(text, events);
}

function build(text: string, events: Event[]): ParsedYaml {
  const anchors = new Map<string, YNode>();
  const unknownAliases: YAlias[] = [];
  const mergeErrors: ParsedYaml['mergeErrors'] = [];
  const budget = { left: MAX_MERGED_PAIRS };
  type Frame = { node: YMap | YSeq; pendingKey?: YNode };
  const stack: Frame[] = [];
  let root: YNode | undefined;
  let docs = 0;
  let cursor = 0;
  let done = false;

  const attach = (node: YNode) => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (root === undefined) root = node;
      return;
    }
    if (top.node.kind === 'seq') top.node.items.push(node);
    else if (top.pendingKey === undefined) top.pendingKey = node;
    else {
      top.node.pairs.push({ key: top.pendingKey, value: node });
      top.pendingKey = undefined;
    }
    if (node.end > top.node.end) top.node.end = node.end;
  };
  const meta = (ev: { anchorStart: number; anchorEnd: number; tagStart: number; tagEnd: number }, node: YNode) => {
    if (ev.tagStart >= 0) node.tag = text.slice(ev.tagStart, ev.tagEnd);
    if (ev.anchorStart >= 0) anchors.set(text.slice(ev.anchorStart, ev.anchorEnd), node);
  };

  for (const ev of events) {
    if (done) break;
    switch (ev.type) {
      case 1: // document
        docs++;
        if (docs > 1) done = true;
        break;
      case 2: // sequence
      case 3: {
        // mapping
        const node: YMap | YSeq =
          ev.type === 3
            ? { kind: 'map', pairs: [], flow: ev.style === 2, start: ev.start, end: ev.start }
            : { kind: 'seq', items: [], flow: ev.style === 2, start: ev.start, end: ev.start };
        meta(ev, node);
        attach(node);
        stack.push({ node });
        cursor = ev.start;
        break;
      }
      case 4: {
        // scalar
        const s = ev as ScalarEvent;
        let start = s.valueStart;
        let end = s.valueEnd;
        if (start < 0) {
          start = end = cursor;
        } else if (s.style === 2 || s.style === 3) {
          start = Math.max(0, start - 1);
          end = Math.min(text.length, end + 1);
        }
        const node: YScalar = { kind: 'scalar', value: s.valueStart < 0 ? '' : getScalarValue(text, s), style: s.style, start, end };
        meta(s, node);
        if (s.valueStart < 0 && node.tag) node.start = node.end = cursor;
        attach(node);
        cursor = Math.max(cursor, end);
        break;
      }
      case 5: {
        // alias
        const name = text.slice(ev.anchorStart, ev.anchorEnd);
        const node: YAlias = { kind: 'alias', name, start: Math.max(0, ev.anchorStart - 1), end: ev.anchorEnd, target: anchors.get(name) };
        if (!node.target) unknownAliases.push(node);
        attach(node);
        cursor = Math.max(cursor, ev.anchorEnd);
        break;
      }
      case 6: {
        // pop
        const top = stack.pop();
        if (top) {
          // A key without a value (only possible in odd flow forms): pair it with an empty scalar.
          if (top.node.kind === 'map' && top.pendingKey) {
            top.node.pairs.push({ key: top.pendingKey, value: { kind: 'scalar', value: '', style: 1, start: top.pendingKey.end, end: top.pendingKey.end } });
          }
          if (top.node.kind === 'map' && top.node.pairs.some((p) => isMergeKey(p.key)))
            expandMerges(
              top.node,
              stack.map((f) => f.node),
              mergeErrors,
              budget,
            );
          const parent = stack[stack.length - 1];
          if (parent && top.node.end > parent.node.end) parent.node.end = top.node.end;
        }
        break;
      }
    }
  }
  return { root, unknownAliases, mergeErrors };
}

/** yaml.v2's isMerge: a plain untagged `<<` key, or one tagged !!merge. */
function isMergeKey(k: YNode): boolean {
  if (k.kind !== 'scalar' || k.value !== '<<') return false;
  if (k.tag) return k.tag === '!!merge' || k.tag === 'tag:yaml.org,2002:merge';
  return k.style === 1;
}

/**
 * Replace each `<<` pair of a finished mapping by the pairs it merges, in place, the way
 * yaml.v2's decoder applies them (later pairs win; in a list, earlier maps win). Sources
 * finished before this mapping, so they are already expanded; an enclosing one is a cycle.
 */
function expandMerges(map: YMap, open: (YMap | YSeq)[], errors: ParsedYaml['mergeErrors'], budget: { left: number }): void {
  const out: YPair[] = [];
  for (const p of map.pairs) {
    if (!isMergeKey(p.key)) {
      out.push(p);
      continue;
    }
    const v = p.value;
    const sources: YNode[] = v.kind === 'seq' ? [...v.items].reverse() : [v];
    if (v.kind !== 'seq' && v.kind !== 'map' && v.kind !== 'alias') {
      errors.push({ message: 'map merge requires map or sequence of maps as the value: the registry refuses to start.', severity: 'error', node: v });
      continue;
    }
    for (const src of sources) {
      if (src.kind === 'alias' && !src.target) continue; // reported as an unknown anchor
      const m = deref(src);
      if (!m || m.kind !== 'map') {
        errors.push({ message: 'map merge requires map or sequence of maps as the value: the registry refuses to start.', severity: 'error', node: src });
        continue;
      }
      if (m === map || open.includes(m)) {
        errors.push({
          message: `anchor '${src.kind === 'alias' ? clip(src.name) : ''}' value contains itself: the registry refuses to start.`,
          severity: 'error',
          node: src,
        });
        continue;
      }
      if (budget.left < m.pairs.length) {
        if (budget.left >= 0)
          errors.push({
            message: `More than ${MAX_MERGED_PAIRS} keys come from << merge keys: Dockhand stopped expanding them, so keys merged from here on are not checked.`,
            severity: 'warning',
            node: p.key,
          });
        budget.left = -1;
        continue;
      }
      budget.left -= m.pairs.length;
      for (const q of m.pairs) out.push({ key: q.key, value: q.value, merged: true });
    }
  }
  map.pairs = out;
}

/** Follow aliases to the node they name (undefined for an unknown anchor). */
export function deref(node: YNode | undefined): Exclude<YNode, YAlias> | undefined {
  let n = node;
  for (let i = 0; n && n.kind === 'alias' && i < 50; i++) n = n.target;
  return n && n.kind !== 'alias' ? n : undefined;
}
