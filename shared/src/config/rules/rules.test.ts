// One fixture per diagnostic code: `bad` must report it with the range starting at (and
// spanning) `mark`; `good` (the fixed file) must not. Fails when a rule is removed, and
// when a code has no fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from '../lint';
import { ruleCodes } from './index';
import type { TargetName } from '../types';

const G = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n';
const withStorage = (s: string) => G.replace('  filesystem:\n    rootdirectory: /r\n', s);
const TLS = (extra: string) => `version: 0.1\nstorage: inmemory\nhttp:\n  addr: :5000\n  secret: s\n  tls:\n${extra}`;

interface Fixture {
  code: string;
  bad: string;
  good: string;
  /** Substring of `bad` where the reported range starts (the whole substring is the range unless `startOnly`). */
  mark: string;
  startOnly?: boolean;
  /** Use the first occurrence of `mark` (default: the last). */
  first?: boolean;
  /** With env: the diagnostic points at the overridden key in the file (not at 0:0). */
  keyRange?: boolean;
  severity?: 'error' | 'warning' | 'info';
  target?: TargetName;
  env?: Record<string, string>;
  goodEnv?: Record<string, string>;
}

const fixtures: Fixture[] = [
  {
    code: 'token-signing-algorithm',
    bad: G + 'auth:\n  token:\n    realm: https://a/t\n    service: s\n    issuer: i\n    rootcertbundle: /b\n    signingalgorithms: [RS256, RS257]\n',
    good: G + 'auth:\n  token:\n    realm: https://a/t\n    service: s\n    issuer: i\n    rootcertbundle: /b\n    signingalgorithms: [RS256, ES256]\n',
    mark: 'RS257',
    severity: 'error',
    target: '3',
  },
  {
    code: 'redis-duration-30',
    bad: G + 'redis:\n  addrs: [r:6379]\n  dialtimeout: 500\n',
    good: G + 'redis:\n  addrs: [r:6379]\n  dialtimeout: 500ms\n',
    mark: '500',
    severity: 'error',
    target: '3.0',
  },
  {
    code: 'tag-concurrencylimit',
    bad: G + '  tag:\n    concurrencylimit: many\n',
    good: G + '  tag:\n    concurrencylimit: 8\n',
    mark: 'many',
    severity: 'error',
    target: '3',
  },
  {
    code: 'cache-blobdescriptorsize',
    bad: G + '  cache:\n    blobdescriptor: inmemory\n    blobdescriptorsize: 1.5\n',
    good: G + '  cache:\n    blobdescriptor: inmemory\n    blobdescriptorsize: 5000\n',
    mark: '1.5',
    severity: 'error',
    target: '3',
  },
  {
    code: 's3-loglevel',
    bad: withStorage('  s3:\n    region: us-east-1\n    bucket: b\n    loglevel: off\n'),
    good: withStorage('  s3:\n    region: us-east-1\n    bucket: b\n    loglevel: "off"\n'),
    mark: 'off',
    severity: 'error',
    target: '3',
  },
  {
    code: 'silent-no-op',
    bad: TLS('    certificate: /c\n    key: /k\n    minimumtls: tls1.2\n    clientauth: require-and-verify-client-cert\n'),
    good: TLS('    certificate: /c\n    key: /k\n    minimumtls: tls1.2\n    clientauth: require-and-verify-client-cert\n    clientcas: [/ca]\n'),
    mark: 'clientauth',
    severity: 'warning',
    target: '3',
  },
  {
    code: 'yaml-syntax',
    bad: G + 'log:\n  level: debug\n   formatter: text\n',
    good: G + 'log:\n  level: debug\n  formatter: text\n',
    mark: ': text',
    startOnly: true,
    severity: 'error',
  },
  { code: 'unknown-anchor', bad: G + 'proxy:\n  password: *nope\n', good: G + 'proxy:\n  password: &p x\n  username: *p\n', mark: '*nope', severity: 'error' },
  {
    code: 'type-mismatch',
    bad: G.replace('secret: s', 'secret: s\n  relativeurls: "true"'),
    good: G.replace('secret: s', 'secret: s\n  relativeurls: true'),
    mark: '"true"',
    severity: 'error',
  },
  { code: 'invalid-loglevel', bad: G + 'log:\n  level: verbose\n', good: G + 'log:\n  level: DEBUG\n', mark: 'verbose', severity: 'error' },
  { code: 'invalid-value', bad: G + 'log:\n  formatter: xml\n', good: G + 'log:\n  formatter: json\n', mark: 'xml', severity: 'error' },
  {
    code: 'duplicate-key',
    bad: G + 'log:\n  level: info\n  level: debug\n',
    good: G + 'log:\n  level: debug\n',
    mark: 'level: debug',
    startOnly: true,
    severity: 'warning',
  },
  { code: 'unknown-key', bad: G + 'log:\n  levle: debug\n', good: G + 'log:\n  level: debug\n', mark: 'levle', severity: 'warning' },
  {
    code: 'key-not-in-version',
    bad: G + 'tags:\n  maxtags: 10\n',
    good: G + 'catalog:\n  maxentries: 10\n',
    mark: 'tags',
    first: true,
    severity: 'warning',
    target: '2.8',
  },
  { code: 'deprecated-key', bad: G + 'loglevel: debug\n', good: G + 'log:\n  level: debug\n', mark: 'loglevel', severity: 'warning' },
  {
    code: 'duration-bare-number',
    bad: G.replace('secret: s', 'secret: s\n  draintimeout: 500'),
    good: G.replace('secret: s', 'secret: s\n  draintimeout: 500ms'),
    mark: '500',
    severity: 'warning',
  },
  {
    code: 'param-type',
    bad: withStorage('  inmemory:\n  delete:\n    enabled: maybe\n'),
    good: withStorage('  inmemory:\n  delete:\n    enabled: true\n'),
    mark: 'maybe',
    severity: 'warning',
  },
  {
    code: 'below-minimum',
    bad: withStorage('  gcs:\n    bucket: b\n    maxconcurrency: 10\n'),
    good: withStorage('  gcs:\n    bucket: b\n    maxconcurrency: 30\n'),
    mark: '10',
    severity: 'warning',
    target: '3',
  },
  {
    code: 'env-invalid',
    bad: G,
    good: G,
    env: { REGISTRY_LOG_LEVEL: '[unclosed' },
    goodEnv: { REGISTRY_LOG_LEVEL: 'debug' },
    mark: 'version',
    startOnly: true,
    severity: 'error',
  },
  {
    code: 'env-unknown',
    bad: G,
    good: G,
    env: { REGISTRY_HTTP_SECRETT: 'x' },
    goodEnv: { REGISTRY_HTTP_SECRET: 'x' },
    mark: 'version',
    startOnly: true,
    severity: 'warning',
  },
  {
    code: 'env-replaces',
    bad: G,
    good: G,
    env: { REGISTRY_STORAGE: 'inmemory' },
    goodEnv: { REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY: '/x' },
    mark: 'storage',
    severity: 'warning',
    keyRange: true,
  },
  {
    code: 'driver-required',
    bad: withStorage('  azure:\n    accountname: a\n    container: c\n'),
    good: withStorage('  azure:\n    accountname: a\n    accountkey: k\n    container: c\n'),
    mark: 'azure',
    severity: 'error',
    target: '2.8',
  },
  {
    code: 'driver-required',
    bad: withStorage('  azure:\n    accountname: a\n    accountkey: k\n    container: c\n'),
    good: withStorage('  azure:\n    accountname: a\n    container: c\n    credentials:\n      type: default_credentials\n'),
    mark: 'azure',
    severity: 'error',
    target: '3',
  },
  {
    code: 'root-not-mapping',
    bad: '- version: 0.1\n',
    good: 'version: 0.1\nstorage: inmemory\nhttp:\n  secret: s\n',
    mark: '- version: 0.1',
    startOnly: true,
    severity: 'error',
  },
  { code: 'version-missing', bad: G.replace('version: 0.1\n', ''), good: G, mark: 'http', startOnly: true, severity: 'error', first: true },
  { code: 'version-unsupported', bad: G.replace('0.1', '1.0'), good: G, mark: '1.0', severity: 'error' },
  {
    code: 'storage-missing',
    bad: 'version: 0.1\nhttp:\n  secret: s\nstorage:\n  delete:\n    enabled: true\n',
    good: 'version: 0.1\nhttp:\n  secret: s\nstorage:\n  inmemory:\n  delete:\n    enabled: true\n',
    mark: 'storage',
    severity: 'error',
    first: true,
  },
  { code: 'storage-driver-count', bad: G + '  inmemory:\n', good: G, mark: 'inmemory', severity: 'error' },
  { code: 'storage-driver-unknown', bad: G.replace('filesystem:', 'Filesystem:'), good: G, mark: 'Filesystem', severity: 'error' },
  {
    code: 'storage-driver-build',
    bad: withStorage('  gcs:\n    bucket: b\n'),
    good: withStorage('  s3:\n    region: us-east-1\n    bucket: b\n'),
    mark: 'gcs',
    severity: 'warning',
    target: '2.8',
  },
  { code: 'filesystem-rootdirectory', bad: withStorage('  filesystem:\n    maxthreads: 100\n'), good: G, mark: 'filesystem', severity: 'warning' },
  { code: 'filesystem-maxthreads', bad: G + '    maxthreads: true\n', good: G + '    maxthreads: 50\n', mark: 'true', severity: 'error' },
  {
    code: 's3-param',
    bad: withStorage('  s3:\n    region: us-east-1\n    bucket: b\n    chunksize: 1024\n'),
    good: withStorage('  s3:\n    region: us-east-1\n    bucket: b\n    chunksize: 5242880\n'),
    mark: '1024',
    severity: 'error',
  },
  {
    code: 'uploadpurging',
    bad: G + '  maintenance:\n    uploadpurging:\n      enabled: true\n',
    good: G + '  maintenance:\n    uploadpurging:\n      enabled: false\n',
    mark: 'uploadpurging',
    severity: 'error',
  },
  {
    code: 'readonly',
    bad: G + '  maintenance:\n    readonly:\n      enabled: "yes"\n',
    good: G + '  maintenance:\n    readonly:\n      enabled: yes\n',
    mark: '"yes"',
    severity: 'error',
  },
  { code: 'redirect-disable', bad: G + '  redirect:\n    disabled: true\n', good: G + '  redirect:\n    disable: true\n', mark: 'redirect', severity: 'error' },
  {
    code: 'cache-redis-missing',
    bad: G + '  cache:\n    blobdescriptor: redis\n',
    good: G + '  cache:\n    blobdescriptor: redis\nredis:\n  addr: localhost:6379\n',
    mark: 'redis',
    severity: 'error',
    target: '2.8',
  },
  {
    code: 'auth-type-count',
    bad: G + 'auth:\n  silly:\n    realm: a\n    service: b\n  htpasswd:\n    realm: a\n    path: /p\n',
    good: G + 'auth:\n  htpasswd:\n    realm: a\n    path: /p\n',
    mark: 'htpasswd',
    severity: 'error',
  },
  {
    code: 'auth-unknown',
    bad: G + 'auth:\n  htpasswrd:\n    realm: a\n',
    good: G + 'auth:\n  htpasswd:\n    realm: a\n    path: /p\n',
    mark: 'htpasswrd',
    severity: 'error',
  },
  {
    code: 'auth-required',
    bad: G + 'auth:\n  htpasswd:\n    realm: a\n',
    good: G + 'auth:\n  htpasswd:\n    realm: a\n    path: /p\n',
    mark: 'htpasswd',
    severity: 'error',
  },
  {
    code: 'auth-silly',
    bad: G + 'auth:\n  silly:\n    realm: a\n    service: b\n',
    good: G + 'auth:\n  htpasswd:\n    realm: a\n    path: /p\n',
    mark: 'silly',
    severity: 'warning',
  },
  {
    code: 'tls-key-missing',
    bad: TLS('    certificate: /c.pem\n'),
    good: TLS('    certificate: /c.pem\n    key: /k.pem\n'),
    mark: 'certificate',
    severity: 'error',
  },
  { code: 'tls-key-unused', bad: TLS('    key: /k.pem\n'), good: TLS('    certificate: /c.pem\n    key: /k.pem\n'), mark: 'key', severity: 'warning' },
  {
    code: 'tls-letsencrypt-conflict',
    bad: TLS('    certificate: /c.pem\n    key: /k.pem\n    letsencrypt:\n      cachefile: /le\n      hosts: [a.example]\n'),
    good: TLS('    letsencrypt:\n      cachefile: /le\n      hosts: [a.example]\n'),
    mark: 'letsencrypt',
    severity: 'error',
  },
  {
    code: 'tls-minimumtls',
    bad: TLS('    certificate: /c.pem\n    key: /k.pem\n    minimumtls: tls1.1\n'),
    good: TLS('    certificate: /c.pem\n    key: /k.pem\n    minimumtls: tls1.2\n'),
    mark: 'tls1.1',
    severity: 'error',
    target: '3',
  },
  {
    code: 'tls-cipher',
    bad: TLS('    certificate: /c.pem\n    key: /k.pem\n    ciphersuites: [TLS_RSA_WITH_RC4_128_SHA]\n'),
    good: TLS('    certificate: /c.pem\n    key: /k.pem\n    ciphersuites: [TLS_AES_128_GCM_SHA256]\n'),
    mark: 'TLS_RSA_WITH_RC4_128_SHA',
    severity: 'error',
    target: '3',
  },
  {
    code: 'tls-no-minimumtls',
    bad: TLS('    certificate: /c.pem\n    key: /k.pem\n'),
    good: TLS('    certificate: /c.pem\n    key: /k.pem\n    minimumtls: tls1.3\n'),
    mark: 'tls',
    severity: 'info',
  },
  {
    code: 'letsencrypt-hosts',
    bad: TLS('    letsencrypt:\n      cachefile: /le\n'),
    good: TLS('    letsencrypt:\n      cachefile: /le\n      hosts: [a.example]\n'),
    mark: 'letsencrypt',
    severity: 'warning',
  },
  {
    code: 'tls-clientcas-unused',
    bad: TLS('    clientcas: [/ca.pem]\n'),
    good: TLS('    certificate: /c.pem\n    key: /k.pem\n    clientcas: [/ca.pem]\n'),
    mark: 'clientcas',
    severity: 'warning',
  },
  { code: 'http-addr', bad: G.replace(':5000', 'localhost'), good: G.replace(':5000', 'localhost:5000'), mark: 'localhost', severity: 'error' },
  {
    code: 'http-host',
    bad: G.replace('secret: s', 'secret: s\n  host: http://[::1'),
    good: G.replace('secret: s', 'secret: s\n  host: http://[::1]:5000'),
    mark: 'http://[::1',
    severity: 'error',
  },
  { code: 'http-secret-missing', bad: G.replace('  secret: s\n', ''), good: G, mark: 'http', severity: 'warning', first: true },
  {
    code: 'redis-addr-version',
    bad: G + 'redis:\n  addrs: [localhost:6379]\n',
    good: G + 'redis:\n  addr: localhost:6379\n',
    mark: 'addrs',
    severity: 'warning',
    target: '2.8',
  },
  {
    code: 'middleware-disabled',
    bad: G + 'middleware:\n  storage:\n    - name: redirect\n      disabled: true\n      options:\n        baseurl: https://cdn.example\n',
    good: G + 'middleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: https://cdn.example\n',
    mark: 'disabled',
    severity: 'warning',
  },
  {
    code: 'middleware-unknown',
    bad: G + 'middleware:\n  storage:\n    - name: cdn\n',
    good: G + 'middleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: https://cdn.example\n',
    mark: 'cdn',
    severity: 'error',
  },
  {
    code: 'middleware-options',
    bad: G + 'middleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: cdn.example\n',
    good: G + 'middleware:\n  storage:\n    - name: redirect\n      options:\n        baseurl: https://cdn.example\n',
    mark: 'cdn.example',
    severity: 'error',
  },
  {
    code: 'notification-endpoint',
    bad: G + 'notifications:\n  endpoints:\n    - name: hook\n',
    good: G + 'notifications:\n  endpoints:\n    - name: hook\n      url: https://x.example/e\n',
    mark: 'name',
    severity: 'warning',
  },
  {
    code: 'validation-regexp',
    bad: G + "validation:\n  manifests:\n    urls:\n      allow: ['(x']\n",
    good: G + "validation:\n  manifests:\n    urls:\n      allow: ['(x)']\n",
    mark: "'(x'",
    severity: 'error',
  },
  { code: 'catalog-maxentries', bad: G + 'catalog:\n  maxentries: 0\n', good: G + 'catalog:\n  maxentries: 100\n', mark: '0', severity: 'info' },
  { code: 'tags-maxtags', bad: G + 'tags:\n  maxtags: -1\n', good: G + 'tags:\n  maxtags: 10\n', mark: '-1', severity: 'error', target: '3' },
  { code: 'log-hook-type', bad: G + 'log:\n  hooks:\n    - type: slack\n', good: G + 'log:\n  hooks:\n    - type: mail\n', mark: 'slack', severity: 'warning' },
  {
    code: 'proxy-remoteurl',
    bad: G + 'proxy:\n  remoteurl: "http://host:port"\n',
    good: G + 'proxy:\n  remoteurl: https://registry-1.docker.io\n',
    mark: '"http://host:port"',
    severity: 'error',
  },
];

