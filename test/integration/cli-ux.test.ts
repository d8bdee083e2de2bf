// The `dockhand` CLI as a script and a person meet it (issue 15, items 16-18): a closed pipe
// ends it quietly, options are named alike everywhere and misspelled ones get a plain message,
// `tags --sort`, no Node warnings, quiet `cp` in a pipe, a copy onto itself refused, mirrors
// explained, and `purge --keep N` counting images. Real registries; the CLI runs in-process
// through main(), or as a real process where the process itself is under test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startRegistry, seedImage, pushManifest, tempDir, type RegistryHandle, type SeededImage } from '../bed/index';
import { runCli, isolatedCliEnv, type CliResult } from './helpers/run-cli';
import { skopeoTags } from './registry-skopeo';

const root = resolve(import.meta.dirname, '../..');
let plain: RegistryHandle;
let secure: RegistryHandle;
let mirror: RegistryHandle;

before(async () => {
  plain = await startRegistry();
  secure = await startRegistry({ tls: true, htpasswd: true });
  mirror = await startRegistry({ proxyOf: plain });
});
after(async () => {
  await Promise.all([mirror?.stop(), plain?.stop(), secure?.stop()]);
});

function cli(args: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  const env = { ...isolatedCliEnv(), DOCKHAND_CERTS_DIR: tempDir('dockhand-cli-certs'), ...opts.env };
  return runCli(args, { stdin: opts.stdin, env });
}

interface ProcessResult {
  code: number | null;
  firstLine: string;
  stderr: string;
}

/** Run the CLI as its own process, read its first stdout line, then close the pipe like `| head -1`. */
function runAndCloseAfterFirstLine(args: string[]): Promise<ProcessResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'shared/src/cli/entry.ts'), ...args], {
    cwd: root,
    env: { ...isolatedCliEnv(), DOCKHAND_CERTS_DIR: tempDir('dockhand-cli-certs') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let stderr = '';
  let firstLine = '';
  child.stderr.on('data', (c) => {
    stderr += String(c);
  });
  child.stdout.on('data', (c) => {
    out += String(c);
    const nl = out.indexOf('\n');
    if (nl >= 0 && !firstLine) {
      firstLine = out.slice(0, nl);
      child.stdout.destroy(); // the reader goes away: the next write gets EPIPE
    }
  });
  return new Promise((done) => child.on('close', (code) => done({ code, firstLine, stderr })));
}

test('a closed pipe (| head -1) ends ls and lint quietly: no stack trace, exit 0', async () => {
  for (let i = 0; i < 6; i++) await seedImage(plain, `pipe/r${i}`, 'v1');
  // One repository per page: ls writes again after the reader has gone.
  const ls = await runAndCloseAfterFirstLine(['ls', plain.host, '--page-size', '1']);
  assert.equal(ls.firstLine, 'pipe/r0');
  assert.equal(ls.stderr, '', 'nothing on stderr');
  assert.equal(ls.code, 0);

  const file = join(tempDir('dockhand-lint-pipe'), 'config.yml');
  // Enough diagnostics that the output outgrows the pipe's buffer.
  writeFileSync(file, `version: 0.1\nlog:\n  level: loud\n${Array.from({ length: 4000 }, (_, i) => `unknownkey${i}: 1`).join('\n')}\n`);
  const lint = await runAndCloseAfterFirstLine(['lint', file]);
  assert.match(lint.firstLine, /config\.yml:\d+:\d+ /);
  assert.doesNotMatch(lint.stderr, /EPIPE|Error|at /);
  assert.equal(lint.stderr, '');
  assert.equal(lint.code, 0);
});

test("unknown and misspelled options get one plain line (and the likely option), not Node's parser text", async () => {
  const unknown = await cli(['ls', plain.host, '--bogus']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^dockhand ls: unknown option --bogus\nUsage: dockhand ls /);
  assert.doesNotMatch(unknown.err, /positional argument|place it at the end/);
  const typo = await cli(['tags', `${plain.host}/pipe/r0`, '--jsno']);
  assert.match(typo.err, /unknown option --jsno \(did you mean --json\?\)/);
  const missing = await cli(['tags', `${plain.host}/pipe/r0`, '--ca']);
  assert.match(missing.err, /^dockhand tags: --ca needs a value\n/);
});

test('login takes --ca like every other registry command (and still the old --ca-file)', async () => {
  for (const flag of ['--ca', '--ca-file']) {
    // A wrong password: the answer proves TLS was verified with the CA given (no keychain involved).
    const r = await cli(['login', secure.host, '--username', secure.username!, '--password-stdin', flag, secure.caFile!], { stdin: 'not-the-password\n' });
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /wrong username or password/, `${flag}: ${r.err}`);
  }
  const noCa = await cli(['login', secure.host, '--username', secure.username!, '--password-stdin'], { stdin: 'x\n' });
  assert.match(noCa.err, /TLS/, 'without the CA the certificate is not trusted');
  assert.match((await cli(['login', '--help'])).out, /--ca FILE/);
});

