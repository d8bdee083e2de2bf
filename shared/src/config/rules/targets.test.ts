// Targets and driver checks traced to distribution's source (issue 16, items 2-4): the exact
// release ('2.8', '2.8-debian', '3.0', '3.1'), the s3 region lists of each build, v4auth,
// storage classes, s3aws in 3.x, swift and gcs parameters, listen port names, remoteurl.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintConfig } from '../lint';
import type { TargetName } from '../types';

const BASE = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\n';
const s3 = (params: string) => `${BASE}storage:\n  s3:\n    bucket: b\n${params}`;
function hits(text: string, target: TargetName | 'auto', code: string, opts: { portNames?: string[] } = {}) {
  return lintConfig(text, { target, ...opts })
    .diagnostics.filter((d) => d.code === code)
    .map((d) => `${d.severity}: ${d.message}`);
}
const sev = (text: string, target: TargetName | 'auto', code: string, opts: { portNames?: string[] } = {}) =>
  hits(text, target, code, opts).map((h) => h.split(':')[0]);

test("s3 regions: each build's own list (upstream 2.8: aws-sdk-go 1.15.11; Debian 2.8.2 as seen; 3.x: 1.55.5)", () => {
  const r = (region: string) => s3(`    region: ${region}\n`);
  assert.deepEqual(sev(r('ca-west-1'), '2.8', 's3-param'), ['error']);
  assert.deepEqual(sev(r('ca-west-1'), '2.8-debian', 's3-param'), ['error']);
  assert.deepEqual(sev(r('ca-west-1'), '3.0', 's3-param'), []);
  assert.deepEqual(sev(r('af-south-1'), '2.8', 's3-param'), ['warning']);
  assert.deepEqual(sev(r('af-south-1'), '2.8-debian', 's3-param'), []);
  assert.deepEqual(sev(r('mars-north-1'), '3.1', 's3-param'), ['error']);
  assert.deepEqual(sev(s3('    region: mars-north-1\n    regionendpoint: http://minio:9000\n'), '3.1', 's3-param'), []);
});

test('s3 v4auth false on AWS (no regionendpoint, or one on s3.amazonaws.com) stops 2.8 and 3.x', () => {
  for (const t of ['2.8', '3.0', '3.1'] as const) {
    assert.deepEqual(sev(s3('    region: us-east-1\n    v4auth: false\n'), t, 's3-param'), ['error'], t);
    assert.deepEqual(sev(s3('    region: us-east-1\n    v4auth: false\n    regionendpoint: https://s3.amazonaws.com\n'), t, 's3-param'), ['error'], t);
    assert.deepEqual(sev(s3('    region: us-east-1\n    v4auth: false\n    regionendpoint: http://minio:9000\n'), t, 's3-param'), [], t);
  }
});

