// Registry events in the desktop (served mode, Debian Chromium, the real main-process
// handlers): the Activity screen starts `dockhand listen` as a child process, shows its
// address and token and gives the notifications: block; a real docker-registry configured
// with that block sends its events; skopeo pushes and pulls. The open tag list shows a pushed
// tag without a reload click, a new repository appears in the list, the Activity grid lists
// the push with skopeo's user agent (keyboard: arrows move the row focus), tags show pushed-at
// and last-pulled and sort by them; Stop ends the receiver. Screenshots + axe-core:
// test/.artifacts/screenshots/desktop-activity-*.png, desktop-tags-usage-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { freePort, startRegistry, tempDir, type RegistryHandle } from '../bed/index';
import { addRegistryByUrl, openBrowser, screenshot, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';
import { skopeoPull, skopeoPush, startSourceRegistry } from './events-skopeo';

let src: RegistryHandle;
let reg: RegistryHandle | undefined;
let served: ServedApp;
let browser: Browser;
const eventsDir = tempDir('dockhand-events-desktop-');

async function call<T>(channel: string, args: unknown[]): Promise<T> {
  const res = await fetch(`${served.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}`, 'content-type': 'application/json', origin: served.origin },
    body: JSON.stringify({ args }),
  });
  const env = (await res.json()) as { result?: T; error?: { message: string } };
  if (env.error) throw new Error(env.error.message);
  return env.result as T;
}

/** Waits (on the condition) until the receiver lists an event matching the filter. */
async function waitForEvent(filter: { action: string; repository: string }): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    if ((await call<unknown[]>('events:list', [filter])).length) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no ${filter.action} event of ${filter.repository} reached the receiver within 60 s`);
}

before(
  async () => {
    src = await startSourceRegistry();
    // DOCKHAND_NODE: the system Node that ran npm ci (its SQLite binding); the CLI is found beside the desktop bundle.
    ({ served } = await startServedEmptyDocker('dockhand-events-e2e-', { DOCKHAND_EVENTS_DIR: eventsDir, DOCKHAND_NODE: process.execPath }));
    browser = await openBrowser(served.url);
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await served?.stop();
  await reg?.stop();
  await src?.stop();
});

test('Activity: start the receiver, a registry sends it events, lists and tag views follow live', { timeout: 420_000 }, async () => {
  const { page } = browser;
  await page.click('#nav-activity');
  await page.waitForSelector('#receiver-start', { timeout: 60_000 });
  const port = await freePort();
  await page.locator('#receiver-addr input').fill(`127.0.0.1:${port}`);
  await page.click('#receiver-start');
  await page.locator('#receiver-state', { hasText: `Receiving on 127.0.0.1:${port}` }).waitFor({ timeout: 60_000 });
  assert.ok(existsSync(join(eventsDir, 'receiver.json')), 'the receiver published receiver.json');
  const endpoint = (await page.locator('#receiver-endpoint').textContent())!.trim();
  assert.equal(endpoint, `http://127.0.0.1:${port}/events`);
  const token = (await page.locator('#receiver-token').textContent())!.trim();
  assert.ok(token.length >= 16);
  await page.locator('#activity-table, .dh-activity-host .dh-empty, .dh-activity-host [class*="empty"]').first().waitFor({ timeout: 30_000 });
  await screenshot(page, 'activity-started');

  // The block the Activity screen copies, put into a real registry's config.
  const block = await call<string>('events:configBlock', [true]);
  const notifications = (load(block) as { notifications: { endpoints: Array<{ url: string; headers: Record<string, string[]> }> } }).notifications;
  assert.equal(notifications.endpoints[0].url, endpoint);
  assert.deepEqual(notifications.endpoints[0].headers.Authorization, [`Bearer ${token}`]);
  reg = await startRegistry({ config: { notifications } });

  await skopeoPush(`${src.host}/src/app:v1`, `${reg.host}/team/app:v1`);
  await addRegistryByUrl(page, `http://${reg.host}`);
  await page.click('.dh-repo-row[data-repo="team/app"]', { timeout: 60_000 });
  await page.waitForSelector('#tags-table tbody tr[data-tag="v1"]', { timeout: 60_000 });

  // A push while the tag list is open: the row appears without a reload click.
  await skopeoPush(`${src.host}/src/app:v2`, `${reg.host}/team/app:v2`);
  await page.waitForSelector('#tags-table tbody tr[data-tag="v2"]', { timeout: 60_000 });
  // A push to a repository the list does not have yet: the repository list reloads.
  await skopeoPush(`${src.host}/src/app:v1`, `${reg.host}/team/other:1`);
  await page.waitForSelector('.dh-repo-row[data-repo="team/other"]', { timeout: 60_000 });

  await skopeoPull(`${reg.host}/team/app:v1`);
  await waitForEvent({ action: 'pull', repository: 'team/app' });

  // The Activity grid: the pushes with skopeo's user agent, filters, keyboard.
  await page.click('#nav-activity');
  await page.waitForSelector('#activity-table tbody tr[data-action="push"][data-tag="v2"]', { timeout: 60_000 });
  const v2 = page.locator('#activity-table tbody tr[data-action="push"][data-tag="v2"]');
  assert.match((await v2.textContent()) ?? '', /team\/app/);
  assert.match((await v2.locator('td').nth(6).textContent()) ?? '', /skopeo/i);
  await page.waitForFunction(() => document.querySelectorAll('#activity-table tbody tr[data-action="push"]').length >= 3, undefined, { timeout: 60_000 });
  await page.locator('#activity-table tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).getAttribute('aria-rowindex')), '3');
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('#activity-table tbody tr:last-child')), true);
  await screenshot(page, 'activity');
  await page.locator('#activity-action').click();
  await page.locator('#activity-action vscode-option[value="pull"]').click();
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('#activity-table tbody tr')).every((r) => (r as HTMLElement).dataset.action === 'pull') &&
      document.querySelectorAll('#activity-table tbody tr').length > 0,
    undefined,
    { timeout: 60_000 },
  );

  // Pulls change no tag list (nothing reloads by itself): open the tags again to read the new last-pulled date.
  await page.click(`.dh-nav-item[data-host="${reg.host}"]`);
  await page.click('.dh-repo-row[data-repo="team/app"]', { timeout: 60_000 });
  await page.waitForFunction(() => !/never|^$/.test(document.querySelector('#tags-table tr[data-tag="v1"] td.pulled')?.textContent ?? ''), undefined, {
    timeout: 60_000,
  });
  // Dockhand's own manifest reads (this tag list) reach the receiver as pulls with its User-Agent: they do not count,
  // so v2, pulled by nobody else, has no last-pulled date.
  assert.match((await page.locator('#tags-table tr[data-tag="v2"] td.pulled').textContent()) ?? '', /never/);
  assert.doesNotMatch((await page.locator('#tags-table tr[data-tag="v2"] td.pushed').textContent()) ?? '', /created|—/);
  await page.click('[data-sort-pill="pulled"]');
  assert.deepEqual(await page.locator('#tags-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tag)), ['v1', 'v2']);
  await screenshot(page, 'tags-usage');

  await page.click('#nav-activity');
  await page.click('#receiver-stop');
  await page.waitForSelector('#receiver-start', { timeout: 60_000 });
  assert.ok(!existsSync(join(eventsDir, 'receiver.json')), 'the stopped receiver removed receiver.json');
  assert.deepEqual(browser.problems, []);
});
