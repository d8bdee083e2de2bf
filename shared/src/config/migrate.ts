// `dockhand lint --migrate 3.0|3.1`: rewrites a 2.8 config for registry 3.x by editing the
// document (comments, key order and formatting stay), each change explained by a
// `# dockhand migrate:` comment above it. What changes (configuration.go and handlers/app.go
// at v2.8.3, v3.0.0, v3.1.x):
//   redis.addr -> addrs: [..]; redis.pool.{maxidle,maxactive,idletimeout} -> go-redis
//   maxidleconns, maxactiveconns, connmaxidletime; redis durations written as strings (3.0
//   refuses bare numbers; 2.8 read them as nanoseconds); reporting and compatibility removed;
//   minimumtls tls1.0/tls1.1 -> tls1.2; RC4 and *_CBC_SHA256 cipher suites removed; the
//   `# dockhand-target` comment set. swift and oss have no 3.x driver: flagged, not rewritten.
import { parseYaml, deref, type YNode, type YPair } from './yaml-tree';
import { LineIndex } from './line-index';
import { lookup, keyText, scalarOf } from './rule-context';
import { CIPHERS } from './rules/http-tls';
import type { Range } from './types';

export interface MigrationChange {
  /** 0-based line (in the original text) the change is at. */
  line: number;
  description: string;
}

export interface MigrationResult {
  /** The migrated text. */
  text: string;
  /** Edits turning the original text into `text` (non-overlapping, in document order). */
  edits: { range: Range; newText: string }[];
  changes: MigrationChange[];
  /** Set when the text could not be parsed (nothing changed). */
  error?: string;
}

interface Edit {
  start: number;
  end: number;
  newText: string;
  note: string;
}

export function migrateConfig(text: string, to: '3.0' | '3.1'): MigrationResult {
  const lines = new LineIndex(text);
  const parsed = parseYaml(text);
  if (parsed.error || !parsed.root)
    return { text, edits: [], changes: [], error: parsed.error ? `YAML syntax error: ${parsed.error.message}` : 'empty document' };
  const root = deref(parsed.root);
  if (!root || root.kind !== 'map') return { text, edits: [], changes: [], error: 'the document is not a mapping' };
  const edits: Edit[] = [];
  const lineStart = (offset: number) => lines.lineStart(lines.position(offset).line);
  const indentOf = (offset: number) => ' '.repeat(lines.position(offset).col);
  const src = (n: YNode) => text.slice(n.start, n.end);
  /** The whole lines of a block pair (undefined in flow style). */
  const pairLines = (p: YPair): { from: number; to: number } | undefined => {
    const from = lineStart(p.key.start);
    if (text.slice(from, p.key.start).trim() !== '') return undefined;
    const endNode = p.value.end > p.key.end ? p.value : p.key;
    const endLine = lines.position(Math.max(endNode.start, endNode.end - 1)).line;
    const to = endLine + 1 < lines.lineCount ? lines.lineStart(endLine + 1) : text.length;
    return { from, to };
  };

  // redis
  const redis = deref(lookup(root, 'redis')?.value);
  if (redis && redis.kind === 'map') {
    const addr = lookup(redis, 'addr');
    const av = deref(addr?.value);
    if (addr && av && av.kind === 'scalar' && av.value !== '' && !lookup(redis, 'addrs')) {
      edits.push({ start: addr.key.start, end: av.end, newText: `addrs: [${src(av)}]`, note: 'redis.addr -> addrs (3.x reads a list and ignores addr)' });
    }
    const pool = lookup(redis, 'pool');
    const pv = deref(pool?.value);
    const span = pool && pairLines(pool);
    if (pool && span) {
      const names: Record<string, string> = { maxidle: 'maxidleconns', maxactive: 'maxactiveconns', idletimeout: 'connmaxidletime' };
      const out: string[] = [];
      for (const p of pv && pv.kind === 'map' ? pv.pairs : []) {
        const to3 = names[keyText(p.key)];
        if (!to3) continue;
        const v = deref(p.value);
        out.push(`${indentOf(pool.key.start)}${to3}: ${v && v.kind === 'scalar' ? durationText(to3, v) : src(p.value)}\n`);
      }
      edits.push({
        start: span.from,
        end: span.to,
        newText: out.join(''),
        note: 'redis.pool -> go-redis options maxidleconns, maxactiveconns, connmaxidletime (3.x has no pool block)',
      });
    }
    for (const k of ['dialtimeout', 'readtimeout', 'writetimeout']) {
      const p = lookup(redis, k);
      const v = deref(p?.value);
      const r = scalarOf(v);
      if (p && v && v.kind === 'scalar' && r && (r.tag === 'int' || r.tag === 'float')) {
        edits.push({
          start: v.start,
          end: v.end,
          newText: durationText(k, v),
          note: `redis.${k} as a duration string (2.8 read the bare number as nanoseconds; 3.0 refuses bare numbers)`,
        });
      }
    }
  }
  // Sections 3.x does not have.
  for (const k of ['reporting', 'compatibility']) {
    const p = lookup(root, k);
    const span = p && pairLines(p);
    if (p && span)
      edits.push({
        start: span.from,
        end: span.to,
        newText: '',
        note: `removed ${k} (not in 3.x: ${k === 'reporting' ? 'bugsnag/newrelic reporting is gone' : 'schema1 manifests are gone'})`,
      });
  }
  const storage = deref(lookup(root, 'storage')?.value);
  for (const d of ['swift', 'oss']) {
    const p = storage && storage.kind === 'map' ? lookup(storage, d) : undefined;
    if (p)
      edits.push({
        start: lineStart(p.key.start),
        end: lineStart(p.key.start),
        newText: '',
        note: `the ${d} driver does not exist in 3.x: move the data to s3, gcs or azure (not rewritten)`,
      });
  }
  // TLS
  const tls = deref(lookup(lookup(root, 'http')?.value, 'tls')?.value);
  if (tls && tls.kind === 'map') {
    const min = lookup(tls, 'minimumtls');
    const mv = deref(min?.value);
    if (mv && mv.kind === 'scalar' && ['tls1.0', 'tls1.1'].includes(mv.value))
      edits.push({ start: mv.start, end: mv.end, newText: 'tls1.2', note: `minimumtls ${mv.value} -> tls1.2 (3.x accepts only tls1.2 and tls1.3)` });
    const cs = deref(lookup(tls, 'ciphersuites')?.value);
    if (cs && cs.kind === 'seq') {
      const keep = cs.items.filter((i) => CIPHERS['3'].includes(deref(i)?.kind === 'scalar' ? (deref(i) as { value: string }).value : ''));
      if (keep.length < cs.items.length) {
        const dropped = cs.items.length - keep.length;
        const end = cs.flow ? text.indexOf(']', cs.end) + 1 || cs.end : cs.end;
        edits.push({
          start: cs.start,
          end,
          newText: `[${keep.map(src).join(', ')}]`,
          note: `removed ${dropped} cipher suite(s) 3.x does not know (RC4, *_CBC_SHA256)`,
        });
      }
    }
  }
  // The target comment.
  const m = /^#\s*dockhand-target:.*$/m.exec(text);
  const header = `# dockhand-target: ${to}\n# dockhand migrate: 3.x images read /etc/distribution/config.yml (2.8: /etc/docker/registry/config.yml); REGISTRY_* variables: REGISTRY_REDIS_ADDR -> ${to === '3.0' ? 'REGISTRY_REDIS_OPTIONS_ADDRS' : 'REGISTRY_REDIS_ADDRS'}.\n`;
  if (m) edits.push({ start: m.index, end: m.index + m[0].length + (text[m.index + m[0].length] === '\n' ? 1 : 0), newText: header, note: '' });
  else edits.push({ start: 0, end: 0, newText: header, note: '' });
  return apply(text, lines, edits);
}

