// Registry events in the VS Code extension (code-server, Debian Chromium, no smoke-test flag so
// dialogs and toasts show): "Add Event Notifications to config.yml" on a registry config starts
// the receiver (`dockhand listen` on the system Node) and writes the notifications: block; the
// real docker-registry is then started ON THAT FILE; skopeo pushes. The Registries tree shows
// the pushed tag without a refresh click, and the Registry Activity webview lists the push
// (keyboard grid, axe-core). Screenshots: test/.artifacts/screenshots/extension-activity*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import type { Browser, Frame, Page } from 'playwright-core';
import { freePort, REGISTRY_BIN, registryFetch, startProcess, tempDir, waitFor, type RegistryHandle, type TrackedProcess } from '../bed/index';
import { lintConfig } from '../../shared/src/config/index';
import { startCodeServer, type CodeServer } from './code-server/server';
import { launchChromium, openWorkbench, screenshot } from './code-server/browser';
import { packageVsix, repoRoot } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { viewPane, row, answer, runCommand, expand, quickInput } from './code-server/workbench';
import { skopeoPush, startSourceRegistry } from './events-skopeo';

let src: RegistryHandle;
let registry: TrackedProcess | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
const dir = tempDir('dockhand-ext-events-');
const workspace = join(dir, 'ws');
const eventsDir = join(dir, 'events');
const configFile = join(workspace, 'registry', 'config.yml');
let regHost = '';
let receiverAddr = '';

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const [vsix, s] = await Promise.all([packageVsix(), startSourceRegistry()]);
    src = s;
    regHost = `127.0.0.1:${await freePort()}`;
    receiverAddr = `127.0.0.1:${await freePort()}`;
    mkdirSync(join(workspace, 'registry'), { recursive: true });
    mkdirSync(join(dir, 'storage'));
    writeFileSync(
      configFile,
      [
        'version: 0.1',
        'log:',
        '  level: info',
        'storage:',
        '  filesystem:',
        `    rootdirectory: ${join(dir, 'storage')}`,
        '  delete:',
        '    enabled: true',
        'http:',
        `  addr: ${regHost}`,
        `  secret: ${randomBytes(12).toString('hex')}`,
        '',
      ].join('\n'),
    );
    server = await startCodeServer({
      workspace,
      vsix: [vsix],
      env: { DOCKHAND_EVENTS_DIR: eventsDir },
      settings: {
        'dockhand.registries': [{ url: `http://${regHost}`, insecure: true }],
        'dockhand.events.address': receiverAddr,
        // The system Node that ran npm ci (the receiver's SQLite binding is built for it), and this checkout's CLI.
        'dockhand.events.nodePath': process.execPath,
        'dockhand.events.cliPath': resolve(repoRoot, 'shared/bin/dockhand.js'),
        'files.autoSave': 'off',
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultNavigationTimeout(240_000);
    await openWorkbench(page, server.url, workspace);
  },
  { timeout: 600_000 },
);

after(async () => {
  if (page) await screenshot(page, 'extension-activity-last').catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  await registry?.stop();
  await src?.stop();
});

async function activityFrame(): Promise<Frame> {
  return waitFor(
    'the Registry Activity webview',
    async () => {
      for (const f of page.frames()) if (await f.evaluate(() => !!document.getElementById('receiver')).catch(() => false)) return f;
      return undefined;
    },
    { timeoutMs: 120_000 },
  );
}

test('the code action writes the notifications: block, the registry sends events, the tree and Activity follow live', { timeout: 540_000 }, async () => {
  // Quick Open needs the file search ready (slow on a loaded machine): wait on the result row, generously.
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ timeout: 60_000 });
  await quickInput(page).fill('registry/config.yml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'config.yml' }).first().waitFor({ timeout: 180_000 });
  await quickInput(page).press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'rootdirectory' }).waitFor({ timeout: 60_000 });
  await editor.locator('.view-line', { hasText: 'version' }).click();
  await runCommand(page, 'Dockhand: Add Event Notifications to config.yml…');
  // No receiver yet: the command offers to start it (a modal), then asks which events.
  const startButton = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Start Receiver' });
  await startButton.waitFor({ timeout: 60_000 });
  await startButton.click();
  await answer(page, '', { replace: false, pick: 'Pushes, pulls, mounts and deletes' });
  await editor.locator('.view-line', { hasText: 'notifications:' }).waitFor({ timeout: 120_000 });
  await page.keyboard.press('Control+S');
  await waitFor('config.yml saved with the block', async () => (readFileSync(configFile, 'utf8').includes('notifications:') ? true : undefined), {
    timeoutMs: 60_000,
  });
  await screenshot(page, 'extension-activity-config');

  const text = readFileSync(configFile, 'utf8');
  const endpoint = (load(text) as { notifications: { endpoints: Array<{ url: string; headers: Record<string, string[]> }> } }).notifications.endpoints[0];
  assert.equal(endpoint.url, `http://${receiverAddr}/events`);
  const info = JSON.parse(readFileSync(join(eventsDir, 'receiver.json'), 'utf8')) as { addr: string; pid: number };
  assert.equal(info.addr, receiverAddr, 'the receiver runs where the block points');
  assert.match(endpoint.headers.Authorization[0], /^Bearer [\x21-\x7e]{16,}$/);
  const problems = lintConfig(text, { target: '2.8-debian' }).diagnostics.filter((d) => d.severity !== 'info');
  assert.deepEqual(
    problems.map((d) => `${d.code}: ${d.message}`),
    [],
    'the block is lint-clean for registry 2.8',
  );

  // The real registry, started on the file the extension wrote.
  registry = startProcess(REGISTRY_BIN, ['serve', configFile], { logFile: join(dir, 'registry.log') });
  await waitFor(
    'the registry',
    async () => {
      const res = await registryFetch({ url: `http://${regHost}` }, '/v2/', { anonymous: true }).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    },
    { timeoutMs: 60_000 },
  );
  await skopeoPush(`${src.host}/src/app:v1`, `${regHost}/team/app:v1`);

  await page.locator('.activitybar .action-item a[aria-label^="Dockhand"]').click();
  const pane = viewPane(page, 'Registries');
  await expand(row(pane, regHost));
  await expand(row(pane, 'team/app'));
  await row(pane, 'v1').waitFor({ timeout: 60_000 });

  // A push while the repository is expanded: the tag shows up without a refresh click.
  await skopeoPush(`${src.host}/src/app:v2`, `${regHost}/team/app:v2`);
  await row(pane, 'v2').waitFor({ timeout: 60_000 });
  await screenshot(page, 'extension-activity-tree');

  await runCommand(page, 'Dockhand: Show Registry Activity');
  const frame = await activityFrame();
  await frame.locator('#activity-grid tbody tr[data-action="push"][data-tag="v2"]').waitFor({ timeout: 60_000 });
  const v2 = frame.locator('#activity-grid tbody tr[data-action="push"][data-tag="v2"]');
  assert.match((await v2.textContent()) ?? '', /team\/app/);
  assert.match((await v2.locator('td').nth(6).textContent()) ?? '', /skopeo/i);
  assert.match((await frame.locator('#receiver-state').textContent()) ?? '', new RegExp(`Receiving on ${receiverAddr.replace(/\./g, '\\.')}`));
  // Filter by action, then back; keyboard through the grid.
  await frame.locator('#filter-action').selectOption('pull');
  await frame.locator('#activity-status', { hasText: /^0 events/ }).waitFor({ timeout: 60_000 });
  await frame.locator('#filter-action').selectOption('');
  await frame.locator('#activity-grid tbody tr[data-tag="v1"]').waitFor({ timeout: 60_000 });
  await frame.locator('#activity-grid tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), '3');
  await screenshot(page, 'extension-activity');
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const serious = await frame.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; impact?: string; nodes: Array<{ target: unknown }> }> }> } }
    ).axe;
    const r = await axe.run(document.getElementById('app'));
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
  });
  assert.deepEqual(serious, []);

  // Stop from the Activity panel: the receiver this window started ends (receiver.json goes).
  await frame.locator('#receiver-stop').click();
  await frame.locator('#receiver-start').waitFor({ timeout: 60_000 });
  await waitFor('receiver.json removed', async () => (existsSync(join(eventsDir, 'receiver.json')) ? undefined : true), { timeoutMs: 30_000 });
  assert.throws(() => process.kill(info.pid, 0), 'the receiver process is gone');
});
