// Smoke path (b): the desktop renderer, served by the real main-process handlers over
// the served mode, loaded in Debian's Chromium; a screenshot in each theme.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNELS } from '../../desktop/common';
import { createMainApi } from '../../desktop/main/create-main-api';
import { createDispatcher } from '../../desktop/main/dispatcher';
import { tempDir } from '../bed/index';
import { RENDERER_CSP } from '../../desktop/server/csp';
import { openBrowser, REPO_ROOT, screenshot, startServed, type Browser, type ServedApp } from './desktop-harness';

let served: ServedApp;
let browser: Browser | undefined;

before(async () => {
  served = await startServed();
});
after(async () => {
  await browser?.close();
  await served?.stop();
});

test('served mode refuses API calls without the token, from foreign origins and with a foreign Host', async () => {
  const call = (headers: Record<string, string>) =>
    fetch(`${served.origin}/api/registries:list`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{"args":[]}' });
  assert.equal((await call({})).status, 401);
  assert.equal((await call({ Authorization: 'Bearer wrong' })).status, 401);
  assert.equal((await call({ Authorization: `Bearer ${served.token}`, Origin: 'http://evil.example' })).status, 403);
  const ok = await call({ Authorization: `Bearer ${served.token}` });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { result: [] });
  const forbidden = await (
    await fetch(`${served.origin}/api/shell:exec`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.token}` },
      body: '{"args":[]}',
    })
  ).json();
  assert.equal(forbidden.error.name, 'ForbiddenChannel');
  const page = await fetch(`${served.origin}/`);
  assert.equal(page.headers.get('content-security-policy'), RENDERER_CSP);
  assert.ok(!/unsafe-(inline|eval)/.test(RENDERER_CSP));
  const html = readFileSync(join(REPO_ROOT, 'desktop/renderer/index.html'), 'utf8');
  const meta = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.equal(meta, RENDERER_CSP.replace("; frame-ancestors 'none'", ''), 'the page meta CSP (used by Electron) matches the served header');
  assert.ok(CHANNELS.includes('registries:list') && CHANNELS.every((c) => /^[a-z]+:[a-zA-Z]+$/.test(c)));
});

test('the renderer loads in Chromium through the served-mode bridge, without CSP violations', async () => {
  browser = await openBrowser(served.url);
  const { page } = browser;
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true');
  await page.waitForSelector('text=No registries yet.');
  assert.equal(await page.locator('.dh-brand-name').textContent(), 'Dockhand');
  assert.ok(!page.url().includes('token='), 'the token is removed from the address bar');
  // the toolkit's buttons are real custom elements, upgraded and themed
  assert.equal(await page.evaluate(() => !!customElements.get('vscode-button')), true);
  const before = await page.getAttribute('body', 'data-theme');
  await page.click('#theme-toggle');
  assert.notEqual(await page.getAttribute('body', 'data-theme'), before, 'the sidebar toggle switches the theme');
  await page.click('#theme-toggle');
  assert.equal(await page.getAttribute('body', 'data-theme'), before);
  const files = await screenshot(page, 'smoke');
  for (const f of files) assert.ok(statSync(f).size > 10000, `${f} is a real screenshot`);
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(dark, 'rgb(31, 31, 31)');
  assert.deepEqual(browser.problems, []);
});

test('the renderer also runs on a preload-shaped window.dockhand (test bridge over the real handlers, as in Electron)', async () => {
  const { context, api } = createMainApi({
    mode: 'electron',
    stateDir: tempDir('dockhand-bridge-state-'),
    env: { ...process.env, HOME: tempDir('dockhand-bridge-home-') },
  });
  const dispatch = createDispatcher(api);
  const calls: string[] = [];
  const b = await openBrowser('about:blank');
  try {
    await b.page.exposeFunction('__dockhandInvoke', (channel: string, args: unknown[]) => {
      calls.push(channel);
      return dispatch(channel, args);
    });
    // What preload.ts does with contextBridge: one frozen namespace, one function per allowed channel.
    await b.page.addInitScript(
      (channels: string[]) => {
        const api: Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> = {};
        for (const channel of channels) {
          const [ns, method] = channel.split(':');
          api[ns] ??= {};
          api[ns][method] = async (...args: unknown[]) => {
            const env = await (
              window as unknown as { __dockhandInvoke: (c: string, a: unknown[]) => Promise<{ result?: unknown; error?: { message: string } }> }
            ).__dockhandInvoke(channel, args);
            if (env.error) throw Object.assign(new Error(env.error.message), env.error);
            return env.result;
          };
        }
        Object.defineProperty(window, 'dockhand', { value: Object.freeze(api), writable: false });
      },
      [...CHANNELS],
    );
    await b.page.goto(`${served.origin}/`);
    await b.page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    assert.equal(await b.page.locator('.dh-brand-mode').textContent(), 'desktop', 'app:info answered by the bridge (mode electron)');
    assert.ok(calls.includes('app:info') && calls.includes('registries:list'), `calls: ${calls}`);
    await b.page.click('#nav-config');
    await b.page.waitForSelector('#config-editor .cm-editor');
    assert.deepEqual(b.problems, []);
  } finally {
    await b.close();
    context.dispose();
  }
});
