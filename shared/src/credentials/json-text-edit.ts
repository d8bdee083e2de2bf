// Rewrites a JSON file's text to hold a changed value while keeping everything else as
// the user (or docker) wrote it: indentation, key order, line endings, spacing. Only the
// members that differ between `before` and `after` are edited (jsonc-parser's modify),
// so a logout that removes one auths entry changes only those lines of config.json.
import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions } from 'jsonc-parser';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The file's own indentation (tabs or N spaces) and line ending, for the edited lines. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text)?.[1];
  if (indented?.startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: indented ? indented.length : 2, eol };
}

/** Paths (and new values; undefined = remove) where `after` differs from `before`, objects compared member by member. */
function changes(before: Json, after: Json, path: string[] = [], out: Array<{ path: string[]; value: Json | undefined }> = []) {
  if (isObject(before) && isObject(after)) {
    for (const k of Object.keys(before)) if (!(k in after)) out.push({ path: [...path, k], value: undefined });
    for (const [k, v] of Object.entries(after)) {
      if (!(k in before)) out.push({ path: [...path, k], value: v });
      else if (!sameJson(before[k], v)) changes(before[k], v, [...path, k], out);
    }
  } else if (!sameJson(before, after)) {
    out.push({ path, value: after });
  }
  return out;
}

/**
 * `text` (which parses to `before`) edited so that it parses to `after`, with the original
 * formatting kept wherever nothing changed. An empty text gets tab-indented JSON, as docker writes it.
 */
export function editJsonText(text: string, before: Json, after: Json): string {
  if (!text.trim()) return JSON.stringify(after, null, '\t') + '\n';
  const formattingOptions = detectFormatting(text);
  let out = text;
  for (const c of changes(before, after)) {
    if (!c.path.length) return JSON.stringify(after, null, formattingOptions.insertSpaces ? formattingOptions.tabSize : '\t') + formattingOptions.eol!;
    out = c.value === undefined ? removeMember(out, c.path) : applyEdits(out, modify(out, c.path, c.value, { formattingOptions }));
  }
  return out;
}

/** Remove one object member: its whole lines when it sits on lines of its own, with the comma that separated it. */
function removeMember(text: string, path: string[]): string {
  const value = findNodeAtLocation(parseTree(text)!, path);
  const prop = value?.parent;
  if (!prop || prop.type !== 'property') return applyEdits(text, modify(text, path, undefined, {}));
  let start = prop.offset;
  let end = prop.offset + prop.length;
  const after = /^\s*,/.exec(text.slice(end));
  if (after) end += after[0].length;
  else {
    const before = /,\s*$/.exec(text.slice(0, start));
    if (before) start -= before[0].length;
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEndMatch = /^[ \t]*(\r?\n)/.exec(text.slice(end));
  if (after && !text.slice(lineStart, start).trim() && lineEndMatch) {
    start = lineStart;
    end += lineEndMatch[0].length;
  }
  return text.slice(0, start) + text.slice(end);
}
