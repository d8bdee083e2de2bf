// Desktop: plain HTTP to another host is never turned on silently; only the app's own
// links leave for the browser.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMainApi } from './create-main-api';
import { registryClientFor } from './registry-access';
import { isAppLink } from './external-links';

const work = mkdtempSync(join(tmpdir(), 'dockhand-desktop-insecure-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('http://host (not loopback) needs "Skip TLS verification" ticked, and the stored entry then shows it', async () => {
  const main = createMainApi({ mode: 'served', stateDir: join(work, 'state'), env: { HOME: work, PATH: process.env.PATH } });
  try {
    await assert.rejects(
      main.api.registries.add({ url: 'http://registry.example.com:5000' }),
      (err: Error) => err.name === 'BadInputError' && /plain HTTP.*tick "Skip TLS verification"/.test(err.message),
    );
    assert.equal((await main.api.registries.list()).filter((r) => !r.discovered).length, 0, 'nothing stored');
    // Ticked, the address passes this check and goes on to the reachability probe (nothing listens here).
    await assert.rejects(
      main.api.registries.add({ url: 'http://registry.example.invalid:5000', insecure: true }),
      (err: Error) => err.name !== 'BadInputError' && /was not added/.test(err.message),
    );
    await assert.rejects(
      main.api.registries.add({ url: 'http://127.0.0.1:9' }),
      (err: Error) => err.name !== 'BadInputError',
      'loopback plain HTTP needs no tick, as in Docker',
    );
    const ticked = await main.context.registries.add({
      name: 'ticked',
      url: 'http://registry.example.com:5000',
      host: 'registry.example.com:5000',
      insecure: true,
    });
    assert.equal((await main.api.registries.list()).find((r) => r.id === ticked.id)?.insecure, true, 'the stored entry shows insecure');
    assert.equal((await registryClientFor(main.context, ticked)).host, 'registry.example.com:5000');
    // An entry stored by an older version (http://, not loopback, no insecure) is refused, not silently made insecure.
    const old = await main.context.registries.add({ name: 'old', url: 'http://old.example.com', host: 'old.example.com' });
    await assert.rejects(registryClientFor(main.context, old), /not marked insecure/);
    const check = await main.api.registries.check(old.id);
    assert.equal(check.ok, false);
    assert.match(check.message, /not marked insecure/);
    assert.equal((await registryClientFor(main.context, { ...old, url: 'https://old.example.com' })).host, 'old.example.com', 'https stays as it was');
  } finally {
    main.context.dispose();
  }
});

test("only the app's own links may open in the browser (setWindowOpenHandler)", () => {
  assert.equal(isAppLink('https://distribution.github.io/distribution/about/configuration/'), true);
  assert.equal(isAppLink('https://distribution.github.io/distribution/about/configuration/#http'), true);
  for (const url of [
    'https://evil.example/',
    'https://distribution.github.io/evil',
    'https://distribution.github.io/distribution/about/configuration/?next=https://evil.example',
    'https://user:pw@distribution.github.io/distribution/about/configuration/',
    'http://distribution.github.io/distribution/about/configuration/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])
    assert.equal(isAppLink(url), false, url);
});