/** A redis duration value as a Go duration string (bare numbers were nanoseconds in 2.8). */
function durationText(key: string, v: YNode & { kind: 'scalar' }): string {
  if (key === 'maxidleconns' || key === 'maxactiveconns') return v.value;
  const r = scalarOf(v);
  return r && (r.tag === 'int' || r.tag === 'float') ? `${v.value}ns` : v.style === 1 ? v.value : JSON.stringify(v.value);
}

function apply(text: string, lines: LineIndex, edits: Edit[]): MigrationResult {
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  // A note goes on its own line above the line the edit starts on (merged per line).
  const notes = new Map<number, string[]>();
  for (const e of edits) {
    if (!e.note) continue;
    const at = lines.lineStart(lines.position(e.start).line);
    (notes.get(at) ?? notes.set(at, []).get(at)!).push(e.note);
  }
  const all: Edit[] = [];
  for (const [at, list] of notes) {
    const indent = /^[ \t]*/.exec(text.slice(at))![0];
    all.push({ start: at, end: at, newText: list.map((n) => `${indent}# dockhand migrate: ${n}\n`).join(''), note: '' });
  }
  for (const e of edits) all.push(e);
  all.sort((a, b) => a.start - b.start || (a.end === a.start ? -1 : 0) - (b.end === b.start ? -1 : 0));
  let out = '';
  let pos = 0;
  const kept: Edit[] = [];
  for (const e of all) {
    if (e.start < pos) continue; // overlapping: keep the first
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
    kept.push(e);
  }
  out += text.slice(pos);
  const changes = edits.filter((e) => e.note).map((e) => ({ line: lines.position(e.start).line, description: e.note }));
  return { text: out, edits: kept.map((e) => ({ range: lines.range(e.start, e.end), newText: e.newText })), changes };
}
