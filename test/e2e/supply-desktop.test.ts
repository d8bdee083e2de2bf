// Issue 17 in the served desktop (Debian's Chromium, real handlers, real registry 2.8 without the
// referrers API): "Verify signatures…" checks a cosign simple-signing signature, a sigstore bundle
// and a Notation JWS signature (keys by node:crypto, certificates by openssl, made here) with trust
// material pasted into the dialog, and shows per signature what held; a wrong key is "Not
// verified". The delete dialog lists the attachments that deleting the manifest would orphan and,
// when asked, deletes them with the image (read back through the raw registry API).
// Screenshots (axe-core checked in each): test/.artifacts/screenshots/desktop-verify-*.png, desktop-delete-orphans-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { startRegistry, registryFetch, seedImage, tempDir, type RegistryHandle } from '../bed/index';
import { pushCosignSignature } from '../bed/attachments-seed';
import { makeNotationPki, pushBundleAndNotation, type NotationPki } from '../bed/signing-seed';
import { addRegistryByUrl, openBrowser, screenshot, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';
import { assertAccessible } from './axe';

let reg: RegistryHandle;
let served: ServedApp;
let browser: Browser;
let keys: { privateKey: KeyObject; publicKey: KeyObject };
let pki: NotationPki;
const attached: Record<string, string[]> = {};

async function seedSigned(repo: string, tag: string): Promise<string> {
  const img = await seedImage(reg, repo, tag, { format: 'oci', layerSizes: [512] });
  const sig = await pushCosignSignature(reg, repo, img.digest, keys.privateKey);
  const { bundle, notation } = await pushBundleAndNotation(
    reg,
    repo,
    { mediaType: img.mediaType, digest: img.digest, size: img.manifestBytes.length },
    keys.privateKey,
    pki,
  );
  attached[`${repo}:${tag}`] = [sig.digest, bundle.digest, notation.digest];
  return img.digest;
}

before(
  async () => {
    reg = await startRegistry();
    keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pki = makeNotationPki(tempDir('dockhand-supply-pki'));
    await seedSigned('team/signed', 'v1');
    await seedSigned('team/doomed', 'v1');
    ({ served } = await startServedEmptyDocker('dockhand-supply-e2e-'));
    browser = await openBrowser(served.url);
    await addRegistryByUrl(browser.page, `http://${reg.host}`);
  },
  { timeout: 180_000 },
);

after(async () => {
  await browser?.close();
  await served?.stop();
  await reg?.stop();
});

const verdicts = (page: Browser['page']) =>
  page.locator('#verify-checks tbody tr').evaluateAll((rows) => rows.map((r) => `${r.children[1]!.textContent}=${(r as HTMLElement).dataset.ok}`).sort());

test(
  'Verify signatures…: a key verifies the cosign signature and the sigstore bundle, the CA the Notation signature; a wrong key is not verified',
  { timeout: 240_000 },
  async () => {
    const { page } = browser;
    await page.click('.dh-repo-row[data-repo="team/signed"]', { timeout: 60000 });
    await page.click('#tags-table tbody tr[data-tag="v1"]', { timeout: 60000 });
    await page.waitForSelector('#attached-table tbody tr', { timeout: 60000 });
    await page.click('#attached-verify');
    await page.waitForSelector('#verify-dialog[open]');
    await assertAccessible(page, 'the empty verify dialog');

    // Nothing given: the dialog says what to give, nothing is checked.
    await page.click('#verify-dialog-submit');
    await page.waitForFunction(() => /Give what to trust/.test(document.querySelector('#verify-dialog .dh-dialog-error')?.textContent ?? ''), undefined, {
      timeout: 60000,
    });

    // By keyboard: type the public key into its box and press the Verify button with Enter.
    await page.locator('#verify-key').fill(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await page.focus('#verify-dialog-submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#verify-summary.ok', { timeout: 60000 });
    assert.deepEqual(await verdicts(page), ['cosign simple-signing=true', 'notation=false', 'sigstore bundle=true']);
    assert.match((await page.locator('#verify-checks tr[data-ok="false"]').textContent()) ?? '', /no trusted certificate given/);
    assert.match((await page.locator('#verify-not-checked').textContent()) ?? '', /transparency log/);

    await page.locator('#verify-certs').fill(pki.caPem);
    await page.click('#verify-dialog-submit');
    await page.waitForFunction(() => document.querySelectorAll('#verify-checks tr[data-ok="true"]').length === 3, undefined, { timeout: 60000 });
    assert.match((await page.locator('#verify-checks').textContent()) ?? '', /CN=signer\.test/);
    await page.locator('#verify-summary').scrollIntoViewIfNeeded();
    await screenshot(page, 'verify-ok');

    await page.locator('#verify-key').fill(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await page.locator('#verify-certs').fill(pki.otherCaPem);
    await page.click('#verify-dialog-submit');
    await page.waitForSelector('#verify-summary.fail', { timeout: 60000 });
    assert.deepEqual(await verdicts(page), ['cosign simple-signing=false', 'notation=false', 'sigstore bundle=false']);
    assert.match((await page.locator('#verify-checks').textContent()) ?? '', /does not verify with this key/);
    assert.match((await page.locator('#verify-checks').textContent()) ?? '', /does not chain to a certificate you trust/);
    await page.locator('#verify-summary').scrollIntoViewIfNeeded();
    await screenshot(page, 'verify-fail', ['dark']);

    await page.locator('#verify-key').fill('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----');
    await page.click('#verify-dialog-submit');
    await page.waitForFunction(() => /private key/.test(document.querySelector('#verify-dialog .dh-dialog-error')?.textContent ?? ''), undefined, {
      timeout: 60000,
    });
    await page.keyboard.press('Escape');
    await page.waitForSelector('#verify-dialog', { state: 'detached' });
    assert.deepEqual(browser.problems, []);
  },
);

test('Delete: the dialog lists the attachments that would be orphaned; ticked, they are deleted with the manifest', { timeout: 240_000 }, async () => {
  const { page } = browser;
  await page.click('.dh-repo-row[data-repo="team/doomed"]', { timeout: 60000 });
  await page.click('#tags-table tbody tr[data-tag="v1"]', { timeout: 60000 });
  await page.waitForSelector('#attached-table tbody tr', { timeout: 60000 });
  await page.click('#image-delete');
  await page.waitForSelector('#orphan-warning', { timeout: 60000 });
  const text = (await page.locator('#orphan-warning').textContent()) ?? '';
  assert.match(text, /3 attachments would become orphans/);
  for (const d of attached['team/doomed:v1']!) assert.ok(text.includes(d.slice(0, 19)), `lists ${d}`);
  assert.equal(await page.locator('#delete-attachments').isChecked(), false, 'deleting attachments is never the default');
  await page.check('input[name="delete-mode"][value="manifest"]');
  await page.check('#delete-attachments');
  await screenshot(page, 'delete-orphans');
  // Toasts go after a few seconds: record them as they come.
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { toasts: string[] }).toasts = []);
    new MutationObserver((ms) => {
      for (const m of ms)
        for (const n of Array.from(m.addedNodes)) if (n instanceof HTMLElement && n.classList.contains('dh-toast')) seen.push(n.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.click('#delete-dialog-submit');
  await page.waitForSelector('#delete-dialog', { state: 'detached', timeout: 60000 });
  await page.waitForFunction(() => (window as unknown as { toasts: string[] }).toasts.length > 0, undefined, { timeout: 60000 });
  assert.match((await page.evaluate(() => (window as unknown as { toasts: string[] }).toasts)).join('\n'), /Deleted v1 and 3 attachments/);
  const tags = (await (await registryFetch(reg, '/v2/team/doomed/tags/list')).json()) as { tags: string[] | null };
  assert.deepEqual(tags.tags ?? [], [], 'the image tag, the cosign tag and the tag-schema index are gone');
  for (const d of attached['team/doomed:v1']!) {
    const res = await registryFetch(reg, `/v2/team/doomed/manifests/${d}`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    assert.equal(res.status, 404, `attachment ${d} deleted`);
  }
  assert.deepEqual(browser.problems, []);
});