test('tags --sort name|semver|date', async () => {
  const repo = 'sort/app';
  const images: Record<string, SeededImage> = {};
  const dates: Record<string, string> = {
    'v1.10.0': '2026-03-01T00:00:00Z',
    'v1.9.0': '2026-05-01T00:00:00Z',
    'v2.0.0-rc.1': '2026-04-01T00:00:00Z',
    latest: '2026-02-01T00:00:00Z',
    'build-2': '2026-01-01T00:00:00Z',
  };
  for (const [tag, created] of Object.entries(dates)) images[tag] = await seedImage(plain, repo, tag, { created });
  const sorted = async (sort: string) => {
    const r = await cli(['tags', `${plain.host}/${repo}`, '--sort', sort]);
    assert.equal(r.code, 0, r.err);
    return r.out.trim().split('\n');
  };
  assert.deepEqual(await sorted('name'), ['build-2', 'latest', 'v1.9.0', 'v1.10.0', 'v2.0.0-rc.1']);
  assert.deepEqual(await sorted('semver'), ['v2.0.0-rc.1', 'v1.10.0', 'v1.9.0', 'build-2', 'latest']);
  assert.deepEqual(await sorted('date'), ['v1.9.0', 'v2.0.0-rc.1', 'v1.10.0', 'latest', 'build-2']);
  const json = await cli(['tags', `${plain.host}/${repo}`, '--sort', 'date', '--json']);
  assert.deepEqual(JSON.parse(json.out), await sorted('date'));
  const bad = await cli(['tags', `${plain.host}/${repo}`, '--sort', 'size']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--sort size: use name, semver or date/);
});

test('du on a whole registry prints no Node warning (MaxListenersExceededWarning)', async () => {
  const reg = await startRegistry();
  try {
    for (let i = 0; i < 14; i++) await seedImage(reg, `du/r${i}`, 'v1');
    for (let i = 0; i < 12; i++) await seedImage(reg, 'du/many', `t${i}`);
    for (const args of [
      ['du', reg.host],
      ['du', reg.host, '--dates'],
      ['du', `${reg.host}/du/many`, '--dates'],
    ]) {
      const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'shared/src/cli/entry.ts'), ...args], {
        cwd: root,
        env: { ...isolatedCliEnv(), DOCKHAND_CERTS_DIR: tempDir('dockhand-cli-certs') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c) => {
        out += String(c);
      });
      child.stderr.on('data', (c) => {
        err += String(c);
      });
      const code = await new Promise((done) => child.on('close', done));
      assert.equal(code, 0, err);
      assert.match(out, args[1] === reg.host ? /15 repositories/ : /du\/many: 12 tags/);
      assert.doesNotMatch(err, /Warning/);
      assert.equal(err, '', args.join(' '));
    }
  } finally {
    await reg.stop();
  }
});

