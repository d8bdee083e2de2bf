#!/usr/bin/env node
// The one test command (`npm test`): prepares the real test bed, builds, type-checks,
// lints, then runs every unit, integration and end-to-end test file in ONE node:test run
// so that the closing summary counts all of them.
//
//   node test/run-all.mjs                 everything
//   node test/run-all.mjs --only unit     unit tests beside the sources only (no test bed)
//   node test/run-all.mjs --only integration|e2e
//   node test/run-all.mjs --skip-checks   skip build/typecheck/lint (iterating locally)
//   node test/run-all.mjs FILE...         just these test files
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { desktopVsCodeSuites } from './vscode/run-all-step.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const skipChecks = args.includes('--skip-checks');
const explicit = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--only');

// A failing preparation step (install, build, typecheck, lint) ends the run with a count
// line of its own; the test runner's own summary closes a test run.
function run(cmd, cmdArgs, opts = {}, { isTestRun = false } = {}) {
  console.log(`\n$ ${cmd} ${cmdArgs.length > 12 ? cmdArgs.slice(0, 8).join(' ') + ` ... (${cmdArgs.length} args)` : cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) {
    if (!isTestRun) {
      console.error(`\n${cmd} ${cmdArgs.join(' ')} failed with exit code ${r.status ?? r.signal}`);
      console.log('0 passed, 1 failed');
    }
    process.exit(r.status || 1);
  }
}

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (/\.test\.(ts|mts|mjs)$/.test(name)) out.push(relative(root, p));
  }
  return out;
}

const groups = {
  unit: [...findTests(join(root, 'shared/src')), ...findTests(join(root, 'extension/src')), ...findTests(join(root, 'desktop'))].filter(
    (f) => !f.includes('/in-host/'),
  ),
  integration: findTests(join(root, 'test/integration')),
  e2e: findTests(join(root, 'test/e2e')),
};

let files = explicit.length ? explicit : only ? (groups[only] ?? []) : [...groups.unit, ...groups.integration, ...groups.e2e];
files = files.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
function order(f) {
  return f.startsWith('test/e2e') ? 2 : f.startsWith('test/integration') ? 1 : 0;
}

const needsBed = files.some((f) => f.startsWith('test/'));
if (needsBed && existsSync(join(root, 'test/bed/install.mjs'))) {
  run(process.execPath, ['test/bed/install.mjs']);
  ensureNative('keytar', 'the keychain tests need libsecret-1-dev, python3, make and g++');
}
ensureNative('better-sqlite3', 'the events store tests need python3, make and g++');

// keytar and better-sqlite3 are optional dependencies built from source (keytar against
// libsecret). On a fresh machine `npm ci` ran before the test bed installed libsecret (or the
// build failed): npm dropped the package, so there is nothing to rebuild. Install it again (the
// locked version, without touching package.json or the lockfile); rebuild only where the
// package is there but unbuilt.
function ensureNative(name, needs) {
  const works = () => spawnSync(process.execPath, ['-e', `require('${name}')`], { cwd: join(root, 'shared'), stdio: 'ignore' }).status === 0;
  if (works()) return;
  if (existsSync(join(root, `node_modules/${name}/package.json`))) {
    run('npm', ['rebuild', name, '--foreground-scripts']);
  } else {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    const version = lock.packages?.[`node_modules/${name}`]?.version;
    if (!version) {
      console.error(`package-lock.json has no ${name} entry`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
    console.log(`${name} is not installed (its build failed or was skipped at npm ci): installing ${name}@${version}`);
    run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--foreground-scripts', `${name}@${version}`]);
  }
  if (!works()) {
    console.error(`${name} still cannot be loaded after installing it: ${needs}.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}
if (!skipChecks && !explicit.length) {
  run('npm', ['run', 'build']);
  run('npx', ['tsc', '-b']);
  run('npx', ['eslint', '.']);
}
if (!files.length) {
  console.error('No test files found.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// Unit and integration files run two at a time; the end-to-end files (code-server,
// Chromium) one at a time, so two browsers never fight over the 2 cores. Each batch
// also writes TAP to a file, and the last line adds both batches up.
const concurrency = process.env.DOCKHAND_TEST_CONCURRENCY ?? '2';
const batches = [
  { name: 'unit + integration', files: files.filter((f) => !f.startsWith('test/e2e')), concurrency },
  { name: 'end-to-end', files: files.filter((f) => f.startsWith('test/e2e')), concurrency: process.env.DOCKHAND_E2E_CONCURRENCY ?? '1' },
].filter((b) => b.files.length);
const tapDir = mkdtempSync(join(tmpdir(), 'dockhand-test-tap-'));
// Dockhand's cache (blob holders, layer indexes) goes to a folder of this run, never the user's
// ~/.cache/dockhand; a test that wants its own sets DOCKHAND_CACHE_DIR (it wins over XDG_CACHE_HOME).
const cacheDir = mkdtempSync(join(tmpdir(), 'dockhand-test-cache-'));
process.env.DOCKHAND_CACHE_DIR = cacheDir; // also for the in-host VS Code suites below
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const [i, b] of batches.entries()) {
  const tap = join(tapDir, `batch-${i}.tap`);
  console.log(`\nRunning ${b.files.length} ${b.name} test files (${b.concurrency} at a time)`);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${b.concurrency}`,
      '--test-timeout=900000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...b.files,
    ],
    {
      stdio: 'inherit',
      cwd: root,
      env: { ...process.env, DOCKHAND_REPO_ROOT: root },
    },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (key) => Number((new RegExp(`^# ${key} (\\d+)$`, 'm').exec(text) ?? [])[1] ?? 0);
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  if (r.status !== 0) {
    exitCode = r.status || 1;
    if (!count('fail') && !count('cancelled')) failed += 1; // the runner itself failed
  }
}
rmSync(tapDir, { recursive: true, force: true });
// The in-host suites in desktop VS Code (issue 23): with every e2e run; skipped, with the reason, where no VS Code can be had.
const vscode = !explicit.length && (!only || only === 'e2e') ? desktopVsCodeSuites(root) : { passed: 0, failed: 0, note: '' };
passed += vscode.passed;
failed += vscode.failed;
rmSync(cacheDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${vscode.note}`);
process.exit(exitCode || (failed ? 1 : 0));
