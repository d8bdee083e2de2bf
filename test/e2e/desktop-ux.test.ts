// The desktop as a demanding user finds it (issue 15): keyboard-only browsing (repository
// listbox, tag grid, type-ahead), deep links that survive reload and back, copy that
// refuses to land on its own source, retag and copy refreshing the tag list, a long tag
// list rendered in part and honest about sorting over missing dates, sign-out of docker's
// own login (asked first, config.json formatting kept), the remove-registry dialog, and
// clean-up policy fields that stay after Preview. Real registries, keychain, Chromium;
// every screenshot also runs axe-core (desktop-harness.ts) in both themes.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import {
  MT,
  pushBlob,
  pushManifest,
  registryFetch,
  seedImage,
  startKeyring,
  startRegistry,
  tempDir,
  type KeyringHandle,
  type RegistryHandle,
} from '../bed/index';
import { openBrowser, screenshot, startServed, type Browser, type ServedApp } from './desktop-harness';

const MANY = 450;
let keyring: KeyringHandle;
let regA: RegistryHandle;
let regB: RegistryHandle;
let served: ServedApp;
let browser: Browser;
let dockerConfig: string;
let configText: string;
let idA: string;
let silent: Server;
const nativeDialogs: string[] = [];

async function api<T>(channel: string, ...args: unknown[]): Promise<{ result?: T; error?: { name: string; message: string } }> {
  const res = await fetch(`${served.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
    body: JSON.stringify({ args }),
  });
  return res.json() as Promise<{ result?: T; error?: { name: string; message: string } }>;
}

async function tagsOf(reg: RegistryHandle, repo: string): Promise<string[]> {
  return ((await (await registryFetch(reg, `/v2/${repo}/tags/list`)).json()) as { tags: string[] | null }).tags ?? [];
}

before(async () => {
  keyring = await startKeyring();
  [regA, regB] = await Promise.all([startRegistry(), startRegistry()]);
  await seedImage(regA, 'team/app', '1.0', { layerSizes: [20_000], created: '2024-01-01T00:00:00Z' });
  await seedImage(regA, 'team/app', '1.1', { layerSizes: [30_000], created: '2025-01-01T00:00:00Z' });
  await seedImage(regA, 'other/tool', 'latest', { layerSizes: [1000] });
  const many = await seedImage(regA, 'big/many', 'tag-000', { layerSizes: [1000], created: '2024-06-01T00:00:00Z' });
  // an OCI artifact (no image config, so no creation date) among them
  const empty = Buffer.from('{}');
  const emptyDigest = await pushBlob(regA, 'big/many', empty);
  await pushManifest(
    regA,
    'big/many',
    'zz-artifact',
    MT.ociManifest,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MT.ociManifest,
        artifactType: 'application/vnd.example.sbom',
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: emptyDigest, size: 2 },
        layers: [],
      }),
    ),
  );
  for (let i = 1; i < MANY; i += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, MANY - i) }, (_, k) =>
        pushManifest(regA, 'big/many', `tag-${String(i + k).padStart(3, '0')}`, many.mediaType, many.manifestBytes),
      ),
    );
  }
  const home = tempDir('dockhand-desktop-ux-');
  mkdirSync(join(home, '.docker'));
  dockerConfig = join(home, '.docker/config.json');
  // docker's own login for regA, in a file formatted by hand (4 spaces, a compact entry, a key Dockhand does not own)
  configText = `{\n    "auths": {\n        "${regA.host}": {\n            "auth": "${Buffer.from('alice:s3cret-pw').toString('base64')}"\n        },\n        "registry.example.com": {"auth": "${Buffer.from('bob:x').toString('base64')}"}\n    },\n    "psFormat": "table {{.ID}}\\t{{.Image}}"\n}\n`;
  writeFileSync(dockerConfig, configText);
  // (fake) a registry that answers the /v2/ probe, then accepts every other request and never answers
  silent = createServer((req, res) => {
    if (req.url === '/v2/') res.writeHead(200, { 'Docker-Distribution-Api-Version': 'registry/2.0' }).end('{}');
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  served = await startServed({
    DOCKHAND_FIRST_BYTE_TIMEOUT_MS: '4000',
    ...keyring.env,
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
  });
  const a = await api<{ id: string }>('registries:add', { url: regA.host, name: 'Alpha' });
  const b = await api<{ id: string }>('registries:add', { url: regB.host, name: 'Beta' });
  assert.ok(a.result && b.result, JSON.stringify([a, b]));
  idA = a.result.id;
  browser = await openBrowser(served.url);
  browser.page.on('dialog', (d) => {
    if (d.type() !== 'beforeunload') {
      nativeDialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    }
  });
});

after(async () => {
  await browser?.close();
  await served?.stop();
  await Promise.all([regA?.stop(), regB?.stop()]);
  silent?.closeAllConnections();
  silent?.close();
  await keyring?.stop();
});

// A test that failed half-way must not leave its modal dialog over the next test's screen.
beforeEach(async () => {
  await browser?.page.evaluate(() =>
    document.querySelectorAll('dialog[open]').forEach((d) => {
      (d as HTMLDialogElement).close();
      d.remove();
    }),
  );
});

const focusedId = () => browser.page.evaluate(() => (document.activeElement as HTMLElement | null)?.id ?? '');
const focusedRole = () => browser.page.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName ?? '');

test('keyboard: opening a registry focuses its filter; the repository listbox takes arrows, type-ahead and Enter', async () => {
  const { page } = browser;
  await page.click(`.dh-nav-item[data-host="${regA.host}"]`);
  await page.waitForSelector('.dh-repo-row[data-repo="team/app"]', { timeout: 60000 });
  await page.waitForFunction(() => document.activeElement?.id === 'repo-filter', undefined, { timeout: 15000 });
  assert.equal(await page.locator('#repo-filter').getAttribute('aria-label'), 'Filter repositories');
  await page.keyboard.press('Tab');
  assert.equal(await focusedRole(), 'listbox');
  await page.keyboard.press('a'); // type-ahead on the last path part: team/app
  const activeRepo = () =>
    page.evaluate(() => {
      const id = document.activeElement?.getAttribute('aria-activedescendant');
      return id ? document.getElementById(id)?.dataset.repo : undefined;
    });
  assert.equal(await activeRepo(), 'team/app');
  await page.keyboard.press('Home');
  assert.equal(await activeRepo(), 'big/many');
  await page.keyboard.press('ArrowDown');
  assert.equal(await activeRepo(), 'other/tool');
  await page.keyboard.press('End');
  assert.equal(await activeRepo(), 'team/app');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.1"]', { timeout: 60000 });
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'listbox', undefined, { timeout: 15000 });
  assert.equal(await activeRepo(), 'team/app', 'the focus stays on the opened repository');
  await screenshot(page, 'keyboard-repositories');
});

test('keyboard: tag rows are a grid with one focusable row; Enter opens; the URL is a deep link that survives reload and back', async () => {
  const { page } = browser;
  assert.equal(await page.locator('#tags-table').getAttribute('role'), 'grid');
  assert.equal(await page.locator('#tags-table tbody tr[tabindex="0"]').count(), 1, 'roving focus: one row in the tab order');
  await page.locator('#tags-table tbody tr[tabindex="0"]').focus();
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tag), '1.1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tag), '1.0');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#image-title:has-text("1.0")', { timeout: 60000 });
  assert.ok(page.url().endsWith(`#/registry/${idA}/team%2Fapp/1.0`), page.url());
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForSelector('#image-title:has-text("1.0")', { timeout: 60000 });
  await page.goBack();
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.0"]', { timeout: 60000 });
  assert.ok(page.url().endsWith(`#/registry/${idA}/team%2Fapp`), page.url());
  await page.goForward();
  await page.waitForSelector('#image-title:has-text("1.0")', { timeout: 60000 });
  await page.click('#image-back');
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.0"]', { timeout: 60000 });
});

