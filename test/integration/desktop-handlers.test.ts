// The desktop's main-process handlers (the same code Electron's ipcMain and the served
// mode call), in Node, against the real test bed: a TLS+htpasswd registry, the keyring,
// real manifests and indexes, and the dispatcher's envelope.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pushManifest, registryFetch, seedImage, seedIndex, startKeyring, startRegistry, tempDir, type KeyringHandle, type RegistryHandle } from '../bed/index';
import { createMainApi, type MainApi } from '../../desktop/main/create-main-api';
import { createDispatcher } from '../../desktop/main/dispatcher';
import type { RegistrySummary } from '../../desktop/common';

let keyring: KeyringHandle;
let reg: RegistryHandle;
let main: MainApi;
let added: RegistrySummary;
const created = '2024-03-01T10:00:00Z';

before(async () => {
  keyring = await startKeyring();
  // keytar (libsecret) talks to the session bus named in this process's environment
  Object.assign(process.env, keyring.env);
  reg = await startRegistry({ tls: true, htpasswd: true });
  const home = tempDir('dockhand-desktop-home-');
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker/config.json'), '{}\n');
  main = createMainApi({
    mode: 'served',
    stateDir: join(home, 'state'),
    env: { ...process.env, ...keyring.env, HOME: home, DOCKER_CONFIG: join(home, '.docker'), REGISTRY_AUTH_FILE: join(home, 'auth.json') },
  });
  const img = await seedImage(reg, 'team/api', '1.2.0', { layerSizes: [2048, 4096], created });
  await pushManifest(reg, 'team/api', 'stable', img.mediaType, img.manifestBytes);
  await seedImage(reg, 'team/api', '1.10.0', { layerSizes: [1024], created: '2025-01-01T00:00:00Z' });
  await seedIndex(reg, 'team/multi', 'v1', ['linux/amd64', 'linux/arm64/v8']);
});

after(async () => {
  main?.context.dispose();
  await reg?.stop();
  await keyring?.stop();
});

test('adding a TLS+htpasswd registry checks the password and keeps it in the keychain, not on disk', async () => {
  await assert.rejects(main.api.registries.add({ url: reg.host, caFile: reg.caFile, username: reg.username, password: 'wrong-password' }), (err: Error) =>
    /401|denied|unauthorized|credential/i.test(err.message),
  );
  assert.deepEqual(await main.api.registries.list(), [], 'a rejected login leaves nothing behind');
  added = await main.api.registries.add({ url: `https://${reg.host}`, caFile: reg.caFile, username: reg.username, password: reg.password });
  assert.equal(added.host, reg.host);
  assert.equal(added.credentialSource?.kind, 'keychain');
  assert.equal(added.username, reg.username);
  const stateFile = readFileSync(join(main.context.stateDir, 'registries.json'), 'utf8');
  assert.ok(!stateFile.includes(reg.password!), 'the password is not in registries.json');
  const creds = await main.api.credentials.list();
  const row = creds.find((c) => c.host === reg.host);
  assert.equal(row?.source?.kind, 'keychain');
  assert.equal(row?.inKeychain, true);
  assert.ok(!JSON.stringify(creds).includes(reg.password!), 'no secret crosses the bridge');
  assert.deepEqual(await main.api.registries.check(added.id), { ok: true, status: 200, message: `${reg.host} answers the Registry V2 API.` });
});

test('repositories and tags come back with digests, platforms, dates and sizes', async () => {
  assert.deepEqual(await main.api.repositories.list(added.id), ['team/api', 'team/multi']);
  const tags = await main.api.tags.list(added.id, 'team/api');
  assert.deepEqual(tags.map((t) => t.tag).sort(), ['1.10.0', '1.2.0', 'stable']);
  const t120 = tags.find((t) => t.tag === '1.2.0')!;
  const stable = tags.find((t) => t.tag === 'stable')!;
  assert.equal(t120.digest, stable.digest);
  assert.equal(t120.kind, 'image');
  assert.equal(t120.created, created);
  assert.ok(t120.size! > 6144, `size ${t120.size} counts config and both layers`);
  const multi = await main.api.tags.list(added.id, 'team/multi');
  assert.equal(multi[0].kind, 'index');
  assert.deepEqual(multi[0].platforms.sort(), ['linux/amd64', 'linux/arm64/v8']);
});

