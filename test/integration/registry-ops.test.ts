// Operations against real registries of the test bed, cross-checked with skopeo and docker:
// retag moves no blob bytes (counted through a TCP proxy), cp keeps digests and every
// platform of an index (mount inside a registry, skip existing blobs, chunked or streamed
// across registries), the copy pulls with skopeo and docker, rm lists the tags that die,
// rm --untag keeps the siblings, a registry with deletes disabled and a pull-through cache
// give the errors that say what to do.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, startDockerd, dockerCli, seedImage, seedIndex, tempDir, MT, type RegistryHandle, type DockerdHandle } from '../bed/index';
import { RegistryClient, RegistryError } from '../../shared/src/registry/client';
import { parseReference } from '../../shared/src/reference/reference';
import { copyImage } from '../../shared/src/ops/copy';
import { retag } from '../../shared/src/ops/retag';
import { deleteManifestWithSiblings, tagsPointingAt } from '../../shared/src/ops/delete';
import { untag } from '../../shared/src/ops/untag';
import { inspect } from '../../shared/src/ops/inspect';
import type { CredentialProvider } from '../../shared/src/credentials/types';
import { skopeoTags, skopeoRaw, skopeoPullDir } from './registry-skopeo';

const registries: RegistryHandle[] = [];
const clients: RegistryClient[] = [];
let plain: RegistryHandle;
let secure: RegistryHandle;

async function reg(opts: Parameters<typeof startRegistry>[0] = {}): Promise<RegistryHandle> {
  const r = await startRegistry(opts);
  registries.push(r);
  return r;
}
function creds(r: RegistryHandle): CredentialProvider {
  return {
    get: async (host) =>
      host === r.host && r.username ? { username: r.username, password: r.password, source: { kind: 'explicit', detail: 'test credential' } } : undefined,
  };
}
function clientFor(r: RegistryHandle, host = r.host): RegistryClient {
  const c = new RegistryClient({
    host,
    credentials: creds(r),
    ...(r.caFile ? { caFile: r.caFile } : {}),
    ...(r.clientCertFile ? { clientCert: readFileSync(r.clientCertFile), clientKey: readFileSync(r.clientKeyFile!) } : {}),
  });
  clients.push(c);
  return c;
}
const ref = (r: RegistryHandle, s: string) => parseReference(`${r.host}/${s}`);

before(async () => {
  plain = await reg();
  secure = await reg({ tls: true, htpasswd: true });
});
after(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(registries.map((r) => r.stop()));
});

/** A TCP proxy that counts the bytes each way and records the HTTP request lines it carries. */
async function countingProxy(target: RegistryHandle): Promise<{ host: string; bytes: () => number; requests: string[]; close: () => Promise<void> }> {
  let total = 0;
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (c: Buffer) => {
      total += c.length;
      for (const m of c.toString('latin1').matchAll(/^(GET|HEAD|PUT|POST|PATCH|DELETE) (\S+) HTTP\/1\.1/gm)) requests.push(`${m[1]} ${m[2]}`);
    });
    upstream.on('data', (c: Buffer) => {
      total += c.length;
    });
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    bytes: () => total,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

test('retag: the manifest is put under the new tag and no blob bytes move (counted through a proxy)', async () => {
  const img = await seedImage(plain, 'rt/app', 'v1', { layerSizes: [400_000, 300_000] });
  const proxy = await countingProxy(plain);
  try {
    const c = new RegistryClient({ host: proxy.host });
    clients.push(c);
    const r = await retag(c, parseReference(`${proxy.host}/rt/app:v1`), 'v2');
    assert.equal(r.digest, img.digest);
    assert.equal(proxy.requests.filter((q) => q.includes('/blobs/')).length, 0, proxy.requests.join('\n'));
    const layerBytes = img.layerCompressedSizes.reduce((a, b) => a + b, 0);
    assert.ok(proxy.bytes() < 20_000, `${proxy.bytes()} bytes went through the proxy (the layers are ${layerBytes})`);
  } finally {
    await proxy.close();
  }
  assert.deepEqual(await skopeoTags(plain, 'rt/app'), ['v1', 'v2']);
  assert.ok((await skopeoRaw(plain, 'rt/app:v2')).equals(img.manifestBytes));
});

test('cp within one registry mounts every blob; digest preserved; a second copy skips everything', async () => {
  const img = await seedImage(plain, 'cp/src', 'v1', { layerSizes: [5000, 6000] });
  const c = clientFor(plain);
  const r = await copyImage({ client: c, ref: ref(plain, 'cp/src:v1') }, { client: c, ref: ref(plain, 'cp/dst:copied') });
  assert.equal(r.digest, img.digest);
  assert.equal(r.blobsMounted, 3);
  assert.equal(r.blobsCopied, 0);
  assert.equal(r.manifests, 1);
  assert.ok((await skopeoRaw(plain, 'cp/dst:copied')).equals(img.manifestBytes));
  const again = await copyImage({ client: c, ref: ref(plain, 'cp/src:v1') }, { client: c, ref: ref(plain, 'cp/dst:again') });
  assert.equal(again.blobsSkipped, 3);
  assert.equal(again.blobsMounted + again.blobsCopied, 0);
});

