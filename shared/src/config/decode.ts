// The schema walk: replays how yaml.v2 decodes config.yml into the registry's Go structs
// (configuration.go), reporting what the registry refuses (type errors: `cannot unmarshal`)
// as errors, and what it silently accepts (unknown, misspelled, duplicate, deprecated or
// version-less keys, bare-number durations, odd parameter values) as warnings.
import { RuleContext, keyText } from './rule-context';
import { availableIn, type Field, type Fields, type GoType } from './spec/spec-types';
import { deref, type YMap, type YNode } from './yaml-tree';
import { isGoDuration, isInt64, resolveScalar, type Resolved } from './yaml11';
import { didYouMean } from './did-you-mean';
import { clip } from './limits';
import type { Fix } from './types';
import { deletePair } from './fixes';
import { choiceFixes, paramTypeFixes } from './value-fixes';

/** Keys whose version mismatch a dedicated rule reports (with its fix). */
const SAID_BY_OWN_RULE = new Set(['redis.addr', 'redis.addrs']);

const INT64_MAX = 2 ** 63;

export function decode(ctx: RuleContext, root: Field): void {
  walked = new WeakMap();
  active = new Set();
  try {
    walk(ctx, ctx.root, root.type, [], root, true);
  } finally {
    walked = new WeakMap();
    active = new Set();
  }
}

/**
 * Aliased mappings and lists are walked once per Go type (their diagnostics sit at the
 * anchor anyway): a document of aliases of aliases stays linear instead of exponential.
 */
let walked = new WeakMap<YNode, Set<GoType>>();
/** Anchored nodes being walked right now: meeting one again through an alias is a cycle. */
let active = new Set<YNode>();

/** A key as shown in a path (clipped: a 5 MB key must not be copied into every child's message). */
function seg(name: string): string {
  return clip(name, 64);
}

function describe(node: YNode): string {
  const n = deref(node);
  if (!n) return 'an alias';
  if (n.kind === 'map') return 'a mapping';
  if (n.kind === 'seq') return 'a list';
  const r = resolveScalar(n);
  const shown = clip(n.value, 30);
  return `${r.tag === 'str' ? 'the string' : r.tag === 'bool' ? 'the boolean' : r.tag === 'int' ? 'the integer' : r.tag === 'float' ? 'the number' : r.tag === 'timestamp' ? 'the timestamp' : 'null'} \`${shown}\``;
}

function typeName(t: GoType): string {
  switch (t.t) {
    case 'string':
    case 'version':
    case 'loglevel':
      return 'a string';
    case 'bool':
      return 'a boolean (true/false)';
    case 'int':
      return 'an integer';
    case 'float':
      return 'a number';
    case 'duration':
      return 'a duration such as 30s, 5m or 1h';
    case 'struct':
    case 'params':
    case 'map':
      return 'a mapping';
    case 'typed':
      return 'a mapping or a name';
    case 'slice':
      return 'a list';
    case 'any':
      return 'any value';
  }
}

function mismatch(ctx: RuleContext, node: YNode, t: GoType, path: string[]): void {
  const fixable = t.t === 'slice' && deref(node)?.kind === 'scalar';
  const n = deref(node);
  ctx.report({
    code: 'type-mismatch',
    severity: 'error',
    message: `${path.join('.') || 'the document'} must be ${typeName(t)}, not ${describe(node)}: the registry refuses to start (cannot unmarshal).`,
    node,
    fix: fixable && n && n.kind === 'scalar' ? ctx.replace(n, `[${ctx.text.slice(n.start, n.end)}]`, 'Make it a one-item list') : undefined,
  });
}

function bad(ctx: RuleContext, node: YNode, t: GoType, path: string[], field: Field | undefined, goTyped: boolean): void {
  if (goTyped) mismatch(ctx, node, t, path);
  else paramType(ctx, node, t, path, field);
}

function isNullScalar(r: Resolved | undefined): boolean {
  return r?.tag === 'null';
}

