// The desktop registry config editor in Debian's Chromium (served mode, real handlers and
// the shared linter): open a broken config.yml, see diagnostics inline and in the list at
// the right lines, hover docs, fix an error by typing, switch the registry version, save
// with the "errors remain" warning. Screenshots in both themes.
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

let served: ServedApp;
let browser: Browser;
let file: string;
let purgingFile: string;

before(async () => {
  const dir = tempDir('dockhand-config-e2e-');
  file = join(dir, 'config.yml');
  writeFileSync(file, BROKEN);
  purgingFile = join(dir, 'purging.yml');
  writeFileSync(purgingFile, PURGING);
  // the served mode opens only the files it is told about
  served = await startServed({ DOCKHAND_DESKTOP_CONFIG: file }, ['--config', purgingFile]);
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
  // The same default as the extension and the CLI (auto: detect, else 3.x), and the screen says which.
  assert.equal(await page.locator('#config-version').evaluate((el) => (el as HTMLElement & { value: string }).value), 'auto');
  assert.equal(await page.locator('#config-checked-as').textContent(), 'Checked as registry 3.x');
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
  assert.equal(await page.locator('#config-checked-as').textContent(), 'Checked as registry 2.8');
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