test('storage classes per release: EXPRESS_ONEZONE only from 3.1.1; s3aws is still a 3.x driver', () => {
  const sc = s3('    region: us-east-1\n    storageclass: EXPRESS_ONEZONE\n');
  assert.deepEqual(sev(sc, '3.0', 's3-param'), ['error']);
  assert.deepEqual(sev(sc, '3.1', 's3-param'), []);
  assert.deepEqual(sev(sc, '3', 's3-param'), []);
  const alias = `${BASE}storage:\n  s3aws:\n    bucket: b\n    region: us-east-1\n`;
  assert.deepEqual(
    lintConfig(alias, { target: '3.0' }).diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
});

test('drivers a build lacks: a warning for 2.8, an error for 2.8-debian (option or comment)', () => {
  const gcs = `${BASE}storage:\n  gcs:\n    bucket: b\n`;
  assert.deepEqual(sev(gcs, '2.8', 'storage-driver-build'), ['warning']);
  assert.deepEqual(sev(gcs, '2.8-debian', 'storage-driver-build'), ['error']);
  const r = lintConfig(`# dockhand-target: 2.8-debian\n${gcs}`);
  assert.equal(r.target, '2.8-debian');
  assert.equal(r.version, '2.8');
  assert.deepEqual(
    r.diagnostics.filter((d) => d.code === 'storage-driver-build').map((d) => d.severity),
    ['error'],
  );
  assert.equal(lintConfig(`# dockhand-target: 3.0\n${gcs}`).target, '3.0');
  assert.equal(lintConfig(gcs, { target: '3' }).target, '3.1');
});

test('swift (2.8): bools and ints must be real YAML bools and ints; chunksize at least 1 MiB', () => {
  const sw = (extra: string) => `${BASE}storage:\n  swift:\n    username: u\n    password: p\n    authurl: https://keystone/v3\n    container: c\n${extra}`;
  assert.deepEqual(sev(sw('    insecureskipverify: "true"\n'), '2.8', 'swift-param'), ['error']);
  assert.deepEqual(sev(sw('    chunksize: 1024\n'), '2.8', 'swift-param'), ['error']);
  assert.deepEqual(sev(sw('    authversion: "3"\n'), '2.8', 'swift-param'), ['error']);
  assert.deepEqual(sev(sw('    insecureskipverify: true\n    chunksize: 5242880\n    authversion: 3\n    tenantid: 123\n'), '2.8', 'swift-param'), []);
  assert.deepEqual(sev(sw('    chunksize: 1024\n'), '2.8', 'below-minimum'), [], 'one diagnostic, from the rule');
});

test('gcs inline credentials must be a service_account mapping', () => {
  const g = (cred: string) => `${BASE}storage:\n  gcs:\n    bucket: b\n    credentials:${cred}`;
  assert.deepEqual(sev(g(' oops\n'), '3.1', 'gcs-credentials'), ['error']);
  assert.deepEqual(sev(g('\n      type: authorized_user\n'), '3.1', 'gcs-credentials'), ['error']);
  assert.deepEqual(sev(g('\n      type: service_account\n      private_key: k\n      client_email: a@b\n'), '3.1', 'gcs-credentials'), []);
});

test("listen port names: Go's built-in names pass; others are decided by /etc/services when known", () => {
  const a = (addr: string) => BASE.replace(':5000', `"${addr}"`) + 'storage: inmemory\n';
  assert.deepEqual(sev(a(':http'), '2.8', 'http-addr', { portNames: [] }), []);
  assert.deepEqual(sev(a('127.0.0.1:HTTPS'), '2.8', 'http-addr', { portNames: [] }), []);
  assert.deepEqual(sev(a(':notaport'), '2.8', 'http-addr', { portNames: ['domain'] }), ['error']);
  assert.deepEqual(sev(a(':domain'), '2.8', 'http-addr', { portNames: ['domain'] }), []);
  assert.deepEqual(sev(a(':notaport'), '2.8', 'http-addr'), ['warning']);
  const dbg = `${BASE}  debug:\n    addr: ":nosuchport"\nstorage: inmemory\n`;
  assert.deepEqual(sev(dbg, '3.1', 'http-addr', { portNames: [] }), ['error']);
});

test('proxy.remoteurl: no scheme or a scheme other than http(s) stops the registry (unsupported protocol scheme)', () => {
  const p = (u: string) => `${BASE}storage: inmemory\nproxy:\n  remoteurl: "${u}"\n`;
  assert.deepEqual(sev(p('registry-1.docker.io'), '2.8', 'proxy-remoteurl'), ['error']);
  assert.deepEqual(sev(p('registry.example.com:443'), '3.1', 'proxy-remoteurl'), ['error']);
  assert.deepEqual(sev(p('ftp://mirror.example.com'), '3.1', 'proxy-remoteurl'), ['error']);
  assert.deepEqual(sev(p('https://registry-1.docker.io'), '3.1', 'proxy-remoteurl'), []);
  const fix = lintConfig(p('registry-1.docker.io'), { target: '2.8' }).diagnostics.find((d) => d.code === 'proxy-remoteurl')?.fix;
  assert.equal(fix?.edits[0].newText, 'https://registry-1.docker.io');
});

test('3.0 and 3.1 as configuration.go reads them: redis addrs only, go-redis options in both, clientcas -> rootcas, no remotenamespace', () => {
  const cache = `${BASE}storage:\n  inmemory:\n  cache:\n    blobdescriptor: redis\nredis:\n  addr: r:6379\n`;
  assert.deepEqual(sev(cache, '3.0', 'cache-redis-missing'), ['error']);
  assert.deepEqual(sev(cache, '2.8', 'cache-redis-missing'), []);
  const r = (body: string) => `${BASE}storage: inmemory\nredis:\n  addrs: [r:6379]\n${body}`;
  assert.deepEqual(hits(r('  pool:\n    maxidle: 1\n'), '3.0', 'key-not-in-version').length, 1);
  assert.deepEqual(hits(r('  poolsize: 10\n  clientname: reg\n  mastername: m\n'), '3.0', 'key-not-in-version'), []);
  assert.deepEqual(hits(r('  tls:\n    clientcas: [/ca]\n'), '3.0', 'key-not-in-version'), []);
  assert.equal(hits(r('  tls:\n    clientcas: [/ca]\n'), '3.1', 'key-not-in-version').length, 1);
  assert.equal(hits(r('  tls:\n    rootcas: [/ca]\n'), '3.0', 'key-not-in-version').length, 1);
  assert.equal(hits(r('  tls:\n    enabled: true\n'), '3.1', 'unknown-key').length, 1);
  assert.deepEqual(sev(r('  dialtimeout: 500\n'), '3.0', 'redis-duration-30'), ['error']);
  assert.deepEqual(sev(r('  dialtimeout: 500\n'), '3.1', 'redis-duration-30'), []);
  assert.equal(hits(`${BASE}storage: inmemory\nproxy:\n  remoteurl: https://r\n  remotenamespace: library\n`, '3.1', 'unknown-key').length, 1);
});

test('silent no-ops in 3.x are warnings', () => {
  const w = (t: string) => sev(t, '3.1', 'silent-no-op');
  assert.deepEqual(w(`${BASE}  debug:\n    prometheus:\n      enabled: true\nstorage: inmemory\n`), ['warning']);
  assert.deepEqual(w(`${BASE}  debug:\n    addr: :5001\n    prometheus:\n      enabled: true\nstorage: inmemory\n`), []);
  assert.deepEqual(w(`${BASE}storage: inmemory\nproxy:\n  remoteurl: https://r\n  username: u\n  exec:\n    command: helper\n`), ['warning']);
  assert.deepEqual(
    w(`${BASE}  tls:\n    certificate: /c\n    key: /k\n    minimumtls: tls1.3\n    ciphersuites: [TLS_AES_128_GCM_SHA256]\nstorage: inmemory\n`),
    ['warning'],
  );
});