/** Walk one value against its Go type. `goTyped` is false inside interface{} values. */
function walk(ctx: RuleContext, node: YNode | undefined, t: GoType, path: string[], field: Field | undefined, goTyped: boolean): void {
  if (!node) return;
  const n = deref(node);
  if (!n) return; // unknown alias: reported by the syntax check
  if (n.kind !== 'scalar') {
    const viaAlias = node.kind === 'alias';
    if (viaAlias && active.has(n)) {
      ctx.report({
        code: 'yaml-alias-cycle',
        severity: 'error',
        message: `anchor '${clip(node.name)}' value contains itself: the registry refuses to start.`,
        node,
      });
      return;
    }
    let types = walked.get(n);
    if (viaAlias && types?.has(t)) return;
    if (!types) walked.set(n, (types = new Set()));
    types.add(t);
    active.add(n);
    try {
      walkNode(ctx, node, n, t, path, field, goTyped);
    } finally {
      active.delete(n);
    }
    return;
  }
  walkNode(ctx, node, n, t, path, field, goTyped);
}

function walkNode(
  ctx: RuleContext,
  node: YNode,
  n: Exclude<YNode, { kind: 'alias' }>,
  t: GoType,
  path: string[],
  field: Field | undefined,
  goTyped: boolean,
): void {
  const r = n.kind === 'scalar' ? resolveScalar(n) : undefined;
  if (isNullScalar(r)) return; // the Go zero value: always accepted
  switch (t.t) {
    case 'any':
      return;
    case 'string':
      if (n.kind !== 'scalar') return bad(ctx, node, t, path, field, goTyped);
      checkEnum(ctx, n, field, path, n.value);
      return;
    case 'version':
      if (n.kind !== 'scalar') return bad(ctx, node, t, path, field, goTyped);
      return;
    case 'loglevel': {
      if (n.kind !== 'scalar') return bad(ctx, node, t, path, field, goTyped);
      const lv = n.value.toLowerCase();
      if (!['error', 'warn', 'info', 'debug'].includes(lv)) {
        // The closest level first (or the registry's default, info), then each other level.
        const levels = ['error', 'warn', 'info', 'debug'];
        const first = didYouMean(lv, levels) ?? 'info';
        const [fix, ...alternatives] = [first, ...levels.filter((l) => l !== first)]
          .map((l) => ctx.replace(n, l, `Change to ${l}`))
          .filter((f): f is Fix => !!f);
        ctx.report({
          code: 'invalid-loglevel',
          severity: 'error',
          message: `invalid loglevel ${clip(lv)}: must be one of error, warn, info, debug (the registry refuses to start).`,
          node: n,
          fix,
          alternatives,
        });
      }
      return;
    }
    case 'bool':
      if (!r || r.tag !== 'bool') {
        if (!goTyped) return paramType(ctx, node, t, path, field);
        const hint = r && r.tag === 'str' && /^(true|false|yes|no|on|off)$/i.test(r.value) ? ' Remove the quotes.' : '';
        ctx.report({
          code: 'type-mismatch',
          severity: 'error',
          message: `${path.join('.')} must be a boolean (true/false), not ${describe(node)}: the registry refuses to start.${hint}`,
          node,
          fix: hint && n.kind === 'scalar' ? ctx.replace(n, n.value.toLowerCase(), 'Remove the quotes') : undefined,
        });
      }
      return;
    case 'int':
    case 'float': {
      const ok = r && (r.tag === 'int' || (r.tag === 'float' && (t.t === 'float' || (r.value <= INT64_MAX && !Number.isNaN(r.value)))));
      if (!ok) {
        return bad(ctx, node, t, path, field, goTyped);
      }
      if (!goTyped) checkMinimum(ctx, n, r, field, path);
      return;
    }
    case 'duration':
      if (!r) return bad(ctx, node, t, path, field, goTyped);
      if (r.tag === 'int' || (r.tag === 'float' && r.value <= INT64_MAX && !Number.isNaN(r.value))) {
        if (r.value !== 0) {
          const src = n.kind === 'scalar' ? n.value : String(r.value);
          ctx.report({
            code: 'duration-bare-number',
            severity: 'warning',
            message: `${path.join('.')}: a bare number is read as nanoseconds (${r.value}ns). Add a unit, e.g. ${src}s or ${src}ms.`,
            node: n,
            fix: ctx.replace(n, `${src}s`, `Use ${src}s`),
          });
        }
        return;
      }
      if (r.tag === 'str' && isGoDuration(r.value)) return;
      return bad(ctx, node, t, path, field, goTyped);
    case 'slice':
      if (n.kind !== 'seq') return bad(ctx, node, t, path, field, goTyped);
      for (let i = 0; i < n.items.length; i++) walk(ctx, n.items[i], t.elem, [...path, String(i)], undefined, goTyped);
      return;
    case 'map':
      if (n.kind !== 'map') return bad(ctx, node, t, path, field, goTyped);
      duplicates(ctx, n, path);
      for (const p of n.pairs) {
        if (!keyOk(ctx, p.key, path)) continue;
        walk(ctx, p.value, t.elem, [...path, seg(keyText(p.key))], undefined, goTyped);
      }
      return;
    case 'struct':
      if (n.kind !== 'map') return bad(ctx, node, t, path, field, goTyped);
      structFields(ctx, n, t.fields, path, true, goTyped);
      return;
    case 'params':
      if (n.kind !== 'map') return bad(ctx, node, t, path, field, goTyped);
      structFields(ctx, n, t.fields, path, !t.open, false);
      return;
    case 'typed':
      if (n.kind === 'scalar') return; // a bare name: rules check it
      if (n.kind !== 'map') return bad(ctx, node, t, path, field, goTyped);
      duplicates(ctx, n, path);
      for (const p of n.pairs) {
        if (!keyOk(ctx, p.key, path)) continue;
        const name = keyText(p.key);
        const v = deref(p.value);
        const here = [...path, seg(name)];
        if (v && v.kind !== 'map' && !isNullScalar(v.kind === 'scalar' ? resolveScalar(v) : undefined)) {
          mismatch(ctx, p.value, { t: 'params', fields: {} }, here);
          continue;
        }
        const f = t.fields[name];
        if (f && availableIn(f, ctx.release) && f.type.t === 'params' && v && v.kind === 'map') structFields(ctx, v, f.type.fields, here, !f.type.open, false);
      }
      return;
  }
}

