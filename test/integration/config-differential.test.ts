// Differential test of the config linter against the real registry (Debian's
// docker-registry 2.8.2): every corpus config runs through `docker-registry serve` and
// through lintConfig(..., { target: '2.8-debian' }). A config the registry rejects (exit 1/2)
// must get at least one error; one it accepts (still running after ~1.5 s) must get none.
// The linter reads the files a config names (certificates, keys, htpasswd) like the CLI does.
// Every accepted config, migrated with --migrate 3.0/3.1, must lint clean for that target.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { lintConfig } from '@dockhand/shared/config';
import { nodeFileChecker } from '../../shared/src/config/files/node-file-checker';
import { localPortNames } from '../../shared/src/config/files/services';
import { migrateConfig } from '../../shared/src/config/migrate';
import { generateMutations, type CorpusCase } from '../fixtures/config-corpus/mutations';
import { tempDir, REGISTRY_BIN } from '../bed/index';

const CORPUS_DIR = join(import.meta.dirname, '../fixtures/config-corpus');
const PARALLEL = 3;
const ACCEPT_AFTER_MS = 1500;

interface Shared {
  base: string;
  cert: string;
  key: string;
  otherKey: string;
  rsaKey: string;
  htpasswd: string;
  upstream: string;
}
let shared: Shared;
let upstream: Server | undefined;

