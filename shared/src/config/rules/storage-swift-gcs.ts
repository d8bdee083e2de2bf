// swift (2.8) and gcs parameters their drivers check at start.
// swift (v2.8.3 registry/storage/driver/swift/swift.go FromParameters): mapstructure.Decode
// without weak typing, so bool and int parameters need real YAML bools and ints (tenant and
// tenantid are stringified first); chunksize >= 1 MiB.
// gcs (v2.8.3 and v3.0.0-v3.1.1 registry/storage/driver/gcs/gcs.go): inline `credentials`
// must be a mapping with string keys that google.JWTConfigFromJSON accepts: type
// service_account (a keyfile is read by the file checks).
import { goString, scalarOf, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { clip } from '../limits';
import type { Rule } from './rule';

const SWIFT_BOOLS = ['insecureskipverify', 'tempurlcontainerkey'];
const SWIFT_INTS = ['authversion', 'chunksize'];
const SWIFT_STRINGS = [
  'username',
  'password',
  'authurl',
  'domain',
  'domainid',
  'tenantdomain',
  'tenantdomainid',
  'trustid',
  'region',
  'container',
  'prefix',
  'endpointtype',
  'secretkey',
  'accesskey',
];

export const swiftGcsRule: Rule = {
  codes: ['swift-param', 'gcs-credentials'],
  check(ctx: RuleContext) {
    const swift = ctx.get(['storage', 'swift']);
    if (swift && ctx.version === '2.8') {
      const p = deref(swift.value);
      const err = (message: string, node = swift.key) =>
        ctx.report({ code: 'swift-param', severity: 'error', message: `swift: ${message}; the registry refuses to start.`, node });
      for (const k of [...SWIFT_BOOLS, ...SWIFT_INTS, ...SWIFT_STRINGS]) {
        const pair = ctx.pair(p, k);
        const r = scalarOf(pair?.value);
        if (!pair || !r || r.tag === 'null') continue;
        const want = SWIFT_BOOLS.includes(k) ? 'bool' : SWIFT_INTS.includes(k) ? 'int' : 'str';
        if (r.tag !== want && !(want === 'str' && r.tag === 'timestamp'))
          err(
            `'${k}' expected type '${want === 'str' ? 'string' : want}', got ${r.tag === 'str' ? 'a string' : `a ${r.tag}`} (write it ${want === 'bool' ? 'as true or false, unquoted' : want === 'int' ? 'as a plain number' : 'in quotes'})`,
            pair.value,
          );
        else if (k === 'chunksize' && r.tag === 'int' && r.value < 1 << 20)
          err(`the chunksize ${r.value} parameter should be a number that is larger than or equal to 1048576`, pair.value);
      }
    }
    const gcs = ctx.get(['storage', 'gcs']);
    if (!gcs || goString(ctx.pair(gcs.value, 'keyfile')?.value)) return;
    const cred = ctx.pair(gcs.value, 'credentials');
    const c = deref(cred?.value);
    if (!cred || !c || (c.kind === 'scalar' && scalarOf(c)?.tag === 'null')) return;
    const bad = (message: string, node = cred.key) =>
      ctx.report({ code: 'gcs-credentials', severity: 'error', message: `gcs credentials: ${message}; the registry refuses to start.`, node });
    if (c.kind !== 'map')
      return bad('The credentials were not specified in the correct format (write a mapping: type, project_id, private_key, client_email, ...)', cred.value);
    const type = goString(ctx.pair(c, 'type')?.value);
    if (type !== 'service_account') bad(`'type' field is "${clip(type ?? '')}" (expected "service_account")`, ctx.pair(c, 'type')?.value ?? cred.key);
  },
};
