// The extension as a demanding user finds it (issue 15), in code-server driven by Debian
// Chromium: the details webview (axe-core, no CSP errors, layer copy links on one line), the
// Delete… dialog from the keyboard (Enter removes only the tag; on several selected tags one
// combined preview, Enter removes only those tags), Copy never onto itself and
// the tree refreshed after copy and retag, a failure worded for the editor with its fix as a
// button, signing out of a docker `auths` login (asked first, config.json's formatting kept),
// and which registry version a config.yml was linted against. Screenshots go to
// test/.artifacts/screenshots/extension-ux-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './code-server/server';
import { launchChromium, openWorkbench, screenshot } from './code-server/browser';
import { packageVsix } from './code-server/vsix';
import { missingTools } from './code-server/tools';
import { startExtensionBed, type ExtensionBed } from './code-server/extensionBed';
import { viewPane, row, contextMenu, answer, toast, expand, collapse, quickInput, runCommand, waitForActivation } from './code-server/workbench';
import { axeViolations } from './axe';
import { freePort, registryFetch } from '../bed/index';

let bed: ExtensionBed;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let workspace = '';
let deadPort = 0;
const consoleErrors: string[] = [];

// docker's config.json as a person wrote it: 4-space indent, a key Dockhand does not know,
// the TLS registry's credsStore marker and a plaintext `auths` login for the plain registry.
let dockerConfigText = '';
let dockerConfigAfterLogout = '';

async function tagsOf(repo: string): Promise<string[]> {
  const res = await registryFetch(bed.tls, `/v2/${repo}/tags/list`);
  if (res.status !== 200) return [];
  return (((await res.json()) as { tags: string[] | null }).tags ?? []).sort();
}

before(
  async () => {
    const missing = missingTools();
    if (missing) throw new Error(missing);
    const [vsix, b] = await Promise.all([packageVsix(), startExtensionBed()]);
    bed = b;
    deadPort = await freePort();
    const plainEntry = `        "${bed.plain.host}": {\n            "auth": "${Buffer.from('ci-user:ci-secret').toString('base64')}"\n        },\n`;
    const head = `{\n    "credsStore": "secretservice",\n    "auths": {\n`;
    const tail = `        "${bed.tls.host}": {}\n    },\n    "HttpHeaders": { "User-Agent": "me/1.0" },\n    "detachKeys": "ctrl-e,e"\n}\n`;
    dockerConfigText = head + plainEntry + tail;
    dockerConfigAfterLogout = head + tail;
    writeFileSync(join(bed.dockerd.dockerConfigDir, 'config.json'), dockerConfigText);
    workspace = join(bed.dir, 'ux-workspace');
    mkdirSync(join(workspace, 'registry'), { recursive: true });
    writeFileSync(
      join(workspace, 'registry', 'config.yml'),
      'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n',
    );
    server = await startCodeServer({
      workspace,
      vsix: [vsix],
      env: bed.env,
      settings: {
        'dockhand.registries': [
          { url: bed.plain.url, insecure: true },
          { url: `http://127.0.0.1:${deadPort}`, insecure: true },
        ],
        'files.autoSave': 'off',
      },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultNavigationTimeout(180_000); // a busy machine serves the workbench slowly
    page.setDefaultTimeout(90_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    // Every frame records its CSP violations with the element that caused them (diagnostics).
    await page.addInitScript(() => {
      const w = window as unknown as { __csp?: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        const t = e.target as Element | null;
        w.__csp!.push(
          `${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} sample=${e.sample} target=${t && 'outerHTML' in t ? t.outerHTML.slice(0, 200) : String(t)}`,
        );
      });
    });
    await openWorkbench(page, server.url, workspace);
    await page.locator('.activitybar .action-item a[aria-label^="Dockhand"]').click();
    await viewPane(page, 'Registries').waitFor({ timeout: 60_000 });
    await waitForActivation(page, row(viewPane(page, 'Registries'), bed.tls.host));
  },
  { timeout: 900_000 },
);

after(async () => {
  if (page) await screenshot(page, 'extension-ux-last').catch(() => {});
  await browser?.close().catch(() => {});
  await server?.stop();
  await bed?.stop();
});

test('details webview: no serious/critical axe-core violation, no CSP error, layer copy links on one line', { timeout: 240_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await expand(row(pane, bed.tls.host));
  await expand(row(pane, 'team/multi'));
  const tag = row(pane, '1.0');
  await tag.waitFor({ timeout: 60_000 });
  consoleErrors.length = 0;
  await contextMenu(page, tag, 'Image Details');
  const outer = page.frameLocator('iframe.webview.ready');
  const frame = outer.frameLocator('iframe#active-frame');
  await frame.locator('h2', { hasText: /^Layers \(\d+\)$/ }).waitFor({ timeout: 60_000 });
  await frame.locator('h2', { hasText: 'Attached (1)' }).waitFor({ timeout: 60_000 });
  await screenshot(page, 'extension-ux-details');

  // The details document itself (the inner frame of the webview).
  const docFrame = await (await frame.locator('body').elementHandle())?.ownerFrame();
  assert.ok(docFrame, 'the details frame');
  const violations = await axeViolations(docFrame as unknown as Page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));

  // Every copy link sits on one line, beside its digest.
  const boxes = await docFrame.evaluate(() =>
    Array.from(document.querySelectorAll('.layers .copy, .kv .copy')).map((c) => {
      const r = c.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(c).lineHeight) || parseFloat(getComputedStyle(c).fontSize) * 1.4;
      const digest = (c.closest('.digest') as HTMLElement).getBoundingClientRect();
      return { height: r.height, lineHeight, right: r.right, digestRight: digest.right, top: r.top, digestBottom: digest.bottom };
    }),
  );
  assert.ok(boxes.length >= 3, `copy links found: ${boxes.length}`);
  for (const b of boxes) {
    assert.ok(b.height <= b.lineHeight * 1.6, `a copy link wraps: ${JSON.stringify(b)}`);
    assert.ok(b.right <= b.digestRight + 1, `a copy link sticks out of its cell: ${JSON.stringify(b)}`);
  }
  const csp = consoleErrors.filter((m) => /Content Security Policy|inline style/i.test(m));
  const seen = await docFrame.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  assert.deepEqual(csp, [], `no CSP violation while the details webview opened; seen in the frame: ${JSON.stringify(seen)}`);
  await runCommand(page, 'View: Close All Editors');
});

