// The desktop registry config editor in Debian's Chromium (served mode, real handlers and
// the shared linter): open a broken config.yml, see diagnostics inline and in the list at
// the right lines, hover docs, fix an error by typing, switch the registry version, save
// with the "errors remain" warning, the linter's quick fixes (Problems list, Ctrl+. menu,
// mapped over edits typed since, undoable) and Migrate to 3.1. Screenshots in both themes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../bed/index';
import { openBrowser, screenshot, startServed, type Browser, type ServedApp } from './desktop-harness';

const BROKEN = [
  'version: 0.1', //              1
  'log:', //                      2
  '  level: verbose', //          3  error: invalid log level
  'storage:', //                  4
  '  filesystem:', //             5
  '    rootdirectory: /var/lib/registry', // 6
  '  s3:', //                     7  error: a second storage driver, and no bucket
  '    region: us-east-1', //     8
  'http:', //                     9
  '  addr: :5000', //             10
  '  secrett: abc', //            11 warning: unknown key (did you mean secret?)
  'redis:', //                    12
  '  addr: localhost:6379', //    13 warning in 3.x only: addr is ignored by 3.1
  '',
].join('\n');

/** Upload purging with two of its four fields: the linter's fix adds the missing ones. */
const PURGING = [
  'version: 0.1',
  'storage:',
  '  filesystem:',
  '    rootdirectory: /var/lib/registry',
  '  maintenance:',
  '    uploadpurging:',
  '      enabled: true',
  '      age: 168h',
  'http:',
  '  addr: :5000',
  '  secret: a-long-shared-secret',
  '',
].join('\n');

/** A 2.8 file (redis.pool) with a bad log level and a bare-number age: fixes by keyboard and by button, then Migrate to 3.1. */
const FIXES = [
  'version: 0.1', //                1
  'log:', //                        2
  '  level: verbose', //            3  error: invalid log level (4 fixes)
  'storage:', //                    4
  '  filesystem:', //               5
  '    rootdirectory: /var/lib/registry',
  '  maintenance:', //              7
  '    uploadpurging:', //          8
  '      enabled: true', //         9
  '      age: 168', //              10 error: age is not a string (fix: 168h)
  '      interval: 24h',
  '      dryrun: false',
  'http:',
  '  addr: :5000',
  '  secret: a-long-shared-secret',
  'redis:', //                      16 a 2.8 redis section: Migrate to 3.1 rewrites it
  '  addr: localhost:6379',
  '  pool:',
  '    maxidle: 16',
  '',
].join('\n');

let served: ServedApp;
let browser: Browser;
let file: string;
let purgingFile: string;
let fixesFile: string;

before(async () => {
  const dir = tempDir('dockhand-config-e2e-');
  file = join(dir, 'config.yml');
  writeFileSync(file, BROKEN);
  purgingFile = join(dir, 'purging.yml');
  writeFileSync(purgingFile, PURGING);
  fixesFile = join(dir, 'fixes.yml');
  writeFileSync(fixesFile, FIXES);
  // the served mode opens only the files it is told about
  served = await startServed({ DOCKHAND_DESKTOP_CONFIG: file }, ['--config', purgingFile, '--config', fixesFile]);
  browser = await openBrowser(served.url);
});
after(async () => {
  await browser?.close();
  await served?.stop();
});

async function diagnostics(): Promise<Array<{ line: number; code: string; severity: string }>> {
  return browser.page.locator('#config-diagnostics .dh-diag').evaluateAll((rows) =>
    rows.map((r) => ({
      line: Number((r as HTMLElement).dataset.line),
      code: (r as HTMLElement).dataset.code ?? '',
      severity: r.classList.contains('error') ? 'error' : r.classList.contains('warning') ? 'warning' : 'info',
    })),
  );
}

