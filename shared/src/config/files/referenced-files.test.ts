// The files a config names, checked with real certificates and keys made by openssl in the
// test (issue 16, item 1). The registry's messages for each case were seen with Debian's
// docker-registry 2.8.2 (the differential corpus has the same cases as files-*.yml).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintConfig } from '../index';
import { nodeFileChecker } from './node-file-checker';
import { composeMounts } from './compose-mounts';

let dir: string;
const f = (name: string) => join(dir, name);
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dockhand-files-'));
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', '/CN=t', '-keyout', f('key.pem'), '-out', f('cert.pem')],
    { stdio: 'ignore' },
  );
  execFileSync('openssl', ['genrsa', '-out', f('other.pem'), '2048'], { stdio: 'ignore' });
  execFileSync('openssl', ['genrsa', '-traditional', '-out', f('rsa.pem'), '2048'], { stdio: 'ignore' });
  execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', f('ec.pem')], { stdio: 'ignore' });
  execFileSync('htpasswd', ['-Bbc', f('htpasswd'), 'alice', 'pw'], { stdio: 'ignore' });
  execFileSync('htpasswd', ['-mbc', f('htpasswd-md5'), 'bob', 'pw'], { stdio: 'ignore' });
  writeFileSync(f('garbage.txt'), 'not a pem\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

const BASE = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\n';
const STORAGE = 'storage:\n  filesystem:\n    rootdirectory: /r\n';
const tls = (cert: string, key: string, extra = '') => `${BASE}  tls:\n    certificate: ${cert}\n    key: ${key}\n    minimumtls: tls1.2\n${extra}${STORAGE}`;
function lint(text: string, target: '2.8' | '3' = '2.8', mounts = [] as { container: string; host: string }[]) {
  return lintConfig(text, { target, files: nodeFileChecker({ baseDir: dir, mounts }) }).diagnostics.filter(
    (d) => d.code.startsWith('file-') || d.code === 'tls-key-mismatch',
  );
}
const brief = (ds: { code: string; severity: string; message: string }[]) => ds.map((d) => `${d.severity} ${d.code}: ${d.message}`);

test('a TLS certificate with its own key passes; a relative path is read beside the config', () => {
  assert.deepEqual(brief(lint(tls(f('cert.pem'), 'key.pem'))), []);
  assert.deepEqual(brief(lint(tls(f('cert.pem'), f('key.pem')), '3')), []);
});

test('certificate and key swapped: the registry\'s "PEM inputs may have been switched"', () => {
  const ds = lint(tls(f('key.pem'), f('cert.pem')));
  assert.ok(
    ds.some((d) => d.code === 'file-invalid' && d.severity === 'error' && /may have been switched/.test(d.message)),
    brief(ds).join('\n'),
  );
  assert.ok(
    ds.some((d) => /found a certificate rather than a key/.test(d.message)),
    brief(ds).join('\n'),
  );
});

test('a key of another certificate: private key does not match public key', () => {
  const ds = lint(tls(f('cert.pem'), f('other.pem')));
  assert.deepEqual(
    ds.map((d) => d.code),
    ['tls-key-mismatch'],
  );
  assert.equal(ds[0].severity, 'error');
});

test('not PEM at all, and an unreadable (directory) path', () => {
  assert.match(lint(tls(f('garbage.txt'), f('key.pem')))[0]?.message ?? '', /failed to find any PEM data in certificate input/);
  assert.match(lint(tls(f('cert.pem'), dir))[0]?.message ?? '', /cannot be read \(EISDIR\)/);
});

test('clientcas and the token rootcertbundle must hold certificates, not keys', () => {
  const cas = lint(tls(f('cert.pem'), f('key.pem'), `    clientcas: [${f('cert.pem')}, ${f('key.pem')}]\n`));
  assert.equal(cas.length, 1, brief(cas).join('\n'));
  assert.match(cas[0].message, /http\.tls\.clientcas .*key\.pem: holds a private key, not a certificate/);
  const token = (bundle: string) =>
    `${BASE}${STORAGE}auth:\n  token:\n    realm: https://auth.example.com/token\n    service: registry\n    issuer: issuer\n    rootcertbundle: ${bundle}\n`;
  assert.match(lint(token(f('key.pem')))[0]?.message ?? '', /auth\.token\.rootcertbundle .*holds a private key/);
  assert.deepEqual(lint(token(f('cert.pem'))), []);
});

test('cloudfront wants a PKCS#1 RSA key; the schema1 signing key an RSA or EC private key (2.8)', () => {
  const cf = (key: string) =>
    `${BASE}${STORAGE}middleware:\n  storage:\n    - name: cloudfront\n      options:\n        baseurl: https://d1.cloudfront.net/\n        privatekey: ${key}\n        keypairid: K\n`;
  assert.match(lint(cf(f('key.pem')))[0]?.message ?? '', /PKCS#8, but cloudfront needs a PKCS#1 RSA key/);
  assert.deepEqual(lint(cf(f('rsa.pem'))), []);
  const s1 = (key: string) => `${BASE}${STORAGE}compatibility:\n  schema1:\n    signingkeyfile: ${key}\n`;
  assert.match(lint(s1(f('cert.pem')))[0]?.message ?? '', /unable to get PrivateKey from PEM type: CERTIFICATE/);
  assert.match(lint(s1(f('key.pem')))[0]?.message ?? '', /PEM type: PRIVATE KEY/);
  assert.deepEqual(lint(s1(f('rsa.pem'))), []);
  assert.deepEqual(lint(s1(f('ec.pem'))), []);
});

test('htpasswd: bcrypt passes, an MD5 entry is a warning (that user cannot log in)', () => {
  const h = (p: string) => `${BASE}${STORAGE}auth:\n  htpasswd:\n    realm: r\n    path: ${p}\n`;
  assert.deepEqual(lint(h(f('htpasswd'))), []);
  const md5 = lint(h(f('htpasswd-md5')));
  assert.equal(md5[0]?.severity, 'warning');
  assert.match(md5[0].message, /1 user\(s\) without a bcrypt hash \(bob\)/);
});

test('a path that does not exist here is information (maybe a container path); a compose bind mount maps it', () => {
  const missing = lint(tls('/certs/domain.crt', '/certs/domain.key'));
  assert.deepEqual(
    missing.map((d) => `${d.severity} ${d.code}`),
    ['info file-not-here', 'info file-not-here'],
  );
  const sub = join(dir, 'certs');
  mkdirSync(sub, { recursive: true });
  execFileSync('cp', [f('key.pem'), join(sub, 'domain.crt')]);
  execFileSync('cp', [f('cert.pem'), join(sub, 'domain.key')]);
  const mounts = composeMounts('services:\n  registry:\n    image: registry:2\n    volumes:\n      - ./certs:/certs:ro\n      - data:/var/lib/registry\n', dir);
  assert.deepEqual(mounts, [{ container: '/certs', host: sub }]);
  const mapped = lint(tls('/certs/domain.crt', '/certs/domain.key'), '2.8', mounts);
  assert.ok(
    mapped.some((d) => d.code === 'file-invalid' && /read here as .*certs\/domain\.crt.*may have been switched/.test(d.message)),
    brief(mapped).join('\n'),
  );
  const long = composeMounts('services:\n  r:\n    volumes:\n      - {type: bind, source: /srv/certs, target: /certs/}\n', dir);
  assert.deepEqual(long, [{ container: '/certs', host: '/srv/certs' }]);
});

test('without a file checker (pure use) nothing is read', () => {
  assert.deepEqual(
    lintConfig(tls(f('key.pem'), f('cert.pem')), { target: '2.8' }).diagnostics.filter((d) => d.code.startsWith('file-')),
    [],
  );
});