const untestable = new Set(['internal-error']);
/** Codes with their own test files: hardening.test.ts (parsing and bounds), lint-runner.test.ts (worker), files/referenced-files.test.ts (files with real keys), rules/targets.test.ts (driver parameters per target). */
const testedElsewhere = new Set([
  'yaml-encoding',
  'yaml-merge',
  'yaml-alias-cycle',
  'lint-too-large',
  'lint-truncated',
  'lint-timeout',
  'lint-failed',
  'file-not-here',
  'file-invalid',
  'file-warning',
  'tls-key-mismatch',
  'swift-param',
  'gcs-credentials',
]);

for (const f of fixtures) {
  test(`rule ${f.code}: reported on the bad fixture at the exact range, not on the fixed one`, () => {
    const target = f.target ?? '2.8';
    const bad = lintConfig(f.bad, { target, env: f.env });
    const hits = bad.diagnostics.filter((d) => d.code === f.code);
    assert.ok(
      hits.length > 0,
      `expected ${f.code} in: ${JSON.stringify(
        bad.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.col} ${d.message}`),
        null,
        1,
      )}`,
    );
    const start = f.first ? f.bad.indexOf(f.mark) : f.bad.lastIndexOf(f.mark);
    assert.ok(start >= 0, 'mark not found in fixture');
    const hit = hits.find((d) => d.range.start.offset === (f.env && !f.keyRange ? 0 : start));
    assert.ok(hit, `${f.code} reported at ${hits.map((h) => h.range.start.offset)}, want offset ${start}`);
    if (!f.startOnly && (!f.env || f.keyRange)) assert.equal(hit.range.end.offset, start + f.mark.length, 'range end');
    if (f.severity) assert.equal(hit.severity, f.severity);
    const good = lintConfig(f.good, { target, env: f.goodEnv });
    assert.deepEqual(
      good.diagnostics.filter((d) => d.code === f.code).map((d) => d.message),
      [],
    );
  });
}

test('every diagnostic code has a fixture', () => {
  const tested = new Set(fixtures.map((f) => f.code));
  const missing = ruleCodes().filter((c) => !tested.has(c) && !untestable.has(c) && !testedElsewhere.has(c));
  assert.deepEqual(missing, []);
});

test('fixes turn bad fixtures into files without that diagnostic', () => {
  const cases: [string, string][] = [
    ['unknown-key', G + 'log:\n  levle: debug\n'],
    ['version-unsupported', G.replace('0.1', '1.0')],
    ['version-missing', G.replace('version: 0.1\n', '')],
    ['uploadpurging', G + '  maintenance:\n    uploadpurging:\n      enabled: true\n'],
    ['type-mismatch', G.replace('secret: s', 'secret: s\n  headers:\n    X-Frame-Options: DENY')],
    ['storage-driver-unknown', G.replace('filesystem:', 'filesytem:')],
    ['redirect-disable', G + '  redirect:\n    enabled: true\n'],
    ['http-secret-missing', G.replace('  secret: s\n', '')],
  ];
  for (const [code, text] of cases) {
    const d = lintConfig(text, { target: '2.8' }).diagnostics.find((x) => x.code === code);
    assert.ok(d?.fix, `${code} has a fix`);
    let out = text;
    for (const e of [...d.fix.edits].sort((a, b) => b.range.start.offset - a.range.start.offset))
      out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    const after = lintConfig(out, { target: '2.8' });
    assert.equal(
      after.diagnostics.filter((x) => x.code === code).length,
      0,
      `${code} fixed:\n${out}\n${JSON.stringify(after.diagnostics.map((x) => x.message))}`,
    );
    assert.ok(!after.diagnostics.some((x) => x.code === 'yaml-syntax'), `${code} fix keeps valid YAML:\n${out}`);
  }
});

test('did-you-mean fix renames a misspelled key to the schema key at that level', () => {
  const d = lintConfig(G + 'log:\n  formater: json\n', { target: '2.8' }).diagnostics.find((x) => x.code === 'unknown-key');
  assert.match(d!.message, /Did you mean formatter\?/);
  assert.equal(d!.fix!.edits[0].newText, 'formatter');
});
