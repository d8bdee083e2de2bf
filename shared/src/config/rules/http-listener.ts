// http: listen addresses the Go listener accepts, a parsable host URL, and a shared secret.
import { goString, scalarOf, type RuleContext } from '../rule-context';
import type { YNode } from '../yaml-tree';
import { insertKeys } from '../fixes';
import type { Rule } from './rule';
import { deref } from '../yaml-tree';
import { clip } from '../limits';

/** Port names Go resolves without /etc/services (net/lookup.go `services`, tcp; go1.19 to go1.23). */
const GO_PORT_NAMES = ['ftp', 'ftps', 'gopher', 'http', 'https', 'imap2', 'imap3', 'imaps', 'pop3', 'pop3s', 'smtp', 'ssh', 'telnet'];

/**
 * host:port as net.Listen("tcp", ...) accepts it ('' host = all interfaces; a numeric port,
 * or a name Go knows or finds in /etc/services: `portNames` when the caller read it).
 * `{ soft }` marks a port name that only the server's /etc/services can decide.
 */
export function tcpAddrProblem(addr: string, portNames?: readonly string[]): { problem: string; soft?: boolean } | undefined {
  const m = /^(\[[^\]]*\]|[^:[\]]*):([^:]*)$/.exec(addr);
  if (!m) return { problem: addr.includes(':') ? 'too many colons (write IPv6 hosts in brackets)' : 'missing port (write host:port, e.g. :5000)' };
  const port = m[2];
  if (/^[0-9]+$/.test(port)) return Number(port) > 65535 ? { problem: 'invalid port' } : undefined;
  const name = port.toLowerCase();
  if (GO_PORT_NAMES.includes(name) || portNames?.includes(name)) return undefined;
  if (!/^[a-z][a-z0-9_+.-]*$/.test(name)) return { problem: `unknown port ${port}` };
  return portNames
    ? { problem: `unknown port (tcp/${port} is not in /etc/services here nor a name Go knows); write a port number` }
    : { problem: `port name ${port} resolves only if the server's /etc/services lists it; write a port number`, soft: true };
}

/** Go's url.Parse failures that matter: bad escapes, control characters, an unclosed IPv6 bracket. */
export function urlProblem(u: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(u)) return 'it contains a control character';
  if (/%(?![0-9a-fA-F]{2})/.test(u.replace(/\?.*$/, ''))) return 'it has an invalid % escape';
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#]*)/.exec(u);
  if (m) {
    const host = m[1].replace(/^.*@/, '');
    if (host.startsWith('[') && !host.includes(']')) return 'missing ] in the host';
    const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(host)?.[1];
    if (port !== undefined && port !== '' && !/^[0-9]+$/.test(port)) return `invalid port "${port}"`;
  }
  if (/^:/.test(u)) return 'missing protocol scheme';
  if (/^[^/?#]*:/.test(u) && /^[0-9]/.test(u)) return 'first path segment in URL cannot contain colon';
  return undefined;
}

export const httpListenerRule: Rule = {
  codes: ['http-addr', 'http-host', 'http-secret-missing'],
  check(ctx: RuleContext) {
    const http = ctx.get(['http']);
    const net = goString(ctx.get(['http', 'net'])?.value) ?? '';
    const addrPair = ctx.get(['http', 'addr']);
    const addr = goString(addrPair?.value);
    if (addrPair && addr && (net === '' || net === 'tcp')) {
      const p = tcpAddrProblem(addr, ctx.portNames);
      if (p)
        ctx.report({
          code: 'http-addr',
          severity: p.soft ? 'warning' : 'error',
          message: `http.addr \`${clip(addr)}\`: ${p.problem}${p.soft ? '' : '; the registry cannot listen and exits'}.`,
          node: addrPair.value,
          fix: p.problem.startsWith('missing port') ? ctx.replace(addrPair.value, `${addr}:5000`, `Change to ${clip(addr)}:5000`) : undefined,
        });
    }
    const dbg = ctx.get(['http', 'debug', 'addr']);
    const dbgAddr = goString(dbg?.value);
    if (dbg && dbgAddr) {
      const p = tcpAddrProblem(dbgAddr, ctx.portNames);
      if (p)
        ctx.report({
          code: 'http-addr',
          severity: p.soft ? 'warning' : 'error',
          message: `http.debug.addr \`${clip(dbgAddr)}\`: ${p.problem}${p.soft ? '' : '; the registry exits'}.`,
          node: dbg.value,
          fix: p.problem.startsWith('missing port') ? ctx.replace(dbg.value, `${dbgAddr}:5001`, `Change to ${clip(dbgAddr)}:5001`) : undefined,
        });
    }
    const host = ctx.get(['http', 'host']);
    const hostText = goString(host?.value);
    if (host && hostText) {
      const problem = urlProblem(hostText);
      if (problem)
        ctx.report({
          code: 'http-host',
          severity: 'error',
          message: `http.host \`${hostText}\` is not a URL (${problem}): the registry refuses to start.`,
          node: host.value,
        });
      else if (!/^https?:\/\//.test(hostText))
        ctx.report({
          code: 'http-host',
          severity: 'warning',
          message: `http.host should be a full URL such as https://registry.example.com, not \`${hostText}\`.`,
          node: host.value,
        });
    }
    const secret = ctx.get(['http', 'secret']);
    if (!secret || scalarOf(secret.value)?.tag === 'null' || goString(secret.value) === '') {
      const h = deref(http?.value);
      ctx.report({
        code: 'http-secret-missing',
        severity: 'warning',
        message: 'No http.secret: the registry generates a random one, so uploads break behind a load balancer. Set the same secret on every instance.',
        node: (secret?.key ?? http?.key) as YNode | undefined,
        fix: h && h.kind === 'map' && !secret ? insertKeys(ctx, h, ['secret: CHANGE-ME-to-a-long-random-string'], 'Add http.secret') : undefined,
      });
    }
  },
};
