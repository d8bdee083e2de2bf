// middleware: names that exist (storage: cloudfront, redirect, 3.x rewrite; no built-in
// registry/repository middleware), `disabled` never honoured, options the built-ins need.
import { goString, keyText, scalarOf, type RuleContext } from '../rule-context';
import { deref, type YNode } from '../yaml-tree';
import { isGoDuration } from '../yaml11';
import { deletePair } from '../fixes';
import { urlProblem } from './http-listener';
import { didYouMean } from '../did-you-mean';
import type { Rule } from './rule';

const STORAGE_MW = { '2.8': ['cloudfront', 'redirect'], '3': ['cloudfront', 'redirect', 'rewrite'] };

export const middlewareRule: Rule = {
  codes: ['middleware-disabled', 'middleware-unknown', 'middleware-options'],
  check(ctx: RuleContext) {
    const mw = deref(ctx.get(['middleware'])?.value);
    if (!mw || mw.kind !== 'map') return;
    for (const point of mw.pairs) {
      const where = keyText(point.key);
      const list = deref(point.value);
      if (!list || list.kind !== 'seq' || !['registry', 'repository', 'storage'].includes(where)) continue;
      for (const item of list.items) {
        const entry = deref(item);
        if (!entry || entry.kind !== 'map') continue;
        const dis = ctx.pair(entry, 'disabled');
        if (dis && scalarOf(dis.value)?.tag === 'bool' && (scalarOf(dis.value) as { value: boolean }).value) {
          ctx.report({
            code: 'middleware-disabled',
            severity: 'warning',
            message: 'middleware `disabled: true` is parsed but never honoured: the middleware still runs. Remove the entry instead.',
            node: dis.key,
            fix: deletePair(ctx, dis, 'Remove disabled (and delete the entry yourself)'),
          });
        }
        const namePair = ctx.pair(entry, 'name');
        const name = goString(namePair?.value) ?? '';
        const nameNode: YNode = namePair?.value ?? entry;
        if (where === 'storage') {
          const known = STORAGE_MW[ctx.version];
          if (!known.includes(name)) {
            const sug = didYouMean(name, known);
            ctx.report({
              code: 'middleware-unknown',
              severity: 'error',
              message: `no storage middleware registered with name: ${name || '(empty)'}: the registry refuses to start. Built-ins: ${known.join(', ')}.`,
              node: nameNode,
              fix: sug ? ctx.replace(nameNode, sug, `Change to ${sug}`) : undefined,
            });
            continue;
          }
          checkOptions(ctx, name, entry, nameNode);
        } else if (where === 'registry') {
          ctx.report({
            code: 'middleware-unknown',
            severity: 'error',
            message: `no registry middleware registered with name: ${name || '(empty)'}: the stock registry has none built in and refuses to start.`,
            node: nameNode,
          });
        } else {
          ctx.report({
            code: 'middleware-unknown',
            severity: 'warning',
            message: `No repository middleware named ${name || '(empty)'} is built into the registry: every repository request will fail.`,
            node: nameNode,
          });
        }
      }
    }
  },
};

function checkOptions(ctx: RuleContext, name: string, entry: YNode, nameNode: YNode): void {
  const opts = ctx.pair(entry, 'options');
  const o = deref(opts?.value);
  const err = (message: string, node?: YNode) =>
    ctx.report({
      code: 'middleware-options',
      severity: 'error',
      message: `${name} middleware: ${message}; the registry refuses to start.`,
      node: node ?? opts?.key ?? nameNode,
    });
  const str = (k: string) => {
    const p = ctx.pair(o, k);
    if (!p) return undefined;
    const r = scalarOf(p.value);
    if (!r || r.tag !== 'str') {
      err(`${k} must be a string`, p.value);
      return null;
    }
    return { value: r.value, node: p.value };
  };
  if (name === 'redirect') {
    const b = str('baseurl');
    if (b === undefined) return err('no baseurl provided');
    if (!b) return;
    const problem = urlProblem(b.value);
    if (problem) return err(`unable to parse redirect baseurl: ${b.value}`, b.node);
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(b.value)) return err('no scheme specified for redirect baseurl', b.node);
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+/.test(b.value)) return err('no host specified for redirect baseurl', b.node);
  } else if (name === 'cloudfront') {
    for (const k of ['baseurl', 'privatekey', 'keypairid']) {
      const v = str(k);
      if (v === undefined) err(`no ${k} provided`);
    }
    const keys = ctx.version === '2.8' ? ['duration', 'updatefrenquency'] : ['duration', 'updatefrenquency', 'updatefrequency'];
    for (const k of keys) {
      const p = ctx.pair(o, k);
      if (!p) continue;
      const r = scalarOf(p.value);
      if (r && r.tag === 'str' && !isGoDuration(r.value)) err(`invalid ${k}: ${r.value}`, p.value);
    }
    if (ctx.version === '2.8' && ctx.pair(o, 'updatefrequency')) {
      const p = ctx.pair(o, 'updatefrequency')!;
      ctx.report({
        code: 'middleware-options',
        severity: 'warning',
        message: '2.8 spells this option updatefrenquency (sic): updatefrequency is ignored.',
        node: p.key,
        fix: ctx.replace(p.key, 'updatefrenquency', 'Use the 2.8 spelling'),
      });
    }
    const ipf = ctx.pair(o, 'ipfilteredby');
    if (ipf) {
      const r = scalarOf(ipf.value);
      const v = r && r.tag === 'str' ? r.value.toLowerCase() : undefined;
      if (v === undefined || !['none', 'aws', 'awsregion'].includes(v)) err('ipfilteredby only allows none, aws or awsregion', ipf.value);
      else if (v === 'awsregion' && !goString(ctx.pair(o, 'awsregion')?.value)) err('awsregion is not defined (needed by ipfilteredby: awsregion)', ipf.value);
    }
  }
}
