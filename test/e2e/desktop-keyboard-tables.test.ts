// The desktop's remaining tables by keyboard and their layout at 1360 px (issue 15, items 5
// and 15): local images, credentials and the clean-up plan are grids (one focusable row,
// arrows, Home/End, type-ahead, Enter opens) and the focus comes back to the row after an
// action; the clean-up plan fits its dialog; the credentials' buttons stay on one line; a
// multi-platform tag row keeps Copy/Delete on screen; a retag job is titled "Retag …" and
// the job cards dock under the view instead of covering it. Real registry, dockerd, keychain,
// Chromium; every screenshot also runs axe-core in both themes.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  makeLocalImage,
  seedImage,
  seedIndex,
  startDockerd,
  startKeyring,
  startRegistry,
  tempDir,
  type DockerdHandle,
  type KeyringHandle,
  type RegistryHandle,
} from '../bed/index';
import { openBrowser, screenshot, servedApi, startServed, type Browser, type ServedApp } from './desktop-harness';

let keyring: KeyringHandle;
let reg: RegistryHandle;
let regB: RegistryHandle;
let dockerd: DockerdHandle;
let served: ServedApp;
let browser: Browser;

before(async () => {
  keyring = await startKeyring();
  [reg, regB, dockerd] = await Promise.all([startRegistry(), startRegistry(), startDockerd()]);
  const old = new Date(Date.now() - 90 * 86400_000).toISOString();
  await seedImage(reg, 'team/shop', '1.0.0', { layerSizes: [20_000], created: old });
  await seedImage(reg, 'team/shop', '1.1.0', { layerSizes: [21_000], created: old });
  await seedImage(reg, 'team/shop', 'a-very-long-release-candidate-tag-name-2026-11-28-build-4711', { layerSizes: [22_000], created: old });
  await seedImage(reg, 'team/shop', 'latest', { layerSizes: [23_000] });
  const platforms = ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7', 'linux/arm/v6', 'linux/ppc64le', 'linux/s390x', 'linux/386', 'linux/riscv64'];
  for (const t of ['v1', 'v2-with-a-longer-name', 'v3']) await seedIndex(reg, 'team/multi', t, platforms);
  await Promise.all(['demo/alpha:1', 'demo/beta:1', 'demo/gamma:1'].map((ref) => makeLocalImage(dockerd, ref, { layerSizes: [1000] })));
  const home = tempDir('dockhand-desktop-kbd-');
  mkdirSync(join(home, '.docker'));
  // docker's own logins for both registries (long "Where" texts), so every credentials row has Sign in and Sign out
  const auth = (u: string) => Buffer.from(`${u}:pw`).toString('base64');
  writeFileSync(
    join(home, '.docker/config.json'),
    JSON.stringify({ auths: { [reg.host]: { auth: auth('alice') }, [regB.host]: { auth: auth('bob') } } }, null, 2),
  );
  served = await startServed({
    ...keyring.env,
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    DOCKER_HOST: dockerd.env.DOCKER_HOST,
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
  });
  await servedApi(served, 'registries:add', { url: reg.host, name: 'Shop' });
  await servedApi(served, 'registries:add', { url: regB.host, name: 'Backup' });
  browser = await openBrowser(served.url);
});

after(async () => {
  await browser?.close();
  await served?.stop();
  await Promise.all([reg?.stop(), regB?.stop(), dockerd?.stop()]);
  await keyring?.stop();
});

beforeEach(async () => {
  await browser?.page.evaluate(() =>
    document.querySelectorAll('dialog[open]').forEach((d) => {
      (d as HTMLDialogElement).close();
      d.remove();
    }),
  );
});

const focused = (attr: string) =>
  browser.page.evaluate((a) => (document.activeElement as HTMLElement | null)?.closest('tr')?.getAttribute(a) ?? `<${document.activeElement?.tagName}>`, attr);
async function waitFocused(attr: string, value: string): Promise<void> {
  await browser.page
    .waitForFunction(([a, v]) => (document.activeElement as HTMLElement | null)?.closest('tr')?.getAttribute(a!) === v, [attr, value], { timeout: 30000 })
    .catch(async () => assert.fail(`focus should be on the row ${attr}=${value}, is on ${await focused(attr)}`));
}

