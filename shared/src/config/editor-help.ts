// Hover docs and completions from the JSON Schema: the key path at an offset selects a
// sub-schema; its description, enum and default answer the editor.
import { LineIndex } from './line-index';
import { parseYaml, deref, type YNode } from './yaml-tree';
import { keyText } from './rule-context';
import { registrySchema, schemaAt, type JsonSchema } from './schema/json-schema';
import type { CompletionItem, HoverDoc, TargetVersion, TargetName } from './types';
import { detectVersion, targetComment } from './version-detect';

interface Hit {
  path: string[];
  node: YNode;
  isKey: boolean;
}

/** The innermost key or value containing `offset`, with its key path. */
function locate(root: YNode | undefined, offset: number): Hit | undefined {
  let best: Hit | undefined;
  const visit = (node: YNode | undefined, path: string[]) => {
    const n = deref(node);
    if (!n || node!.kind === 'alias') return;
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        const k = keyText(p.key);
        if (offset >= p.key.start && offset <= p.key.end) best = { path: [...path, k], node: p.key, isKey: true };
        const v = p.value;
        if (offset >= v.start && offset <= v.end && v.kind === 'scalar') best = { path: [...path, k], node: v, isKey: false };
        visit(v, [...path, k]);
      }
    } else if (n.kind === 'seq') {
      n.items.forEach((item, i) => {
        if (item.kind === 'scalar' && offset >= item.start && offset <= item.end) best = { path: [...path, String(i)], node: item, isKey: false };
        visit(item, [...path, String(i)]);
      });
    }
  };
  visit(root, []);
  return best;
}

function pickVersion(text: string, root: YNode | undefined, target?: TargetName | 'auto'): TargetVersion {
  const t = target && target !== 'auto' ? target : targetComment(text);
  if (t) return t.startsWith('2.8') ? '2.8' : '3';
  return root ? detectVersion(text, root).version : '3';
}

function describeSchema(s: JsonSchema): string {
  const parts = [String(s.description ?? '')];
  const alts = (s.oneOf as JsonSchema[] | undefined)?.map((a) => a.description).filter(Boolean);
  if (!s.description && alts?.length) parts.push(alts.join(' '));
  if (Array.isArray(s.enum)) parts.push(`Allowed: ${s.enum.join(', ')}.`);
  if (s.default !== undefined) parts.push(`Default: ${JSON.stringify(s.default)}.`);
  return parts.filter(Boolean).join('\n');
}

export function getHoverDoc(text: string, offset: number, target?: TargetName | 'auto'): HoverDoc | undefined {
  try {
    const parsed = parseYaml(text);
    const hit = locate(parsed.root, offset);
    if (!hit) return undefined;
    const version = pickVersion(text, parsed.root, target);
    const s = schemaAt(registrySchema(version), hit.path);
    if (!s) return undefined;
    const lines = new LineIndex(text);
    return {
      path: hit.path.join('.'),
      description: describeSchema(s),
      enum: s.enum as unknown[] | undefined,
      default: s.default,
      range: lines.range(hit.node.start, hit.node.end),
    };
  } catch {
    return undefined;
  }
}

/** The key path of the mapping that a new key typed at `offset` would belong to, from indentation. */
function parentPathByIndent(text: string, offset: number): { path: string[]; valueOf?: string } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const current = text.slice(lineStart, offset);
  const indent = current.length - current.trimStart().length;
  const valueMatch = /^(\s*)(?:-\s+)?([^\s:#][^:#]*):\s+\S*$/.exec(current);
  const stack: { indent: number; key: string }[] = [];
  let pos = 0;
  while (pos < lineStart) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 || end > lineStart ? lineStart : end);
    pos = end < 0 ? lineStart : end + 1;
    const m = /^(\s*)(-\s+)?([^\s:#][^:#]*?):(\s|$)/.exec(line);
    if (!m) continue;
    const ind = m[1].length + (m[2] ? m[2].length : 0);
    while (stack.length && stack[stack.length - 1].indent >= ind) stack.pop();
    if (m[2]) stack.push({ indent: m[1].length, key: '0' });
    stack.push({ indent: ind, key: m[3].trim() });
  }
  const ownIndent = valueMatch ? valueMatch[1].length : indent;
  while (stack.length && stack[stack.length - 1].indent >= ownIndent) stack.pop();
  return { path: stack.map((s) => s.key), valueOf: valueMatch ? valueMatch[2].trim() : undefined };
}

export function getCompletions(text: string, offset: number, target?: TargetName | 'auto'): CompletionItem[] {
  try {
    const parsed = parseYaml(text);
    const version = pickVersion(text, parsed.root, target);
    const schema = registrySchema(version);
    const { path, valueOf } = parentPathByIndent(text, offset);
    if (valueOf !== undefined) {
      const s = schemaAt(schema, [...path, valueOf]);
      const values = (s?.enum as unknown[] | undefined) ?? (s && Array.isArray(s.type) && s.type[0] === 'boolean' ? [true, false] : []);
      return values.map((v) => ({
        label: String(v),
        kind: 'value' as const,
        insertText: String(v),
        documentation: s ? String(s.description ?? '') : undefined,
      }));
    }
    const parent = path.length ? schemaAt(schema, path) : schema;
    if (!parent) return [];
    const props: Record<string, JsonSchema> = {};
    const collect = (s: JsonSchema) => {
      Object.assign(props, (s.properties as Record<string, JsonSchema> | undefined) ?? {});
      for (const alt of (s.oneOf as JsonSchema[] | undefined) ?? []) collect(alt);
    };
    collect(parent);
    return Object.entries(props).map(([k, s]) => ({
      label: k,
      kind: 'key' as const,
      detail: s.default !== undefined ? `default ${JSON.stringify(s.default)}` : undefined,
      documentation: describeSchema(s),
      insertText: `${k}: `,
    }));
  } catch {
    return [];
  }
}
