// Inside an image without pulling it (issue 19), in code-server driven by Debian Chromium:
// "Browse Files" walks an image's folders in a quick pick and opens a text file in a normal
// read-only editor, a binary file gets VS Code's binary notice (not a blank editor), and
// "Compare with…" shows what differs between two tags. The images are seeded here through the
// registry's HTTP API with known files (the oracle). Screenshots go to
// test/.artifacts/screenshots/extension-files-*.png.
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server/server';
import { launchChromium, openWorkbench, screenshot } from './code-server/browser';
import { packageVsix } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { viewPane, row, contextMenu, runCommand, expand, escapeRe, waitForActivation } from './code-server/workbench';
import { startRegistry, pushBlob, pushManifest, sha256, makeTar, MT, type RegistryHandle, type TarEntry } from '../bed/index';
import { tempDir } from '../bed/temp';

let registry: RegistryHandle;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

const REPO = 'files/app';
const CONF_1 = 'listen: 8080\nlog:\n  level: info\n';
const CONF_2 = 'listen: 9090\nlog:\n  level: debug\n';
// An ELF-like header: NUL bytes in the first few hundred bytes make VS Code call it binary.
const TOOL = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56), Buffer.from('not really a program\n')]);

/** Pushes an image whose layers hold exactly `layers` (tar entries), with `env`; returns its digest. */
async function seedFiles(tag: string, layers: TarEntry[][], env: string[]): Promise<string> {
  const descriptors = [];
  const diffIds = [];
  for (const entries of layers) {
    const tar = await makeTar(entries);
    const gz = gzipSync(tar);
    diffIds.push(sha256(tar));
    descriptors.push({ mediaType: MT.dockerLayer, digest: await pushBlob(registry, REPO, gz), size: gz.length });
  }
  const config = Buffer.from(
    JSON.stringify({
      created: '2025-01-01T00:00:00Z',
      architecture: 'amd64',
      os: 'linux',
      config: { Env: env, Cmd: ['/bin/tool'] },
      rootfs: { type: 'layers', diff_ids: diffIds },
      history: layers.map((_, i) => ({ created: '2025-01-01T00:00:00Z', created_by: `files layer ${i}` })),
    }),
  );
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MT.dockerManifest,
      config: { mediaType: MT.dockerConfig, digest: await pushBlob(registry, REPO, config), size: config.length },
      layers: descriptors,
    }),
  );
  return pushManifest(registry, REPO, tag, MT.dockerManifest, manifest);
}

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const [vsix, reg] = await Promise.all([packageVsix(), startRegistry()]);
    registry = reg;
    const base: TarEntry[] = [
      { name: 'bin/', type: 'directory' },
      { name: 'bin/tool', data: TOOL, mode: 0o755 },
      { name: 'etc/', type: 'directory' },
      { name: 'etc/app.conf', data: CONF_1 },
    ];
    await seedFiles('1.0', [base], ['APP_MODE=blue']);
    await seedFiles(
      '2.0',
      [
        base,
        [
          { name: 'etc/', type: 'directory' },
          { name: 'etc/app.conf', data: CONF_2 },
          { name: 'etc/extra.txt', data: 'new in 2.0\n' },
        ],
      ],
      ['APP_MODE=green'],
    );
    const dir = tempDir('dockhand-e2e-files-');
    const workspace = join(dir, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(workspace, 'README.md'), '# files workspace\n');
    server = await startCodeServer({
      workspace,
      vsix: [vsix],
      env: {
        // Isolated from this machine's logins, engine and caches.
        DOCKER_CONFIG: join(dir, 'docker-config'),
        REGISTRY_AUTH_FILE: join(dir, 'auth.json'),
        XDG_CACHE_HOME: join(dir, 'cache'),
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}`,
        DOCKER_HOST: `unix://${join(dir, 'no-engine.sock')}`,
      },
      settings: { 'dockhand.registries': [{ url: registry.url, insecure: true }] },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultNavigationTimeout(180_000); // a busy machine serves the workbench slowly
    page.setDefaultTimeout(90_000);
    await openWorkbench(page, server.url, workspace);
    await page.locator('.activitybar .action-item a[aria-label^="Dockhand"]').click();
    const pane = viewPane(page, 'Registries');
    await pane.waitFor({ timeout: 120_000 });
    await waitForActivation(page, row(pane, registry.host));
    await expand(row(pane, registry.host));
    await expand(row(pane, REPO));
    await row(pane, '1.0').waitFor({ timeout: 60_000 });
  },
  { timeout: 600_000 },
);

after(async () => {
  if (page) await screenshot(page, 'extension-files-last').catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  await registry?.stop();
});

const widget = () => page.locator('.quick-input-widget');
const pickTitle = (text: string) => widget().locator('.quick-input-title', { hasText: text });

/** The texts of the notifications on screen (what went wrong, when a wait runs out). */
async function notifications(): Promise<string> {
  return (
    (
      await page
        .locator('.notifications-toasts .notification-toast')
        .allInnerTexts()
        .catch(() => [])
    ).join(' | ') || 'no notifications'
  );
}

