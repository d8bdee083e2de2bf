// `dockhand lint` end to end through the built CLI: text and JSON output, exit codes,
// --target and --env-file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../bed/index';

const root = join(import.meta.dirname, '../..');
let dir: string;

function dockhand(...args: string[]) {
  // Run from the repo (tsx resolves there); files are named relative to `dir` via their absolute paths.
  const abs = args.map((a) => (/\.(ya?ml|env)$/.test(a) ? join(dir, a) : a));
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'shared/src/cli/entry.ts'), ...abs], { encoding: 'utf8', cwd: root });
  const rel = (s: string) => s.split(dir + '/').join('');
  return { code: r.status, out: rel(r.stdout), err: rel(r.stderr) };
}

before(() => {
  dir = tempDir('dockhand-lint-cli-');
  writeFileSync(join(dir, 'good.yml'), 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n');
  writeFileSync(
    join(dir, 'bad.yml'),
    'version: 0.1\nhttp:\n  addr: :5000\n  headers:\n    X-Frame-Options: DENY\nstorage:\n  filesystem:\n    rootdirectory: /r\nlog:\n  levle: debug\n',
  );
  writeFileSync(join(dir, 'v3.yml'), 'version: 0.1\nhttp:\n  secret: s\nstorage:\n  inmemory:\n  tag:\n    concurrencylimit: 4\n');
  writeFileSync(join(dir, 'registry.env'), 'REGISTRY_STORAGE_S3_REGION=us-east-1\n');
});

test('a clean file exits 0 with no output', () => {
  const r = dockhand('lint', 'good.yml', '--target', '2.8');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
});

test('errors exit 1; text lines are file:line:col severity code message (1-based)', () => {
  const r = dockhand('lint', 'bad.yml', 'good.yml', '--target', '2.8');
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.ok(
    lines.some((l) => l.startsWith('bad.yml:5:22 error type-mismatch ')),
    r.out,
  );
  assert.ok(
    lines.some((l) => l.startsWith('bad.yml:10:3 warning unknown-key ') && l.includes('Did you mean level?')),
    r.out,
  );
  assert.ok(!lines.some((l) => l.startsWith('good.yml')));
});

test('--target picks the version: a storage.tag block is a second driver only in 2.8', () => {
  assert.equal(dockhand('lint', 'v3.yml', '--target', '3').code, 0);
  const r = dockhand('lint', 'v3.yml', '--target', '2.8');
  assert.equal(r.code, 1);
  assert.match(r.out, /storage-driver-count/);
});

test('--env-file lints the effective configuration; --format json', () => {
  const r = dockhand('lint', 'good.yml', '--target', '2.8', '--env-file', 'registry.env', '--format', 'json');
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.equal(json[0].file, 'good.yml');
  assert.equal(json[0].version, '2.8');
  assert.ok(
    json[0].diagnostics.some((d: { code: string; message: string }) => d.code === 'storage-driver-count' && d.message.includes('REGISTRY_STORAGE_S3_REGION')),
  );
});

test('usage errors exit 2; a missing file exits 1', () => {
  assert.equal(dockhand('lint').code, 2);
  assert.equal(dockhand('lint', 'good.yml', '--target', '4').code, 2);
  const r = dockhand('lint', 'nope.yml');
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot read nope\.yml/);
});

test('bytes as the registry reads them: UTF-16 with BOM passes, invalid UTF-8 is an error; a file over the cap is refused (issue 14)', () => {
  const good = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n';
  writeFileSync(join(dir, 'utf16.yml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]));
  assert.equal(dockhand('lint', 'utf16.yml', '--target', '2.8').code, 0);
  writeFileSync(join(dir, 'latin1.yml'), Buffer.concat([Buffer.from(good + '# caf'), Buffer.from([0xe9, 0x0a])]));
  const r = dockhand('lint', 'latin1.yml', '--target', '2.8');
  assert.equal(r.code, 1);
  assert.match(r.out, /latin1\.yml:8:6 error yaml-encoding yaml: incomplete UTF-8 octet sequence/);
  writeFileSync(join(dir, 'huge.yml'), good + '#'.repeat(9 * 1024 * 1024) + '\n');
  const huge = dockhand('lint', 'huge.yml');
  assert.equal(huge.code, 1);
  assert.match(huge.err, /cannot read .*huge\.yml: .*Dockhand reads at most/);
});

test('the files a config names are checked from the CLI; --target 2.8-debian; --migrate 3.1 (issue 16)', () => {
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=t', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')],
    { stdio: 'ignore' },
  );
  writeFileSync(
    join(dir, 'swapped.yml'),
    `version: 0.1\nhttp:\n  addr: :5000\n  secret: s\n  tls:\n    certificate: ${join(dir, 'k.pem')}\n    key: ${join(dir, 'c.pem')}\n    minimumtls: tls1.2\nstorage: inmemory\n`,
  );
  const r = dockhand('lint', 'swapped.yml', '--target', '3.1');
  assert.equal(r.code, 1);
  assert.match(r.out, /error file-invalid http\.tls\.certificate .*PEM inputs may have been switched/);
  assert.equal(dockhand('lint', 'swapped.yml', '--target', '3.1', '--no-files').code, 0);
  writeFileSync(join(dir, 'gcs.yml'), 'version: 0.1\nhttp:\n  secret: s\nstorage:\n  gcs:\n    bucket: b\n');
  assert.equal(dockhand('lint', 'gcs.yml', '--target', '2.8').code, 0);
  const deb = dockhand('lint', 'gcs.yml', '--target', '2.8-debian');
  assert.equal(deb.code, 1);
  assert.match(deb.out, /error storage-driver-build Debian's docker-registry 2\.8\.2 has no gcs driver/);
  writeFileSync(
    join(dir, 'old.yml'),
    'version: 0.1\nhttp:\n  secret: s\nstorage:\n  inmemory:\n  cache:\n    blobdescriptor: redis\nredis:\n  addr: redis:6379 # the cache\n',
  );
  assert.equal(dockhand('lint', 'old.yml', '--target', '3.1').code, 1);
  const m = dockhand('lint', '--migrate', '3.1', 'old.yml');
  assert.equal(m.code, 0, m.err);
  assert.match(m.out, /# dockhand migrate: redis\.addr -> addrs[^\n]*\n {2}addrs: \[redis:6379\] # the cache\n/);
  assert.match(m.err, /change\(s\) for registry 3\.1\./);
  assert.equal(dockhand('lint', '--migrate', '4', 'old.yml').code, 2);
});
