// The extension's UI in code-server, driven in Debian Chromium (server started WITHOUT the
// smoke-test flag, so notifications show): the TLS+htpasswd registry logged in through
// docker's credsStore, paging, filter, image details of a multi-platform index, retag,
// copy, delete with the sibling warning, push of a local image, config.yml diagnostics and
// a quick fix. Screenshots go to test/.artifacts/screenshots/extension-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server/server';
import { launchChromium, openWorkbench, screenshot } from './code-server/browser';
import { packageVsix } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { startExtensionBed, type ExtensionBed } from './code-server/extensionBed';
import { viewPane, row, contextMenu, answer, runCommand, toast, expand, collapse } from './code-server/workbench';
import { registryFetch } from '../bed/index';

let bed: ExtensionBed;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace = '';

const brokenConfig = `version: 0.1
log:
  level: info
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  secrett: abc
`;

async function headDigest(url: string, repo: string, tag: string, reg = bed.tls): Promise<string | undefined> {
  const res = await registryFetch(reg, `/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  void url;
  return res.status === 200 ? String(res.headers.get('docker-content-digest')) : undefined;
}

async function tagsOf(repo: string, reg = bed.tls): Promise<string[]> {
  const res = await registryFetch(reg, `/v2/${repo}/tags/list`);
  if (res.status !== 200) return [];
  return (((await res.json()) as { tags: string[] | null }).tags ?? []).sort();
}

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const [vsix, b] = await Promise.all([packageVsix(), startExtensionBed()]);
    bed = b;
    workspace = join(bed.dir, 'ui-workspace');
    mkdirSync(join(workspace, 'registry'), { recursive: true });
    writeFileSync(join(workspace, 'registry', 'config.yml'), brokenConfig);
    server = await startCodeServer({
      workspace,
      vsix: [vsix],
      env: bed.env,
      settings: {
        'dockhand.registries': [{ url: bed.plain.url, insecure: true }],
        'dockhand.repositories.pageSize': 5,
        'files.autoSave': 'off',
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openWorkbench(page, server.url, workspace);
    await page.locator('.activitybar .action-item a[aria-label^="Dockhand"]').click();
    await viewPane(page, 'Registries').waitFor({ timeout: 60_000 });
  },
  { timeout: 600_000 },
);

after(async () => {
  if (page) await screenshot(page, 'extension-ui-last').catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  await bed?.stop();
});

test('UI: the TLS+htpasswd registry (login from docker credsStore) expands and pages its repositories', { timeout: 180_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  const reg = row(pane, bed.tls.host);
  await expand(reg);
  await row(pane, 'team/svc-02').waitFor({ timeout: 60_000 });
  assert.equal(await row(pane, 'team/svc-03').count(), 0, 'only the first page (5) is loaded');
  await row(pane, 'Load more…').click();
  await row(pane, 'team/svc-07').waitFor({ timeout: 60_000 });
  assert.equal(await row(pane, 'team/svc-08').count(), 0);
  await row(pane, 'Load more…').waitFor();
  await screenshot(page, 'extension-tree-paging');
});

test('UI: filter the repositories', { timeout: 120_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await runCommand(page, 'Dockhand: Filter Repositories…');
  await answer(page, bed.tls.host, { pick: bed.tls.host });
  await answer(page, 'multi');
  await pane.locator('.monaco-list-row', { hasText: 'filter: multi' }).waitFor({ timeout: 30_000 });
  await row(pane, 'team/multi').waitFor();
  // Rows that don't match go away (waitFor throws if they stay).
  await row(pane, 'team/app').waitFor({ state: 'detached', timeout: 30_000 });
  await row(pane, 'team/svc-00').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await row(pane, 'team/multi').count(), 1);
});

test('UI: image details of a multi-platform image (webview)', { timeout: 180_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await expand(row(pane, 'team/multi'));
  const tag = row(pane, '1.0');
  await tag.waitFor({ timeout: 30_000 });
  await contextMenu(page, tag, 'Image Details');
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await frame.locator('h1', { hasText: `${bed.tls.host}/team/multi:1.0` }).waitFor({ timeout: 60_000 });
  await frame.locator('table.platforms', { hasText: 'linux/arm64/v8' }).waitFor({ timeout: 30_000 });
  assert.ok(await frame.locator('table.platforms', { hasText: 'linux/amd64' }).isVisible());
  assert.ok(await frame.getByText(bed.seeded.multiDigest).first().isVisible());
  assert.ok(await frame.getByText('index · 2 platforms').isVisible());
  await frame.locator('h2', { hasText: /^Layers \(\d+\)$/ }).waitFor();
  await frame.locator('h2', { hasText: 'Attached (1)' }).waitFor({ timeout: 30_000 });
  assert.ok(await frame.locator('table.attached', { hasText: 'SPDX' }).isVisible());
  assert.ok(await frame.getByText(bed.seeded.sbomDigest).first().isVisible());
  await screenshot(page, 'extension-image-details');
  // The panel survives a reload (WebviewPanelSerializer). The reload also restarts the
  // extension host, so the in-memory filter is gone afterwards.
  await runCommand(page, 'Developer: Reload Window');
  await page.waitForTimeout(2000);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  const restored = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await restored.locator('table.platforms', { hasText: 'linux/arm64/v8' }).waitFor({ timeout: 90_000 });
  await runCommand(page, 'View: Close All Editors');
  if (!(await viewPane(page, 'Registries').isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Dockhand"]').click();
  await expand(row(pane, bed.tls.host));
  await row(pane, 'team/app').waitFor({ timeout: 60_000 });
});

test('UI: retag a tag server-side', { timeout: 120_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await collapse(row(pane, 'team/multi'));
  await expand(row(pane, 'team/app'));
  const tag = row(pane, '1.2.0');
  await tag.waitFor({ timeout: 30_000 });
  await contextMenu(page, tag, 'Retag…');
  await answer(page, '1.2.0-ui');
  await toast(page, 'Tagged team/app:1.2.0-ui').waitFor({ timeout: 60_000 });
  assert.equal(await headDigest(bed.tls.url, 'team/app', '1.2.0-ui'), bed.seeded.appTags['1.2.0']);
  await row(pane, '1.2.0-ui').waitFor({ timeout: 30_000 });
});

test('UI: copy a tag to the plain registry', { timeout: 120_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await contextMenu(page, row(pane, '1.2.0'), 'Copy to Registry/Repository…');
  await answer(page, bed.plain.host, { pick: bed.plain.host });
  await answer(page, 'ui/app:1.2.0');
  await toast(page, `Copied to ${bed.plain.host}/ui/app:1.2.0`).waitFor({ timeout: 60_000 });
  assert.equal(await headDigest(bed.plain.url, 'ui/app', '1.2.0', bed.plain), bed.seeded.appTags['1.2.0']);
});

test('UI: delete warns about the sibling tags sharing the digest', { timeout: 120_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await contextMenu(page, row(pane, 'latest'), 'Delete…');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.locator('text=team/app:stable').waitFor();
  assert.ok(await dialog.locator('text=team/app:1.10.0').isVisible());
  await screenshot(page, 'extension-delete-siblings');
  await dialog.locator('.monaco-button', { hasText: /^Delete Manifest sha256:[0-9a-f]{12}… and All 3 Tags$/ }).click();
  await toast(page, /Deleted team\/app@sha256:[0-9a-f]{12} and 3 tag\(s\)/).waitFor({ timeout: 60_000 });
  const left = await tagsOf('team/app');
  assert.deepEqual(left, ['1.0.0', '1.2.0', '1.2.0-ui']);
});

test('UI: push a local image from the engine to the TLS registry (credsStore login); it shows in the registries tree', { timeout: 240_000 }, async () => {
  const local = viewPane(page, 'Local Images');
  const header = local.locator('.pane-header');
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  const image = row(local, bed.seeded.localImage);
  await image.waitFor({ timeout: 60_000 });
  await contextMenu(page, image, 'Retag and Push…');
  await answer(page, bed.tls.host, { pick: bed.tls.host });
  await answer(page, 'ui/pushed:1');
  await toast(page, `Pushed ${bed.tls.host}/ui/pushed:1`).waitFor({ timeout: 180_000 });
  assert.deepEqual(await tagsOf('ui/pushed'), ['1']);
  const pane = viewPane(page, 'Registries');
  await collapse(row(pane, 'team/app'));
  await row(pane, 'ui/pushed').waitFor({ timeout: 60_000 });
  await expand(row(pane, 'ui/pushed'));
  await row(pane, '1').waitFor({ timeout: 30_000 });
  await screenshot(page, 'extension-tree-pushed');
});

test('UI: saving a broken config.yml shows squiggles and Problems at the right lines; a quick fix repairs it', { timeout: 180_000 }, async () => {
  await page.keyboard.press('Control+P');
  await answer(page, 'config.yml', { pick: 'config.yml' });
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: 'secrett' }).waitFor({ timeout: 30_000 });
  // Add one more mistake at the end and save.
  await editor.locator('.view-line', { hasText: 'secrett' }).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('extra: 1');
  await page.keyboard.press('Control+S');
  await editor.locator('.squiggly-warning').first().waitFor({ timeout: 30_000 });
  await runCommand(page, 'View: Focus Problems');
  const problems = page.locator('.markers-panel');
  await problems.locator('.monaco-list-row', { hasText: 'Unknown key http.secrett' }).waitFor({ timeout: 30_000 });
  const secrettRow = problems.locator('.monaco-list-row', { hasText: 'Unknown key http.secrett' });
  assert.match(await secrettRow.innerText(), /\[Ln 11, Col 3\]/);
  const extraRow = problems.locator('.monaco-list-row', { hasText: 'Unknown key extra' });
  await extraRow.waitFor({ timeout: 30_000 });
  assert.match(await extraRow.innerText(), /\[Ln 12, Col 1\]/);
  await screenshot(page, 'extension-config-diagnostics');
  // Quick fix on the misspelled key.
  await editor.locator('.view-line span', { hasText: 'secrett' }).first().click();
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Rename to secret' });
  await fix.waitFor({ timeout: 30_000 });
  await fix.click();
  await editor.locator('.view-line', { hasText: /secret:\s+abc/ }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Control+S');
  await problems.locator('.monaco-list-row', { hasText: 'Unknown key http.secrett' }).waitFor({ state: 'detached', timeout: 30_000 });
  const saved = readFileSync(join(workspace, 'registry', 'config.yml'), 'utf8');
  assert.match(saved, /^ {2}secret: abc$/m);
  assert.doesNotMatch(saved, /secrett/);
});
