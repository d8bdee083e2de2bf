// The extension's view of signatures, SBOMs and attestations in code-server, driven in Debian
// Chromium, against a real registry (distribution 2.8, no referrers API) holding a signed,
// SBOM'd, attested multi-platform image written in the published formats: a tag's attachments
// are its children (one icon per kind; attestation manifests are not platforms; digest-named
// tags are not listed as tags), the details webview has an "Attached" section whose SBOM opens
// with its packages, and the attachment opens as formatted JSON. axe-core in the webview.
// Screenshots: test/.artifacts/screenshots/extension-attached-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startRegistry, tempDir, type RegistryHandle } from '../bed/index';
import { seedSignedImage, type SignedImageSet } from '../bed/attachments-seed';
import { startCodeServer, type CodeServer } from './code-server/server';
import { launchChromium, openWorkbench, screenshot } from './code-server/browser';
import { packageVsix } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { viewPane, row, contextMenu, expand } from './code-server/workbench';

let reg: RegistryHandle;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let set: SignedImageSet;

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const [vsix, r] = await Promise.all([packageVsix(), startRegistry()]);
    reg = r;
    set = await seedSignedImage(reg, 'signed/app', 'v1', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const workspace = join(tempDir('dockhand-ext-attached-'), 'ws');
    mkdirSync(workspace, { recursive: true });
    server = await startCodeServer({ workspace, vsix: [vsix], settings: { 'dockhand.registries': [{ url: reg.url, insecure: true }] } });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultNavigationTimeout(240_000); // the shared machine can be very slow to serve the workbench
    await openWorkbench(page, server.url, workspace);
    const dockhand = page.locator('.activitybar .action-item a[aria-label^="Dockhand"]');
    await dockhand.waitFor({ timeout: 240_000 });
    await dockhand.click();
    await viewPane(page, 'Registries').waitFor({ timeout: 120_000 });
  },
  { timeout: 600_000 },
);

after(async () => {
  if (page) await screenshot(page, 'extension-attached-last').catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  await reg?.stop();
});

async function webviewFrame(): Promise<Frame> {
  for (let i = 0; i < 120; i++) {
    for (const f of page.frames()) {
      if (await f.evaluate(() => !!document.getElementById('attached')).catch(() => false)) return f;
    }
    await page.waitForTimeout(500);
  }
  throw new Error('the details webview with an Attached section did not appear');
}

test("tree: a tag's attachments are its children, attestation manifests are not platforms, attachment tags are not tags", { timeout: 240_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await expand(row(pane, reg.host));
  await expand(row(pane, 'signed/app'));
  const tag = row(pane, 'v1');
  await tag.waitFor({ timeout: 60_000 });
  assert.equal(await pane.locator('.monaco-list-row .label-name', { hasText: /^sha256-/ }).count(), 0, 'no digest-named tag rows');
  await expand(tag);
  await row(pane, 'Signature: cosign simple-signing').waitFor({ timeout: 60_000 });
  for (const label of [
    'linux/amd64',
    'linux/arm64',
    'Signature: notation',
    'SBOM: SPDX',
    'SBOM: CycloneDX',
    'Provenance: in-toto (DSSE)',
    'Attestation: sigstore bundle',
    'Attestation: in-toto',
  ]) {
    assert.ok((await row(pane, label).count()) >= 1, `a row ${label}`);
  }
  assert.equal(await row(pane, 'Provenance: in-toto').count(), 2, 'the two buildx attestation manifests');
  assert.equal(await row(pane, 'unknown/unknown').count(), 0, 'attestation manifests are not platforms');
  await screenshot(page, 'extension-attached-tree');
});

test('details webview: the Attached section, SBOM packages on open, the attachment as formatted JSON', { timeout: 240_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await contextMenu(page, row(pane, 'v1'), 'Image Details');
  const frame = await webviewFrame();
  await frame.locator('#attached-h', { hasText: 'Attached (11)' }).waitFor({ timeout: 60_000 });
  const table = (await frame.locator('table.attached').textContent()) ?? '';
  for (const x of ['cosign simple-signing', 'notation', 'sigstore bundle', 'CycloneDX', 'in-toto (DSSE)', 'for linux/arm64', set.referrers.spdx.digest])
    assert.ok(table.includes(x), `the table shows ${x}`);
  assert.doesNotMatch((await frame.locator('table.platforms').textContent()) ?? '', /unknown/);
  await frame.locator('table.attached tr', { hasText: set.referrers.spdx.digest }).locator('vscode-button').click();
  await frame.locator('table.packages tbody tr').first().waitFor({ timeout: 60_000 });
  assert.deepEqual(await frame.locator('table.packages tbody tr td:first-child').allTextContents(), ['libc6', 'musl', 'ca-certificates']);
  // The JSON document opened beside the webview.
  const json = page.locator('.monaco-editor .view-lines', { hasText: '"kind": "sbom"' }).first();
  await json.waitFor({ timeout: 120_000 });
  assert.match(((await json.textContent()) ?? '').replace(/\u00a0/g, ' '), /"format": "SPDX"[\s\S]*"name": "libc6"/); // the editor renders spaces as U+00A0
  await frame.locator('#attached').scrollIntoViewIfNeeded();
  await screenshot(page, 'extension-attached-details');
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const serious = await frame.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; impact?: string; nodes: Array<{ target: unknown }> }> }> } }
    ).axe;
    const r = await axe.run(document.getElementById('attached'));
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`);
  });
  assert.deepEqual(serious, []);
});