test('image detail of a multi-platform index lists each platform with layers, config and pull command', async () => {
  const d = await main.api.images.detail(added.id, 'team/multi', 'v1');
  assert.equal(d.kind, 'index');
  assert.deepEqual(d.platforms.map((p) => p.platform).sort(), ['linux/amd64', 'linux/arm64/v8']);
  for (const p of d.platforms) {
    assert.ok(p.layers.length >= 1);
    assert.ok(p.layers.every((l) => /^sha256:[0-9a-f]{64}$/.test(l.digest) && l.size > 0));
    assert.ok(p.configDigest?.startsWith('sha256:'));
  }
  assert.equal(d.pullCommand, `docker pull ${reg.host}/team/multi:v1`);
  assert.match(d.digest, /^sha256:/);
  assert.equal(JSON.parse(d.rawManifest).manifests.length, 2);
  const single = await main.api.images.detail(added.id, 'team/api', '1.2.0');
  assert.deepEqual(single.siblingTags, ['stable']);
  assert.equal(single.platforms[0].created, created);
});

test('delete: the plan names sibling tags; removing only the tag keeps them', async () => {
  const plan = await main.api.images.planDelete(added.id, 'team/api', '1.2.0');
  assert.deepEqual(plan.siblingTags, ['stable']);
  const res = await main.api.images.delete(added.id, 'team/api', '1.2.0', 'tag');
  assert.deepEqual(res.removedTags, ['1.2.0']);
  assert.deepEqual(res.keptTags, ['stable']);
  const list = (await (await registryFetch(reg, '/v2/team/api/tags/list')).json()) as { tags: string[] };
  assert.deepEqual(list.tags.sort(), ['1.10.0', 'stable'], 'the registry itself still has the sibling');
  const gone = await main.api.images.delete(added.id, 'team/api', '1.10.0', 'manifest');
  assert.deepEqual(gone.removedTags, ['1.10.0']);
});

test('copy runs as a job with progress events and lands under the new tag', async () => {
  const job = await main.api.images.copy({
    source: { registryId: added.id, repository: 'team/multi', reference: 'v1' },
    target: { registryId: added.id, repository: 'mirror/multi', tag: 'v1-copy' },
  });
  let after = 0;
  let snap;
  const events = [];
  do {
    snap = await main.api.jobs.poll(job.jobId, after, 5000);
    events.push(...snap.events);
    after = snap.lastSeq;
  } while (snap.state === 'running');
  assert.equal(snap.state, 'succeeded', JSON.stringify(snap.error));
  assert.ok(events.length > 0);
  const src = await main.api.images.detail(added.id, 'team/multi', 'v1');
  const dst = await main.api.images.detail(added.id, 'mirror/multi', 'v1-copy');
  assert.equal(dst.digest, src.digest);
});

test('the dispatcher answers envelopes: allow-list, registry error codes, bad arguments', async () => {
  const dispatch = createDispatcher(main.api);
  assert.equal((await dispatch('fs:readFile', ['/etc/passwd'])).error?.name, 'ForbiddenChannel');
  assert.equal((await dispatch('tags:list', 'not-an-array')).error?.name, 'BadRequest');
  const missing = await dispatch('tags:list', [added.id, 'no/such-repo']);
  assert.equal(missing.error?.code, 'NAME_UNKNOWN');
  assert.equal(missing.error?.status, 404);
  assert.ok(!('stack' in (missing.error as object)));
  const ok = await dispatch('repositories:list', [added.id]);
  assert.ok(Array.isArray(ok.result));
});

test('config: lint positions, hover docs, open and save', async () => {
  const dir = tempDir('dockhand-config-');
  const file = join(dir, 'config.yml');
  const text = 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n  secrett: x\n';
  writeFileSync(file, text);
  await assert.rejects(main.api.config.open(file), /not picked or opened before/, 'served mode opens only files it was started with or opened before');
  const cfg = createMainApi({ mode: 'served', stateDir: join(dir, 'state'), env: main.context.env, configFiles: [file] });
  const opened = await cfg.api.config.open(file);
  assert.equal(opened.text, text);
  const diags = await main.api.config.lint(text, '2.8');
  const unknown = diags.find((d) => d.line === 7);
  assert.ok(unknown, `a diagnostic on line 7 (secrett): ${JSON.stringify(diags)}`);
  assert.equal(text.slice(unknown.from, unknown.to).startsWith('secrett'), true);
  const hover = await main.api.config.hover(text, text.indexOf('rootdirectory') + 2, '2.8');
  assert.equal(hover?.path, 'storage.filesystem.rootdirectory');
  assert.ok(hover!.text.length > 10);
  const completions = await main.api.config.complete('version: 0.1\nhttp:\n  se', 'version: 0.1\nhttp:\n  se'.length, '2.8');
  assert.ok(
    completions.some((c) => c.label === 'secret' && c.kind === 'key'),
    JSON.stringify(completions.map((c) => c.label)),
  );
  const saved = await cfg.api.config.save(file, text.replace('secrett', 'secret'), '2.8');
  assert.equal(saved.errors, 0);
  assert.match(readFileSync(file, 'utf8'), / {2}secret: x/);
  await assert.rejects(cfg.api.config.open('/etc/passwd'), /not a \.yml/);
  cfg.context.dispose();
});
