// The desktop explorer end to end: the served mode (real handlers) in Debian's Chromium
// against the real test bed. Browse a TLS+htpasswd registry, sort tags, open a
// multi-platform image, delete with the sibling-tag warning, filter 10,000 repositories,
// retag and push a local image with progress, see credential sources. Screenshots of
// every screen in both themes go to test/.artifacts/screenshots/desktop-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  engineRequest,
  makeLocalImage,
  pushBlob,
  pushManifest,
  registryFetch,
  seedImage,
  seedIndex,
  startDockerd,
  startKeyring,
  startRegistry,
  tempDir,
  MT,
  type DockerdHandle,
  type KeyringHandle,
  type RegistryHandle,
} from '../bed/index';
import { openBrowser, screenshot, startServed, type Browser, type ServedApp } from './desktop-harness';

const REPO_COUNT = 10000;
let keyring: KeyringHandle;
let tlsReg: RegistryHandle;
let bigReg: RegistryHandle;
let dockerd: DockerdHandle;
let served: ServedApp;
let browser: Browser;

/**
 * 10,000 repositories through the registry API, quickly: a repository enters distribution's
 * catalog as soon as a blob is linked into it, so each gets one cross-repository mount of a
 * shared config blob (one request); the first 20 also get a tiny manifest (a tag to open).
 */
async function seedManyRepos(reg: RegistryHandle, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `group-${String(i % 50).padStart(2, '0')}/service-${String(i).padStart(5, '0')}`);
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
  const configDigest = await pushBlob(reg, names[0], config);
  const manifest = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MT.ociManifest, config: { mediaType: MT.ociConfig, digest: configDigest, size: config.length }, layers: [] }),
  );
  let next = 1;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      const mount = await registryFetch(reg, `/v2/${name}/blobs/uploads/?mount=${configDigest}&from=${names[0]}`, { method: 'POST' });
      await mount.arrayBuffer();
      if (mount.status !== 201) throw new Error(`mount into ${name}: HTTP ${mount.status}`);
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  await Promise.all(names.slice(0, 20).map((n) => pushManifest(reg, n, 'latest', MT.ociManifest, manifest)));
  return names;
}

