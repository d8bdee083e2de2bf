// The non-driver storage blocks as handlers/app.go reads them: maintenance.uploadpurging
// (all-or-nothing), maintenance.readonly, redirect.disable, cache.blobdescriptor (redis
// needs a redis section), delete.enabled.
import { goString, scalarOf, type RuleContext } from '../rule-context';
import { deref, type YMap } from '../yaml-tree';
import { isGoDuration } from '../yaml11';
import { insertKeys } from '../fixes';
import type { Rule } from './rule';
import { firstAndRest, paramTypeFixes } from '../value-fixes';

const PURGE_DEFAULTS: Record<string, string> = { enabled: 'true', age: '168h', interval: '24h', dryrun: 'false' };

/** The duration a bad value most likely meant: a bare number of hours (168 -> 168h), days (7d -> 168h), else `fallback`. */
function durationFor(value: unknown, fallback: string): string {
  const text = String(value ?? '').trim();
  if (/^\d+$/.test(text)) return `${Number(text)}h`;
  const days = /^(\d+)\s*d(ays?)?$/i.exec(text);
  if (days) return `${Number(days[1]) * 24}h`;
  return fallback;
}

export const uploadPurgingRule: Rule = {
  codes: ['uploadpurging'],
  check(ctx: RuleContext) {
    const pair = ctx.get(['storage', 'maintenance', 'uploadpurging']);
    if (!pair) return;
    const m = deref(pair.value);
    const bad = (message: string, node = pair.key as typeof pair.key | undefined, fix?: ReturnType<typeof insertKeys>) =>
      ctx.report({
        code: 'uploadpurging',
        severity: 'error',
        message: `Unable to parse upload purge configuration: ${message}. The registry refuses to start.`,
        node,
        fix,
      });
    if (!m || m.kind !== 'map') return bad('uploadpurging must be a mapping with enabled, age, interval and dryrun');
    const enabled = scalarOf(ctx.pair(m, 'enabled')?.value);
    if (enabled && enabled.tag === 'bool' && enabled.value === false) return;
    const missing = ['age', 'interval', 'dryrun'].filter((k) => !ctx.pair(m, k));
    if (missing.length) {
      const toAdd = Object.keys(PURGE_DEFAULTS).filter((k) => !ctx.pair(m, k));
      bad(
        `${missing.join(', ')} missing (a present uploadpurging block replaces all defaults)`,
        pair.key,
        insertKeys(
          ctx,
          m as YMap,
          toAdd.map((k) => `${k}: ${PURGE_DEFAULTS[k]}`),
          `Add ${toAdd.join(', ')}`,
        ),
      );
    }
    for (const k of ['age', 'interval']) {
      const p = ctx.pair(m, k);
      if (!p) continue;
      const r = scalarOf(p.value);
      const fix = (text: string) => ctx.replace(p.value, text, `Change to ${text}`);
      if (!r || r.tag !== 'str')
        bad(
          `${k} is not a string (write it as a duration such as ${PURGE_DEFAULTS[k]})`,
          p.value,
          fix(durationFor(r && 'value' in r ? r.value : undefined, PURGE_DEFAULTS[k]!)),
        );
      else if (!isGoDuration(r.value)) bad(`cannot parse ${k} \`${r.value}\` as a duration`, p.value, fix(durationFor(r.value, PURGE_DEFAULTS[k]!)));
    }
    const dry = ctx.pair(m, 'dryrun');
    if (dry) {
      const r = scalarOf(dry.value);
      if (!r || r.tag !== 'bool')
        bad('cannot parse dryrun (it must be true or false)', dry.value, ctx.replace(dry.value, PURGE_DEFAULTS.dryrun!, `Change to ${PURGE_DEFAULTS.dryrun}`));
    }
  },
};

export const readonlyRule: Rule = {
  codes: ['readonly'],
  check(ctx: RuleContext) {
    const pair = ctx.get(['storage', 'maintenance', 'readonly']);
    if (!pair) return;
    const m = deref(pair.value);
    if (!m || m.kind !== 'map') {
      ctx.report({
        code: 'readonly',
        severity: 'error',
        message: 'readonly must be a mapping (enabled: true|false): the registry refuses to start.',
        node: pair.key,
      });
      return;
    }
    const en = ctx.pair(m, 'enabled');
    if (en && scalarOf(en.value)?.tag !== 'bool') {
      ctx.report({
        code: 'readonly',
        severity: 'error',
        message: "readonly's enabled must be a boolean (true/false): the registry refuses to start.",
        node: en.value,
        ...firstAndRest(paramTypeFixes(ctx, en.value, { t: 'bool' })),
      });
    }
  },
};

export const redirectRule: Rule = {
  codes: ['redirect-disable'],
  check(ctx: RuleContext) {
    const pair = ctx.get(['storage', 'redirect']);
    if (!pair) return;
    const d = ctx.pair(pair.value, 'disable');
    if (!d || scalarOf(d.value)?.tag !== 'bool') {
      const m = deref(pair.value);
      ctx.report({
        code: 'redirect-disable',
        severity: 'error',
        message: 'storage.redirect needs `disable: true` or `disable: false` (invalid type for redirect config): the registry refuses to start.',
        node: d ? d.value : pair.key,
        fix: !d && m && m.kind === 'map' ? insertKeys(ctx, m, ['disable: true'], 'Add disable: true') : undefined,
      });
    }
  },
};

export const cacheRule: Rule = {
  codes: ['cache-redis-missing'],
  check(ctx: RuleContext) {
    const cache = ctx.get(['storage', 'cache']);
    if (!cache) return;
    const bd = ctx.pair(cache.value, 'blobdescriptor') ?? ctx.pair(cache.value, 'layerinfo');
    if (!bd || goString(bd.value) !== 'redis' || scalarOf(bd.value)?.tag !== 'str') return;
    // handlers/app.go: 2.8 checks redis.addr; 3.0 and 3.1 (go-redis UniversalOptions) need addrs.
    const configured = ctx.version === '2.8' ? !!goString(ctx.get(['redis', 'addr'])?.value) : seqLength(ctx, ['redis', 'addrs']) > 0;
    if (!configured) {
      ctx.report({
        code: 'cache-redis-missing',
        severity: 'error',
        message: `blobdescriptor: redis needs a redis section with ${ctx.version === '2.8' ? 'addr' : 'addrs'} (redis configuration required to use for layerinfo cache): the registry refuses to start.`,
        node: bd.value,
        fix: ctx.replace(bd.value, 'inmemory', 'Use the inmemory cache'),
      });
    }
  },
};

function seqLength(ctx: RuleContext, path: string[]): number {
  const v = ctx.value(path);
  return v && v.kind === 'seq' ? v.items.length : 0;
}