test('local images: a grid by keyboard (arrows, End/Home, type-ahead); Enter opens Push, Escape gives the row its focus back', async () => {
  const { page } = browser;
  await page.click('#nav-local');
  await page.waitForSelector('#local-images tr[data-ref="demo/gamma:1"]', { timeout: 60000 });
  assert.equal(await page.locator('#local-images').getAttribute('role'), 'grid');
  assert.equal(await page.locator('#local-images tbody tr[tabindex="0"]').count(), 1, 'one row in the tab order');
  const order = await page.locator('#local-images tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.ref));
  // opening the screen puts the focus on the first row (not on <body>)
  await waitFocused('data-ref', order[0]!);
  await page.keyboard.press('ArrowDown');
  await waitFocused('data-ref', order[1]!);
  await page.keyboard.press('End');
  await waitFocused('data-ref', order[order.length - 1]!);
  await page.keyboard.press('Home');
  await waitFocused('data-ref', order[0]!);
  await page.keyboard.type('demo/b');
  await waitFocused('data-ref', 'demo/beta:1');
  await screenshot(page, 'local-images-keyboard');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#push-dialog[open]');
  assert.match((await page.locator('#push-dialog h2').textContent()) ?? '', /Push demo\/beta:1/);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#push-dialog', { state: 'detached' });
  await waitFocused('data-ref', 'demo/beta:1');
  // A reload (what a finished push triggers) keeps the place
  await page.locator('#local-images tr[data-ref="demo/gamma:1"]').focus();
  await page.evaluate(() => window.dispatchEvent(new Event('dockhand-local-images-changed')));
  await page.waitForSelector('#local-images', { state: 'detached', timeout: 30000 }).catch(() => undefined);
  await page.waitForSelector('#local-images tr[data-ref="demo/gamma:1"]', { timeout: 60000 });
  await waitFocused('data-ref', 'demo/gamma:1');
});

test("credentials: a grid by keyboard, the buttons on one line, and after Sign out the focus is back on that registry's row", async () => {
  const { page } = browser;
  await page.click('#nav-credentials');
  await page.waitForSelector(`#credentials-table tr[data-host="${regB.host}"] .dh-sign-out`, { timeout: 60000 });
  assert.equal(await page.locator('#credentials-table').getAttribute('role'), 'grid');
  const hosts = await page.locator('#credentials-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.host));
  await waitFocused('data-host', hosts[0]!);
  await page.keyboard.press('End');
  await waitFocused('data-host', hosts[hosts.length - 1]!);
  // Sign in and Sign out side by side, each on one line
  for (const host of [reg.host, regB.host]) {
    const boxes = await page.locator(`#credentials-table tr[data-host="${host}"] .dh-actions > *`).evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { top: Math.round(r.top), height: Math.round(r.height), right: r.right };
      }),
    );
    assert.equal(boxes.length, 2, JSON.stringify(boxes));
    assert.equal(boxes[0]!.top, boxes[1]!.top, `side by side: ${JSON.stringify(boxes)}`);
    assert.ok(
      boxes.every((b) => b.height < 40 && b.right <= 1360),
      `one line each, on screen: ${JSON.stringify(boxes)}`,
    );
  }
  await screenshot(page, 'credentials-keyboard');
  // Tab from the row reaches its buttons; Sign out of docker's login asks first, then the table is read again
  await page.locator(`#credentials-table tr[data-host="${regB.host}"]`).focus();
  await page.locator(`#credentials-table tr[data-host="${regB.host}"] .dh-sign-out`).click();
  await page.waitForSelector('#sign-out-dialog[open]');
  await page.click('#sign-out-dialog-submit');
  await page.waitForSelector(`#credentials-table tr[data-host="${regB.host}"] [data-source="none"]`, { timeout: 60000 });
  await waitFocused('data-host', regB.host);
});

