// filesystem driver parameters (registry/storage/driver/filesystem, base.GetLimitFromParameter).
import { scalarOf, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { parseGoInt } from '../yaml11';
import { insertKeys } from '../fixes';
import type { Rule } from './rule';

export const filesystemRule: Rule = {
  codes: ['filesystem-rootdirectory', 'filesystem-maxthreads'],
  check(ctx: RuleContext) {
    const pair = ctx.get(['storage', 'filesystem']);
    if (!pair) return;
    const params = deref(pair.value);
    const root = ctx.pair(params, 'rootdirectory');
    if (!root || scalarOf(root.value)?.tag === 'null') {
      ctx.report({
        code: 'filesystem-rootdirectory',
        severity: 'warning',
        message: 'filesystem has no rootdirectory: the registry stores data in /var/lib/registry.',
        node: pair.key,
        fix: params && params.kind === 'map' && !root ? insertKeys(ctx, params, ['rootdirectory: /var/lib/registry'], 'Add rootdirectory') : undefined,
      });
    }
    const mt = ctx.pair(params, 'maxthreads');
    if (!mt) return;
    const v = deref(mt.value);
    const r = scalarOf(mt.value);
    if (!v || !r || r.tag === 'null') {
      if (v && v.kind !== 'scalar')
        ctx.report({
          code: 'filesystem-maxthreads',
          severity: 'error',
          message: 'maxthreads must be an integer: the registry refuses to start (maxthreads config error).',
          node: v,
        });
      return;
    }
    let n: number | undefined;
    if (r.tag === 'int') n = r.value;
    else if (r.tag === 'str' || r.tag === 'timestamp') {
      const u = /^[+-]/.test(r.value) ? undefined : parseGoInt(r.value);
      n = u === undefined ? undefined : Number(u);
    }
    if (n === undefined) {
      ctx.report({
        code: 'filesystem-maxthreads',
        severity: 'error',
        message: `maxthreads must be an integer, not \`${v.kind === 'scalar' ? v.value : ''}\`: the registry refuses to start (maxthreads config error).`,
        node: v,
        fix: ctx.replace(v, maxthreadsFor(v.kind === 'scalar' ? v.value : ''), `Change to ${maxthreadsFor(v.kind === 'scalar' ? v.value : '')}`),
      });
    } else if (n < 25) {
      ctx.report({
        code: 'filesystem-maxthreads',
        severity: 'warning',
        message: `maxthreads ${n} is below the minimum 25: the registry uses 25.`,
        node: v,
        fix: ctx.replace(v, '25', 'Set 25'),
      });
    }
  },
};

/** The integer a non-integer maxthreads meant (30.5 -> 31, at least 25), else the default 100. */
function maxthreadsFor(text: string): string {
  const n = Number(text.trim());
  return /^\s*\d+(\.\d+)?\s*$/.test(text) && Number.isFinite(n) ? String(Math.max(25, Math.round(n))) : '100';
}
