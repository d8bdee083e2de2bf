// The desktop's Files tab end to end: the served mode (real handlers) in Debian's Chromium
// against a real registry holding an image with overwrites and deletions. Walk folders with
// the keyboard, open a text file and a binary one, see wasted space; axe-core on the tab.
// Screenshots: test/.artifacts/screenshots/desktop-image-files-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startRegistry, tempDir, type RegistryHandle } from '../bed/index';
import { addRegistryByUrl, openBrowser, screenshot, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';
import { pushLayeredImage, type LayerSpec } from '../integration/helpers/layered-images';

let reg: RegistryHandle;
let served: ServedApp;
let browser: Browser;

before(
  async () => {
    reg = await startRegistry();
    const layers: LayerSpec[] = [
      {
        members: [
          { name: 'etc/', type: 'directory' },
          { name: 'etc/nginx/', type: 'directory' },
          { name: 'etc/nginx/nginx.conf', data: 'worker_processes 1;\nevents { worker_connections 64; }\n' },
          { name: 'usr/bin/', type: 'directory' },
          { name: 'usr/bin/server', data: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), randomBytes(20000)]), mode: 0o755 },
          { name: 'tmp/cache.bin', data: randomBytes(300_000) },
        ],
      },
      {
        compression: 'zstd',
        members: [
          { name: 'tmp/.wh.cache.bin' },
          { name: 'etc/nginx/nginx.conf', data: 'worker_processes auto;\nevents { worker_connections 1024; }\n' },
          { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
        ],
      },
    ];
    await pushLayeredImage(reg, 'team/web', '1.0', { layers });
    await pushLayeredImage(reg, 'team/web', '2.0', {
      layers: [
        layers[0]!,
        {
          members: [
            { name: 'etc/nginx/nginx.conf', data: 'worker_processes 4;\n' },
            { name: 'srv/index.html', data: '<h1>hi</h1>\n' },
          ],
        },
      ],
      env: ['PATH=/bin', 'MODE=prod'],
    });
    const cacheHome = tempDir('dockhand-files-cache-');
    ({ served } = await startServedEmptyDocker('dockhand-files-e2e-', { DOCKHAND_CACHE_DIR: join(cacheHome, 'cache') }));
    browser = await openBrowser(served.url);
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await served?.stop();
  await reg?.stop();
});

async function axe(selector: string): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await browser.page.evaluate(source);
  return browser.page.evaluate(async (sel) => {
    const r = await (
      window as unknown as { axe: { run(ctx: string, o: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }
    ).axe.run(sel, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  }, selector);
}

test('Files tab: folders, the layer of each file, a text viewer, binary files, wasted space', { timeout: 300_000 }, async () => {
  const { page } = browser;
  await addRegistryByUrl(page, `http://${reg.host}`);
  await page.click('.dh-repo-row[data-repo="team/web"]', { timeout: 60000 });
  await page.click('#tags-table tbody tr[data-tag="1.0"]', { timeout: 60000 });
  await page.click('#tab-files', { timeout: 60000 });
  await page.click('#files-open');
  await page.waitForSelector('#files-table', { timeout: 120000 });
  assert.deepEqual(await page.locator('#files-table .dh-file-name').evaluateAll((els) => els.map((e) => (e as HTMLElement).textContent?.trim())), [
    'bin',
    'etc/',
    'tmp/',
    'usr/',
  ]);
  assert.match((await page.locator('#files-summary').textContent()) ?? '', /2 files · 19\.6 KiB · 2 layers · 293 KiB wasted/);
  assert.match((await page.locator('#files-wasted').textContent()) ?? '', /\/tmp\/cache\.bin 293 KiB in layer 1, deleted in layer 2/);
  // Keyboard: focus etc/, Enter; nginx/, Enter; the file, Enter.
  await page.locator('#files-table button[data-path="/etc"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#files-table button[data-path="/etc/nginx"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#files-table button[data-path="/etc/nginx/nginx.conf"]');
  assert.equal(await page.locator('#files-table tbody tr td:last-child').first().textContent(), '2', 'nginx.conf was last written by layer 2');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#file-text');
  assert.equal(await page.locator('#file-text').textContent(), 'worker_processes auto;\nevents { worker_connections 1024; }\n');
  const violations = (await axe('#files-tab')).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, [], 'axe-core: no serious or critical violations in the Files tab');
  await screenshot(page, 'image-files');
  // A symlink to a folder opens the folder; a binary file says so.
  await page.click('#files-crumbs button:has-text("/")');
  await page.click('#files-table button[data-path="/bin"]');
  await page.click('#files-table button[data-path="/usr/bin/server"]');
  await page.waitForSelector('#file-binary');
  await screenshot(page, 'image-files-binary', ['dark']);
  assert.deepEqual(browser.problems, []);
});

test('Compare with…: another tag of the repository, differences listed', { timeout: 300_000 }, async () => {
  const { page } = browser;
  await page.click('#image-compare');
  await page.waitForSelector('#compare-dialog[open]');
  await page.locator('#compare-other input').fill('2.0');
  await page.click('#compare-dialog-submit');
  await page.waitForSelector('#compare-text', { timeout: 120000 });
  assert.equal(
    await page.locator('#compare-summary').textContent(),
    '1 config change(s) · layers: 1 shared, 1 only here, 1 only there · files: 3 added, 1 removed, 1 changed',
  );
  const text = (await page.locator('#compare-text').textContent()) ?? '';
  assert.match(text, /Env MODE: \(none\) -> prod/);
  assert.match(text, /~ \/etc\/nginx\/nginx\.conf 20 B \[size, content: 59 B -> 20 B\]/);
  assert.match(text, /- \/bin \(symlink\)/);
  assert.match(text, /\+ \/tmp\/cache\.bin 293 KiB/);
  const violations = (await axe('#compare-dialog')).filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(violations, []);
  await screenshot(page, 'image-compare', ['dark']);
});
