// `npm run test:vscode` (test/vscode/run.ts) up to the VS Code lookup, and `npm test`'s step
// for it (test/vscode/run-all-step.mjs): where no desktop VS Code can be found or downloaded,
// one line with the reason, exit 1, or exit 0 and "skipped" with --allow-missing. The download
// is sent to a closed loopback port as its proxy (test-electron honours npm_config_https_proxy),
// so it fails the same way on a machine with internet. Running the suites themselves needs a
// desktop VS Code, which these machines cannot get.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, tempDir } from '../bed/index';
import { desktopVsCodeSuites } from '../vscode/run-all-step.mjs';

const root = resolve(import.meta.dirname, '../..');

async function isolatedEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base.VSCODE_EXECUTABLE_PATH;
  delete base.NODE_OPTIONS;
  return { ...base, DOCKHAND_VSCODE_CACHE_DIR: tempDir('dockhand-vscode-cache'), npm_config_https_proxy: `http://127.0.0.1:${await freePort()}`, ...extra };
}

function runner(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/vscode/run.ts', ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, lines: `${r.stdout}${r.stderr}`.split('\n').filter(Boolean) };
}

test('no VSCODE_EXECUTABLE_PATH and a failing download: one line with the reason, exit 1', async () => {
  const r = runner([], await isolatedEnv());
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 1, r.lines.join('\n'));
  assert.match(
    r.lines[0]!,
    /^test:vscode: FAILED: no desktop VS Code: VSCODE_EXECUTABLE_PATH is not set and VS Code stable could not be downloaded \(.+\)\. Set VSCODE_EXECUTABLE_PATH/,
  );
});

test('--allow-missing: the same reason, SKIPPED, exit 0, and a "skipped" result for npm test', async () => {
  const resultFile = join(tempDir('dockhand-vscode-result'), 'result.json');
  const r = runner(['--allow-missing', '--result-file', resultFile], await isolatedEnv());
  assert.equal(r.code, 0);
  assert.equal(r.lines.length, 1, r.lines.join('\n'));
  assert.match(r.lines[0]!, /^test:vscode: SKIPPED: no desktop VS Code: /);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { status: string; reason: string; passed: number; failed: number };
  assert.deepEqual([result.status, result.passed, result.failed], ['skipped', 0, 0]);
  assert.match(result.reason, /could not be downloaded/);
});

test('VSCODE_EXECUTABLE_PATH that is missing, a folder, or not executable is named in the reason', async () => {
  const dir = tempDir('dockhand-vscode-exe');
  const notExec = join(dir, 'code');
  writeFileSync(notExec, '#!/bin/sh\nexit 0\n');
  chmodSync(notExec, 0o644);
  mkdirSync(join(dir, 'folder'));
  const cases: Array<[string, RegExp]> = [
    [join(dir, 'nope'), /VSCODE_EXECUTABLE_PATH=.*\/nope does not exist/],
    [join(dir, 'folder'), /VSCODE_EXECUTABLE_PATH=.*\/folder is not a file/],
    [notExec, /VSCODE_EXECUTABLE_PATH=.*\/code is not executable/],
  ];
  for (const [path, re] of cases) {
    const r = runner([], await isolatedEnv({ VSCODE_EXECUTABLE_PATH: path }));
    assert.equal(r.code, 1, path);
    assert.equal(r.lines.length, 1, r.lines.join('\n'));
    assert.match(r.lines[0]!, re);
  }
});

test('npm test step: the desktop VS Code suites count as skipped with the reason, never as passed', async () => {
  const step = desktopVsCodeSuites(root, await isolatedEnv());
  assert.deepEqual([step.passed, step.failed, step.skipped], [0, 0, 1]);
  assert.match(
    step.note,
    /^, 1 skipped \(desktop VS Code in-host suites: no desktop VS Code: VSCODE_EXECUTABLE_PATH is not set and VS Code stable could not be downloaded \(.+\)\)$/,
  );
  const failing = desktopVsCodeSuites(root, await isolatedEnv({ VSCODE_EXECUTABLE_PATH: '/nonexistent/code' }));
  assert.deepEqual([failing.passed, failing.failed, failing.skipped], [0, 0, 1], '--allow-missing: a wrong path is skipped too, with its reason');
  assert.match(failing.note, /\/nonexistent\/code does not exist/);
});