test('cp of an index to a TLS+htpasswd registry keeps every platform and digest; skopeo pulls it back', async () => {
  const idx = await seedIndex(plain, 'cpi/multi', 'v1', ['linux/amd64', 'linux/arm64/v8', 'linux/s390x'], { layerSizes: [20_000, 70_000] });
  const events: string[] = [];
  const r = await copyImage(
    { client: clientFor(plain), ref: ref(plain, 'cpi/multi:v1') },
    { client: clientFor(secure), ref: ref(secure, 'mirror/multi:v1') },
    { concurrency: 3, onProgress: (e) => events.push(e.phase) },
  );
  assert.equal(r.digest, idx.digest);
  assert.equal(r.manifests, 4);
  assert.equal(r.blobsCopied, 9);
  assert.ok(events.includes('blob') && events.includes('manifest'));
  const raw = await skopeoRaw(secure, 'mirror/multi:v1');
  assert.ok(raw.equals(idx.indexBytes));
  const info = await inspect(clientFor(secure), 'mirror/multi', 'v1');
  assert.deepEqual(
    info.platforms.map((p) => p.digest),
    idx.manifests.map((m) => m.digest),
  );
  const dir = tempDir('dockhand-skopeo-pull');
  await skopeoPullDir(secure, 'mirror/multi:v1', dir, true);
  const pulledIndex = readFileSync(join(dir, 'manifest.json'));
  assert.ok(pulledIndex.equals(idx.indexBytes), 'skopeo pulled the same index bytes');
});

test('cp across registries in PATCH chunks keeps the digest', async () => {
  const img = await seedImage(secure, 'chunk/src', 'v1', { layerSizes: [150_000], format: 'oci' });
  const r = await copyImage(
    { client: clientFor(secure), ref: ref(secure, 'chunk/src:v1') },
    { client: clientFor(plain), ref: ref(plain, 'chunk/dst:v1') },
    { chunkSize: 32 * 1024 },
  );
  assert.equal(r.digest, img.digest);
  assert.ok(r.bytesCopied > 100_000);
  assert.ok((await skopeoRaw(plain, 'chunk/dst:v1')).equals(img.manifestBytes));
});

test('cp: an image copied by dockhand is pulled by docker with the same digest', async () => {
  const img = await seedImage(secure, 'dk/src', 'v1', { layerSizes: [30_000] });
  const r = await copyImage({ client: clientFor(secure), ref: ref(secure, 'dk/src:v1') }, { client: clientFor(plain), ref: ref(plain, 'dk/pulled:v1') });
  assert.equal(r.digest, img.digest);
  let dockerd: DockerdHandle | undefined;
  try {
    dockerd = await startDockerd();
    const out = await dockerCli(dockerd, ['pull', `${plain.host}/dk/pulled:v1`], { timeoutMs: 300_000 });
    assert.match(out, new RegExp(`Digest: ${img.digest}`));
    const repoDigests = JSON.parse(
      await dockerCli(dockerd, ['image', 'inspect', '--format', '{{json .RepoDigests}}', `${plain.host}/dk/pulled:v1`]),
    ) as string[];
    assert.ok(repoDigests.includes(`${plain.host}/dk/pulled@${img.digest}`), repoDigests.join(', '));
  } finally {
    await dockerd?.stop();
  }
});

test('rm: deleting a digest lists every tag that dies with it', async () => {
  const img = await seedImage(plain, 'rm/app', 'v1');
  const other = await seedImage(plain, 'rm/app', 'keep');
  const c = clientFor(plain);
  await retag(c, ref(plain, 'rm/app:v1'), 'stable');
  await retag(c, ref(plain, 'rm/app:v1'), 'latest');
  const dry = await deleteManifestWithSiblings(c, ref(plain, 'rm/app:v1'), { dryRun: true });
  assert.equal(dry.deleted, false);
  assert.deepEqual(dry.siblings, ['latest', 'stable']);
  assert.deepEqual(await skopeoTags(plain, 'rm/app'), ['keep', 'latest', 'stable', 'v1']);
  const done = await deleteManifestWithSiblings(c, ref(plain, 'rm/app:v1'));
  assert.equal(done.digest, img.digest);
  assert.deepEqual(done.tags, ['latest', 'stable', 'v1']);
  assert.deepEqual(await skopeoTags(plain, 'rm/app'), ['keep']);
  assert.equal((await c.headManifest('rm/app', 'keep'))?.digest, other.digest);
});

test('rm --untag: removes one tag, keeps its siblings and the manifest', async () => {
  const img = await seedImage(plain, 'ut/app', 'v1');
  const c = clientFor(plain);
  await retag(c, ref(plain, 'ut/app:v1'), 'v1-copy');
  const r = await untag(c, ref(plain, 'ut/app:v1'));
  assert.equal(r.previousDigest, img.digest);
  assert.notEqual(r.throwawayDigest, img.digest);
  assert.deepEqual(await skopeoTags(plain, 'ut/app'), ['v1-copy']);
  assert.equal((await c.headManifest('ut/app', img.digest))?.digest, img.digest, 'the manifest is still there');
  assert.deepEqual(await tagsPointingAt(c, 'ut/app', img.digest), ['v1-copy']);
  assert.equal(await c.headManifest('ut/app', r.throwawayDigest), undefined, 'the throwaway manifest is gone');
  // Untagging twice gives a clear MANIFEST_UNKNOWN.
  await assert.rejects(untag(c, ref(plain, 'ut/app:v1')), (e: unknown) => e instanceof RegistryError && e.code === 'MANIFEST_UNKNOWN');
});

