// The test bed's sandboxed dockerd runs, makes real images offline and pushes them to a bed registry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startDockerd,
  makeLocalImage,
  dockerCli,
  engineRequest,
  startRegistry,
  registryFetch,
  MT,
  type DockerdHandle,
  type RegistryHandle,
} from '../bed/index';

let dockerd: DockerdHandle;
let registry: RegistryHandle;
before(async () => {
  [dockerd, registry] = await Promise.all([startDockerd(), startRegistry()]);
});
after(async () => {
  await Promise.all([dockerd?.stop(), registry?.stop()]);
});

interface Inspect {
  Id: string;
  RootFS: { Layers: string[] };
  Config: { Cmd: string[]; Labels: Record<string, string> | null };
  Size: number;
}
async function inspect(ref: string): Promise<Inspect> {
  return (JSON.parse(await dockerCli(dockerd, ['image', 'inspect', ref])) as Inspect[])[0];
}

test('dockerd answers _ping on its own socket and uses vfs', async () => {
  assert.ok(existsSync(dockerd.socketPath));
  const ping = await engineRequest(dockerd.socketPath, '/_ping');
  assert.deepEqual(ping, { status: 200, body: 'OK' });
  const info = JSON.parse((await engineRequest(dockerd.socketPath, '/info')).body) as { Driver: string; DockerRootDir: string };
  assert.equal(info.Driver, 'vfs');
  assert.ok(info.DockerRootDir.startsWith(dockerd.dir), info.DockerRootDir);
});

test('makeLocalImage with one layer imports a busybox rootfs', async () => {
  const id = await makeLocalImage(dockerd, 'bed/single:v1', { layerSizes: [4096] });
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  const img = await inspect('bed/single:v1');
  assert.equal(img.Id, id);
  assert.equal(img.RootFS.Layers.length, 1);
  assert.deepEqual(img.Config.Cmd, ['/bin/sh']);
  assert.ok(img.Size > 4096, `size ${img.Size}`);
});

test('makeLocalImage with several layers loads a docker-archive with those layers', async () => {
  const id = await makeLocalImage(dockerd, 'bed/multi', { layerSizes: [1000, 300000, 20], labels: { 'org.example': 'yes' } });
  const img = await inspect('bed/multi:latest');
  assert.equal(img.Id, id);
  assert.equal(img.RootFS.Layers.length, 3);
  assert.deepEqual(img.Config.Labels, { 'org.example': 'yes' });
  assert.ok(img.Size > 300000, `size ${img.Size}`);
});

test('a local image pushes to a bed registry over plain HTTP on 127.0.0.1', async () => {
  await makeLocalImage(dockerd, 'bed/push:1', { layerSizes: [2000, 3000] });
  const target = `${registry.host}/bed/push:1`;
  await dockerCli(dockerd, ['tag', 'bed/push:1', target]);
  await dockerCli(dockerd, ['push', target]);
  const res = await registryFetch(registry, '/v2/bed/push/manifests/1', { headers: { accept: MT.dockerManifest } });
  assert.equal(res.status, 200);
  const manifest = (await res.json()) as { layers: unknown[] };
  assert.equal(manifest.layers.length, 2);
});

test('dockerd logs in to a TLS + token-auth bed registry through the bed token server and pushes', async () => {
  const tokenReg = await startRegistry({ tls: true, token: true });
  try {
    await makeLocalImage(dockerd, 'bed/tok:1');
    const target = `${tokenReg.host}/bed/tok:1`;
    await dockerCli(dockerd, ['tag', 'bed/tok:1', target]);
    writeFileSync(
      join(dockerd.dockerConfigDir, 'config.json'),
      JSON.stringify({
        auths: { [tokenReg.host]: { auth: Buffer.from(`${tokenReg.username}:${tokenReg.password}`).toString('base64') } },
      }),
    );
    await dockerCli(dockerd, ['push', target]);
    const grants = (await tokenReg.tokenServer!.requests()).filter((r) => r.user === tokenReg.username).flatMap((r) => r.granted);
    assert.ok(
      grants.some((g) => g.startsWith('repository:bed/tok:') && g.includes('push')),
      JSON.stringify(grants),
    );
    assert.equal((await registryFetch(tokenReg, '/v2/bed/tok/manifests/1', { headers: { accept: MT.dockerManifest } })).status, 200);
  } finally {
    writeFileSync(join(dockerd.dockerConfigDir, 'config.json'), '{}\n');
    await tokenReg.stop();
  }
});

test('stop() ends dockerd (and its containerd) and removes its folder', async () => {
  await dockerd.stop();
  await assert.rejects(engineRequest(dockerd.socketPath, '/_ping'));
  if (!process.env.DOCKHAND_KEEP_TESTBED) assert.equal(existsSync(dockerd.dir), false);
});