test('Delete… from the keyboard: Enter removes only this tag; deleting the manifest is a separate, explicit button', { timeout: 180_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await expand(row(pane, 'team/app'));
  const latest = row(pane, 'latest');
  await latest.waitFor({ timeout: 60_000 });
  await latest.click();
  await page.keyboard.press('Delete');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.locator('text=team/app:stable').waitFor();
  const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
  assert.ok(buttons.includes('Remove Only This Tag'), buttons.join(' | '));
  assert.ok(
    buttons.some((b) => /^Delete Manifest sha256:[0-9a-f]{12}… and All 3 Tags$/.test(b)),
    buttons.join(' | '),
  );
  const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim());
  assert.equal(focused, 'Remove Only This Tag', 'the default (focused) button keeps the siblings');
  await screenshot(page, 'extension-ux-delete-dialog');
  await page.keyboard.press('Enter');
  await toast(page, 'Removed tag team/app:latest').waitFor({ timeout: 60_000 });
  assert.deepEqual(await tagsOf('team/app'), ['1.0.0', '1.10.0', '1.2.0', 'stable']);
  await latest.waitFor({ state: 'detached', timeout: 30_000 });
});

test(
  "Copy never onto itself: the image's own registry is offered last and without a value; the tree shows the copy and a retag",
  { timeout: 180_000 },
  async () => {
    const pane = viewPane(page, 'Registries');
    await contextMenu(page, row(pane, '1.2.0'), 'Copy to Registry/Repository…');
    const input = quickInput(page);
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    const picks = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(!picks[0]?.includes(bed.tls.host), `the source registry is not the first choice: ${picks.join(' | ')}`);
    assert.match(picks[picks.length - 1] ?? '', /this image's registry/);
    await answer(page, bed.tls.host, { pick: bed.tls.host });
    // The name box comes after the registry pick (and after counting the attachments that go along): wait for it.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: ` to ${bed.tls.host}` }).waitFor({ timeout: 30_000 });
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await input.inputValue(), '', 'not pre-filled with the image itself');
    await input.fill('team/app:1.2.0');
    await page.locator('.quick-input-message', { hasText: 'That is team/app:1.2.0 itself' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'extension-ux-copy-itself');
    await input.press('Enter'); // refused: the box stays open
    assert.ok(await input.isVisible());
    await input.fill('team/app:1.2.0-copy');
    await input.press('Enter');
    await toast(page, `Copied to ${bed.tls.host}/team/app:1.2.0-copy`).waitFor({ timeout: 60_000 });
    await row(pane, '1.2.0-copy').waitFor({ timeout: 30_000 });

    await contextMenu(page, row(pane, '1.0.0'), 'Retag…');
    await answer(page, '1.0.0-rt');
    await toast(page, 'Tagged team/app:1.0.0-rt').waitFor({ timeout: 60_000 });
    await row(pane, '1.0.0-rt').waitFor({ timeout: 30_000 });
  },
);

test('multi-select: Delete on two selected tags shows one combined preview; Enter removes only these tags, the images stay', { timeout: 180_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  const before = await tagsOf('team/app');
  assert.ok(before.includes('1.0.0-rt') && before.includes('1.2.0-copy'), before.join(', '));
  await row(pane, '1.0.0-rt').click();
  await row(pane, '1.2.0-copy').click({ modifiers: ['Control'] });
  await pane.locator('.monaco-list-row.selected').nth(1).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Delete');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 60_000 });
  const text = await dialog.innerText();
  assert.match(text, /Delete 2 tags of .*team\/app\?/);
  assert.match(text, /• team\/app:1\.0\.0-rt/);
  assert.match(text, /• team\/app:1\.2\.0-copy/);
  assert.match(text, /also removes [^\n]*:1\.0\.0\b/, 'the unselected sibling tags that deleting would take are named');
  const buttons = (await dialog.locator('.monaco-button').allInnerTexts()).map((b) => b.trim());
  assert.ok(buttons.includes('Remove Only These 2 Tags'), buttons.join(' | '));
  assert.ok(
    buttons.some((b) => /^Delete 2 Manifests and All \d+ Tags$/.test(b)),
    buttons.join(' | '),
  );
  const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim());
  assert.equal(focused, 'Remove Only These 2 Tags', 'the default (focused) button keeps the images');
  await screenshot(page, 'extension-ux-multi-delete-dialog');
  await page.keyboard.press('Enter');
  await toast(page, 'Removed 2 of 2 tags.').waitFor({ timeout: 60_000 });
  assert.deepEqual(
    await tagsOf('team/app'),
    before.filter((t) => t !== '1.0.0-rt' && t !== '1.2.0-copy'),
  );
  await row(pane, '1.2.0-copy').waitFor({ state: 'detached', timeout: 30_000 });
  await row(pane, '1.0.0').click(); // a single selection again for the tests after this one
});

