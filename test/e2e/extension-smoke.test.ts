// Smoke path (a): the extension packaged as a .vsix, installed into a real code-server,
// one in-host suite run against the real `vscode` API, and the activity-bar entry opened in
// Debian Chromium with a screenshot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startCodeServer, listExtensions, type CodeServer } from './code-server/server';
import { launchChromium, openWorkbench, screenshot } from './code-server/browser';
import { runInHost } from './code-server/inHost';
import { packageVsix, installedExtensionDir, inHostRunner, extensionDir } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { tempDir } from '../bed/temp';
import { SMOKE_RUN } from '../vscode/in-host-runs';

let server: CodeServer | undefined;
let browser: Browser | undefined;
let workspace = '';
let dir = '';
const version = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8')).version as string;

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const vsix = await packageVsix();
    dir = tempDir('dockhand-e2e-smoke-');
    workspace = join(dir, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'README.md'), '# smoke workspace\n');
    server = await startCodeServer({
      workspace,
      vsix: [vsix],
      smokeTestDriver: true,
      env: {
        DOCKHAND_INHOST_CONFIG: join(dir, 'in-host.json'),
        DOCKHAND_INHOST_RESULTS: join(dir, 'in-host-results.json'),
        // Isolated from this machine's logins, so the Registries view starts empty (welcome view).
        DOCKER_CONFIG: join(dir, 'docker-config'),
        REGISTRY_AUTH_FILE: join(dir, 'auth.json'),
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}`,
        DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}`,
      },
    });
    browser = await launchChromium();
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

test('the .vsix installs into code-server', { timeout: 120_000 }, async () => {
  const exts = await listExtensions(server!);
  assert.ok(exts.includes(`dockhand.dockhand@${version}`), `installed: ${exts.join(', ')}`);
  assert.ok(
    existsSync(join(installedExtensionDir(server!.extensionsDir, version), 'dist/node_modules/keytar/build/Release/keytar.node')),
    'keytar.node is shipped inside the .vsix',
  );
});

test('in-host smoke suite passes against the real vscode API (installed .vsix)', { timeout: 300_000 }, async (t) => {
  writeFileSync(join(dir, 'in-host.json'), JSON.stringify({ filter: SMOKE_RUN.filter }));
  const r = await runInHost(browser!, server!, {
    workspace,
    extensionDevelopmentPath: installedExtensionDir(server!.extensionsDir, version),
    extensionTestsPath: inHostRunner,
  });
  const activation = r.logs.find((l) => l.includes('dockhand activation:'));
  if (activation) t.diagnostic(activation.slice(activation.indexOf('dockhand activation:')));
  const resultsFile = join(dir, 'in-host-results.json');
  assert.ok(existsSync(resultsFile), `the in-host runner wrote no results (exit ${r.exitCode}); logs:\n${r.logs.slice(-30).join('\n')}`);
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Array<{ name: string; ok: boolean; error?: string }>;
  assert.ok(results.length >= 1, 'no in-host tests ran');
  for (const res of results) assert.ok(res.ok, `${res.name}: ${res.error}`);
  assert.equal(r.exitCode, 0, r.logs.slice(-30).join('\n'));
});

test('the Dockhand activity-bar entry opens the Registries view (screenshot)', { timeout: 180_000 }, async () => {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await openWorkbench(page, server!.url, workspace);
    const entry = page.locator('.activitybar .action-item a[aria-label^="Dockhand"]');
    await entry.waitFor({ timeout: 60_000 });
    await entry.click();
    await page.locator('.sidebar .composite.title', { hasText: /Dockhand/i }).waitFor({ timeout: 60_000 });
    const welcome = page.locator('.welcome-view-content', { hasText: 'No registries yet' });
    await welcome.waitFor({ timeout: 60_000 });
    assert.ok(await page.locator('.welcome-view-content a, .welcome-view-content .monaco-button', { hasText: 'Add Registry' }).first().isVisible());
    // The extension is active once its Local Images provider answers: no engine here, so an error item with a retry.
    await page.locator('.monaco-list-row', { hasText: 'Engine unreachable' }).waitFor({ timeout: 90_000 });
    await page
      .locator('.statusbar', { hasText: 'Activating Extensions' })
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(() => {});
    const file = await screenshot(page, 'extension-smoke-activity-bar');
    assert.ok(existsSync(file));
  } finally {
    await page.close();
  }
});