test('clean-up plan: fits its dialog at 1360 px, and its rows are a grid', async () => {
  const { page } = browser;
  await page.click(`.dh-nav-item[data-host="${reg.host}"]`);
  await page.click('.dh-repo-row[data-repo="team/shop"]', { timeout: 60000 });
  await page.waitForSelector('#tags-table tbody tr[data-tag="latest"]', { timeout: 60000 });
  await page.click('#clean-up');
  await page.waitForSelector('#cleanup-dialog[open]');
  await page.locator('#cleanup-keep input').fill('1');
  await page.locator('#cleanup-older-than input').fill('30d');
  await page.click('#cleanup-dialog-submit');
  await page.waitForSelector('#cleanup-plan tbody tr', { timeout: 60000 });
  const fit = await page.evaluate(() => {
    const scroll = document.querySelector('#cleanup-plan')!.parentElement!;
    const dialog = document.getElementById('cleanup-dialog')!.getBoundingClientRect();
    const table = document.getElementById('cleanup-plan')!.getBoundingClientRect();
    return { scrollWidth: scroll.scrollWidth, clientWidth: scroll.clientWidth, tableRight: table.right, dialogRight: dialog.right };
  });
  assert.ok(fit.scrollWidth <= fit.clientWidth + 1, `no sideways scrolling: ${JSON.stringify(fit)}`);
  assert.ok(fit.tableRight <= fit.dialogRight, `the table ends inside the dialog: ${JSON.stringify(fit)}`);
  assert.equal(await page.locator('#cleanup-plan').getAttribute('role'), 'grid');
  const tags = await page.locator('#cleanup-plan tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tag));
  await page.locator('#cleanup-plan tbody tr[tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await waitFocused('data-tag', tags[1]!);
  await page.keyboard.press('l');
  await waitFocused('data-tag', 'latest');
  await screenshot(page, 'cleanup-plan-fit');
  await page.click('#cleanup-dialog-cancel');
});

test('a retag job is titled "Retag …", and job cards dock under the view: multi-platform rows keep Copy/Delete on screen at 1360 px', async () => {
  const { page } = browser;
  await page.click(`.dh-nav-item[data-host="${reg.host}"]`);
  await page.click('.dh-repo-row[data-repo="team/multi"]', { timeout: 60000 });
  await page.waitForSelector('#tags-table tbody tr[data-tag="v3"]', { timeout: 60000 });
  await page.locator('#tags-table tr[data-tag="v1"] .dh-retag-tag').click();
  await page.waitForSelector('#retag-dialog[open]');
  await page.locator('#retag-tag input').fill('stable');
  await page.click('#retag-dialog-submit');
  await page.waitForSelector('.dh-job[data-state]', { timeout: 120000 });
  assert.equal(await page.locator('.dh-job').last().getAttribute('data-state'), 'succeeded', (await page.locator('.dh-job-status').last().textContent()) ?? '');
  const title = (await page.locator('.dh-job-title').last().textContent()) ?? '';
  assert.match(title, /^Retag .*team\/multi:v1 as stable$/, title);
  assert.match((await page.locator('.dh-job-status').last().textContent()) ?? '', /^Tagged team\/multi:v1 as stable/);
  await page.waitForSelector('#tags-table tbody tr[data-tag="stable"]', { timeout: 60000 });
  // (no helper function inside evaluate: the test's TypeScript transform would name it with a __name the page lacks)
  const boxes = await page
    .evaluate(() =>
      [document.getElementById('main')!, document.querySelector('.dh-job')!].map((el) => {
        const b = el.getBoundingClientRect();
        return { top: b.top, bottom: b.bottom };
      }),
    )
    .then(([main, job]) => ({ main: main!, job: job! }));
  assert.ok(boxes.job.top >= boxes.main.bottom - 1, `the job card is below the view, not over it: ${JSON.stringify(boxes)}`);
  // every row's Copy and Delete are on screen and not covered (the element at their centre is the button)
  const hits = await page.locator('#tags-table tbody tr[data-tag]').evaluateAll((rows) =>
    rows
      .map((row) =>
        ['.dh-copy-tag', '.dh-delete-tag'].map((sel) => {
          const b = row.querySelector(sel)!;
          const r = b.getBoundingClientRect();
          const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return {
            tag: (row as HTMLElement).dataset.tag,
            sel,
            right: Math.round(r.right),
            onTop: !!at && (b === at || b.contains(at) || (at.getRootNode() as ShadowRoot).host === b),
          };
        }),
      )
      .flat(),
  );
  for (const h of hits) assert.ok(h.right <= 1360 && h.onTop, `visible and clickable: ${JSON.stringify(h)}`);
  // and the table fits beside the repository list: no column is cut off or hidden under the actions
  const fit = await page.evaluate(() => {
    const sc = document.querySelector('#tags-table')!.parentElement!;
    return { scrollWidth: sc.scrollWidth, clientWidth: sc.clientWidth };
  });
  assert.ok(fit.scrollWidth <= fit.clientWidth + 1, `the tags table fits at 1360 px: ${JSON.stringify(fit)}`);
  await screenshot(page, 'retag-job-docked');
  await page.locator('.dh-job-dismiss').last().click();
  assert.equal(await page.locator('.dh-job').count(), 0);
});
