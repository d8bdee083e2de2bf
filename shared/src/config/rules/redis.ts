// redis: 2.8 reads `addr`; 3.0 and 3.1 read `addrs` (a list: go-redis UniversalOptions, v3.0.0
// and v3.1.x configuration.go). The other spelling is silently ignored.
import { goString, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import type { Rule } from './rule';

export const redisRule: Rule = {
  codes: ['redis-addr-version'],
  check(ctx: RuleContext) {
    const addr = ctx.get(['redis', 'addr']);
    const addrs = ctx.get(['redis', 'addrs']);
    if (ctx.version === '3' && addr && goString(addr.value)) {
      const v = deref(addr.value)!;
      ctx.report({
        code: 'redis-addr-version',
        severity: 'warning',
        message: 'redis.addr is read by no 3.x release (3.0 and 3.1 read addrs): the registry runs without redis. Use addrs (a list).',
        node: addr.key,
        fix:
          addr.key.start >= 0 && v.start >= 0
            ? {
                title: 'Change to addrs: [...]',
                edits: [{ range: ctx.lines.range(addr.key.start, v.end), newText: `addrs: [${ctx.text.slice(v.start, v.end)}]` }],
              }
            : undefined,
      });
    }
    if (ctx.version === '2.8' && addrs) {
      const v = deref(addrs.value);
      const first = v && v.kind === 'seq' ? v.items[0] : undefined;
      ctx.report({
        code: 'redis-addr-version',
        severity: 'warning',
        message: 'redis.addrs is a 3.x key: 2.8 ignores it and runs without redis. Use addr (one host:port).',
        node: addrs.key,
        fix:
          first && first.start >= 0 && addrs.key.start >= 0
            ? {
                title: 'Change to addr',
                edits: [{ range: ctx.lines.range(addrs.key.start, v!.end), newText: `addr: ${ctx.text.slice(first.start, first.end)}` }],
              }
            : undefined,
      });
    }
  },
};