test('copy: the dialog is not pre-filled with its own source, and copying an image onto itself is refused', async () => {
  const { page } = browser;
  await page.locator('#tags-table tbody tr[data-tag="1.0"] .dh-copy-tag').click();
  await page.waitForSelector('#copy-dialog[open]');
  const regB_id = await page.locator('#copy-target').evaluate((el) => (el as HTMLElement & { value: string }).value);
  assert.notEqual(regB_id, idA, 'another registry is the pre-filled target');
  await page.locator('#copy-target').click();
  await page.locator(`#copy-target vscode-option:has-text("${regA.host}")`).click();
  await page.locator('#copy-tag input').fill('1.0');
  await page.click('#copy-dialog-submit');
  await page.waitForSelector('#copy-dialog .dh-error-box', { timeout: 15000 });
  assert.match((await page.locator('#copy-dialog .dh-error-box').textContent()) ?? '', /itself/);
  await screenshot(page, 'copy-onto-itself');
  await page.click('#copy-dialog-cancel');
  // The main process refuses too (a renderer bug or a script cannot make it "succeed").
  const r = await api('images:copy', {
    source: { registryId: idA, repository: 'team/app', reference: '1.0' },
    target: { registryId: idA, repository: 'team/app', tag: '1.0' },
  });
  assert.equal(r.error?.name, 'BadInput', JSON.stringify(r));
  assert.match(r.error!.message, /itself/);
});

