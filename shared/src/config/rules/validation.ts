// validation.manifests.urls allow/deny are Go RE2 regexps, compiled at start-up while
// validation is on (a bad one panics). Lookarounds and backreferences are not RE2.
import { goString, scalarOf, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import type { Rule } from './rule';

export function re2Problem(src: string): string | undefined {
  if (/\(\?[=!]|\(\?<[=!]/.test(src)) return 'lookarounds are not supported by Go (RE2)';
  if (/\\[1-9]/.test(src)) return 'backreferences are not supported by Go (RE2)';
  try {
    new RegExp(
      src
        .replace(/\(\?P</g, '(?<')
        .replace(/\(\?i\)/g, '')
        .replace(/\\z/g, '$')
        .replace(/\\A/g, '^'),
      'u',
    );
  } catch (e) {
    // The 'u' flag is stricter than RE2 about escapes; retry without it before giving up.
    try {
      new RegExp(src.replace(/\(\?P</g, '(?<').replace(/\(\?i\)/g, ''));
    } catch {
      return (e as Error).message.replace(/^Invalid regular expression: /, '');
    }
  }
  return undefined;
}

export const validationRule: Rule = {
  codes: ['validation-regexp'],
  check(ctx: RuleContext) {
    const enabled = scalarOf(ctx.get(['validation', 'enabled'])?.value);
    const disabled = scalarOf(ctx.get(['validation', 'disabled'])?.value);
    const on = (enabled?.tag === 'bool' && enabled.value) || !(disabled?.tag === 'bool' && disabled.value);
    for (const k of ['allow', 'deny']) {
      const list = deref(ctx.get(['validation', 'manifests', 'urls', k])?.value);
      if (!list || list.kind !== 'seq') continue;
      for (const item of list.items) {
        const src = goString(item);
        if (src === undefined) continue;
        const problem = re2Problem(src);
        if (problem)
          ctx.report({
            code: 'validation-regexp',
            severity: on ? 'error' : 'warning',
            message: `validation.manifests.urls.${k}: \`${src}\` is not a valid Go regexp (${problem})${on ? ': the registry refuses to start' : ''}.`,
            node: item,
          });
      }
    }
  },
};
