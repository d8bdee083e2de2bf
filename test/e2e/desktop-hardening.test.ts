// The desktop explorer in Debian's Chromium (served mode, real handlers), where it refuses:
// plain HTTP to another host without "Skip TLS verification" ticked, and a config file the served mode
// was not started with. Each refusal is shown where the user acted, with the fix, and
// nothing changes. Screenshots of both.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../bed/index';
import { openBrowser, screenshot, startServed, type Browser, type ServedApp } from './desktop-harness';

let served: ServedApp;
let browser: Browser;
let named: string;
let other: string;

before(async () => {
  const dir = tempDir('dockhand-hardening-e2e-');
  named = join(dir, 'config.yml');
  other = join(dir, 'other.yml');
  writeFileSync(named, 'version: 0.1\n');
  writeFileSync(other, 'version: 0.1\nhttp:\n  addr: :5000\n');
  served = await startServed({ DOCKHAND_DESKTOP_CONFIG: named });
  browser = await openBrowser(served.url);
});
after(async () => {
  await browser?.close();
  await served?.stop();
});

test('adding http://host (not loopback) without "Skip TLS verification" is refused in the dialog, and nothing is added', async () => {
  const { page } = browser;
  await page.click('#add-registry');
  await page.waitForSelector('#add-registry-dialog[open]');
  await page.locator('#add-url input').fill('http://registry.example.com:5000');
  await page.click('#add-registry-dialog-submit');
  await page.waitForSelector('#add-registry-dialog .dh-dialog-error:has-text("tick")', { timeout: 30000 });
  const error = (await page.locator('#add-registry-dialog .dh-dialog-error').textContent()) ?? '';
  assert.match(error, /plain HTTP.*tick "Skip TLS verification"/);
  await screenshot(page, 'add-registry-http-refused', ['dark']);
  assert.equal(await page.locator('.dh-nav-item[data-host="registry.example.com:5000"]').count(), 0);
  const stateFile = join(served.stateDir, 'registries.json');
  assert.ok(!existsSync(stateFile) || !readFileSync(stateFile, 'utf8').includes('registry.example.com'), 'nothing stored');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#add-registry-dialog', { state: 'detached' });
});

test('the config editor opens the file it was started with, and refuses another typed path with the fix', async () => {
  const { page } = browser;
  await page.click('#nav-config');
  await page.locator('#config-path input').fill(named);
  await page.click('#config-open');
  await page.waitForSelector('#config-diagnostics .dh-diag[data-code="storage-missing"]', { timeout: 30000 });
  await page.locator('#config-path input').fill(other);
  await page.click('#config-open');
  await page.waitForSelector('.dh-view.dh-config-view :text("--config")', { timeout: 30000 });
  const shown = (await page.locator('.dh-config-view').textContent()) ?? '';
  assert.match(shown, /not picked or opened before/);
  assert.ok(!shown.includes('addr: :5000'), 'the refused file is not shown');
  await screenshot(page, 'config-open-refused', ['dark']);
});
