// The desktop renderer's "Analyze size" and "Clean up…" dialogs in Debian's Chromium, over
// the served mode's real main-process handlers and a real registry. Screenshots of each
// screen go to test/.artifacts/screenshots/desktop-cleanup-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { registryFetch, startRegistry, type RegistryHandle } from '../bed/index';
import { addRegistryByUrl, openBrowser, screenshot, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';
import { makeLayer, pushImage, addTag, blobFileSize, daysAgo, type PushedImage } from '../integration/cleanup-seed';

let reg: RegistryHandle;
let served: ServedApp;
let browser: Browser;
const img: Record<string, PushedImage> = {};

before(
  async () => {
    reg = await startRegistry();
    const [base, a, b, c] = await Promise.all([makeLayer(400_000), makeLayer(60_000), makeLayer(120_000), makeLayer(30_000)]);
    img['1.0.0'] = await pushImage(reg, 'team/shop', '1.0.0', [base!, a!], daysAgo(120));
    img['1.1.0'] = await pushImage(reg, 'team/shop', '1.1.0', [base!, b!], daysAgo(45));
    img['1.2.0'] = await pushImage(reg, 'team/shop', '1.2.0', [base!, c!], daysAgo(3));
    await addTag(reg, 'team/shop', 'latest', img['1.2.0']);
    ({ served } = await startServedEmptyDocker('dockhand-cleanup-e2e-'));
    browser = await openBrowser(served.url);
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await served?.stop();
  await reg?.stop();
});

test('analyze size, preview a clean-up, apply it', { timeout: 180_000 }, async () => {
  const { page } = browser;
  await addRegistryByUrl(page, `http://${reg.host}`);
  await page.click('.dh-repo-row[data-repo="team/shop"]', { timeout: 60000 });
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.0.0"]', { timeout: 60000 });

  await page.click('#analyze-size');
  await page.waitForSelector('#size-table tbody tr[data-tag="1.1.0"]', { timeout: 60000 });
  const unique = await page.locator('#size-table tr[data-tag="1.1.0"] td[data-unique]').getAttribute('data-unique');
  const disk = (d: string) => blobFileSize(reg.rootDir, d);
  assert.equal(Number(unique), disk(img['1.1.0']!.configDigest) + disk(img['1.1.0']!.layers[1]!));
  await screenshot(page, 'cleanup-size', ['dark']); // a modal dialog blocks the theme toggle
  await page.click('#size-dialog-submit');
  await page.waitForSelector('#size-dialog', { state: 'detached' });

  await page.click('#clean-up');
  await page.waitForSelector('#cleanup-dialog[open]');
  await page.locator('#cleanup-keep input').fill('1');
  await page.locator('#cleanup-older-than input').fill('30d');
  await screenshot(page, 'cleanup-form', ['dark']);
  await page.click('#cleanup-dialog-submit');
  await page.waitForSelector('#cleanup-plan tbody tr[data-tag="1.0.0"]', { timeout: 60000 });
  const fates = await page
    .locator('#cleanup-plan tbody tr')
    .evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).dataset.tag}:${(r as HTMLElement).dataset.action}`).sort());
  assert.deepEqual(fates, ['1.0.0:delete', '1.1.0:delete', '1.2.0:keep', 'latest:keep']);
  assert.match((await page.locator('#cleanup-summary').textContent()) ?? '', /2 of 4 tags go, 2 manifests are deleted.*Nothing has been deleted yet/);
  assert.match((await page.locator('#cleanup-dialog-submit').textContent()) ?? '', /^\s*Delete 2 manifests\s*$/);
  await screenshot(page, 'cleanup-plan', ['dark']);
  const before = ((await (await registryFetch(reg, '/v2/team/shop/tags/list')).json()) as { tags: string[] }).tags.sort();
  assert.deepEqual(before, ['1.0.0', '1.1.0', '1.2.0', 'latest'], 'the preview deleted nothing');

  await page.click('#cleanup-dialog-submit');
  await page.waitForSelector('#cleanup-dialog', { state: 'detached', timeout: 60000 });
  await page.waitForSelector('.dh-toast.ok', { timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('#tags-table tbody tr').length === 2, undefined, { timeout: 60000 });
  const after = ((await (await registryFetch(reg, '/v2/team/shop/tags/list')).json()) as { tags: string[] }).tags.sort();
  assert.deepEqual(after, ['1.2.0', 'latest']);
  await screenshot(page, 'cleanup-done');
  assert.deepEqual(browser.problems, []);
});
