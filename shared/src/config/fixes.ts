// Building text edits for fixes: insert keys into a block mapping, delete a pair's lines.
import type { RuleContext } from './rule-context';
import type { Fix } from './types';
import type { YMap, YNode, YPair } from './yaml-tree';

/** Insert `key: value` lines at the end of a block mapping (undefined for flow or synthetic maps). */
export function insertKeys(ctx: RuleContext, map: YMap, lines: string[], title: string): Fix | undefined {
  if (map.flow || !map.pairs.length || map.start < 0) return undefined;
  const first = map.pairs[0].key;
  const last = map.pairs[map.pairs.length - 1];
  if (first.start < 0 || last.value.start < 0) return undefined;
  const indent = ' '.repeat(ctx.lines.position(first.start).col);
  let at = Math.max(last.value.end, last.key.end);
  const eol = ctx.text.indexOf('\n', at);
  at = eol < 0 ? ctx.text.length : eol;
  return { title, edits: [{ range: ctx.lines.range(at, at), newText: lines.map((l) => `\n${indent}${l}`).join('') }] };
}

/** Insert lines at the start of the document. */
export function insertAtTop(ctx: RuleContext, text: string, title: string): Fix {
  return { title, edits: [{ range: ctx.lines.range(0, 0), newText: text }] };
}

/** Delete the whole lines a pair occupies (block mappings only). */
export function deletePair(ctx: RuleContext, pair: YPair, title: string): Fix | undefined {
  if (pair.key.start < 0) return undefined;
  const startLine = ctx.lines.position(pair.key.start).line;
  const endNode: YNode = pair.value.end > pair.key.end ? pair.value : pair.key;
  const endLine = ctx.lines.position(endNode.end).line;
  const from = ctx.lines.lineStart(startLine);
  const prefix = ctx.text.slice(from, pair.key.start);
  if (prefix.trim() !== '') return undefined;
  const to = endLine + 1 < ctx.lines.lineCount ? ctx.lines.lineStart(endLine + 1) : ctx.text.length;
  return { title, edits: [{ range: ctx.lines.range(from, to), newText: '' }] };
}

/** `text` with a fix's edits applied (ranges are line/column in `text`; edits must not overlap). */
export function applyFix(text: string, fix: Fix): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; col: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.col;
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