test('open a broken config.yml: diagnostics at the right lines, inline and in the list', async () => {
  const { page } = browser;
  await page.click('#nav-config');
  await page.locator('#config-path input').fill(file);
  await page.click('#config-open');
  await page.waitForSelector('#config-diagnostics .dh-diag[data-line="3"]', { timeout: 60000 });
  const diags = await diagnostics();
  const at = (line: number) =>
    diags
      .filter((d) => d.line === line)
      .map((d) => `${d.severity}:${d.code}`)
      .sort();
  assert.deepEqual(at(3), ['error:invalid-loglevel']);
  assert.ok(at(7).includes('error:storage-driver-count'), `line 7: ${at(7)}`);
  assert.deepEqual(at(11), ['warning:unknown-key']);
  // The same default as the extension and the CLI (auto: detect, else 3.1), in the extension's words.
  assert.equal(await page.locator('#config-version').evaluate((el) => (el as HTMLElement & { value: string }).value), 'auto');
  assert.equal(await page.locator('#config-checked-as').textContent(), 'Registry 3.1 (default)');
  assert.match((await page.locator('#config-checked-as').getAttribute('title')) ?? '', /the default \(3\.1\)/);
  assert.equal(await page.locator('#config-checked-as').getAttribute('data-source'), 'default');
  assert.deepEqual(at(13), ['warning:redis-addr-version'], 'redis.addr is flagged for 3.x');
  assert.match((await page.locator('#config-summary').textContent()) ?? '', /\d+ errors?, \d+ warnings?/);
  // inline: squiggles on the same lines of the editor
  const line = (n: number) => page.locator(`#config-editor .cm-content .cm-line:nth-child(${n})`);
  assert.equal(await line(3).locator('.cm-lintRange-error').count(), 1);
  assert.equal(await line(11).locator('.cm-lintRange-warning').count(), 1);
  assert.equal(await line(6).locator('.cm-lintRange-error, .cm-lintRange-warning').count(), 0);
  // YAML highlighting: keys and values are separate styled tokens
  assert.ok((await line(6).locator('span').count()) >= 2);
});

test('hover docs on a key', async () => {
  const { page } = browser;
  await page.locator('#config-editor .cm-line:nth-child(6)').hover({ position: { x: 70, y: 6 } });
  await page.waitForSelector('.dh-hover-doc', { timeout: 15000 });
  assert.equal(await page.locator('.dh-hover-path').textContent(), 'storage.filesystem.rootdirectory');
  assert.ok(((await page.locator('.dh-hover-text').textContent()) ?? '').length > 10);
  await screenshot(page, 'config-editor');
  await page.mouse.move(5, 5);
});

test('typing a fix updates the diagnostics; the version selector re-lints for 2.8 and says so', async () => {
  const { page } = browser;
  await page.locator('#config-editor .cm-line:nth-child(3)').getByText('verbose').dblclick();
  await page.keyboard.type('info');
  assert.equal(await page.locator('#config-editor .cm-line:nth-child(3)').textContent(), '  level: info');
  await page.waitForFunction(() => !document.querySelector('#config-diagnostics .dh-diag[data-code="invalid-loglevel"]'), undefined, { timeout: 15000 });
  assert.ok(!(await page.locator('#config-dirty').getAttribute('class'))?.includes('hidden'), 'marked unsaved');
  await page.locator('#config-version').click();
  await page.locator('#config-version vscode-option[value="2.8"]').click();
  await page.waitForFunction(() => !document.querySelector('#config-diagnostics .dh-diag[data-code="redis-addr-version"]'), undefined, { timeout: 15000 });
  assert.equal(await page.locator('#config-checked-as').textContent(), 'Registry 2.8 (chosen)');
  assert.equal(await page.locator('#config-checked-as').getAttribute('data-source'), 'target');
});

test('saving with errors left asks first, then writes the file', async () => {
  const { page } = browser;
  await page.click('#config-save');
  await page.waitForSelector('#save-warning[open]');
  assert.match((await page.locator('#save-warning').textContent()) ?? '', /error.*remain/);
  await screenshot(page, 'config-save-warning');
  await page.click('#save-warning-submit');
  await page.waitForSelector('#save-warning', { state: 'detached' });
  await page.waitForFunction(() => document.getElementById('config-dirty')?.classList.contains('hidden'));
  const saved = readFileSync(file, 'utf8');
  assert.match(saved, /^ {2}level: info$/m);
  assert.equal(saved.split('\n').length, BROKEN.split('\n').length);
  assert.deepEqual(browser.problems, []);
});