before(async () => {
  const t0 = Date.now();
  keyring = await startKeyring();
  [tlsReg, bigReg, dockerd] = await Promise.all([startRegistry({ tls: true, htpasswd: true }), startRegistry(), startDockerd()]);
  const img = await seedImage(tlsReg, 'team/api', '1.2.0', {
    layerSizes: [300_000, 40_000],
    created: '2024-03-01T10:00:00Z',
    labels: { 'org.opencontainers.image.title': 'api' },
  });
  await pushManifest(tlsReg, 'team/api', 'stable', img.mediaType, img.manifestBytes);
  await seedImage(tlsReg, 'team/api', '1.10.0', { layerSizes: [900_000], created: '2025-02-01T00:00:00Z' });
  await seedImage(tlsReg, 'team/api', '1.9.3', { layerSizes: [10_000], created: '2025-06-01T00:00:00Z' });
  await seedImage(tlsReg, 'team/api', '2.0.0-rc.1', { layerSizes: [50_000], created: '2023-01-01T00:00:00Z' });
  await seedIndex(tlsReg, 'team/multi', 'v1', ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']);
  await seedImage(tlsReg, 'tools/lint', 'latest', { layerSizes: [1000] });
  await Promise.all([seedManyRepos(bigReg, REPO_COUNT), makeLocalImage(dockerd, 'demo/app:dev', { layerSizes: [3_000_000, 1_000_000] })]);
  const home = tempDir('dockhand-desktop-e2e-');
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker/config.json'), '{}\n');
  served = await startServed({
    ...keyring.env,
    HOME: home,
    DOCKER_CONFIG: join(home, '.docker'),
    DOCKER_HOST: dockerd.env.DOCKER_HOST,
    REGISTRY_AUTH_FILE: join(home, 'auth.json'),
  });
  browser = await openBrowser(served.url);
  console.log(`desktop e2e set-up took ${Date.now() - t0} ms`);
});

after(async () => {
  await browser?.close();
  await served?.stop();
  await Promise.all([tlsReg?.stop(), bigReg?.stop(), dockerd?.stop()]);
  await keyring?.stop();
});

async function fillField(id: string, value: string) {
  const input = browser.page.locator(`#${id} input`);
  await input.fill(value);
}

async function tagOrder(): Promise<string[]> {
  return browser.page.locator('#tags-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.tag ?? ''));
}

test('add a TLS+htpasswd registry and sign in from the dialog', async () => {
  const { page } = browser;
  await page.click('#add-registry');
  await page.waitForSelector('#add-registry-dialog[open]');
  await fillField('add-url', `https://${tlsReg.host}`);
  await fillField('add-name', 'Team registry');
  await fillField('add-ca', tlsReg.caFile!);
  await fillField('add-username', tlsReg.username!);
  await fillField('add-password', tlsReg.password!);
  await screenshot(page, 'add-registry');
  await page.click('#add-registry-dialog-submit');
  await page.waitForSelector('#add-registry-dialog', { state: 'detached', timeout: 60000 });
  await page.waitForSelector(`.dh-nav-item[data-host="${tlsReg.host}"].active`);
  assert.match((await page.locator('#registry-credential').textContent()) ?? '', new RegExp(`${tlsReg.username}.*keychain`));
  await page.waitForSelector('.dh-repo-row[data-repo="team/api"]');
  assert.deepEqual(await page.locator('.dh-repo-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.repo)), [
    'team/api',
    'team/multi',
    'tools/lint',
  ]);
  // The Sign in dialog of a registry's header (axe-core in both themes through screenshot()); Escape gives the focus back.
  await page.click('#registry-login');
  await page.waitForSelector('#login-dialog[open]');
  await screenshot(page, 'login-dialog');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#login-dialog', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'registry-login' || document.activeElement?.closest('#registry-login') !== null);
});

test('tags table sorts by version, name, date and size', async () => {
  const { page } = browser;
  await page.click('.dh-repo-row[data-repo="team/api"]');
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.10.0"]', { timeout: 60000 });
  // default: version, newest first; pre-release below its release line
  assert.deepEqual(await tagOrder(), ['2.0.0-rc.1', '1.10.0', '1.9.3', '1.2.0', 'stable']);
  await page.click('th[data-sort="name"] button');
  assert.deepEqual(await tagOrder(), ['1.2.0', '1.9.3', '1.10.0', '2.0.0-rc.1', 'stable']);
  await page.click('th[data-sort="date"] button');
  assert.deepEqual((await tagOrder()).slice(0, 2), ['1.9.3', '1.10.0']);
  assert.equal((await tagOrder()).at(-1), '2.0.0-rc.1');
  await page.click('th[data-sort="size"] button');
  assert.equal((await tagOrder())[0], '1.10.0');
  await page.click('th[data-sort="size"] button');
  assert.equal((await tagOrder())[0], '1.9.3', 'second click reverses');
  await page.click('button[data-sort-pill="semver"]');
  assert.deepEqual(await tagOrder(), ['2.0.0-rc.1', '1.10.0', '1.9.3', '1.2.0', 'stable']);
  await screenshot(page, 'tags');
});

test('open a multi-platform image: platforms, layers, config, pull command', async () => {
  const { page } = browser;
  await page.click('.dh-repo-row[data-repo="team/multi"]');
  await page.click('#tags-table tbody tr[data-tag="v1"]', { timeout: 60000 });
  await page.waitForSelector('#platform-tabs', { timeout: 60000 });
  assert.deepEqual(await page.locator('#platform-tabs button').evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.platform)), [
    'linux/amd64',
    'linux/arm64/v8',
    'linux/arm/v7',
  ]);
  assert.equal(await page.locator('#pull-command').textContent(), `docker pull ${tlsReg.host}/team/multi:v1`);
  assert.equal(await page.locator('#image-platform-count .dh-stat-value').textContent(), '3');
  await page.click('#platform-tabs button[data-platform="linux/arm64/v8"]');
  await page.waitForSelector('.dh-platform[data-platform="linux/arm64/v8"] #layers-table tbody tr');
  await screenshot(page, 'image-detail');
  // Every tab of the image view passes axe-core in both themes.
  for (const tab of ['config', 'history', 'manifest', 'raw', 'config-raw']) {
    await page.click(`.dh-platform[data-platform="linux/arm64/v8"] #tab-${tab}`);
    await page.waitForSelector(`.dh-platform[data-platform="linux/arm64/v8"] #tab-${tab}[aria-selected="true"]`);
    await screenshot(page, `image-tab-${tab}`);
  }
  await page.click('#tab-history');
  await page.click('#tab-config');
  await page.waitForSelector('#view-config .dh-config');
});

