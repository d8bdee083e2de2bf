// A first run of the desktop in served mode on a headless machine (no D-Bus, no keychain):
// existing logins (docker config.json auths, containers auth.json) are listed as discovered
// and open; the welcome screen's "Start a sandbox registry" starts a real docker-registry
// with sample images; signing in to a TLS+htpasswd registry offers "for this session only"
// in plain words and works without writing the password anywhere.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seedImage, startRegistry, tempDir, type RegistryHandle } from '../bed/index';
import { runCli, isolatedCliEnv } from '../integration/helpers/run-cli';
import { openBrowser, screenshot, startServed, type Browser, type ServedApp } from './desktop-harness';

let discoveredReg: RegistryHandle;
let loginReg: RegistryHandle;
let served: ServedApp;
let browser: Browser;
let home: string;
let sandboxDir: string;
const dockerConfigText = (auth: string) => `{\n    "auths": {\n        "HOST": {\n            "auth": "${auth}"\n        }\n    }\n}\n`;

before(async () => {
  [discoveredReg, loginReg] = await Promise.all([startRegistry({ tls: true, htpasswd: true }), startRegistry({ tls: true, htpasswd: true })]);
  await seedImage(discoveredReg, 'found/app', '1.0', { layerSizes: [2000] });
  await seedImage(loginReg, 'private/api', '2.1', { layerSizes: [2000] });
  home = tempDir('dockhand-first-run-');
  sandboxDir = join(home, 'sandbox');
  mkdirSync(join(home, '.docker'));
  const auth = Buffer.from(`${discoveredReg.username}:${discoveredReg.password}`).toString('base64');
  writeFileSync(join(home, '.docker/config.json'), dockerConfigText(auth).replace('HOST', discoveredReg.host));
  // The registries' CA where docker looks for it (certs.d), so a discovered registry verifies.
  const certsDir = join(home, 'certs.d');
  for (const reg of [discoveredReg, loginReg]) {
    mkdirSync(join(certsDir, reg.host), { recursive: true });
    copyFileSync(reg.caFile!, join(certsDir, reg.host, 'ca.crt'));
  }
  // No D-Bus session, no display: the OS keychain cannot be reached (a headless server).
  served = await startServed({
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
    DOCKHAND_CERTS_DIR: certsDir,
    DOCKHAND_SANDBOX_DIR: sandboxDir,
    DBUS_SESSION_BUS_ADDRESS: '',
    DISPLAY: '',
    XDG_RUNTIME_DIR: join(home, 'run'),
  });
  browser = await openBrowser(served.url);
});

after(async () => {
  await browser?.close();
  await served?.stop();
  await runCli(['sandbox', 'down'], { env: { ...isolatedCliEnv(), DOCKHAND_SANDBOX_DIR: sandboxDir } });
  await Promise.all([discoveredReg?.stop(), loginReg?.stop()]);
});

test('welcome screen: "Start a sandbox registry" starts a local registry with sample images and opens it', async () => {
  const { page } = browser;
  // A first run opens on the welcome screen; the discovered login is listed there too.
  await page.waitForSelector(`.dh-welcome-reg:has-text("${discoveredReg.host}") .dh-found-chip`, { timeout: 30000 });
  await screenshot(page, 'first-run-welcome');
  const start = page.locator('#welcome-sandbox');
  await start.waitFor();
  await start.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.dh-repo-row[data-repo="samples/hello"]', { timeout: 120000 });
  const repos = await page.locator('.dh-repo-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.repo));
  assert.deepEqual(repos, ['samples/base', 'samples/hello', 'samples/tools', 'samples/web']);
  const sandboxRow = page.locator('.dh-nav-item.active');
  assert.match((await sandboxRow.textContent()) ?? '', /Sandbox \(sample images\)/);
  await page.click('.dh-repo-row[data-repo="samples/hello"]');
  await page.waitForSelector('#tags-table tbody tr[data-tag="2.0.0"]', { timeout: 60000 });
  await screenshot(page, 'first-run-sandbox');
  // The registry really runs, with its data in the sandbox folder (the CLI sees it too).
  const status = await runCli(['sandbox', 'status', '--json'], { env: { ...isolatedCliEnv(), DOCKHAND_SANDBOX_DIR: sandboxDir } });
  assert.equal(status.code, 0, status.err);
  assert.ok(readdirSync(join(sandboxDir, 'data')).length > 0);
});

test('first run: a registry from docker config.json is listed as discovered and opens with that login', async () => {
  const { page } = browser;
  const row = page.locator(`.dh-nav-item[data-host="${discoveredReg.host}"]`);
  await row.waitFor({ timeout: 30000 });
  assert.equal((await row.locator('.dh-nav-chip').textContent())?.trim(), 'found');
  await row.click();
  await page.waitForSelector('.dh-repo-row[data-repo="found/app"]', { timeout: 60000 });
  assert.match((await page.locator('#registry-credential').textContent()) ?? '', new RegExp(`${discoveredReg.username}`));
  // Nothing was written: docker's file is untouched, and the app's own list does not hold it.
  const auth = Buffer.from(`${discoveredReg.username}:${discoveredReg.password}`).toString('base64');
  assert.equal(readFileSync(join(home, '.docker/config.json'), 'utf8'), dockerConfigText(auth).replace('HOST', discoveredReg.host));
  const state = (() => {
    try {
      return readFileSync(join(served.stateDir, 'registries.json'), 'utf8');
    } catch {
      return '{"registries":[]}';
    }
  })();
  assert.deepEqual(
    (JSON.parse(state) as { registries: Array<{ host: string }> }).registries.filter((r) => r.host === discoveredReg.host),
    [],
    'opening a discovered registry does not add it',
  );
});

test('sign in without a keychain: "for this session only" is offered first in plain words, and works', async () => {
  const { page } = browser;
  await page.click('#add-registry');
  await page.waitForSelector('#add-registry-dialog[open]');
  await page.locator('#add-url input').fill(`https://${loginReg.host}`);
  await page.locator('#add-username input').fill(loginReg.username!);
  await page.locator('#add-password input').fill(loginReg.password!);
  await page.locator('#add-password input').press('Tab');
  await page.waitForSelector('#add-storage-keychain[disabled]', { state: 'attached', timeout: 30000 });
  assert.equal(await page.isChecked('#add-storage-session'), true, 'this session only is chosen by default');
  assert.equal(await page.isDisabled('#add-storage-keychain'), true);
  const words = await page.locator('#add-registry-dialog').innerText();
  assert.match(words, /For this session only/);
  assert.match(words, /keychain can't be reached/);
  assert.match(words, /not encrypted/, "docker's plaintext file is offered only with a warning");
  assert.doesNotMatch(words, /D-Bus|X11|\(set\)|\(find\)|autolaunch|keytar/i);
  await screenshot(page, 'first-run-sign-in');
  await page.click('#add-registry-dialog-submit');
  await page.waitForSelector('#add-registry-dialog', { state: 'detached', timeout: 60000 });
  await page.waitForSelector('.dh-repo-row[data-repo="private/api"]', { timeout: 60000 });
  assert.match((await page.locator('#registry-credential').textContent()) ?? '', /session/i);
  // The password is nowhere on disk.
  for (const f of [join(served.stateDir, 'registries.json'), join(home, '.docker/config.json')]) {
    assert.ok(!readFileSync(f, 'utf8').includes(loginReg.password!), `${f} holds no password`);
  }
  assert.deepEqual(browser.problems, []);
});