test('cp in a pipe prints only its result line; a copy onto itself is refused and changes nothing', async () => {
  const img = await seedImage(plain, 'cp/app', '1.2.0');
  const r = await cli(['cp', `${plain.host}/cp/app:1.2.0`, `${plain.host}/cp/copy:1.2.0`]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '', 'no progress lines when stderr is not a terminal');
  assert.match(r.out, /^Copied .*cp\/app:1\.2\.0 -> .*cp\/copy:1\.2\.0 sha256:/);

  for (const target of [`${plain.host}/cp/app:1.2.0`, `${plain.host}/cp/app`, `${plain.host}/cp/app@${img.digest}`]) {
    const self = await cli(['cp', `${plain.host}/cp/app:1.2.0`, target]);
    assert.equal(self.code, 1, `${target}: ${self.out}`);
    assert.match(self.err, /source and target are the same image/, target);
    assert.match(self.err, /SAME_SOURCE_AND_TARGET/);
    assert.match(self.err, /retag it instead/);
    assert.equal(self.out, '');
  }
  assert.deepEqual(await skopeoTags(plain, 'cp/app'), ['1.2.0']);
  // Another tag in the same repository is a real copy (a retag by copy), and allowed.
  const other = await cli(['cp', `${plain.host}/cp/app:1.2.0`, `${plain.host}/cp/app:1.2`]);
  assert.equal(other.code, 0, other.err);
});

test('a pull-through cache: ls explains an empty list, rm --untag says the registry is read-only', async () => {
  const empty = await cli(['ls', mirror.host]);
  assert.equal(empty.code, 0, empty.err);
  assert.equal(empty.out, '');
  assert.match(empty.err, /has no repositories\. A pull-through cache \(a mirror\) lists only the images it has cached so far/);

  await seedImage(plain, 'mirror/app', 'v1');
  const pulled = await cli(['manifest', `${mirror.host}/mirror/app:v1`]); // the cache fetches it from upstream
  assert.equal(pulled.code, 0, pulled.err);
  const untag = await cli(['rm', '--untag', `${mirror.host}/mirror/app:v1`]);
  assert.equal(untag.code, 1);
  assert.match(untag.err, /removing the tag v1 failed: .* is read-only, a pull-through cache/);
  assert.doesNotMatch(untag.err, /starting an upload/);
  assert.match(untag.err, /Remove the tag in the upstream registry/);
});

test('purge --keep N keeps N images with all their tags, and the plan says so; ties come out the same every time', async () => {
  const repo = 'purge/keep';
  const newest = await seedImage(plain, repo, 'v3', { created: '2026-03-01T00:00:00Z' });
  await pushManifest(plain, repo, 'stable', newest.mediaType, newest.manifestBytes); // a second tag, same image
  await seedImage(plain, repo, 'v2', { created: '2026-02-01T00:00:00Z' });
  await seedImage(plain, repo, 'v1', { created: '2026-01-01T00:00:00Z' });
  // Two images with the same date: the higher tag name wins, whatever the registry's order.
  await seedImage(plain, repo, 'old-a', { created: '2025-01-01T00:00:00Z' });
  await seedImage(plain, repo, 'old-b', { created: '2025-01-01T00:00:00Z' });

  const plan = async (keep: string) => {
    const r = await cli(['purge', `${plain.host}/${repo}`, '--keep', keep, '--json']);
    assert.equal(r.code, 0, r.err);
    const tags = (JSON.parse(r.out) as { plan: { tags: Array<{ tag: string; action: string }> } }).plan.tags;
    return tags
      .filter((t) => t.action === 'keep')
      .map((t) => t.tag)
      .sort();
  };
  assert.deepEqual(await plan('1'), ['stable', 'v3'], 'two tags of one image use one place');
  assert.deepEqual(await plan('2'), ['stable', 'v2', 'v3']);
  assert.deepEqual(await plan('4'), ['old-b', 'stable', 'v1', 'v2', 'v3']);
  for (let i = 0; i < 3; i++) assert.deepEqual(await plan('4'), ['old-b', 'stable', 'v1', 'v2', 'v3']);

  const text = await cli(['purge', `${plain.host}/${repo}`, '--keep', '1']);
  assert.match(text.out, /keep the 1 newest image \(by creation date; every tag of a kept image stays\)/);
  assert.match(text.out, /= stable .*among the 1 newest image\)/);
  assert.match(text.out, /- v2 .*not among the 1 newest image\)/);
  assert.match(text.out, /Dry run: nothing was deleted/);
  assert.deepEqual(await skopeoTags(plain, repo), ['old-a', 'old-b', 'stable', 'v1', 'v2', 'v3']);
});