test('deletes disabled: UNSUPPORTED says to set storage.delete.enabled; untag puts the tag back', async () => {
  const noDelete = await reg({ deleteEnabled: false });
  const img = await seedImage(noDelete, 'nd/app', 'v1');
  const c = clientFor(noDelete);
  await assert.rejects(c.deleteManifest('nd/app', img.digest), (e: unknown) => {
    assert.ok(e instanceof RegistryError);
    assert.equal(e.code, 'UNSUPPORTED');
    assert.equal(e.status, 405);
    assert.match(e.fix, /storage\.delete\.enabled/);
    return true;
  });
  await assert.rejects(untag(c, ref(noDelete, 'nd/app:v1')), (e: unknown) => e instanceof RegistryError && e.code === 'UNSUPPORTED');
  assert.equal((await c.headManifest('nd/app', 'v1'))?.digest, img.digest, 'the tag points where it did before');
});

test('pull-through cache: reads work, a push is refused with PROXY_CACHE and the fix', async () => {
  const upstream = await reg({ tls: true, token: true });
  const img = await seedImage(upstream, 'lib/app', '1.0', { layerSizes: [2000] });
  const cache = await reg({ proxyOf: upstream });
  const c = clientFor(cache);
  const m = await c.getManifest('lib/app', '1.0');
  assert.equal(m.digest, img.digest);
  const other = await seedImage(plain, 'px/src', 'v1');
  await assert.rejects(copyImage({ client: clientFor(plain), ref: ref(plain, 'px/src:v1') }, { client: c, ref: ref(cache, 'lib/pushed:v1') }), (e: unknown) => {
    assert.ok(e instanceof RegistryError, String(e));
    assert.equal(e.code, 'PROXY_CACHE');
    assert.match(e.fix, /upstream/);
    return true;
  });
  assert.ok(other.digest);
  assert.equal(m.mediaType, MT.dockerManifest);
});

test('cp honours cancellation: aborting mid-blob rejects with ABORTED and writes no tag', async () => {
  await seedImage(plain, 'ab/src', 'v1', { layerSizes: [4_000_000] });
  const ac = new AbortController();
  const target = clientFor(secure);
  await assert.rejects(
    copyImage(
      { client: clientFor(plain), ref: ref(plain, 'ab/src:v1') },
      { client: target, ref: ref(secure, 'ab/dst:v1') },
      {
        signal: ac.signal,
        onProgress: (e) => {
          if (e.phase === 'blob' && (e.bytesDone ?? 0) > 0) ac.abort(new Error('user cancelled'));
        },
      },
    ),
    (e: unknown) => e instanceof RegistryError && e.code === 'ABORTED',
  );
  assert.equal(await target.headManifest('ab/dst', 'v1'), undefined);
});

test('(fake corrupting proxy) cp verifies every blob: a source that alters bytes fails with DIGEST_MISMATCH and writes nothing', async () => {
  const { createServer: createHttpServer } = await import('node:http');
  const { request: undiciRequest } = await import('undici');
  const img = await seedImage(plain, 'corrupt/src', 'v1', { layerSizes: [50_000] });
  let corrupted = 0;
  // Forwards to the real registry, flipping one byte of every layer blob it serves.
  const server = createHttpServer((req, res) => {
    void (async () => {
      const up = await undiciRequest(`${plain.url}${req.url}`, { method: req.method as 'GET', headers: { accept: req.headers.accept ?? '*/*' } });
      const headers = Object.fromEntries(Object.entries(up.headers).filter(([k]) => k !== 'transfer-encoding' && k !== 'connection'));
      const body = Buffer.from(await up.body.arrayBuffer());
      if (req.method === 'GET' && req.url?.includes(`/blobs/${img.layerDigests[0]}`) && body.length) {
        body[body.length >> 1] ^= 0xff;
        corrupted++;
      }
      res.writeHead(up.statusCode, headers).end(body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const source = new RegistryClient({ host });
    clients.push(source);
    const target = clientFor(secure);
    await assert.rejects(
      copyImage({ client: source, ref: parseReference(`${host}/corrupt/src:v1`) }, { client: target, ref: ref(secure, 'corrupt/dst:v1') }),
      (e: unknown) => e instanceof RegistryError && e.code === 'DIGEST_MISMATCH',
    );
    assert.ok(corrupted >= 1);
    assert.equal(await target.headManifest('corrupt/dst', 'v1'), undefined);
    assert.equal(await target.headBlob('corrupt/dst', img.layerDigests[0]!), undefined, 'the corrupted blob was not stored');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