/**
 * Runs a context-menu command on a tree row and waits until its quick pick (titled `title`)
 * is open. The image's layers are read first (a progress notification): while that shows, keep
 * waiting; if neither the progress nor the pick comes up, the click went nowhere (the workbench
 * was busy): focus the tree and try again. An error notification fails at once with its text.
 */
async function openPick(t: TestContext, target: Locator, item: string, title: string): Promise<void> {
  const progress = page.locator('.notifications-toasts .notification-toast', { hasText: 'Reading the files of' });
  const failure = page.locator('.notifications-toasts .notification-toast', { hasText: /Could not|failed/ });
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    await target.click(); // focus the workbench and the row
    await contextMenu(page, target, item);
    t.diagnostic(`${item}: menu item run ${((Date.now() - started) / 1000).toFixed(1)} s after the click (attempt ${attempt})`);
    const deadline = Date.now() + 240_000;
    let seenProgress = false;
    while (Date.now() < deadline) {
      if (await pickTitle(title).isVisible()) {
        t.diagnostic(
          `${item}: "${title}" open ${((Date.now() - started) / 1000).toFixed(1)} s after the click${seenProgress ? ' (after reading the layers)' : ''}`,
        );
        return;
      }
      if (await failure.count()) throw new Error(`${item} failed: ${await notifications()}`);
      if (await progress.count()) seenProgress = true;
      else if (!seenProgress && Date.now() > deadline - 200_000) break; // nothing happened for 40 s: try again
      await pickTitle(title)
        .waitFor({ timeout: 2_000 })
        .catch(() => undefined);
    }
    if (attempt >= 3 || seenProgress) throw new Error(`the "${title}" quick pick did not open after ${item} (attempt ${attempt}): ${await notifications()}`);
    await page.keyboard.press('Escape');
  }
}

/** Picks the row labelled `label` in the open quick pick (by typing its name, then Enter). */
async function pick(label: string): Promise<void> {
  const input = widget().locator('input.input');
  await input.fill(label);
  await widget()
    .locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`${escapeRe(label)}`) })
    .first()
    .waitFor({ timeout: 30_000 });
  await input.press('Enter');
}

test(
  "Browse Files: the quick pick walks the image's folders (sizes, layers); a text file opens read-only in a normal editor",
  { timeout: 420_000 },
  async (t) => {
    const pane = viewPane(page, 'Registries');
    await openPick(t, row(pane, '2.0'), 'Browse Files', `${REPO}:2.0`);
    const rows = widget().locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'etc' }).first().waitFor({ timeout: 30_000 });
    const listed = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    // A row is the name, then its description (the layer that last wrote it).
    assert.ok(
      listed.some((t) => /^bin ?layer 1$/.test(t)),
      listed.join(' | '),
    );
    assert.ok(
      listed.some((t) => /^etc ?layer 2$/.test(t)),
      `etc was last written by layer 2: ${listed.join(' | ')}`,
    );
    await screenshot(page, 'extension-files-browse');
    await pick('etc');
    await pickTitle('/etc').waitFor({ timeout: 30_000 });
    await rows.filter({ hasText: 'extra.txt' }).first().waitFor({ timeout: 30_000 });
    await pick('app.conf');
    const tab = page.locator('.tabs-container .tab', { hasText: 'app.conf' });
    await tab.waitFor({ timeout: 60_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.locator('text=listen: 9090').waitFor({ timeout: 60_000 });
    const lines = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.match(lines, /level: debug/, 'the file as layer 2 wrote it');
    await screenshot(page, 'extension-files-text-open');
    await runCommand(page, 'View: Close All Editors');
  },
);

test("Browse Files: a binary file gets VS Code's binary notice, not a blank editor", { timeout: 420_000 }, async (t) => {
  const pane = viewPane(page, 'Registries');
  await openPick(t, row(pane, '2.0'), 'Browse Files', `${REPO}:2.0`);
  await pick('bin');
  await pickTitle('/bin').waitFor({ timeout: 30_000 });
  await pick('tool');
  await page.locator('.tabs-container .tab', { hasText: 'tool' }).waitFor({ timeout: 60_000 });
  const notice = page.locator('.editor-instance', { hasText: /binary|unsupported text encoding/i });
  await notice.waitFor({ timeout: 60_000 });
  await screenshot(page, 'extension-files-binary');
  await runCommand(page, 'View: Close All Editors');
});

test('Compare with…: pick another tag; the diff names the config, layers and files that differ', { timeout: 420_000 }, async (t) => {
  const pane = viewPane(page, 'Registries');
  await openPick(t, row(pane, '1.0'), 'Compare with…', `Compare ${REPO}:1.0 with`);
  await screenshot(page, 'extension-files-compare-pick');
  await pick('2.0');
  const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
  await editor.locator('text=/extra\\.txt/').waitFor({ timeout: 240_000 });
  const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
  assert.match(text, /Env APP_MODE: blue -> green/);
  assert.match(text, /Layers: 1 shared, 0 only in A, 1 only in B/);
  assert.match(text, /\+ \/etc\/extra\.txt/);
  assert.match(text, /~ \/etc\/app\.conf/);
  assert.doesNotMatch(text, /bin\/tool/, 'unchanged files are not listed');
  await screenshot(page, 'extension-files-compare');
  await runCommand(page, 'View: Close All Editors');
});
