// REGISTRY_* environment overrides, applied the way configuration/parser.go does: sorted
// by name, the name after REGISTRY_ split on `_` and matched against upper-cased Go field
// names (structs) or map keys; values YAML-decoded. Produces the effective tree (nodes made
// from variables carry `origin`) plus warnings for variables that address nothing.
import { RuleContext, forgetIndex, keyText } from './rule-context';
import { rootField } from './spec/config-spec';
import { availableIn, type Field, type GoType } from './spec/spec-types';
import { deref, parseYaml, type YMap, type YNode, type YPair } from './yaml-tree';
import { didYouMean } from './did-you-mean';
import { listNames } from './limits';

export interface EnvResult {
  root: YNode | undefined;
}

interface Place {
  get(): YNode | undefined;
  set(n: YNode): void;
  /** Position to show for nodes put here. */
  anchor(): { start: number; end: number };
}

export function applyEnv(ctx: RuleContext, env: Record<string, string>): EnvResult {
  let root = ctx.root;
  const names = Object.keys(env)
    .filter((n) => n.startsWith('REGISTRY_'))
    .sort();
  for (const name of names) {
    const path = name.split('_').slice(1);
    if (!path.length || path.some((p) => p === '')) {
      ctx.report({ code: 'env-unknown', severity: 'warning', message: `${name} addresses nothing: the registry ignores it.` });
      continue;
    }
    const place: Place = {
      get: () => root,
      set: (n) => {
        root = n;
      },
      anchor: () => ({ start: -1, end: -1 }),
    };
    if (!deref(root) || deref(root)?.kind !== 'map') {
      const m: YMap = { kind: 'map', pairs: [], flow: false, start: -1, end: -1, origin: name };
      if (!deref(root)) root = m;
      else continue;
    }
    overwrite(ctx, name, place, rootField.type, path, env[name]);
  }
  return { root };
}

function payloadNode(ctx: RuleContext, name: string, payload: string, at: { start: number; end: number }): YNode | undefined {
  const parsed = parseYaml(payload);
  if (parsed.error) {
    ctx.report({
      code: 'env-invalid',
      severity: 'error',
      message: `${name}: its value is not valid YAML (${parsed.error.message}); the registry refuses to start.`,
    });
    return undefined;
  }
  const node: YNode = parsed.root ?? { kind: 'scalar', value: '', style: 1, start: 0, end: 0 };
  mark(node, name, at);
  return node;
}

function mark(node: YNode, origin: string, at: { start: number; end: number }): void {
  node.origin = origin;
  node.start = at.start;
  node.end = at.end;
  if (node.kind === 'map')
    for (const p of node.pairs) {
      mark(p.key, origin, at);
      mark(p.value, origin, at);
    }
  else if (node.kind === 'seq') for (const i of node.items) mark(i, origin, at);
}

function nothing(ctx: RuleContext, name: string, why: string): void {
  ctx.report({ code: 'env-unknown', severity: 'warning', message: `${name} addresses nothing (${why}): the registry ignores it.` });
}

function emptyMap(origin: string, at: { start: number; end: number }): YMap {
  return { kind: 'map', pairs: [], flow: false, start: at.start, end: at.end, origin };
}

function pairPlace(map: YMap, pair: YPair): Place {
  return {
    get: () => pair.value,
    set: (n) => {
      pair.value = n;
    },
    anchor: () => ({ start: pair.key.start, end: pair.key.end }),
  };
}

function addPair(map: YMap, key: string, origin: string, at: { start: number; end: number }): YPair {
  const pair: YPair = {
    key: { kind: 'scalar', value: key, style: 1, start: at.start, end: at.end, origin },
    value: { kind: 'scalar', value: '', style: 1, start: at.start, end: at.end, origin },
  };
  map.pairs.push(pair);
  forgetIndex(map);
  return pair;
}

/** Make sure the place holds a mapping (yaml.v2 creates a nil map/struct on demand). */
function ensureMap(place: Place, origin: string): YMap | undefined {
  const cur = deref(place.get());
  if (cur && cur.kind === 'map') return cur;
  if (!cur || (cur.kind === 'scalar' && cur.value === '' && cur.style === 1)) {
    const m = emptyMap(origin, place.anchor());
    place.set(m);
    return m;
  }
  return undefined;
}