test('completion offers the keys the schema allows where the cursor is', async () => {
  const { page } = browser;
  await page.locator('#config-editor .cm-line:nth-child(10)').click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('sec');
  await page.waitForSelector('.cm-tooltip-autocomplete li', { timeout: 15000 });
  const labels = await page.locator('.cm-tooltip-autocomplete li .cm-completionLabel').allTextContents();
  assert.ok(labels.includes('secret'), `offered: ${labels}`);
  await screenshot(page, 'config-completion', ['dark']);
  await page.keyboard.press('Enter');
  assert.match((await page.locator('#config-editor .cm-line:nth-child(11)').textContent()) ?? '', /^ {2}secret: ?$/);
});

test('unsaved edits are guarded: opening another file asks first, Cancel keeps them, reload asks too', async () => {
  const { page } = browser;
  await page.locator('#config-editor .cm-line:nth-child(1)').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' # edited');
  await page.waitForFunction(() => !document.getElementById('config-dirty')?.classList.contains('hidden'));
  await page.locator('#config-path input').fill(purgingFile);
  await page.click('#config-open');
  await page.waitForSelector('#discard-dialog[open]');
  assert.match((await page.locator('#discard-dialog').textContent()) ?? '', /not saved/);
  await screenshot(page, 'config-discard');
  // Enter does not discard: the focus starts on Cancel.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'discard-dialog-cancel');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#discard-dialog', { state: 'detached' });
  assert.match((await page.locator('#config-editor .cm-line:nth-child(1)').textContent()) ?? '', /# edited$/, 'the edit is still there');
  // A reload asks (beforeunload); dismissing it keeps the page and the edit.
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.type();
    void d.dismiss();
  });
  await page.reload({ timeout: 5000 }).catch(() => undefined);
  assert.equal(asked, 'beforeunload');
  assert.match((await page.locator('#config-editor .cm-line:nth-child(1)').textContent()) ?? '', /# edited$/);
  // Discarding on purpose opens the other file.
  await page.click('#config-open');
  await page.waitForSelector('#discard-dialog[open]');
  await page.click('#discard-dialog-submit');
  // (the editor lives in a shadow root)
  await page.waitForFunction(() => document.querySelector('#config-editor')?.shadowRoot?.querySelector('.cm-line')?.textContent === 'version: 0.1');
  assert.match((await page.locator('#config-editor .cm-content').textContent()) ?? '', /uploadpurging/, 'the other file is open');
  assert.equal(readFileSync(file, 'utf8').includes('# edited'), false, 'nothing was written to the first file');
});

test("quick fixes: the linter's fix is a button in the Problems list and applies in the editor", async () => {
  const { page } = browser;
  const fix = page.locator('#config-diagnostics .dh-diag[data-code="uploadpurging"] .dh-diag-fix');
  await fix.waitFor({ timeout: 15000 });
  assert.match((await fix.textContent()) ?? '', /^Fix: Add interval, dryrun$/);
  await screenshot(page, 'config-quick-fix');
  await fix.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('#config-diagnostics .dh-diag[data-code="uploadpurging"]'), undefined, { timeout: 15000 });
  const text = await page.locator('#config-editor .cm-content').evaluate((el) => Array.from(el.querySelectorAll('.cm-line'), (l) => l.textContent).join('\n'));
  assert.match(text, /\n {6}age: 168h\n {6}interval: 24h\n {6}dryrun: false\n/);
  assert.deepEqual(browser.problems, []);
});

/** The editor's text, line by line (it lives in a shadow root; the locators pierce it). */
async function editorText(): Promise<string> {
  return browser.page.locator('#config-editor .cm-content').evaluate((el) => Array.from(el.querySelectorAll('.cm-line'), (l) => l.textContent).join('\n'));
}

