// Desktop parity with the extension on one image (issue 15, item 10): the raw config JSON
// (the registry's config blob, formatted) and "Pull to engine" into the local Docker engine,
// as a job in the jobs dock, after which Local images lists the image. Real registry,
// dockerd and Chromium; the screenshots also run axe-core in both themes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { engineRequest, registryFetch, seedImage, startDockerd, startRegistry, type DockerdHandle, type RegistryHandle, type SeededImage } from '../bed/index';
import { openBrowser, screenshot, servedApi, startServedEmptyDocker, type Browser, type ServedApp } from './desktop-harness';

let reg: RegistryHandle;
let dockerd: DockerdHandle;
let served: ServedApp;
let browser: Browser;
let image: SeededImage;

before(async () => {
  [reg, dockerd] = await Promise.all([startRegistry(), startDockerd()]);
  image = await seedImage(reg, 'team/api', '2.1', {
    layerSizes: [40_000, 9_000],
    created: '2025-05-01T12:00:00Z',
    labels: { 'org.opencontainers.image.title': 'api' },
  });
  ({ served } = await startServedEmptyDocker('dockhand-desktop-parity-', { DOCKER_HOST: dockerd.env.DOCKER_HOST }));
  await servedApi(served, 'registries:add', { url: reg.host, name: 'Parity' });
  browser = await openBrowser(served.url);
});

after(async () => {
  await browser?.close();
  await served?.stop();
  await Promise.all([reg?.stop(), dockerd?.stop()]);
});

test("image view: the Config JSON tab shows the registry's config blob, formatted", async () => {
  const { page } = browser;
  await page.click(`.dh-nav-item[data-host="${reg.host}"]`);
  await page.click('.dh-repo-row[data-repo="team/api"]', { timeout: 60000 });
  await page.click('#tags-table tbody tr[data-tag="2.1"]', { timeout: 60000 });
  // the header's actions (Pull to engine among them) leave the image's name readable at 1360 px
  await page.waitForSelector('#image-title', { timeout: 60000 });
  const title = await page.evaluate(() => {
    const el = document.getElementById('image-title')!;
    return { shown: el.getBoundingClientRect().width, needed: el.scrollWidth };
  });
  assert.ok(Math.ceil(title.shown) >= title.needed && title.shown > 20, `the tag's name is not squeezed: ${JSON.stringify(title)}`);
  await page.click('#tab-config-raw', { timeout: 60000 });
  await page.waitForSelector('#raw-config pre', { timeout: 60000 });
  const shown = (await page.locator('#raw-config pre').textContent()) ?? '';
  const blob = await (await registryFetch(reg, `/v2/team/api/blobs/${image.configDigest}`)).text();
  assert.deepEqual(JSON.parse(shown), JSON.parse(blob), 'the config blob itself');
  assert.match(shown, /\n {2}"architecture": "amd64"/, 'formatted with 2-space indent');
  assert.match((await page.locator('#raw-config .dh-muted').textContent()) ?? '', new RegExp(image.configDigest));
  await screenshot(page, 'image-config-json');
});

test('image view: Pull to engine pulls the tag into the local Docker engine as a job; Local images lists it', async () => {
  const { page } = browser;
  await page.click('#image-pull-local');
  await page.waitForSelector('.dh-job[data-state]', { timeout: 180000 });
  assert.equal(await page.locator('.dh-job').last().getAttribute('data-state'), 'succeeded', (await page.locator('.dh-job-status').last().textContent()) ?? '');
  assert.match((await page.locator('.dh-job-title').last().textContent()) ?? '', new RegExp(`^Pull ${reg.host}/team/api:2\\.1 into the local engine$`));
  const images = JSON.parse((await engineRequest(dockerd.socketPath, '/images/json')).body) as Array<{
    RepoTags: string[] | null;
    RepoDigests: string[] | null;
  }>;
  const pulled = images.find((i) => (i.RepoTags ?? []).includes(`${reg.host}/team/api:2.1`));
  assert.ok(pulled, `the engine has the image: ${JSON.stringify(images)}`);
  assert.ok((pulled.RepoDigests ?? []).includes(`${reg.host}/team/api@${image.digest}`), `same digest: ${JSON.stringify(pulled.RepoDigests)}`);
  await screenshot(page, 'image-pulled');
  await page.click('#nav-local');
  await page.waitForSelector(`#local-images tr[data-ref="${reg.host}/team/api:2.1"]`, { timeout: 60000 });
});
