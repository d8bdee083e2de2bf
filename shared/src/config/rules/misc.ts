// Smaller checks: catalog/tags limits, log hooks, pull-through proxy URL.
import { goString, scalarOf, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { urlProblem } from './http-listener';
import { clip } from '../limits';
import type { Rule } from './rule';

export const limitsRule: Rule = {
  codes: ['catalog-maxentries', 'tags-maxtags'],
  check(ctx: RuleContext) {
    const me = ctx.get(['catalog', 'maxentries']);
    const r = scalarOf(me?.value);
    if (me && r && (r.tag === 'int' || r.tag === 'float') && r.value <= 0) {
      ctx.report({
        code: 'catalog-maxentries',
        severity: 'info',
        message: `catalog.maxentries ${r.value} is replaced by the default 1000.`,
        node: me.value,
        fix: ctx.replace(me.value, '1000', 'Change to 1000'),
      });
    }
    const mt = ctx.get(['tags', 'maxtags']);
    const t = scalarOf(mt?.value);
    if (ctx.version === '3' && mt && t && (t.tag === 'int' || t.tag === 'float') && t.value < 0) {
      ctx.report({
        code: 'tags-maxtags',
        severity: 'error',
        message: 'tags.maxtags must not be negative: registry 3.1 refuses to start.',
        node: mt.value,
        fix: ctx.replace(mt.value, '1000', 'Use 1000'),
      });
    }
  },
};

export const logHooksRule: Rule = {
  codes: ['log-hook-type'],
  check(ctx: RuleContext) {
    const hooks = deref(ctx.get(['log', 'hooks'])?.value);
    if (!hooks || hooks.kind !== 'seq') return;
    for (const h of hooks.items) {
      const type = ctx.pair(h, 'type');
      const name = goString(type?.value) ?? '';
      if (name !== 'mail')
        ctx.report({
          code: 'log-hook-type',
          severity: 'warning',
          message: `Log hook type ${name ? `\`${name}\`` : '(none)'} does nothing: only mail hooks exist.`,
          node: type?.value ?? h,
        });
    }
  },
};

export const proxyRule: Rule = {
  codes: ['proxy-remoteurl'],
  check(ctx: RuleContext) {
    const p = ctx.get(['proxy', 'remoteurl']);
    const url = goString(p?.value);
    if (!p || !url) return;
    const problem = urlProblem(url);
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
    if (problem)
      ctx.report({
        code: 'proxy-remoteurl',
        severity: 'error',
        message: `proxy.remoteurl \`${clip(url)}\` is not a URL (${problem}): the registry refuses to start.`,
        node: p.value,
      });
    // registry/proxy: url.Parse, then GET <remoteurl>/v2/ at start; seen with 2.8.2: no scheme and a scheme Go's
    // HTTP client does not speak (ftp://) both panic ("unsupported protocol scheme") once that GET is made.
    else if (!scheme && !url.startsWith('//'))
      ctx.report({
        code: 'proxy-remoteurl',
        severity: 'error',
        message: `proxy.remoteurl \`${clip(url)}\` has no http:// or https:// scheme (unsupported protocol scheme): the registry refuses to start. Write https://${clip(url)}.`,
        node: p.value,
        fix: ctx.replace(p.value, `https://${url}`, 'Add https://'),
      });
    else if (scheme !== 'http' && scheme !== 'https')
      ctx.report({
        code: 'proxy-remoteurl',
        severity: 'error',
        message: `proxy.remoteurl \`${clip(url)}\` is not an http:// or https:// URL (unsupported protocol scheme ${scheme ?? ''}): the registry stops at start. Use an http(s) URL such as https://registry-1.docker.io.`,
        node: p.value,
      });
  },
};