function overwrite(ctx: RuleContext, name: string, place: Place, t: GoType, path: string[], payload: string): void {
  const seg = path[0];
  const rest = path.slice(1);
  if (t.t === 'struct') {
    const entry = Object.entries(t.fields).find(([k, f]) => availableIn(f, ctx.release) && (f.go ?? k.toUpperCase()) === seg);
    if (!entry) {
      const names = Object.entries(t.fields)
        .filter(([, f]) => availableIn(f, ctx.release))
        .map(([k, f]) => f.go ?? k.toUpperCase());
      const sug = /[a-z]/.test(seg) ? undefined : didYouMean(seg, names);
      const fixed = sug ? name.replace(new RegExp(`_${seg}(?=_|$)`), `_${sug}`) : undefined;
      return nothing(ctx, name, `no setting ${seg}${/[a-z]/.test(seg) ? '; names must be upper-case' : ''}${fixed ? `; did you mean ${fixed}?` : ''}`);
    }
    const [key, field] = entry;
    const map = ensureMap(place, name);
    if (!map) return nothing(ctx, name, 'the value there is not a mapping');
    let pair = [...map.pairs].reverse().find((p) => keyText(p.key) === key);
    if (!rest.length) {
      const at = pair ? { start: pair.key.start, end: pair.key.end } : place.anchor();
      const node = payloadNode(ctx, name, payload, at);
      if (!node) return;
      if (pair) replaced(ctx, name, pair);
      if (!pair) pair = addPair(map, key, name, at);
      pair.value = node;
      return;
    }
    if (!pair) pair = addPair(map, key, name, place.anchor());
    return descend(ctx, name, pairPlace(map, pair), field, rest, payload);
  }
  if (t.t === 'map' || t.t === 'params' || t.t === 'typed') {
    const map = ensureMap(place, name);
    if (!map) {
      if (t.t === 'typed' && deref(place.get())?.kind === 'scalar') {
        // storage: inmemory (a bare name) is a one-key map in Go.
        const s = deref(place.get())!;
        const m = emptyMap(name, place.anchor());
        m.pairs.push({ key: { ...s, kind: 'scalar' } as YNode, value: { kind: 'scalar', value: '', style: 1, start: s.start, end: s.end } });
        place.set(m);
        return overwrite(ctx, name, place, t, path, payload);
      }
      return nothing(ctx, name, 'the value there is not a mapping');
    }
    const elemField = (): Field | undefined => {
      if (t.t === 'map') return { type: t.elem, doc: '' };
      const f = t.fields[seg.toLowerCase()];
      if (t.t === 'typed') return { type: { t: 'params', fields: f?.type.t === 'params' ? f.type.fields : {}, open: true }, doc: '' };
      return f ? { ...f, type: f.type.t === 'params' ? f.type : { t: 'any' } } : { type: { t: 'any' }, doc: '' };
    };
    if (rest.length) {
      const existing = [...map.pairs].reverse().find((p) => keyText(p.key).toUpperCase() === seg);
      if (existing && deref(existing.value) && !isEmpty(deref(existing.value))) {
        const v = deref(existing.value)!;
        const ef = elemField();
        // A YAML mapping nested inside interface{} decodes to map[interface{}]interface{}: not addressable.
        if (t.t === 'params' && v.kind === 'map' && !existing.value.origin)
          return nothing(ctx, name, `${keyText(existing.key)} is a nested mapping the registry cannot override`);
        if (v.kind !== 'map' && v.kind !== 'seq') return nothing(ctx, name, `${keyText(existing.key)} is not a mapping`);
        return descend(ctx, name, pairPlace(map, existing), ef, rest, payload);
      }
    }
    const key = seg.toLowerCase();
    const existingIdx = map.pairs.findIndex((p) => keyText(p.key) === key);
    const at = existingIdx >= 0 ? { start: map.pairs[existingIdx].key.start, end: map.pairs[existingIdx].key.end } : place.anchor();
    let value: YNode | undefined;
    if (rest.length) {
      const holder: { n?: YNode } = {};
      const p: Place = {
        get: () => holder.n,
        set: (n) => {
          holder.n = n;
        },
        anchor: () => at,
      };
      descend(ctx, name, p, elemField(), rest, payload);
      value = holder.n;
    } else value = payloadNode(ctx, name, payload, at);
    if (!value) return;
    if (existingIdx >= 0 && !rest.length) replaced(ctx, name, map.pairs[existingIdx]);
    if (existingIdx >= 0) map.pairs.splice(existingIdx, 1);
    map.pairs.push({ key: { kind: 'scalar', value: key, style: 1, start: at.start, end: at.end, origin: name }, value });
    forgetIndex(map);
    return;
  }
  if (t.t === 'slice') {
    if (ctx.version === '2.8') return nothing(ctx, name, '2.8 cannot index into lists');
    const list = deref(place.get());
    const i = Number(seg);
    if (!list || list.kind !== 'seq' || !/^\d+$/.test(seg) || i >= list.items.length) return nothing(ctx, name, 'no such list item');
    const p: Place = {
      get: () => list.items[i],
      set: (n) => {
        list.items[i] = n;
      },
      anchor: () => ({ start: list.items[i].start, end: list.items[i].end }),
    };
    if (!rest.length) {
      const node = payloadNode(ctx, name, payload, p.anchor());
      if (node) p.set(node);
      return;
    }
    return overwrite(ctx, name, p, t.elem, rest, payload);
  }
  if (t.t === 'any') {
    const cur = deref(place.get());
    if (cur && cur.kind !== 'map' && !(cur.kind === 'scalar' && cur.value === '')) return nothing(ctx, name, 'the value there is not a mapping');
    return overwrite(ctx, name, place, { t: 'params', fields: {}, open: true }, path, payload);
  }
  return nothing(ctx, name, `${seg} is below a plain value`);
}

function descend(ctx: RuleContext, name: string, place: Place, field: Field | undefined, rest: string[], payload: string): void {
  const t: GoType = field?.type ?? { t: 'any' };
  if (t.t === 'string' || t.t === 'bool' || t.t === 'int' || t.t === 'float' || t.t === 'duration' || t.t === 'version' || t.t === 'loglevel') {
    return nothing(ctx, name, 'it goes below a plain value');
  }
  overwrite(ctx, name, place, t, rest, payload);
}

function isEmpty(n: YNode | undefined): boolean {
  return !!n && n.kind === 'scalar' && n.value === '' && n.style === 1;
}

/** A variable that replaces a whole mapping from the file (e.g. REGISTRY_STORAGE=s3 drops delete/cache/maintenance). */
function replaced(ctx: RuleContext, name: string, pair: YPair): void {
  const v = deref(pair.value);
  if (!v || v.kind !== 'map' || !v.pairs.length || pair.key.origin) return;
  const lost = listNames(v.pairs.map((p) => keyText(p.key)));
  ctx.report({
    code: 'env-replaces',
    severity: 'warning',
    message: `${name} replaces the whole ${keyText(pair.key)} section of the file (${lost} are dropped). Override single keys instead.`,
    node: pair.key,
  });
}
