// Issue 15 item 7, the loads beyond catalog/tags/manifest (desktop-ux.test.ts covers those): the
// image's config blob and the Credentials screen. Each load shows Cancel while it waits; Cancel
// stops the wait at once and leaves "Stopped …" with Retry; the rest of the screen stays usable;
// a load that runs out of time says what happened. Real registry, real server, Chromium; the
// hang itself comes from fakes (a proxy that stops answering blob GETs, a credential helper
// that never answers), as a real registry cannot hang on demand. Screens run axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { seedImage, startRegistry, tempDir, waitFor, type RegistryHandle } from '../bed/index';
import { openBrowser, screenshot, servedApi, startServed, type Browser, type ServedApp } from './desktop-harness';

let reg: RegistryHandle;
let proxy: Server;
let proxyHost: string;
let served: ServedApp;
let browser: Browser;
let home: string;
/** While true, the proxy accepts blob GETs and never answers them (the manifest and everything else still pass). */
let hangBlobs = false;
let proxiedId: string;
/** Blob GETs the proxy holds unanswered (the app's side closes them on its first-byte timeout). */
let hanging = 0;
let hungSoFar = 0;

before(async () => {
  reg = await startRegistry();
  await seedImage(reg, 'team/app', '1.0', { layerSizes: [2000], created: '2025-01-01T00:00:00Z' });
  // (fake) a proxy in front of the real registry that can be told to stop answering blob GETs
  proxy = createServer((req, res) => {
    if (hangBlobs && req.method === 'GET' && /\/blobs\/sha256:/.test(req.url ?? '')) {
      hanging++;
      hungSoFar++;
      res.on('close', () => hanging--);
      return;
    }
    const up = request({ host: '127.0.0.1', port: reg.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyHost = `127.0.0.1:${(proxy.address() as { port: number }).port}`;
  home = tempDir('dockhand-load-cancel-');
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker/config.json'), '{}\n');
  // (fake) a docker credential helper that never answers
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'docker-credential-hang'), '#!/bin/sh\nexec sleep 600\n');
  chmodSync(join(bin, 'docker-credential-hang'), 0o755);
  served = await startServed({
    DOCKHAND_FIRST_BYTE_TIMEOUT_MS: '4000',
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
    PATH: `${bin}:${process.env.PATH}`,
  });
  await servedApi(served, 'registries:add', { url: reg.host, name: 'Direct' });
  proxiedId = (await servedApi<{ id: string }>(served, 'registries:add', { url: proxyHost, name: 'Proxied' })).id;
  browser = await openBrowser(served.url);
});

after(async () => {
  await browser?.close();
  await served?.stop();
  proxy?.closeAllConnections();
  proxy?.close();
  await reg?.stop();
});

test('(fake silent blob registry) the config blob read that never answers: Cancel stops it at once, the other tabs still work, Retry times out with the right words', async () => {
  const { page } = browser;
  await page.goto(`${served.origin}/#/registry/${proxiedId}/team%2Fapp/1.0`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForSelector('#tab-config-raw', { timeout: 60000 });
  hangBlobs = true;
  await page.click('#tab-config-raw');
  await page.waitForSelector('#raw-config .dh-load-cancel', { timeout: 30000 });
  assert.match((await page.locator('#raw-config .dh-loading').textContent()) ?? '', /Reading the config blob/);
  await page.click('#raw-config .dh-load-cancel');
  await page.waitForSelector('#raw-config .dh-cancelled:has-text("Stopped reading the config blob")');
  assert.equal(await page.locator('#raw-config .dh-load-cancel').count(), 0, 'the spinner and its Cancel are gone');
  await screenshot(page, 'config-blob-cancelled');
  // The rest of the image view still works while the blob GET is still hanging in the main process.
  await page.click('#tab-layers');
  await page.waitForSelector('#view-layers table', { state: 'visible', timeout: 30000 });
  await page.click('#tab-config-raw');
  await page.waitForSelector('#raw-config .dh-cancelled', { state: 'visible' });
  // Retry: the same hang runs into the first-byte timeout, which names the registry and what happened.
  await page.click('#raw-config .dh-load-retry');
  await page.waitForSelector('#raw-config .dh-error-box', { timeout: 180000 });
  assert.equal(await page.locator('#raw-config .dh-error-title').textContent(), 'Could not read the image config');
  const detail = (await page.locator('#raw-config .dh-error-detail').textContent()) ?? '';
  assert.match(detail, new RegExp(`${proxyHost.replace(/\./g, '\\.')} accepted the connection but sent no answer in time`));
  assert.ok(!/connecting/i.test(detail), detail);
  await screenshot(page, 'config-blob-timeout');
  // Once the registry answers again, Retry reads the blob.
  hangBlobs = false;
  await page.click('#raw-config .dh-error-box vscode-button:has-text("Retry")');
  await page.waitForSelector('#raw-config pre', { timeout: 60000 });
  assert.match((await page.locator('#raw-config pre').textContent()) ?? '', /"architecture"/);
});

test('(fake silent blob registry) Files: reading the layers that never answer has Cancel; Retry reads them once the registry answers', async () => {
  const { page } = browser;
  await page.click('#tab-files');
  await page.waitForSelector('#files-open', { state: 'visible', timeout: 30000 });
  hangBlobs = true;
  const hungBefore = hungSoFar;
  await page.click('#files-open');
  await page.waitForSelector('#files-tab .dh-load-cancel', { timeout: 30000 });
  await page.click('#files-tab .dh-load-cancel');
  await page.waitForSelector('#files-tab .dh-cancelled:has-text("Stopped reading the layers")');
  assert.equal(await page.locator('#files-tab .dh-load-cancel').count(), 0);
  await screenshot(page, 'files-cancelled', ['dark']);
  hangBlobs = false;
  // Cancel drops the answer in the window; the main process gives up on the hung reads at its first-byte timeout.
  // Retry once they have (a Retry before that joins the read still running there and reports its timeout).
  await waitFor('the hung blob reads to be closed by the app', async () => (hungSoFar > hungBefore && hanging === 0) || undefined, { timeoutMs: 120_000 });
  await page.click('#files-tab .dh-load-retry');
  await page.waitForSelector('#files-crumbs', { timeout: 120000 });
  await page.waitForSelector('#files-tab button:has-text("data")', { timeout: 60000 });
});

test('(fake silent credential helper) the Credentials load has Cancel: it stops the wait at once and Retry reads again', async () => {
  const { page } = browser;
  // docker's config now sends the Direct registry's lookups to a helper that never answers
  writeFileSync(join(home, '.docker/config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'hang' } }, null, 2));
  await page.goto(`${served.origin}/#/credentials`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  await page.waitForSelector('.dh-page-body .dh-load-cancel', { timeout: 30000 });
  assert.match((await page.locator('.dh-page-body .dh-loading').textContent()) ?? '', /Reading the credentials/);
  await page.click('.dh-page-body .dh-load-cancel');
  await page.waitForSelector('.dh-page-body .dh-cancelled:has-text("Stopped reading the credentials")');
  await screenshot(page, 'credentials-cancelled');
  // Reload reads again; the helper runs into its own time-out and the row says which helper did not answer.
  await page.click('#credentials-reload');
  await page.waitForSelector('.dh-page-body .dh-load-cancel', { timeout: 30000 });
  await page.waitForSelector('#credentials-table', { timeout: 120000 });
  const rows = (await page.locator('#credentials-table').textContent()) ?? '';
  assert.match(rows, /docker-credential-hang get did not answer within \d+ s/);
  assert.deepEqual(browser.problems, []);
});
