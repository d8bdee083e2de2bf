// LintRunner: linting happens in a worker thread (the caller's event loop keeps running),
// a request past its deadline comes back as lint-timeout and the next one still works
// (issue 14.21).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { LintRunner } from './lint-runner';

// The worker runs bundled JavaScript, as in the editors (esbuild, like their builds).
const dir = mkdtempSync(join(tmpdir(), 'dockhand-lint-worker-'));
const workerFile = join(dir, 'lintWorker.js');
before(() => {
  buildSync({
    entryPoints: [join(import.meta.dirname, 'lint-worker-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: workerFile,
    logLevel: 'warning',
  });
});
const GOOD = 'version: 0.1\nhttp:\n  addr: :5000\n  secret: s\nstorage:\n  filesystem:\n    rootdirectory: /r\n';
function big(): string {
  let s = GOOD;
  for (let i = 0; s.length < 3 << 20; i++) s += `unknownkey${i}: value\n`;
  return s;
}
const runners: LintRunner[] = [];
after(() => {
  runners.forEach((r) => r.dispose());
  rmSync(dir, { recursive: true, force: true });
});

test('lints in another thread while the caller keeps running timers', async () => {
  const runner = new LintRunner({ workerFile, timeoutMs: 600_000 });
  runners.push(runner);
  const warm = await runner.lint(GOOD, { target: '2.8' });
  assert.deepEqual(warm.diagnostics, []);
  assert.notEqual(warm.threadId, threadId);
  let ticks = 0;
  const interval = setInterval(() => ticks++, 5);
  const r = await runner.lint(big(), { target: '2.8' });
  clearInterval(interval);
  assert.ok(r.diagnostics.some((d) => d.code === 'lint-truncated'));
  assert.ok(ticks > 0, "the caller's event loop ran while the 3 MB file was linted");
});

test('a request past its deadline is lint-timeout; the worker is replaced and the next request works', async () => {
  const runner = new LintRunner({ workerFile, timeoutMs: 1 });
  runners.push(runner);
  const slow = runner.lint(big(), { target: '2.8' });
  const r = await slow;
  assert.equal(r.diagnostics[0]?.code, 'lint-timeout');
  assert.match(r.diagnostics[0].message, /stopped linting this file/);
  const again = new LintRunner({ workerFile, timeoutMs: 600_000 });
  runners.push(again);
  assert.deepEqual((await again.lint(GOOD, { target: '2.8' })).diagnostics, []);
});

test('bytes go through the worker as bytes (UTF-16 with BOM accepted there too)', async () => {
  const runner = new LintRunner({ workerFile, timeoutMs: 600_000 });
  runners.push(runner);
  const r = await runner.lint(new Uint8Array([0xff, 0xfe, ...Buffer.from(GOOD, 'utf16le')]), { target: '2.8' });
  assert.deepEqual(r.diagnostics, []);
});