function keyOk(ctx: RuleContext, key: YNode, path: string[]): boolean {
  const k = deref(key);
  if (k && k.kind !== 'scalar') {
    ctx.report({ code: 'type-mismatch', severity: 'error', message: `${path.join('.')}: a key must be a plain name, not ${describe(key)}.`, node: key });
    return false;
  }
  return true;
}

function duplicates(ctx: RuleContext, map: YMap, path: string[]): void {
  const seen = new Map<string, YMap['pairs'][number]>();
  const previous = new Map<string, YMap['pairs'][number]>();
  for (const p of map.pairs) {
    if (p.merged) continue;
    const k = keyText(p.key);
    const first = seen.get(k);
    if (first && p.key.start >= 0) {
      const line = first.key.start >= 0 ? ctx.lines.position(first.key.start).line + 1 : 0;
      ctx.report({
        code: 'duplicate-key',
        severity: 'warning',
        message: `Duplicate key ${[...path, seg(k)].join('.')}${line ? ` (first on line ${line})` : ''}: the registry silently accepts it (the later value wins).`,
        node: p.key,
        // Removing the earlier one changes nothing the registry reads.
        fix: removeEarlier(ctx, previous.get(k) ?? first, k),
      });
    }
    if (!first) seen.set(k, p);
    previous.set(k, p);
  }
}

function removeEarlier(ctx: RuleContext, earlier: YMap['pairs'][number], k: string): Fix | undefined {
  const line = earlier.key.start >= 0 ? ctx.lines.position(earlier.key.start).line + 1 : 0;
  return deletePair(ctx, earlier, `Remove the earlier ${k}${line ? ` (line ${line})` : ''}, which is ignored`);
}