test('retag and copy into the shown repository refresh its tag list by themselves', async () => {
  const { page } = browser;
  await page.locator('#tags-table tbody tr[data-tag="1.0"] .dh-retag-tag').click();
  await page.waitForSelector('#retag-dialog[open]');
  await page.locator('#retag-tag input').fill('stable');
  await screenshot(page, 'retag-dialog');
  await page.click('#retag-dialog-submit');
  await page.waitForSelector('#tags-table tbody tr[data-tag="stable"]', { timeout: 120000 });
  assert.ok((await tagsOf(regA, 'team/app')).includes('stable'));
  await page.locator('#tags-table tbody tr[data-tag="1.1"] .dh-copy-tag').click();
  await page.waitForSelector('#copy-dialog[open]');
  await page.locator('#copy-target').click();
  await page.locator(`#copy-target vscode-option:has-text("${regA.host}")`).click();
  await page.locator('#copy-tag input').fill('1.1-copy');
  await page.click('#copy-dialog-submit');
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.1-copy"]', { timeout: 120000 });
  assert.equal(await page.locator('#tag-count').textContent(), '4 tags');
});

test(`a repository of ${MANY} tags renders only the rows in view, reads the details past the first 400 in the background, and says when a date sort is over missing dates`, async () => {
  const { page } = browser;
  await page.click('.dh-repo-row[data-repo="big/many"]');
  await page.waitForSelector('#tags-table tbody tr[data-tag]', { timeout: 180000 });
  assert.equal(await page.locator('#tag-count').textContent(), `${MANY + 1} tags`);
  const rendered = await page.locator('#tags-table tbody tr[data-tag]').count();
  assert.ok(rendered > 10 && rendered < 100, `only the visible rows are in the DOM (${rendered})`);
  // Every tag gets its date, the ones past the first 400 too (the progress chip counts them, then goes away).
  await page.waitForSelector('#tag-details-progress.hidden', { state: 'attached', timeout: 300000 });
  await page.click('th[data-sort="date"] button');
  await page.waitForSelector('#sort-incomplete');
  assert.equal(await page.locator('#sort-incomplete').textContent(), `1 of ${MANY + 1} tags have no date: sorted last`, 'only the artifact has no date');
  await page.locator('#tags-table tbody tr[tabindex="0"]').focus();
  await page.keyboard.press('End');
  await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-rowindex') === String(n + 2), MANY, { timeout: 15000 });
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.tag), 'zz-artifact', 'the undated tag sorts last');
  await screenshot(page, 'tags-many');
  await page.locator('#tag-filter input').fill('tag-44');
  await page.waitForFunction((n) => document.getElementById('tag-filter-count')?.textContent === `10 of ${n}`, MANY + 1);
  assert.equal(await page.locator('#tags-table tbody tr[data-tag]').count(), 10);
  assert.equal(await focusedId(), 'tag-filter', 'the filter keeps the focus while the list redraws');
});

test('clean-up: the policy fields stay on screen after Preview, and changing them asks for a new preview', async () => {
  const { page } = browser;
  await page.click('.dh-repo-row[data-repo="team/app"]');
  await page.waitForSelector('#tags-table tbody tr[data-tag="stable"]', { timeout: 60000 });
  await page.click('#clean-up');
  await page.waitForSelector('#cleanup-dialog[open]');
  await page.locator('#cleanup-keep input').fill('1');
  await page.locator('#cleanup-exclude input').fill('');
  await page.click('#cleanup-dialog-submit');
  await page.waitForSelector('#cleanup-plan', { timeout: 120000 });
  assert.ok(await page.locator('#cleanup-keep').isVisible(), 'the fields are still shown');
  await screenshot(page, 'cleanup-preview-with-policy');
  await page.locator('#cleanup-keep input').fill('2');
  await page.waitForSelector('#cleanup-stale');
  assert.equal(await page.locator('#cleanup-plan').count(), 0);
  assert.equal(await page.locator('#cleanup-dialog-submit').textContent(), 'Preview');
  await page.click('#cleanup-dialog-cancel');
  assert.deepEqual(await tagsOf(regA, 'team/app').then((t) => t.sort()), ['1.0', '1.1', '1.1-copy', 'stable'], 'nothing deleted');
});

