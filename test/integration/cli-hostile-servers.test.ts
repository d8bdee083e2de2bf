// The `dockhand` CLI against servers that misbehave (issue 14): 130,000 tags in one page
// (distribution 2.8 ignores `n`), a server that accepts and never answers, a real registry
// stopped with SIGSTOP. Fakes only where a real registry cannot be made to misbehave; their
// tests say "(fake ...)".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Socket, type AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { startRegistry, seedImage } from '../bed/index';
import { runCli, isolatedCliEnv } from './helpers/run-cli';
import { fakeHttpServer } from '../../shared/src/testing/fake-http-server';
import { computeDigest } from '../../shared/src/registry/digest';
import { MEDIA_TYPES } from '../../shared/src/registry/media-types';

const TAGS = 130_000;
const config = Buffer.from(
  JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2024-01-01T00:00:00Z', rootfs: { type: 'layers', diff_ids: [] }, config: {} }),
);
const image = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: MEDIA_TYPES.ociConfig, digest: computeDigest(config), size: config.length },
    layers: [],
  }),
);
const imageDigest = computeDigest(image);

/** A registry whose one repository has 130,000 tags, all in one page, all on one tiny image. */
async function manyTagsRegistry() {
  const tagList = JSON.stringify({ name: 'big', tags: Array.from({ length: TAGS }, (_, i) => `t${i}`) });
  return fakeHttpServer((req, res) => {
    const path = req.url!.split('?')[0]!;
    if (path === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    if (path === '/v2/_catalog') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"repositories":["big"]}');
      return;
    }
    if (path === '/v2/big/tags/list') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(tagList);
      return;
    }
    if (path.startsWith('/v2/big/manifests/')) {
      res.writeHead(200, { 'content-type': MEDIA_TYPES.ociManifest, 'docker-content-digest': imageDigest, 'content-length': String(image.length) });
      res.end(req.method === 'HEAD' ? undefined : image);
      return;
    }
    if (path === `/v2/big/blobs/${computeDigest(config)}`) {
      res.writeHead(200, { 'content-length': String(config.length) }).end(config);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NAME_UNKNOWN","message":"unknown"}]}');
  });
}

test('(fake registry) tags --json with 130,000 tags in one page', { timeout: 600_000 }, async () => {
  // du and purge over the same tags: shared/src/cleanup/many-tags.test.ts (130,000 HEADs through a fake take minutes here).
  const reg = await manyTagsRegistry();
  try {
    const tags = await runCli(['tags', `${reg.host}/big`, '--json'], { env: isolatedCliEnv() });
    assert.equal(tags.code, 0, tags.err);
    const list = JSON.parse(tags.out) as string[];
    assert.equal(list.length, TAGS);
  } finally {
    await reg.close();
  }
});

test('(fake server) a server that accepts and never answers: the CLI ends at its deadline (DOCKHAND_TIMEOUT, --timeout)', { timeout: 300_000 }, async () => {
  const sockets: Socket[] = [];
  const silent = createServer((s) => {
    sockets.push(s);
    s.resume();
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  try {
    const viaEnv = await runCli(['tags', `${host}/app`], { env: { ...isolatedCliEnv(), DOCKHAND_TIMEOUT: '2s' } });
    assert.equal(viaEnv.code, 1);
    assert.match(viaEnv.err, /did not finish within its 2 s deadline.*--timeout/);
    const viaFlag = await runCli(['inspect', `${host}/app:1`, '--timeout', '2s'], { env: isolatedCliEnv() });
    assert.equal(viaFlag.code, 1);
    assert.match(viaFlag.err, /did not finish within its 2 s deadline/);
    const bad = await runCli(['tags', `${host}/app`, '--timeout', 'soon'], { env: isolatedCliEnv() });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--timeout: "soon" is not a duration/);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  }
});

/** The pid of the docker-registry serving `configPath` (the bed does not hand it out). */
function registryPid(configPath: string): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd.includes('serve') && cmd.includes(configPath)) return Number(name);
    } catch {
      /* gone */
    }
  }
  throw new Error(`no docker-registry process serves ${configPath}`);
}

test('a real registry stopped with SIGSTOP: tags and cp end at the deadline with TIMEOUT', { timeout: 300_000 }, async () => {
  const src = await startRegistry();
  const dst = await startRegistry();
  try {
    await seedImage(src, 'team/app', 'v1', { layerSizes: [4096] });
    const pid = registryPid(dst.configPath);
    const env = isolatedCliEnv();
    // The target answers the ping, then freezes mid-copy: nothing answers, nothing closes.
    const warm = await runCli(['tags', `${dst.host}/team/app`], { env });
    assert.equal(warm.code, 1, 'an empty registry has no such repository');
    process.kill(pid, 'SIGSTOP');
    try {
      const tags = await runCli(['tags', `${dst.host}/team/app`, '--timeout', '3s'], { env });
      assert.equal(tags.code, 1);
      assert.match(tags.err, /deadline|timed out/);
      const cp = await runCli(['cp', `${src.host}/team/app:v1`, `${dst.host}/team/app:v1`, '--timeout', '3s'], { env });
      assert.equal(cp.code, 1);
      assert.match(cp.err, /did not finish within its 3 s deadline/);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  } finally {
    await Promise.all([src.stop(), dst.stop()]);
  }
});
