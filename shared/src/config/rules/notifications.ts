// notifications.endpoints: name and url are required by the docs (the code does not check:
// an endpoint without url fails every event).
import { goString, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { insertKeys } from '../fixes';
import type { Rule } from './rule';

export const notificationsRule: Rule = {
  codes: ['notification-endpoint'],
  check(ctx: RuleContext) {
    const eps = deref(ctx.get(['notifications', 'endpoints'])?.value);
    if (!eps || eps.kind !== 'seq') return;
    for (const item of eps.items) {
      const ep = deref(item);
      if (!ep || ep.kind !== 'map') continue;
      for (const k of ['name', 'url']) {
        if (goString(ctx.pair(ep, k)?.value)) continue;
        ctx.report({
          code: 'notification-endpoint',
          severity: 'warning',
          message: `Notification endpoint without ${k}${k === 'url' ? ': every event to it fails' : ''}.`,
          node: ep.pairs[0]?.key ?? ep,
          fix: insertKeys(ctx, ep, [k === 'url' ? 'url: https://example.com/events' : 'name: endpoint'], `Add ${k}`),
        });
      }
    }
  },
};
