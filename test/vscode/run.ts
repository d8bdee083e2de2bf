// `npm run test:vscode`: the extension's in-host suites (extension/src/test/in-host, the same
// ones code-server runs in test/e2e) in desktop VS Code, through @vscode/test-electron's
// runTests: extensionDevelopmentPath = extension/, extensionTestsPath = extension/out/in-host.js.
//
//   node --import tsx test/vscode/run.ts [--allow-missing] [--result-file FILE]
//
// VS Code comes from $VSCODE_EXECUTABLE_PATH or a download ($VSCODE_VERSION, default stable; cached
// in .vscode-test/ or $DOCKHAND_VSCODE_CACHE_DIR). Without one: one line with the reason, exit 1, or exit 0 with
// --allow-missing (npm test then counts the suites as skipped). On Linux without a display,
// run it under xvfb-run. --result-file writes {status, reason?, passed, failed} for test/run-all.mjs.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { findVsCode } from './find-vscode';
import { IN_HOST_RUNS, type InHostRunSpec } from './in-host-runs';

const root = resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const allowMissing = args.includes('--allow-missing');
const resultFile = args.includes('--result-file') ? args[args.indexOf('--result-file') + 1] : undefined;
const unknown = args.filter((a, i) => a.startsWith('--') && !['--allow-missing', '--result-file'].includes(a) && args[i - 1] !== '--result-file');
const runDeadlineMs = Number(process.env.DOCKHAND_VSCODE_RUN_TIMEOUT_MS ?? 20 * 60_000);

interface Outcome {
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
  passed: number;
  failed: number;
}

function finish(o: Outcome): never {
  if (resultFile) writeFileSync(resultFile, JSON.stringify(o));
  process.exit(o.status === 'failed' ? 1 : 0);
}

/** The user settings code-server's harness uses too: no tips, trust prompts, updates or telemetry. */
const settings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

async function runOne(
  vscodePath: string,
  spec: InHostRunSpec,
  dir: string,
  env: Record<string, string>,
  config: object,
): Promise<{ passed: number; failed: number }> {
  const runDir = join(dir, spec.name);
  const workspace = join(runDir, 'workspace');
  mkdirSync(join(runDir, 'user-data', 'User'), { recursive: true });
  mkdirSync(join(runDir, 'extensions'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const configFile = join(runDir, 'in-host.json');
  const resultsFile = join(runDir, 'in-host-results.json');
  writeFileSync(configFile, JSON.stringify({ filter: spec.filter, workspace, ...config }, null, 2));
  console.log(`test:vscode: in-host run "${spec.name}" (${spec.filter}) in ${vscodePath}`);
  const run = runTests({
    vscodeExecutablePath: vscodePath,
    extensionDevelopmentPath: join(root, 'extension'),
    extensionTestsPath: join(root, 'extension', 'out', 'in-host.js'),
    launchArgs: [
      workspace,
      '--user-data-dir',
      join(runDir, 'user-data'),
      '--extensions-dir',
      join(runDir, 'extensions'),
      '--disable-extensions',
      '--password-store=basic',
    ],
    extensionTestsEnv: { ...env, DOCKHAND_INHOST_CONFIG: configFile, DOCKHAND_INHOST_RESULTS: resultsFile },
  }).then(
    () => 0,
    (err: unknown) => (err instanceof TestRunFailedError && typeof err.code === 'number' ? err.code : 1),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<number>((r) => {
    timer = setTimeout(() => r(-1), runDeadlineMs);
  });
  const code = await Promise.race([run, late]);
  clearTimeout(timer);
  if (code === -1) {
    // test-electron closes VS Code on SIGINT, and kills its process tree on the second one.
    process.emit('SIGINT');
    setTimeout(() => process.emit('SIGINT'), 10_000).unref();
  }
  const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Array<{ name: string; ok: boolean; error?: string }>) : [];
  for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `\n${r.error ?? ''}`}`);
  const failed = results.filter((r) => !r.ok).length;
  if (code === -1) console.error(`test:vscode: run "${spec.name}" did not finish within ${runDeadlineMs / 1000} s`);
  else if (!results.length)
    console.error(
      `test:vscode: run "${spec.name}": VS Code exited (code ${code}) without running any in-host test (is there a display? use xvfb-run -a on Linux)`,
    );
  return { passed: results.length - failed, failed: failed + (code !== 0 || !results.length ? 1 : 0) };
}

async function main(): Promise<void> {
  if (unknown.length) {
    console.error(`test:vscode: unknown option ${unknown.join(' ')} (use --allow-missing, --result-file FILE)`);
    finish({ status: 'failed', reason: 'bad arguments', passed: 0, failed: 1 });
  }
  const cachePath = process.env.DOCKHAND_VSCODE_CACHE_DIR || join(root, '.vscode-test');
  const found = await findVsCode({ env: process.env, cachePath, version: process.env.VSCODE_VERSION });
  if ('missing' in found) {
    const reason = `no desktop VS Code: ${found.missing}`;
    console.log(`test:vscode: ${allowMissing ? 'SKIPPED' : 'FAILED'}: ${reason}. Set VSCODE_EXECUTABLE_PATH to a VS Code binary, or allow the download.`);
    finish({ status: allowMissing ? 'skipped' : 'failed', reason, passed: 0, failed: allowMissing ? 0 : 1 });
  }
  console.log(`test:vscode: VS Code from ${found.how}: ${found.path}`);
  for (const built of ['extension/dist/extension.js', 'extension/out/in-host.js']) {
    if (!existsSync(join(root, built))) {
      console.log(`test:vscode: FAILED: ${built} is missing; run \`npm run build\` first.`);
      finish({ status: 'failed', reason: `${built} missing`, passed: 0, failed: 1 });
    }
  }
  // The bed (registries, keyring, dockerd) is loaded only now: the lookup above needs none of it.
  const { startExtensionBed } = await import('../e2e/code-server/extensionBed');
  const { tempDir } = await import('../bed/index');
  const dir = tempDir('dockhand-vscode-tests-');
  let passed = 0;
  let failed = 0;
  for (const spec of IN_HOST_RUNS) {
    if (!spec.bed) {
      // No D-Bus: the extension must fall back to VS Code's SecretStorage, as in code-server's smoke run.
      const r = await runOne(found.path, spec, dir, { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-dbus')}` }, {});
      passed += r.passed;
      failed += r.failed;
      continue;
    }
    const bed = await startExtensionBed();
    try {
      const r = await runOne(found.path, spec, dir, bed.env, {
        tls: { url: bed.tls.url, host: bed.tls.host, username: bed.tls.username, password: bed.tls.password, caFile: bed.tls.caFile },
        plain: { url: bed.plain.url, host: bed.plain.host },
        mtls: { host: bed.mtls.host, caFile: bed.mtls.caFile, clientCertFile: bed.mtls.clientCertFile, clientKeyFile: bed.mtls.clientKeyFile },
        seeded: bed.seeded,
      });
      passed += r.passed;
      failed += r.failed;
    } finally {
      await bed.stop();
    }
  }
  console.log(`test:vscode: ${passed} passed, ${failed} failed in desktop VS Code`);
  finish({ status: failed ? 'failed' : 'passed', passed, failed });
}

main().catch((err: unknown) => {
  console.log(`test:vscode: FAILED: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  finish({ status: 'failed', reason: String(err), passed: 0, failed: 1 });
});
