// Adding a registry in the desktop (main-process handlers, in Node, against the real bed):
// the scheme shown is the one the registry answers on, an unreachable registry is refused
// like a wrong password (nothing half-added), and an mTLS registry takes a client
// certificate and key from the Add dialog.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, seedImage, startRegistry, tempDir, type RegistryHandle } from '../bed/index';
import { createMainApi, type MainApi } from '../../desktop/main/create-main-api';

let tls: RegistryHandle;
let mtls: RegistryHandle;
let main: MainApi;

before(async () => {
  [tls, mtls] = await Promise.all([startRegistry({ tls: true }), startRegistry({ mtls: true })]);
  await seedImage(mtls, 'secure/app', '1.0', { layerSizes: [1000] });
  const home = tempDir('dockhand-desktop-add-');
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker/config.json'), '{}\n');
  // An empty certs.d: the mTLS client certificate can only come from the dialog's fields.
  const certsDir = join(home, 'certs.d');
  mkdirSync(certsDir);
  main = createMainApi({
    mode: 'served',
    stateDir: join(home, 'state'),
    env: { ...process.env, HOME: home, DOCKER_CONFIG: join(home, '.docker'), DOCKHAND_CERTS_DIR: certsDir },
  });
});

after(async () => {
  main?.context.dispose();
  await Promise.all([tls?.stop(), mtls?.stop()]);
});

test('a TLS registry added without a scheme is stored and shown as https://, the scheme it answers on', async () => {
  const added = await main.api.registries.add({ url: tls.host, caFile: tls.caFile });
  assert.equal(added.url, `https://${tls.host}`);
  assert.equal((await main.api.registries.list()).find((r) => r.id === added.id)?.url, `https://${tls.host}`);
  await main.api.registries.remove(added.id);
});

test('an unreachable registry is refused, like a wrong password, and leaves nothing behind', async () => {
  const port = await freePort();
  await assert.rejects(
    main.api.registries.add({ url: `127.0.0.1:${port}` }),
    (err: Error) => err.name === 'RegistryUnreachable' && err.message.startsWith(`127.0.0.1:${port} was not added:`),
  );
  assert.deepEqual(await main.api.registries.list(), []);
});

test('a TLS registry whose certificate cannot be checked is refused in GUI words: no --ca or --insecure, the code kept for a fix button', async () => {
  await assert.rejects(main.api.registries.add({ url: `https://${tls.host}` }), (err: Error & { hint?: string; code?: string }) => {
    assert.equal(err.code, 'TLS');
    assert.match(err.message, new RegExp(`^${tls.host.replace(/\./g, '\\.')} was not added: `));
    assert.doesNotMatch(`${err.message} ${err.hint}`, /--[a-z]|dockhand [a-z]|\(explicit\)/);
    assert.ok(!err.message.includes(err.hint!), 'the fix is the hint, not repeated in the message');
    assert.match(err.hint ?? '', /CA certificate/);
    return true;
  });
  assert.deepEqual(await main.api.registries.list(), []);
});

test("mTLS: without a client certificate the registry is refused; with the dialog's certificate and key it lists", async () => {
  await assert.rejects(main.api.registries.add({ url: `https://${mtls.host}`, caFile: mtls.caFile }), (err: Error) => /not added/.test(err.message));
  await assert.rejects(
    main.api.registries.add({ url: `https://${mtls.host}`, caFile: mtls.caFile, clientCertFile: mtls.clientCertFile }),
    /both the client certificate and its key/,
  );
  const added = await main.api.registries.add({
    url: `https://${mtls.host}`,
    caFile: mtls.caFile,
    clientCertFile: mtls.clientCertFile,
    clientKeyFile: mtls.clientKeyFile,
  });
  assert.equal(added.clientCertFile, mtls.clientCertFile);
  assert.deepEqual(await main.api.repositories.list(added.id), ['secure/app']);
});