test('quick fixes by keyboard: Ctrl+. on a line lists every fix, applies one over an edit typed since, Ctrl+Z undoes it', async () => {
  const { page } = browser;
  // back to the default (the test above chose 2.8)
  await page.locator('#config-version').click();
  await page.locator('#config-version vscode-option[value="auto"]').click();
  await page.locator('#config-path input').fill(fixesFile);
  await page.click('#config-open');
  // the purging file was fixed but not saved: opening another file asks first
  await page.waitForSelector('#discard-dialog[open]');
  await page.click('#discard-dialog-submit');
  await page.waitForSelector('#config-diagnostics .dh-diag[data-code="invalid-loglevel"]', { timeout: 60000 });
  assert.equal(await page.locator('#config-checked-as').textContent(), 'Registry 2.8 (detected)');
  assert.equal(await page.locator('#config-migrate').isVisible(), true, 'Migrate to 3.1 is offered for a 2.8 file');
  // An edit of the user's own on line 1, then at once Ctrl+. on line 3 (the fixes may still be for the text before the edit).
  await page.locator('#config-editor .cm-line:nth-child(1)').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' # mine');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Period');
  const menu = page.locator('#config-fix-menu');
  await menu.waitFor({ timeout: 15000 });
  assert.deepEqual(await menu.locator('.dh-fix-choice').allTextContents(), ['Change to info', 'Change to error', 'Change to warn', 'Change to debug']);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Change to info', 'the preferred fix has the focus');
  await screenshot(page, 'config-fix-menu');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Change to error');
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('#config-editor')?.shadowRoot?.querySelectorAll('.cm-line')[2]?.textContent === '  level: error');
  assert.match(await editorText(), /^version: 0\.1 # mine\n/, "the user's own edit is kept");
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'config-editor', 'the focus is back in the editor');
  await page.waitForFunction(() => !document.querySelector('#config-diagnostics .dh-diag[data-code="invalid-loglevel"]'), undefined, { timeout: 15000 });
  // One Ctrl+Z undoes the fix, and only the fix.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#config-editor')?.shadowRoot?.querySelectorAll('.cm-line')[2]?.textContent === '  level: verbose');
  assert.match(await editorText(), /^version: 0\.1 # mine\n/);
  // Escape closes the menu without a change.
  await page.waitForSelector('#config-diagnostics .dh-diag[data-code="invalid-loglevel"]', { timeout: 15000 });
  await page.keyboard.press('Control+Period');
  await menu.waitFor({ timeout: 15000 });
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  assert.match(await editorText(), /\n {2}level: verbose\n/);
  assert.deepEqual(browser.problems, []);
});

test('quick fixes in the Problems list: "Fix: Change to 168h", "3 more fixes…" for the log level', async () => {
  const { page } = browser;
  const row = page.locator('#config-diagnostics .dh-diag[data-code="uploadpurging"]');
  await row.waitFor({ timeout: 15000 });
  assert.equal(await row.locator('.dh-diag-fix').textContent(), 'Fix: Change to 168h');
  assert.equal(await page.locator('#config-diagnostics .dh-diag[data-code="invalid-loglevel"] .dh-diag-more').textContent(), '3 more fixes…');
  await screenshot(page, 'config-fix-buttons');
  await row.locator('.dh-diag-fix').click();
  await page.waitForFunction(() => !document.querySelector('#config-diagnostics .dh-diag[data-code="uploadpurging"]'), undefined, { timeout: 15000 });
  assert.match(await editorText(), /\n {6}age: 168h\n/);
  // "3 more fixes…" opens the same menu for that problem.
  await page.locator('#config-diagnostics .dh-diag[data-code="invalid-loglevel"] .dh-diag-more').click();
  await page.locator('#config-fix-menu').waitFor({ timeout: 15000 });
  await page.locator('#config-fix-menu .dh-fix-choice', { hasText: 'Change to warn' }).click();
  await page.waitForFunction(() => document.querySelector('#config-editor')?.shadowRoot?.querySelectorAll('.cm-line')[2]?.textContent === '  level: warn');
});

test('Migrate to 3.1: one click rewrites the 2.8 file (changes explained in comments), it is then checked as 3.1; Ctrl+Z undoes it', async () => {
  const { page } = browser;
  const before = await editorText();
  await page.click('#config-migrate');
  await page.waitForFunction(() => document.getElementById('config-checked-as')?.textContent === 'Registry 3.1 (detected)', undefined, { timeout: 15000 });
  const after = await editorText();
  assert.match(after, /^# dockhand-target: 3\.1\n/);
  assert.match(after, /# dockhand migrate: /);
  assert.match(after, /addrs: \[localhost:6379\]/);
  assert.equal(await page.locator('#config-migrate').isVisible(), false, 'no second migration offered');
  await page.waitForFunction(() => !document.querySelector('#config-diagnostics .dh-diag.error'), undefined, { timeout: 15000 });
  await screenshot(page, 'config-migrated');
  await page.locator('#config-editor .cm-content').focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.getElementById('config-checked-as')?.textContent === 'Registry 2.8 (detected)', undefined, { timeout: 15000 });
  assert.equal(await editorText(), before);
  assert.deepEqual(browser.problems, []);
});
