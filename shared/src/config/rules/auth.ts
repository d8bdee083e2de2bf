// auth: exactly one type, a registered one, with its required string options
// (registry/auth/{silly,htpasswd,token}); silly is for tests only.
import { keyText, scalarOf, type RuleContext } from '../rule-context';
import { deref, type YNode, type YPair } from '../yaml-tree';
import { didYouMean } from '../did-you-mean';
import { clip, listNames } from '../limits';
import { deletePair, insertKeys } from '../fixes';
import type { Rule } from './rule';
import { firstAndRest } from '../value-fixes';
import type { Fix } from '../types';

const REQUIRED: Record<string, Record<'2.8' | '3', string[]>> = {
  silly: { '2.8': ['realm', 'service'], '3': ['realm', 'service'] },
  htpasswd: { '2.8': ['realm', 'path'], '3': ['realm', 'path'] },
  token: { '2.8': ['realm', 'issuer', 'service', 'rootcertbundle'], '3': ['realm', 'issuer', 'service'] },
};

export const authRule: Rule = {
  codes: ['auth-type-count', 'auth-unknown', 'auth-required', 'auth-silly'],
  check(ctx: RuleContext) {
    const pair = ctx.get(['auth']);
    if (!pair) return;
    const v = deref(pair.value);
    if (!v) return;
    let types: { name: string; node: YNode; params?: YNode; pair?: YPair }[] = [];
    if (v.kind === 'scalar') {
      const r = scalarOf(v);
      if (!r || r.tag === 'null') return;
      types = [{ name: v.value, node: v }];
    } else if (v.kind === 'map') {
      types = v.pairs.map((p) => ({ name: keyText(p.key), node: p.key, params: p.value, pair: p }));
      const uniq = new Set(types.map((t) => t.name));
      if (uniq.size > 1) {
        for (const t of types.slice(1))
          ctx.report({
            code: 'auth-type-count',
            severity: 'error',
            message: `More than one auth type (${listNames([...uniq])}): the registry needs exactly one and refuses to start.`,
            node: t.node,
            fix: t.pair && deletePair(ctx, t.pair, `Remove the ${t.name} auth block`),
          });
        return;
      }
      types = types.slice(-1);
    } else return;
    if (!types.length) return;
    const { name, node, params } = types[0];
    if (name === '' || name.toLowerCase() === 'none') return;
    if (!REQUIRED[name]) {
      const sug = didYouMean(name, Object.keys(REQUIRED));
      ctx.report({
        code: 'auth-unknown',
        severity: 'error',
        message: `Unknown auth type ${clip(name)}: the registry refuses to start. Use htpasswd, token or silly.${sug ? ` Did you mean ${sug}?` : ''}`,
        node,
        ...(sug ? { fix: ctx.replace(node, sug, `Rename to ${sug}`) } : firstAndRest(renames(ctx, node, ['htpasswd', 'token', 'silly']))),
      });
      return;
    }
    const p = deref(params);
    const missing: string[] = [];
    for (const k of REQUIRED[name][ctx.version]) {
      const kp = ctx.pair(p, k);
      const r = scalarOf(kp?.value);
      if (!kp || !r || r.tag !== 'str') {
        if (kp && r && r.tag !== 'null')
          ctx.report({
            code: 'auth-required',
            severity: 'error',
            message: `auth.${name}.${k} must be a string: the registry refuses to start (quote it).`,
            node: kp.value,
            fix: ctx.replace(kp.value, JSON.stringify(deref(kp.value)?.kind === 'scalar' ? (deref(kp.value) as { value: string }).value : ''), 'Quote it'),
          });
        else missing.push(k);
      }
    }
    if (name === 'token' && ctx.version === '3' && !ctx.pair(p, 'rootcertbundle') && !ctx.pair(p, 'jwks')) missing.push('rootcertbundle or jwks');
    if (name === 'token') {
      const ar = ctx.pair(p, 'autoredirect');
      const r = scalarOf(ar?.value);
      if (ar && r && r.tag !== 'bool')
        ctx.report({
          code: 'auth-required',
          severity: 'error',
          message: 'auth.token.autoredirect must be a boolean: the registry refuses to start.',
          node: ar.value,
        });
    }
    if (missing.length) {
      ctx.report({
        code: 'auth-required',
        severity: 'error',
        message: `auth.${name} needs ${missing.join(', ')}: the registry refuses to start.`,
        node,
        fix:
          p && p.kind === 'map'
            ? insertKeys(
                ctx,
                p,
                missing
                  .filter((m) => !m.includes(' '))
                  .map((m) => `${m}: ${m === 'realm' ? 'registry' : m === 'path' ? '/etc/registry/htpasswd' : 'CHANGE-ME'}`),
                `Add ${missing.join(', ')}`,
              )
            : undefined,
      });
    }
    if (name === 'silly')
      ctx.report({ code: 'auth-silly', severity: 'warning', message: 'silly auth accepts any Authorization header: for development only.', node });
  },
};

function renames(ctx: RuleContext, node: YNode, names: string[]): Fix[] {
  return names.map((n) => ctx.replace(node, n, `Rename to ${n}`)).filter((f) => f !== undefined);
}