test('delete a tag: the dialog warns about sibling tags and removing only the tag keeps them', async () => {
  const { page } = browser;
  await page.click('.dh-repo-row[data-repo="team/api"]');
  await page.waitForSelector('#tags-table tbody tr[data-tag="1.2.0"]', { timeout: 60000 });
  await page.locator('#tags-table tbody tr[data-tag="1.2.0"] .dh-delete-tag').click();
  await page.waitForSelector('#sibling-warning', { timeout: 60000 });
  assert.deepEqual(await page.locator('#sibling-warning .dh-sibling').allTextContents(), ['stable']);
  await screenshot(page, 'delete-warning');
  await page.click('#delete-dialog-submit');
  await page.waitForSelector('#delete-dialog', { state: 'detached', timeout: 60000 });
  await page.waitForSelector('#tags-table tbody tr[data-tag="stable"]', { timeout: 60000 });
  assert.equal(await page.locator('#tags-table tbody tr[data-tag="1.2.0"]').count(), 0);
  const tags = (await (await registryFetch(tlsReg, '/v2/team/api/tags/list')).json()) as { tags: string[] };
  assert.ok(tags.tags.includes('stable') && !tags.tags.includes('1.2.0'), `registry tags now ${tags.tags}`);
});

test('10,000 repositories: the first page and the count so far show at once, the filter says it covers what has arrived, the rest streams in', async () => {
  const { page } = browser;
  // Hold the catalog's second page until the first page has been looked at (a real registry, only delayed), so the
  // streaming state is seen for certain, however fast the machine.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let pagesAsked = 0;
  await page.route(
    (url) => decodeURIComponent(url.pathname) === '/api/repositories:page',
    async (route) => {
      const { args } = JSON.parse(route.request().postData() ?? '{}') as { args: unknown[] };
      pagesAsked++;
      if (args[1]) await held;
      await route.continue();
    },
  );
  await page.click('#add-registry');
  await fillField('add-url', bigReg.host);
  await fillField('add-name', 'Big catalog');
  await page.click('#add-registry-dialog-submit');
  await page.waitForSelector(`.dh-nav-item[data-host="${bigReg.host}"].active`, { timeout: 60000 });
  await page.waitForSelector('.dh-repo-row', { timeout: 120000 });
  assert.equal(await page.locator('#repo-count').textContent(), '1,000 so far');
  assert.match((await page.locator('#repo-progress').textContent()) ?? '', /1,000 repositories so far\. The filter searches those/);
  assert.equal(await page.locator('.dh-repo-row').first().getAttribute('data-repo'), 'group-00/service-00000');
  // service-00000 .. service-00009: five of them (groups 00 to 04) are on the first page.
  await fillField('repo-filter', 'service-0000');
  await page.waitForFunction(() => document.getElementById('repo-count')?.textContent === '5 of 1,000 so far');
  await screenshot(page, 'repositories-streaming');
  release();
  await page.waitForFunction(() => document.getElementById('repo-count')?.textContent === '10 of 10,000', undefined, { timeout: 120000 });
  assert.ok(pagesAsked >= 11, `the catalog came a page at a time (${pagesAsked} calls)`);
  assert.equal(await page.locator('#repo-progress').textContent(), '', 'the progress line goes once every page is in');
  await page.unroute((url) => decodeURIComponent(url.pathname) === '/api/repositories:page');
  await fillField('repo-filter', '');
  await page.waitForFunction(() => document.getElementById('repo-count')?.textContent === '10,000');

  const rendered = await page.locator('.dh-repo-row').count();
  assert.ok(rendered > 10 && rendered < 120, `only the visible rows are in the DOM (${rendered})`);
  await fillField('repo-filter', 'group-07 service-00');
  await page.waitForFunction(() => document.getElementById('repo-count')?.textContent?.startsWith('20 of'));
  const shown = await page.locator('.dh-repo-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.repo ?? ''));
  assert.equal(shown.length, 20);
  assert.ok(shown.every((n) => n.startsWith('group-07/service-00')));
  await fillField('repo-filter', 'service-09999');
  await page.waitForFunction(() => document.getElementById('repo-count')?.textContent === '1 of 10,000');
  assert.deepEqual(await page.locator('.dh-repo-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.repo)), ['group-49/service-09999']);
  await fillField('repo-filter', 'group-1');
  await page.waitForFunction(() => document.getElementById('repo-count')?.textContent === '2,000 of 10,000');
  await page.click('.dh-repo-row[data-repo="group-10/service-00010"]');
  await page.waitForSelector('#tags-table tbody tr[data-tag="latest"]', { timeout: 60000 });
  assert.equal(await page.locator('#repo-filter input').inputValue(), 'group-1', 'the filter survives opening a repository');
  await screenshot(page, 'repositories-10k');
});

test('local images: one-click retag and push with per-layer progress', async () => {
  const { page } = browser;
  await page.click('#nav-local');
  await page.waitForSelector('#local-images tr[data-ref="demo/app:dev"]', { timeout: 60000 });
  await screenshot(page, 'local-images');
  await page.locator('#local-images tr[data-ref="demo/app:dev"] .dh-push').click();
  await page.waitForSelector('#push-dialog[open]');
  await page.locator('#push-registry').click();
  await page.locator(`#push-registry vscode-option:has-text("${bigReg.host}")`).click();
  await fillField('push-repo', 'pushed/app');
  await fillField('push-tag', '1.0');
  await page.click('#push-dialog-submit');
  await page.waitForSelector('.dh-job', { timeout: 60000 });
  await page.waitForSelector('.dh-job[data-state]', { timeout: 180000 });
  assert.equal(await page.locator('.dh-job').getAttribute('data-state'), 'succeeded', (await page.locator('.dh-job-status').textContent()) ?? '');
  const layers = await page.locator('.dh-job .dh-layer-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.state));
  assert.ok(layers.length >= 2, `one progress row per layer (${layers})`);
  assert.ok(
    layers.every((s) => s === 'pushed' || s === 'exists' || s === 'mounted'),
    `every layer done: ${layers}`,
  );
  await screenshot(page, 'push-progress');
  const head = await registryFetch(bigReg, '/v2/pushed/app/manifests/1.0', { method: 'HEAD', headers: { Accept: `${MT.dockerManifest}, ${MT.ociManifest}` } });
  assert.equal(head.status, 200);
  // Like the extension and the CLI, the push leaves no registry-named tag behind in the engine, and the list shows that.
  const images = JSON.parse((await engineRequest(dockerd.socketPath, '/images/json')).body) as Array<{ RepoTags: string[] | null }>;
  const tags = images.flatMap((i) => i.RepoTags ?? []);
  assert.ok(tags.includes('demo/app:dev') && !tags.includes(`${bigReg.host}/pushed/app:1.0`), `engine tags: ${tags}`);
  await page.waitForSelector('#local-images tr[data-ref="demo/app:dev"]', { timeout: 60000 });
  assert.equal(await page.locator(`#local-images tr[data-ref="${bigReg.host}/pushed/app:1.0"]`).count(), 0);
  await page.locator('.dh-job .dh-job-dismiss').click();
});

test('copy a multi-platform image to another registry from the image view', async () => {
  const { page } = browser;
  await page.click(`.dh-nav-item[data-host="${tlsReg.host}"]`);
  await page.click('.dh-repo-row[data-repo="team/multi"]');
  await page.click('#tags-table tbody tr[data-tag="v1"]', { timeout: 60000 });
  await page.waitForSelector('#platform-tabs', { timeout: 60000 });
  await page.getByText('Copy to…').click();
  await page.waitForSelector('#copy-dialog[open]');
  await page.locator('#copy-target').click();
  await page.locator(`#copy-target vscode-option:has-text("${bigReg.host}")`).click();
  await fillField('copy-repo', 'mirror/multi');
  await fillField('copy-tag', 'v1');
  await screenshot(page, 'copy-dialog');
  await page.click('#copy-dialog-submit');
  await page.waitForSelector('.dh-job[data-state]', { timeout: 180000 });
  assert.equal(await page.locator('.dh-job').last().getAttribute('data-state'), 'succeeded', (await page.locator('.dh-job-status').last().textContent()) ?? '');
  const src = await registryFetch(tlsReg, '/v2/team/multi/manifests/v1', { method: 'HEAD', headers: { Accept: MT.ociIndex } });
  const dst = await registryFetch(bigReg, '/v2/mirror/multi/manifests/v1', { method: 'HEAD', headers: { Accept: MT.ociIndex } });
  assert.equal(dst.status, 200);
  assert.equal(dst.headers.get('docker-content-digest'), src.headers.get('docker-content-digest'), 'same digest: every platform copied');
  await page.locator('.dh-job .dh-job-dismiss').last().click();
});

test("credentials view shows where each registry's credential comes from", async () => {
  const { page } = browser;
  await page.click('#nav-credentials');
  await page.waitForSelector(`#credentials-table tr[data-host="${tlsReg.host}"]`, { timeout: 60000 });
  assert.equal(await page.locator(`#credentials-table tr[data-host="${tlsReg.host}"] .dh-chip`).getAttribute('data-source'), 'keychain');
  assert.equal(await page.locator(`#credentials-table tr[data-host="${bigReg.host}"] .dh-chip`).getAttribute('data-source'), 'none');
  assert.ok(!(await page.content()).includes(tlsReg.password!), 'no secret in the page');
  await screenshot(page, 'credentials');
  assert.deepEqual(browser.problems, []);
});

test('signed out of a registry that wants a sign-in: the error names what failed, speaks no command line, and offers Sign in as a button', async () => {
  const { page } = browser;
  await page.locator(`#credentials-table tr[data-host="${tlsReg.host}"] .dh-sign-out`).click();
  await page.waitForFunction(
    (host) => document.querySelector(`#credentials-table tr[data-host="${host}"] .dh-chip`)?.getAttribute('data-source') !== 'keychain',
    tlsReg.host,
    { timeout: 60000 },
  );
  await page.click(`.dh-nav-item[data-host="${tlsReg.host}"]`);
  await page.click('#registry-refresh');
  await page.waitForSelector('.dh-repos .dh-error-box', { timeout: 60000 });
  assert.equal(await page.locator('.dh-repos .dh-error-title').textContent(), 'Could not read the repositories of Team registry');
  const detail = (await page.locator('.dh-repos .dh-error-detail').textContent()) ?? '';
  assert.doesNotMatch(detail, /--[a-z]|dockhand [a-z]|docker login|\(explicit\)/, detail);
  await screenshot(page, 'sign-in-fix');
  await page.click('.dh-repos .dh-fix-sign-in');
  await page.waitForSelector('#login-dialog[open]');
  await fillField('login-username', tlsReg.username!);
  await fillField('login-password', tlsReg.password!);
  await page.click('#login-dialog-submit');
  await page.waitForSelector('#login-dialog', { state: 'detached', timeout: 60000 });
  await page.click('#registry-refresh');
  await page.waitForSelector('.dh-repo-row[data-repo="team/api"]', { timeout: 60000 });
});
