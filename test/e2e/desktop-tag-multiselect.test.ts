// Multi-select in the desktop tag list (issue 15, item 10): Ctrl+click, Shift+click,
// Shift+arrows, Space, Ctrl+A and Escape select; Delete (or the selection bar's button) opens
// ONE combined preview that names the manifests a delete takes, the tags not selected that go
// with them, and the tags that are only untagged. Untag is the default and Enter never applies
// the destructive choice. Real registry (deletes enabled) and Chromium; the screenshot runs
// axe-core in both themes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { pushManifest, registryFetch, seedImage, startRegistry, type RegistryHandle } from '../bed/index';
import { openBrowser, screenshot, servedApi, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';

let reg: RegistryHandle;
let served: ServedApp;
let browser: Browser;
const REPO = 'team/pick';

before(async () => {
  reg = await startRegistry();
  // image a: a1, a2 and a-stable; image b: b1 alone; image c: c1 and c2
  const a = await seedImage(reg, REPO, 'a1', { layerSizes: [700] });
  for (const t of ['a2', 'a-stable']) await pushManifest(reg, REPO, t, a.mediaType, a.manifestBytes);
  await seedImage(reg, REPO, 'b1', { layerSizes: [800] });
  const c = await seedImage(reg, REPO, 'c1', { layerSizes: [900] });
  await pushManifest(reg, REPO, 'c2', c.mediaType, c.manifestBytes);
  ({ served } = await startServedEmptyDocker('dockhand-desktop-multiselect-'));
  await servedApi(served, 'registries:add', { url: reg.host, name: 'Pick' });
  browser = await openBrowser(served.url);
});

after(async () => {
  await browser?.close();
  await served?.stop();
  await reg?.stop();
});

const registryTags = async () => ((await (await registryFetch(reg, `/v2/${REPO}/tags/list`)).json()) as { tags: string[] | null }).tags?.sort() ?? [];

test('select tags by mouse and keyboard, one combined preview, untag by default, delete manifests only when chosen', { timeout: 600_000 }, async () => {
  const { page } = browser;
  const row = (tag: string) => page.locator(`#tags-table tbody tr[data-tag="${tag}"]`);
  const selectedTags = () =>
    page.locator('#tags-table tbody tr[aria-selected="true"]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tag).sort());
  await page.click(`.dh-nav-item[data-host="${reg.host}"]`);
  await page.click(`.dh-repo-row[data-repo="${REPO}"]`, { timeout: 60000 });
  await row('c2').waitFor({ timeout: 120000 });
  assert.equal(await page.locator('#tags-table').getAttribute('aria-multiselectable'), 'true');
  // by name, so the order is known: a-stable a1 a2 b1 c1 c2
  await page.click('th[data-sort="name"] button');
  await page.waitForSelector('th[data-sort="name"][aria-sort="ascending"]');
  const order = await page.locator('#tags-table tbody tr[data-tag]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tag));
  assert.deepEqual(order, ['a-stable', 'a1', 'a2', 'b1', 'c1', 'c2']);

  // mouse: Ctrl+click one, Shift+click the range
  await row('a1').click({ modifiers: ['Control'] });
  await row('b1').click({ modifiers: ['Shift'] });
  assert.deepEqual(await selectedTags(), ['a1', 'a2', 'b1']);
  await page.waitForSelector('#tag-selection-bar:not(.hidden)');
  assert.equal(await page.locator('#tag-selection-count').textContent(), '3 selected');
  // keyboard: Escape clears, Ctrl+A selects all, Space toggles, Shift+arrows extend from the anchor
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#tags-table tbody tr[aria-selected="true"]'));
  await page.keyboard.press('Control+a');
  assert.equal((await selectedTags()).length, 6);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home');
  await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.tag === 'a-stable');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  assert.deepEqual(await selectedTags(), ['a1', 'a2', 'b1']);
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tag), 'b1', 'the focus follows the keys');
  // the focused row's ring is drawn inside its cells: the pinned actions cell does not cover its right edge
  const ring = await page.evaluate(() => getComputedStyle((document.activeElement as HTMLElement).querySelector('td.actions')!).boxShadow);
  assert.match(ring, /inset/, `the actions cell draws its part of the focus ring (${ring})`);
  await screenshot(page, 'tags-multiselect');

  // Delete on the grid: one preview for the three tags
  await page.keyboard.press('Delete');
  await page.waitForSelector('#bulk-manifests', { timeout: 60000 });
  const warning = await page.locator('#bulk-sibling-warning').textContent();
  assert.match(warning ?? '', /1 tag you did not select share an image with the selection: a-stable/);
  assert.deepEqual(await page.locator('.dh-untag-only').allTextContents(), ['a1', 'a2', 'b1'], 'only untagged: the selection');
  const manifests = await page.locator('#bulk-manifests li').allTextContents();
  assert.equal(manifests.length, 2, `two manifests: ${manifests.join(' | ')}`);
  assert.match(manifests.join(' | '), /a1, a2, a-stable/);
  assert.ok(await page.locator('input[name="bulk-delete-mode"][value="tag"]').isChecked(), 'untag is the default');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement).value), 'tag', 'the focus is on the safe choice');
  await screenshot(page, 'tags-bulk-delete');
  // Enter does not apply the (danger) dialog
  await page.keyboard.press('Enter');
  assert.ok(await page.locator('#bulk-delete-dialog').isVisible(), 'Enter applies nothing');
  assert.deepEqual(await registryTags(), ['a-stable', 'a1', 'a2', 'b1', 'c1', 'c2']);
  await page.click('#bulk-delete-dialog-submit');
  await row('a1').waitFor({ state: 'detached', timeout: 120000 });
  await row('b1').waitFor({ state: 'detached', timeout: 120000 });
  assert.deepEqual(await registryTags(), ['a-stable', 'c1', 'c2'], 'untagged the three; a-stable keeps its image');

  // the destructive choice, chosen: c1's manifest goes, and c2 with it (the preview said so)
  await row('c1').click({ modifiers: ['Control'] });
  await page.click('#bulk-delete');
  await page.waitForSelector('#bulk-manifests', { timeout: 60000 });
  assert.match((await page.locator('#bulk-sibling-warning').textContent()) ?? '', /c2/);
  await page.check('input[name="bulk-delete-mode"][value="manifest"]');
  await page.click('#bulk-delete-dialog-submit');
  await row('c2').waitFor({ state: 'detached', timeout: 120000 });
  assert.deepEqual(await registryTags(), ['a-stable']);
  // The rows detach as soon as the reload starts; the selection is pruned when the new list arrives.
  await page.waitForSelector('#tags-table tbody tr[data-tag="a-stable"]', { timeout: 120000 });
  assert.equal(await page.locator('#tag-selection-bar.hidden').count(), 1, 'the deleted tags left the selection');
});
