// The engine client against the test bed's real dockerd: list, inspect, pull, and the
// promised errors for a missing image and a stopped engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDockerd, makeLocalImage, dockerCli, startRegistry, type DockerdHandle, type RegistryHandle } from '../bed/index';
import { createEngineClient } from '../../shared/src/engine/engine-client';
import { EngineUnavailableError, ImageNotFoundError } from '../../shared/src/engine/errors';
import type { EngineClient, EngineProgressEvent } from '../../shared/src/engine/types';
import { runCli } from './helpers/run-cli';

let dockerd: DockerdHandle;
let registry: RegistryHandle;
let engine: EngineClient;
let singleId: string;
let multiId: string;

before(async () => {
  [dockerd, registry] = await Promise.all([startDockerd(), startRegistry()]);
  engine = await createEngineClient({ env: { ...dockerd.env, HOME: dockerd.dir } });
  singleId = await makeLocalImage(dockerd, 'bed/one:v1', { layerSizes: [2048] });
  multiId = await makeLocalImage(dockerd, 'bed/multi:v2', { layerSizes: [1024, 4096, 8192], labels: { 'org.example.team': 'dockhand' } });
});
after(async () => {
  await Promise.all([dockerd?.stop(), registry?.stop()]);
});

test('the endpoint comes from DOCKER_HOST', () => {
  assert.equal(engine.endpoint.source, 'DOCKER_HOST');
  assert.equal(engine.endpoint.socketPath, dockerd.socketPath);
});

test('images made offline are listed with tags, size, created and labels', async () => {
  await engine.ping();
  const images = await engine.listImages();
  const one = images.find((i) => i.id === singleId);
  const multi = images.find((i) => i.id === multiId);
  assert.ok(one && multi, `listed: ${JSON.stringify(images.map((i) => i.repoTags))}`);
  assert.deepEqual(one.repoTags, ['bed/one:v1']);
  assert.deepEqual(multi.repoTags, ['bed/multi:v2']);
  assert.deepEqual(multi.labels, { 'org.example.team': 'dockhand' });
  assert.ok(multi.size > 1024 + 4096 + 8192, `size ${multi.size}`);
  assert.ok(Math.abs(Date.parse(multi.created) - Date.now()) < 24 * 3600 * 1000, multi.created);
  // the docker CLI agrees on the IDs
  const cli = (await dockerCli(dockerd, ['images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).trim().split('\n');
  assert.ok(cli.includes(`${multiId} bed/multi:v2`), cli.join('\n'));
});

test('inspect gives layers and config; a missing image is ImageNotFoundError', async () => {
  const d = await engine.inspectImage('bed/multi:v2');
  assert.equal(d.id, multiId);
  assert.equal(d.layers.length, 3);
  assert.deepEqual(d.config.cmd, ['/bin/sh']);
  assert.equal(d.os, 'linux');
  await assert.rejects(
    engine.inspectImage('bed/nothing:here'),
    (e: Error) => e instanceof ImageNotFoundError && /bed\/nothing:here.*not found/.test(e.message),
  );
  await assert.rejects(engine.retagAndPush('bed/nothing:here', `${registry.host}/x/y:1`), ImageNotFoundError);
});

test('pull brings an image from a registry into the engine, with layer progress and its digest', async () => {
  await dockerCli(dockerd, ['tag', 'bed/multi:v2', `${registry.host}/pull/src:1`]);
  const pushed = await dockerCli(dockerd, ['push', `${registry.host}/pull/src:1`]);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed)?.[1];
  assert.ok(digest, pushed);
  await dockerCli(dockerd, ['rmi', `${registry.host}/pull/src:1`]);
  await dockerCli(dockerd, ['rmi', 'bed/multi:v2']);
  const events: EngineProgressEvent[] = [];
  const r = await engine.pullImage(`${registry.host}/pull/src:1`, { onProgress: (e) => events.push(e) });
  assert.equal(r.digest, digest);
  const layerIds = new Set(events.filter((e) => e.kind === 'layer').map((e) => (e as { id: string }).id));
  assert.equal(layerIds.size, 3, JSON.stringify(events));
  const pulled = await engine.inspectImage(`${registry.host}/pull/src:1`);
  assert.equal(pulled.id, multiId, 'same image ID after the round trip');
  await dockerCli(dockerd, ['tag', pulled.id, 'bed/multi:v2']);
});

test('pull of a tag that does not exist says so', async () => {
  await assert.rejects(engine.pullImage(`${registry.host}/pull/src:missing`), /not found|manifest unknown/);
});

test('dockhand images --json and the table list the same images', async () => {
  const env = { ...dockerd.env, HOME: dockerd.dir };
  const j = await runCli(['images', '--json'], { env });
  assert.equal(j.code, 0, j.err);
  const parsed = JSON.parse(j.out) as { id: string; repoTags: string[] }[];
  assert.ok(parsed.some((i) => i.id === singleId && i.repoTags.includes('bed/one:v1')));
  const t = await runCli(['images'], { env });
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE/);
  assert.match(t.out, new RegExp(`bed/one\\s+v1\\s+${singleId.slice(7, 19)}`));
});

test('dockhand pull prints progress and the digest', async () => {
  const env = { ...dockerd.env, HOME: dockerd.dir, PATH: process.env.PATH };
  await dockerCli(dockerd, ['tag', 'bed/one:v1', `${registry.host}/cli/one:1`]);
  const pushed = await dockerCli(dockerd, ['push', `${registry.host}/cli/one:1`]);
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(pushed)?.[1];
  await dockerCli(dockerd, ['rmi', `${registry.host}/cli/one:1`]);
  const r = await runCli(['pull', `${registry.host}/cli/one:1`], { env });
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.includes(`Pulled ${registry.host}/cli/one:1 (${digest})`), r.out);
  assert.equal((await engine.inspectImage(`${registry.host}/cli/one:1`)).id, singleId);
  const missing = await runCli(['pull', `${registry.host}/cli/one:nope`], { env });
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^dockhand pull: .*not found/);
});

test('a stopped engine gives "not running" naming the socket', async () => {
  const d2 = await startDockerd();
  const e2 = await createEngineClient({ env: { ...d2.env, HOME: d2.dir } });
  await e2.ping();
  await d2.stop();
  await assert.rejects(e2.listImages(), (e: Error) => {
    assert.ok(e instanceof EngineUnavailableError, `${e.name}: ${e.message}`);
    assert.match(e.message, /not running/);
    assert.ok(e.message.includes(d2.socketPath), e.message);
    assert.match(e.message, /DOCKER_HOST/);
    return true;
  });
  const cli = await runCli(['images'], { env: { ...d2.env, HOME: d2.dir } });
  assert.equal(cli.code, 1);
  assert.ok(cli.err.includes(`not running: nothing listens on socket ${d2.socketPath}`), cli.err);
});