test("sign out of docker's own login: asked first, says whose it is, Enter does not sign out, config.json keeps its formatting", async () => {
  const { page } = browser;
  await page.click('#nav-credentials');
  const row = page.locator(`#credentials-table tr[data-host="${regA.host}"]`);
  await row.waitFor({ timeout: 60000 });
  assert.equal(await row.locator('.dh-chip').getAttribute('data-source'), 'auths');
  await row.locator('.dh-sign-out').click();
  await page.waitForSelector('#sign-out-dialog[open]');
  const text = (await page.locator('#sign-out-warning').textContent()) ?? '';
  assert.match(text, /docker's login \(alice's credential/);
  assert.match(text, /docker CLI is signed out/);
  assert.ok(!text.includes('s3cret-pw'));
  await screenshot(page, 'sign-out-docker');
  assert.equal(await focusedId(), 'sign-out-dialog-cancel');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#sign-out-dialog', { state: 'detached' });
  assert.equal(readFileSync(dockerConfig, 'utf8'), configText, 'Cancel (the default) changes nothing');
  await row.locator('.dh-sign-out').click();
  await page.waitForSelector('#sign-out-dialog[open]');
  await page.click('#sign-out-dialog-submit');
  await page.waitForFunction(
    (host) => document.querySelector(`#credentials-table tr[data-host="${host}"] .dh-chip`)?.getAttribute('data-source') === 'none',
    regA.host,
    { timeout: 60000 },
  );
  const expected = configText.replace(/ {8}"127[^\n]*\{\n[^\n]*\n {8}\},\n/, '');
  assert.notEqual(expected, configText);
  assert.equal(readFileSync(dockerConfig, 'utf8'), expected, 'only the signed-out entry is gone; indentation, the compact entry and psFormat are as they were');
});

test("removing a registry asks in the app's own dialog (no native confirm), Cancel keeps it", async () => {
  const { page } = browser;
  await page.click(`.dh-nav-item[data-host="${regB.host}"]`);
  await page.click('#registry-remove');
  await page.waitForSelector('#remove-registry-dialog[open]');
  assert.equal(await focusedId(), 'remove-registry-dialog-cancel');
  await screenshot(page, 'remove-registry');
  await page.click('#remove-registry-dialog-cancel');
  await page.waitForSelector('#remove-registry-dialog', { state: 'detached' });
  assert.equal(await page.locator(`.dh-nav-item[data-host="${regB.host}"]`).count(), 1);
  await page.click('#registry-remove');
  await page.click('#remove-registry-dialog-submit');
  await page.waitForSelector(`.dh-nav-item[data-host="${regB.host}"]`, { state: 'detached', timeout: 30000 });
  assert.deepEqual(nativeDialogs, []);
  assert.deepEqual(browser.problems, []);
});

test('(fake silent registry) a registry that accepts the connection and never answers: Cancel stops the wait at once; the timeout says what happened', async () => {
  const { page } = browser;
  const port = (silent.address() as { port: number }).port;
  const added = await api<{ id: string }>('registries:add', { url: `127.0.0.1:${port}`, name: 'Silent' });
  assert.ok(added.result, JSON.stringify(added));
  // A deep link to a registry added elsewhere: the app starts on it.
  await page.goto(`${served.origin}/#/registry/${added.result.id}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForSelector('.dh-repo-list-host .dh-load-cancel', { timeout: 30000 });
  await page.click('.dh-repo-list-host .dh-load-cancel');
  await page.waitForSelector('.dh-cancelled:has-text("Stopped reading the catalog")');
  await screenshot(page, 'load-cancelled');
  await page.click('.dh-cancelled .dh-load-retry');
  await page.waitForSelector('.dh-repo-list-host .dh-error-box', { timeout: 180000 });
  assert.equal(await page.locator('.dh-repo-list-host .dh-error-title').textContent(), 'Could not read the repositories of Silent');
  const detail = (await page.locator('.dh-repo-list-host .dh-error-detail').textContent()) ?? '';
  assert.match(detail, new RegExp(`127\\.0\\.0\\.1:${port} accepted the connection but sent no answer in time`));
  assert.ok(!/connecting/i.test(detail), detail);
  await screenshot(page, 'load-timeout');
});
