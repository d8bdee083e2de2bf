// The desktop image view's "Attached" section in Debian's Chromium, over the served mode's
// real handlers and a real registry (distribution 2.8, no referrers API) holding a signed,
// SBOM'd, attested multi-platform image written in the published formats: every kind is
// listed, attestation manifests are not platforms, an SBOM opens with its packages, the copy
// dialog counts what goes along. axe-core finds no serious or critical violation.
// Screenshots: test/.artifacts/screenshots/desktop-attached-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startRegistry, type RegistryHandle } from '../bed/index';
import { seedSignedImage, type SignedImageSet } from '../bed/attachments-seed';
import { openBrowser, screenshot, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';

let reg: RegistryHandle;
let served: ServedApp;
let browser: Browser;
let set: SignedImageSet;

async function seriousAxeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; impact?: string; nodes: Array<{ target: unknown }> }> }> } }
    ).axe;
    const r = await axe.run(document);
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} at ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
  });
}

before(
  async () => {
    reg = await startRegistry();
    set = await seedSignedImage(reg, 'team/signed', 'v1', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    ({ served } = await startServedEmptyDocker('dockhand-attached-e2e-'));
    browser = await openBrowser(served.url);
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await served?.stop();
  await reg?.stop();
});

test('image view: the Attached section lists every kind; an SBOM opens with its packages; copy counts the attachments', { timeout: 240_000 }, async () => {
  const { page } = browser;
  await page.click('#add-registry');
  await page.waitForSelector('#add-registry-dialog[open]');
  await page.locator('#add-url input').fill(`http://${reg.host}`);
  await page.click('#add-registry-dialog-submit');
  await page.waitForSelector('#add-registry-dialog', { state: 'detached', timeout: 60000 });
  await page.click('.dh-repo-row[data-repo="team/signed"]', { timeout: 60000 });
  await page.waitForSelector('#tags-table tbody tr[data-tag="v1"]', { timeout: 60000 });
  const tags = await page.locator('#tags-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tag));
  assert.deepEqual(tags, ['v1'], 'digest-named attachment tags are not listed as images');

  await page.click('#tags-table tbody tr[data-tag="v1"]');
  await page.waitForSelector('#platform-tabs', { timeout: 60000 });
  assert.deepEqual(
    await page.locator('#platform-tabs button').evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.platform)),
    ['linux/amd64', 'linux/arm64'],
    'attestation manifests are not platforms',
  );
  await page.waitForSelector('#attached-table tbody tr', { timeout: 60000 });
  assert.equal(await page.locator('#attached-title').textContent(), 'Attached (11)');
  const kinds = await page.locator('#attached-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.kind));
  const count = (k: string) => kinds.filter((x) => x === k).length;
  assert.deepEqual(
    { signature: count('signature'), sbom: count('sbom'), provenance: count('provenance'), attestation: count('attestation') },
    { signature: 3, sbom: 3, provenance: 3, attestation: 2 },
  );
  const text = (await page.locator('#attached-table').textContent()) ?? '';
  for (const f of [
    'cosign simple-signing',
    'notation',
    'sigstore bundle',
    'CycloneDX',
    'in-toto (DSSE)',
    'https://slsa.dev/provenance/v0.2',
    'for linux/arm64',
    'tag schema',
    'cosign tag',
    'in the index',
  ])
    assert.ok(text.includes(f), `the table shows ${f}`);
  await page.locator('#attached').scrollIntoViewIfNeeded();
  await screenshot(page, 'attached');
  assert.deepEqual(await seriousAxeViolations(page), []);

  // The SPDX artifact (tag schema): its packages and its JSON.
  await page.getByTitle(`Packages of SBOM ${set.referrers.spdx.digest.slice(0, 19)}`).click();
  await page.waitForSelector('#sbom-packages tbody tr', { timeout: 60000 });
  assert.deepEqual(await page.locator('#sbom-packages tbody tr td:first-child').allTextContents(), ['libc6', 'musl', 'ca-certificates']);
  assert.match((await page.locator('.dh-json').first().textContent()) ?? '', /"spdxVersion": "SPDX-2.3"/);
  await page.locator('#attachment-content').scrollIntoViewIfNeeded();
  await screenshot(page, 'attached-sbom');
  assert.deepEqual(await seriousAxeViolations(page), []);

  // The cosign .att: the DSSE envelope's statement, with its predicate type.
  await page.getByTitle(`Open Provenance ${set.cosignAttestation.digest.slice(0, 19)}`).click();
  await page.waitForSelector('#attachment-content .dh-doc', { timeout: 60000 });
  await page.waitForFunction(
    () => document.querySelector('#attachment-content')?.textContent?.includes('predicate https://slsa.dev/provenance/v0.2'),
    undefined,
    { timeout: 60000 },
  );

  await page.click('text=Copy to…');
  await page.waitForSelector('#copy-dialog[open]');
  await page.waitForFunction(
    () => /9 attachments .* go with it; 2 attestation manifests travel inside the index/.test(document.querySelector('#copy-attachments')?.textContent ?? ''),
    undefined,
    { timeout: 60000 },
  );
  await screenshot(page, 'attached-copy', ['dark']);
  assert.deepEqual(browser.problems, []);
});