function loadCorpus(): CorpusCase[] {
  const files = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.yml'))
    .sort();
  const cases: CorpusCase[] = files.map((f) => {
    const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
    const env: Record<string, string> = {};
    for (const m of text.matchAll(/^# env: ([A-Za-z0-9_-]+)=(.*)$/gm)) env[m[1]] = m[2];
    return { name: f, text, env };
  });
  return [...cases, ...generateMutations()];
}

/** Docs examples name paths and hosts that do not exist here: map them to local ones. */
function materialize(s: string, dir: string): string {
  const docPaths: [string, string][] = [
    ['/var/lib/registry', '__ROOT__'],
    ['localhost:5000', '__ADDR__'],
    ['localhost:5001', '__DEBUGADDR__'],
    ['/path/to/x509/public', '__CERT__'],
    ['/path/to/x509/private', '__KEY__'],
    ['/path/to/another/ca.pem', '__CERT__'],
    ['/path/to/ca.pem', '__CERT__'],
    ['/path/to/htpasswd', '__HTPASSWD__'],
    ['/root/certs/bundle', '__CERT__'],
    ['/path/to/cache-file', '__DIR__/le-cache'],
    ['/path/to/checked/file', '__DIR__/health-file'],
    ['https://registry-1.docker.io', '__UPSTREAM__'],
    ['http://server.to.check/must/return/200', 'http://127.0.0.1:1/'],
    ['redis-server.domain.com:6379', '127.0.0.1:1'],
    ['localhost:6379', '127.0.0.1:1'],
    ['https://my.listener.com/event', 'http://127.0.0.1:1/event'],
    ['/path/to/pem', '__RSAKEY__'],
    ['/path/to/asecret.pem', '__RSAKEY__'],
  ];
  for (const [from, to] of docPaths) s = s.split(from).join(to);
  return s
    .split('__ROOT__')
    .join(join(dir, 'root'))
    .split('__DIR__')
    .join(dir)
    .split('__DEBUGADDR__')
    .join('127.0.0.1:0')
    .split('__ADDR__')
    .join('127.0.0.1:0')
    .split('__CERT__')
    .join(shared.cert)
    .split('__KEY__')
    .join(shared.key)
    .split('__OTHERKEY__')
    .join(shared.otherKey)
    .split('__RSAKEY__')
    .join(shared.rsaKey)
    .split('__HTPASSWD__')
    .join(shared.htpasswd)
    .split('__UPSTREAM__')
    .join(shared.upstream);
}

interface RunResult {
  accepted: boolean;
  code: number | null;
  output: string;
}

/** Configs with a cloud driver run in their own network namespace with only loopback up (test-environment.md). */
const CLOUD_DRIVER = /^\s+(s3|s3aws|gcs|azure|swift|oss):/m;

function serve(configPath: string, cwd: string, env: Record<string, string>, acceptAfterMs = ACCEPT_AFTER_MS, isolate = false): Promise<RunResult> {
  return new Promise((resolve) => {
    const [cmd, args] = isolate
      ? ['unshare', ['-n', 'sh', '-c', 'ip link set lo up && exec "$0" serve "$1"', REGISTRY_BIN, configPath]]
      : [REGISTRY_BIN, ['serve', configPath]];
    const child = spawn(cmd, args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const onData = (b: Buffer) => {
      if (output.length < 20000) output += b.toString();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const finish = (r: RunResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(r);
    };
    const timer = setTimeout(() => finish({ accepted: true, code: null, output }), acceptAfterMs);
    child.on('exit', (code) => finish({ accepted: false, code, output }));
    child.on('error', (err) => finish({ accepted: false, code: -1, output: String(err) }));
  });
}

async function pool<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

before(async () => {
  const base = tempDir('dockhand-config-diff-');
  const cert = join(base, 'cert.pem');
  const key = join(base, 'key.pem');
  const rsaKey = join(base, 'rsa.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '30', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], {
    stdio: 'ignore',
  });
  execFileSync('openssl', ['genrsa', '-traditional', '-out', rsaKey, '2048'], { stdio: 'ignore' });
  const otherKey = join(base, 'other-key.pem');
  execFileSync('openssl', ['genrsa', '-out', otherKey, '2048'], { stdio: 'ignore' });
  const htpasswd = join(base, 'htpasswd');
  execFileSync('htpasswd', ['-Bbc', htpasswd, 'user', 'pass'], { stdio: 'ignore' });
  upstream = createServer((_req, res) => {
    res.writeHead(200, { 'Docker-Distribution-Api-Version': 'registry/2.0' });
    res.end('{}');
  });
  await new Promise<void>((r) => upstream!.listen(0, '127.0.0.1', () => r()));
  const port = (upstream.address() as { port: number }).port;
  shared = { base, cert, key, otherKey, rsaKey, htpasswd, upstream: `http://127.0.0.1:${port}` };
});

after(async () => {
  await new Promise<void>((r) => (upstream ? upstream.close(() => r()) : r()));
});

test('config differential: the linter (target 2.8-debian) agrees with docker-registry serve on the whole corpus', { timeout: 1_500_000 }, async () => {
  const cases = loadCorpus();
  assert.ok(cases.length >= 150, `corpus has ${cases.length} configs, want at least 150`);
  const results = await pool(cases, PARALLEL, async (c, i) => {
    const dir = join(shared.base, `case-${i}`);
    mkdirSync(join(dir, 'root'), { recursive: true });
    const text = materialize(c.text, dir);
    const env = Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, materialize(v, dir)]));
    const cfg = join(dir, 'config.yml');
    writeFileSync(cfg, text);
    const lint = lintConfig(text, { target: '2.8-debian', env, fileName: c.name, files: nodeFileChecker({ baseDir: dir }), portNames: localPortNames() });
    const errors = lint.diagnostics.filter((d) => d.severity === 'error');
    const isolate = CLOUD_DRIVER.test(text) || Object.keys(env).some((k) => /^REGISTRY_STORAGE_(S3|GCS|AZURE|SWIFT|OSS)/.test(k));
    let run = await serve(cfg, dir, env, ACCEPT_AFTER_MS, isolate);
    // On a loaded machine a refusal can come late: before calling it a disagreement, wait longer.
    if (run.accepted && errors.length) run = await serve(cfg, dir, env, 8000, isolate);
    return { c, run, errors, agree: run.accepted === (errors.length === 0) };
  });
  const agree = results.filter((r) => r.agree).length;
  const rejected = results.filter((r) => !r.run.accepted).length;
  console.log(
    `config differential: ${agree}/${results.length} agree (${((100 * agree) / results.length).toFixed(1)}%); registry rejected ${rejected}, accepted ${results.length - rejected}`,
  );
  const bad = results.filter((r) => !r.agree);
  for (const r of bad) {
    const why = r.run.output.split('\n').find((l) => /configuration error|panic:|fatal|level=error/.test(l)) ?? r.run.output.split('\n').slice(-3).join(' | ');
    console.log(
      `  DISAGREE ${r.c.name}: registry ${r.run.accepted ? 'accepted' : `rejected (exit ${r.run.code}): ${why.slice(0, 300)}`}; linter errors: ${r.errors.map((e) => `${e.code} ${e.message}`).join(' / ') || 'none'}`,
    );
  }
  const crashed = results.filter((r) => lintConfig(materialize(r.c.text, '/tmp/x'), { target: '2.8' }).diagnostics.some((d) => d.code === 'internal-error'));
  assert.deepEqual(
    crashed.map((r) => r.c.name),
    [],
    'the linter must not fail internally on any corpus file',
  );
  // --migrate: every config the registry accepted lints clean for 3.0 and 3.1 once migrated
  // (configs set through variables are left out: the variables are the environment's to rename).
  const migrated = results.filter((r) => r.run.accepted && !Object.keys(r.c.env).length);
  const unmigrated: string[] = [];
  for (const r of migrated) {
    const text = materialize(r.c.text, '/tmp/x');
    for (const to of ['3.0', '3.1'] as const) {
      const m = migrateConfig(text, to);
      const errors = lintConfig(m.text, { target: to }).diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) unmigrated.push(`${r.c.name} -> ${to}: ${errors.map((e) => `${e.code} ${e.message}`).join(' / ')}`);
    }
  }
  console.log(`config migrate: ${migrated.length} accepted configs migrated to 3.0 and 3.1, ${unmigrated.length} with errors left`);
  assert.ok(migrated.length > 150, `${migrated.length} accepted configs`);
  assert.deepEqual(unmigrated, []);
  assert.equal(bad.length, 0, `${bad.length} configs where the linter and the registry disagree`);
});
