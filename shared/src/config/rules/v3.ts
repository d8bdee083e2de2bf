// 3.x checks traced to distribution's source (read at v3.0.0, v3.1.0, v3.1.1):
// - auth/token/token.go signingAlgorithms: a fixed set ("unsupported signing algorithm").
// - configuration.go v3.0.0 Redis.UnmarshalYAML: durations must be strings ("invalid duration
//   value for field"); v3.1 decodes a tagged struct (a bare number is nanoseconds: warned).
// - handlers/app.go: tag.concurrencylimit must be an int >= 0 (panic); cache.blobdescriptorsize
//   goes through strconv.Atoi(fmt.Sprint(v)) with the inmemory cache (panic).
// - s3-aws/s3.go getS3LogLevelFromParam: param.(string) (a YAML 1.1 `off` is a bool: panic).
// - Silent no-ops: clientauth without clientcas (registry.go only sets ClientAuth with CAs),
//   prometheus without http.debug.addr (served on the debug server only), proxy.exec and a
//   username (exec wins, proxy/proxyauth.go), cipher suites with minimumtls tls1.3 (Go ignores
//   CipherSuites for TLS 1.3).
import { goString, scalarOf, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { clip } from '../limits';
import { didYouMean } from '../did-you-mean';
import type { Rule } from './rule';

const SIGNING = ['EdDSA', 'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'];
const REDIS_DURATIONS = [
  'dialtimeout',
  'readtimeout',
  'writetimeout',
  'pooltimeout',
  'connmaxidletime',
  'connmaxlifetime',
  'minretrybackoff',
  'maxretrybackoff',
];

export const v3Rule: Rule = {
  codes: ['token-signing-algorithm', 'redis-duration-30', 'tag-concurrencylimit', 'cache-blobdescriptorsize', 's3-loglevel', 'silent-no-op'],
  check(ctx: RuleContext) {
    if (ctx.version !== '3') return;
    const algos = deref(ctx.get(['auth', 'token', 'signingalgorithms'])?.value);
    if (algos && algos.kind === 'seq') {
      for (const item of algos.items) {
        const a = goString(item) ?? '';
        if (SIGNING.includes(a)) continue;
        const sug = didYouMean(a, SIGNING);
        ctx.report({
          code: 'token-signing-algorithm',
          severity: 'error',
          message: `unsupported signing algorithm: ${clip(a)}: the registry refuses to start. Use ${SIGNING.join(', ')}.`,
          node: item,
          fix: sug ? ctx.replace(item, sug, `Change to ${sug}`) : undefined,
        });
      }
    }
    if (ctx.release === '3.0') {
      for (const k of REDIS_DURATIONS) {
        const p = ctx.get(['redis', k]);
        const r = scalarOf(p?.value);
        if (p && r && r.tag !== 'str' && r.tag !== 'null')
          ctx.report({
            code: 'redis-duration-30',
            severity: 'error',
            message: `invalid duration value for field: ${k}: registry 3.0 needs a duration string such as 5s here; it refuses to start.`,
            node: p.value,
            fix: r.tag === 'int' ? ctx.replace(p.value, `${r.value}ms`, `Use ${r.value}ms`) : undefined,
          });
      }
    }
    const cl = ctx.get(['storage', 'tag', 'concurrencylimit']);
    const clv = scalarOf(cl?.value);
    if (cl && clv && clv.tag !== 'null' && (clv.tag !== 'int' || clv.value < 0)) {
      ctx.report({
        code: 'tag-concurrencylimit',
        severity: 'error',
        message:
          clv.tag === 'int'
            ? 'tag lookup concurrency limit should be a non-negative integer value: the registry refuses to start.'
            : 'tag lookup concurrency limit config key must have a integer value: the registry refuses to start.',
        node: cl.value,
      });
    }
    const bd = goString(ctx.get(['storage', 'cache', 'blobdescriptor'])?.value);
    const size = ctx.get(['storage', 'cache', 'blobdescriptorsize']);
    const sv = scalarOf(size?.value);
    if (size && bd === 'inmemory' && sv && sv.tag !== 'null' && !(sv.tag === 'int' || (sv.tag === 'str' && /^[+-]?\d+$/.test(sv.value)))) {
      ctx.report({
        code: 'cache-blobdescriptorsize',
        severity: 'error',
        message: 'invalid blobdescriptorsize value: it must be an integer; the registry refuses to start.',
        node: size.value,
      });
    }
    for (const name of ['s3', 's3aws']) {
      const ll = ctx.get(['storage', name, 'loglevel']);
      const lv = scalarOf(ll?.value);
      const node = deref(ll?.value);
      if (ll && node && (node.kind !== 'scalar' || (lv && lv.tag !== 'str' && lv.tag !== 'null'))) {
        ctx.report({
          code: 's3-loglevel',
          severity: 'error',
          message: `s3 loglevel must be a string${lv?.tag === 'bool' ? ' (YAML 1.1 reads off as a boolean: write "off")' : ''}: the registry crashes at start.`,
          node: ll.value,
          fix: lv?.tag === 'bool' && node.kind === 'scalar' ? ctx.replace(node, `"${node.value}"`, 'Quote it') : undefined,
        });
      }
    }
    noOps(ctx);
  },
};

function noOps(ctx: RuleContext): void {
  const warn = (message: string, node: Parameters<RuleContext['report']>[0]['node']) =>
    ctx.report({ code: 'silent-no-op', severity: 'warning', message, node });
  const ca = ctx.get(['http', 'tls', 'clientauth']);
  const cas = deref(ctx.get(['http', 'tls', 'clientcas'])?.value);
  if (ca && goString(ca.value) && !(cas && cas.kind === 'seq' && cas.items.length))
    warn('http.tls.clientauth without clientcas does nothing: the registry only asks for client certificates when clientcas lists CAs.', ca.key);
  const prom = ctx.get(['http', 'debug', 'prometheus', 'enabled']);
  const pv = scalarOf(prom?.value);
  if (prom && pv?.tag === 'bool' && pv.value && !goString(ctx.get(['http', 'debug', 'addr'])?.value))
    warn('prometheus is served on the debug server only: without http.debug.addr no metrics are served.', prom.key);
  const exec = ctx.get(['proxy', 'exec']);
  const user = ctx.get(['proxy', 'username']);
  if (exec && goString(ctx.get(['proxy', 'exec', 'command'])?.value) && user && goString(user.value))
    warn('proxy.exec and proxy.username: the credential helper (exec) is used and username/password are ignored.', user.key);
  const ciphers = deref(ctx.get(['http', 'tls', 'ciphersuites'])?.value);
  if (ciphers && ciphers.kind === 'seq' && ciphers.items.length && goString(ctx.get(['http', 'tls', 'minimumtls'])?.value) === 'tls1.3') {
    warn(
      'http.tls.ciphersuites does nothing with minimumtls: tls1.3 (Go does not let TLS 1.3 cipher suites be configured).',
      ctx.get(['http', 'tls', 'ciphersuites'])!.key,
    );
  }
}
