// `dockhand lint` end to end through the built CLI: text and JSON output, exit codes,
// --target and --env-file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
  writeFileSync(join(dir, 'bad.yml'), 'version: 0.1\nhttp:\n  addr: :5000\n  headers:\n    X-Frame-Options: DENY\nstorage:\n  filesystem:\n    rootdirectory: /r\nlog:\n  levle: debug\n');
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
  assert.ok(lines.some((l) => l.startsWith('bad.yml:5:22 error type-mismatch ')), r.out);
  assert.ok(lines.some((l) => l.startsWith('bad.yml:10:3 warning unknown-key ') && l.includes('Did you mean level?')), r.out);
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
  assert.ok(json[0].diagnostics.some((d: { code: string; message: string }) => d.code === 'storage-driver-count' && d.message.includes('REGISTRY_STORAGE_S3_REGION')));
});

test('usage errors exit 2; a missing file exits 1', () => {
  assert.equal(dockhand('lint').code, 2);
  assert.equal(dockhand('lint', 'good.yml', '--target', '4').code, 2);
  const r = dockhand('lint', 'nope.yml');
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot read nope\.yml/);
});