function structFields(ctx: RuleContext, map: YMap | undefined, fields: Fields, path: string[], warnUnknown: boolean, goTyped: boolean): void {
  if (!map) return;
  duplicates(ctx, map, path);
  for (const p of map.pairs) {
    if (!keyOk(ctx, p.key, path)) continue;
    const name = keyText(p.key);
    const f = Object.hasOwn(fields, name) ? fields[name] : undefined;
    const here = [...path, seg(name)];
    if (!f) {
      if (!warnUnknown || p.key.origin) continue;
      if (!ctx.canReport('warning')) {
        ctx.report({ code: 'unknown-key', severity: 'warning', message: '', node: p.key });
        continue;
      }
      const sug = didYouMean(name, availableNames(fields, ctx.release));
      const caseOnly = sug && sug.toLowerCase() === name.toLowerCase();
      ctx.report({
        code: 'unknown-key',
        severity: 'warning',
        message: `Unknown key ${here.join('.')}: the registry silently ignores it.${sug ? ` Did you mean ${sug}?${caseOnly ? ' (keys are case-sensitive)' : ''}` : ''}`,
        node: p.key,
        fix: sug ? ctx.replace(p.key, sug, `Rename to ${sug}`) : undefined,
      });
      continue;
    }
    if (!availableIn(f, ctx.release)) {
      // redis.addr / redis.addrs have a rule of their own (rules/redis.ts) with the fix: one diagnostic, not two.
      if (SAID_BY_OWN_RULE.has(here.join('.'))) continue;
      ctx.report({
        code: 'key-not-in-version',
        severity: 'warning',
        message: `${here.join('.')} is not read by registry ${ctx.release} (only ${f.only!.join(', ')}): it is silently ignored.`,
        node: p.key,
      });
      continue;
    }
    if (f.deprecated) ctx.report({ code: 'deprecated-key', severity: 'warning', message: `${here.join('.')} is deprecated: ${f.deprecated}.`, node: p.key });
    walk(ctx, p.value, f.type, here, f, goTyped);
  }
}

const namesCache = new WeakMap<Fields, Map<string, string[]>>();
/** The keys of `fields` read by `version` (cached: asked once per unknown key). */
function availableNames(fields: Fields, version: RuleContext['release']): string[] {
  let byVersion = namesCache.get(fields);
  if (!byVersion) namesCache.set(fields, (byVersion = new Map()));
  let names = byVersion.get(version);
  if (!names)
    byVersion.set(
      version,
      (names = Object.entries(fields)
        .filter(([, x]) => availableIn(x, version))
        .map(([k]) => k)),
    );
  return names;
}

function checkEnum(ctx: RuleContext, n: YNode & { kind: 'scalar' }, field: Field | undefined, path: string[], value: string): void {
  if (!field?.enum || field.enumSeverity === 'off' || value === '') return;
  if (field.enum.map(String).includes(field.enumCaseInsensitive ? value.toLowerCase() : value)) return;
  const sev = field.enumSeverity ?? 'warning';
  const sug = ctx.canReport(sev) ? didYouMean(value, field.enum.map(String)) : undefined;
  // A redis blob descriptor cache needs a redis section: not offered as a one-step fix.
  const choices = field.enum.map(String).filter((v) => !(v === 'redis' && path[path.length - 1] === 'blobdescriptor'));
  const [fix, ...alternatives] = ctx.canReport(sev) ? choiceFixes(ctx, n, choices, sug) : [];
  ctx.report({
    code: 'invalid-value',
    severity: sev,
    message: `${path.join('.')}: \`${clip(value)}\` is not one of ${field.enum.join(', ')}${sev === 'error' ? ' (the registry refuses to start)' : ''}.`,
    node: n,
    fix,
    alternatives,
  });
}

function checkMinimum(ctx: RuleContext, n: YNode, r: Resolved, field: Field | undefined, path: string[]): void {
  const min = field?.schema?.minimum;
  if (typeof min === 'number' && (r.tag === 'int' || r.tag === 'float') && r.value < min && field?.strict !== true) {
    ctx.report({
      code: 'below-minimum',
      severity: 'warning',
      message: `${path.join('.')}: ${r.value} is below the minimum ${min}.`,
      node: n,
      fix: ctx.replace(n, String(min), `Change to ${min}`),
    });
  }
}

/** A documented parameter (interface{} in Go) whose value has the wrong type. */
function paramType(ctx: RuleContext, node: YNode, t: GoType, path: string[], field: Field | undefined): void {
  if (field?.strict) return; // a rule reports the registry's own message
  const [fix, ...alternatives] = paramTypeFixes(ctx, node, t);
  ctx.report({ code: 'param-type', severity: 'warning', message: `${path.join('.')} should be ${typeName(t)}, not ${describe(node)}.`, node, fix, alternatives });
}

export { isInt64 };