test("a failure speaks the editor's language: what failed, the fix, a Retry button, no command-line flags", { timeout: 180_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await contextMenu(page, row(pane, '1.0.0'), 'Copy to Registry/Repository…');
  await answer(page, `127.0.0.1:${deadPort}`, { pick: `127.0.0.1:${deadPort}` });
  await answer(page, 'team/app:1.0.0');
  const t = toast(page, 'Copying team/app:1.0.0 failed.');
  await t.waitFor({ timeout: 120_000 });
  const text = await t.innerText();
  assert.match(text, new RegExp(`Check that 127\\.0\\.0\\.1:${deadPort} is running and reachable`));
  assert.doesNotMatch(text, /--[a-z]|docker login|dockhand \w|\(explicit\)/);
  await t.locator('.monaco-button', { hasText: 'Retry' }).waitFor();
  await screenshot(page, 'extension-ux-error-toast');
  await page.keyboard.press('Escape');
});

test('Log Out of a docker auths login: asked first, says whose login it is; config.json keeps its formatting', { timeout: 180_000 }, async () => {
  const pane = viewPane(page, 'Registries');
  await collapse(row(pane, bed.tls.host)); // the plain registry sorts below the TLS one's rows
  await contextMenu(page, row(pane, bed.plain.host), 'Log Out');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  const text = await dialog.innerText();
  assert.match(text, new RegExp(`Log out of ${bed.plain.host.replace(/\./g, '\\.')}, for docker too\\?`));
  assert.match(text, /Docker's login as "ci-user", in docker's config\.json/);
  assert.match(text, /the docker CLI is logged out of .* too/);
  assert.equal(readFileSync(join(bed.dockerd.dockerConfigDir, 'config.json'), 'utf8'), dockerConfigText, 'nothing changes before the answer');
  await screenshot(page, 'extension-ux-logout-dialog');
  await dialog.locator('.monaco-button', { hasText: 'Log Out of Docker Too' }).click();
  await toast(page, `Logged out of ${bed.plain.host}`).waitFor({ timeout: 60_000 });
  assert.equal(readFileSync(join(bed.dockerd.dockerConfigDir, 'config.json'), 'utf8'), dockerConfigAfterLogout, "only the plain registry's lines went");
});

test('config.yml: the status bar says which registry version it was linted against', { timeout: 120_000 }, async () => {
  await page.keyboard.press('Control+P');
  await answer(page, 'config.yml', { pick: 'config.yml' });
  const status = page.locator('.statusbar-item', { hasText: /Registry config (2\.8|3\.[01])/ });
  await status.waitFor({ timeout: 60_000 });
  assert.match(await status.innerText(), /Registry config 3\.1 \(default\)/);
  await screenshot(page, 'extension-ux-lint-version');
});
