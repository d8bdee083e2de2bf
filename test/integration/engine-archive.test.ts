// Daemonless push: a `docker save` archive (and an OCI layout made from it by skopeo)
// pushed straight to real registries; skopeo inspects the result and the bed dockerd
// pulls it back to the same image. Also the CLI's `dockhand push` (engine and --archive).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { startDockerd, makeLocalImage, dockerCli, startRegistry, registryFetch, tempDir, type DockerdHandle, type RegistryHandle } from '../bed/index';
import { pushArchive } from '../../shared/src/engine/archive-push';
import { ArchiveError } from '../../shared/src/engine/archive-source';
import { OperationCancelledError } from '../../shared/src/engine/errors';
import type { EngineProgressEvent } from '../../shared/src/engine/types';
import { runCli } from './helpers/run-cli';
import { skopeoInspect } from './registry-skopeo';

let dockerd: DockerdHandle;
let plain: RegistryHandle;
let secure: RegistryHandle;
let work: string;
let archive: string;
let imageId: string;

function run(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 120000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`)) : resolve(stdout),
    );
  });
}

before(async () => {
  [dockerd, plain, secure] = await Promise.all([startDockerd(), startRegistry(), startRegistry({ tls: true, htpasswd: true })]);
  imageId = await makeLocalImage(dockerd, 'bed/saved:1', { layerSizes: [100_000, 50_000, 70_000], labels: { stage: 'archive' } });
  work = tempDir('dockhand-engine-archive');
  archive = join(work, 'saved.tar');
  await dockerCli(dockerd, ['save', '-o', archive, 'bed/saved:1']);
});
after(async () => {
  await Promise.all([dockerd?.stop(), plain?.stop(), secure?.stop()]);
});

test('a docker save archive pushes without an engine (gzip layers); skopeo inspects it; dockerd pulls it back', async () => {
  const events: EngineProgressEvent[] = [];
  const r = await pushArchive(archive, `${plain.host}/arch/app:1`, { onProgress: (e) => events.push(e) });
  const inspected = await skopeoInspect(plain, 'arch/app:1');
  assert.equal(inspected.Digest, r.digest);
  assert.deepEqual(inspected.Labels, { stage: 'archive' });
  assert.equal((inspected.Layers as string[]).length, 3);
  const raw = (await skopeoInspect(plain, 'arch/app:1', true)) as { mediaType: string; layers: { mediaType: string }[] };
  assert.equal(raw.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');
  assert.ok(raw.layers.every((l) => l.mediaType === 'application/vnd.docker.image.rootfs.diff.tar.gzip'));
  // progress: every blob goes waiting -> pushing -> pushed, the digest comes last
  const byId = new Map<string, string[]>();
  for (const e of events) if (e.kind === 'layer') byId.set(e.id, [...(byId.get(e.id) ?? []), e.state]);
  assert.equal(byId.size, 4, 'config + 3 layers');
  for (const [id, s] of byId) {
    assert.equal(s[0], 'waiting', id);
    assert.equal(s[s.length - 1], 'pushed', `${id}: ${s.join('>')}`);
  }
  assert.deepEqual(events[events.length - 1], { kind: 'digest', digest: r.digest, size: r.size, tag: '1' });
  // the engine pulls it back to the very same image
  await dockerCli(dockerd, ['pull', `${plain.host}/arch/app:1`]);
  assert.equal((await dockerCli(dockerd, ['image', 'inspect', '--format', '{{.Id}}', `${plain.host}/arch/app:1`])).trim(), imageId);
  // pushing again finds every blob there
  const again: EngineProgressEvent[] = [];
  const r2 = await pushArchive(archive, `${plain.host}/arch/app:again`, { onProgress: (e) => again.push(e) });
  assert.equal(r2.digest, r.digest);
  assert.ok(again.filter((e) => e.kind === 'layer' && e.state === 'exists').length === 4, JSON.stringify(again));
});

test('layers pushed uncompressed keep their diff_ids as digests', async () => {
  const r = await pushArchive(archive, `${plain.host}/arch/raw:1`, { layerCompression: 'none' });
  const raw = (await skopeoInspect(plain, 'arch/raw:1', true)) as { layers: { mediaType: string; digest: string }[] };
  const diffIds = JSON.parse(await dockerCli(dockerd, ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', 'bed/saved:1'])) as string[];
  assert.deepEqual(
    raw.layers.map((l) => l.digest),
    diffIds,
  );
  assert.ok(raw.layers.every((l) => l.mediaType === 'application/vnd.docker.image.rootfs.diff.tar'));
  assert.equal((await skopeoInspect(plain, 'arch/raw:1')).Digest, r.digest);
});

test('an OCI layout folder (made by skopeo) pushes to the TLS+htpasswd registry with its own digest', async () => {
  const layout = join(work, 'oci');
  await run('skopeo', ['copy', `docker-archive:${archive}`, `oci:${layout}:v1`]);
  const credentials = {
    get: async (h: string) =>
      h === secure.host ? { username: secure.username, password: secure.password, source: { kind: 'explicit' as const, detail: 'test' } } : undefined,
  };
  const r = await pushArchive(layout, `${secure.host}/oci/app:v1`, { credentials, caFile: secure.caFile });
  assert.equal(r.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  assert.deepEqual(r.credentialSource, { kind: 'explicit', detail: 'test' });
  const index = JSON.parse(await run('cat', [join(layout, 'index.json')])) as { manifests: { digest: string }[] };
  assert.equal(r.digest, index.manifests[0].digest, 'the layout manifest is pushed byte for byte');
  assert.equal((await skopeoInspect(secure, 'oci/app:v1')).Digest, r.digest);
});

test('an OCI layout holding a multi-platform index pushes the index and every platform', async () => {
  const dir = join(work, 'oci-index');
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => {
    const d = `sha256:${createHash('sha256').update(b).digest('hex')}`;
    writeFileSync(join(dir, 'blobs', 'sha256', d.slice(7)), b);
    return { digest: d, size: b.length };
  };
  const platforms = [
    { architecture: 'amd64', os: 'linux' },
    { architecture: 'arm64', os: 'linux', variant: 'v8' },
  ];
  const manifests = platforms.map((p) => {
    const layer = gzipSync(Buffer.from(`layer for ${p.architecture}`));
    const config = Buffer.from(
      JSON.stringify({ ...p, rootfs: { type: 'layers', diff_ids: [`sha256:${createHash('sha256').update(`layer for ${p.architecture}`).digest('hex')}`] } }),
    );
    const m = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...put(config) },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...put(layer) }],
      }),
    );
    return { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...put(m), platform: p };
  });
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
  const idx = put(index);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...idx, annotations: { 'org.opencontainers.image.ref.name': 'multi' } }],
    }),
  );
  const r = await pushArchive(dir, `${plain.host}/multi/app:1`);
  assert.equal(r.digest, idx.digest);
  assert.equal(r.mediaType, 'application/vnd.oci.image.index.v1+json');
  const raw = (await skopeoInspect(plain, 'multi/app:1', true)) as { manifests: { digest: string }[] };
  assert.deepEqual(
    raw.manifests.map((m) => m.digest),
    manifests.map((m) => m.digest),
  );
  for (const m of manifests) {
    const res = await registryFetch(plain, `/v2/multi/app/manifests/${m.digest}`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    assert.equal(res.status, 200, m.digest);
  }
});

test('a daemonless push denied by credentials names the credential source', async (t) => {
  const wrong = {
    get: async (h: string) =>
      h === secure.host ? { username: secure.username, password: 'wrong-password', source: { kind: 'explicit' as const, detail: 'test flag' } } : undefined,
  };
  await assert.rejects(pushArchive(archive, `${secure.host}/denied/app:1`, { credentials: wrong, caFile: secure.caFile }), (e: Error) => {
    assert.ok(e.message.includes(secure.host), e.message);
    assert.match(e.message, /test flag \(explicit\)/);
    assert.doesNotMatch(e.message, /wrong-password/);
    t.diagnostic(e.message);
    return true;
  });
});

test('bad archives and cancel give clear errors', async () => {
  await assert.rejects(
    pushArchive(join(work, 'missing.tar'), `${plain.host}/x/y:1`),
    (e: Error) => e instanceof ArchiveError && /does not exist/.test(e.message),
  );
  const notTar = join(work, 'not-a-tar.tar');
  await run('sh', ['-c', `head -c 4096 /dev/urandom > ${notTar}`]);
  await assert.rejects(pushArchive(notTar, `${plain.host}/x/y:1`), ArchiveError);
  const ac = new AbortController();
  await assert.rejects(
    pushArchive(archive, `${plain.host}/arch/cancelled:1`, {
      signal: ac.signal,
      onProgress: (e) => {
        if (e.kind === 'layer' && e.state === 'waiting') ac.abort();
      },
    }),
    OperationCancelledError,
  );
  const res = await registryFetch(plain, '/v2/arch/cancelled/tags/list');
  assert.equal(res.status, 404, 'the repository was never created');
  await res.body?.cancel();
});

test('dockhand push (engine and --archive) prints plain progress lines and the digest', async () => {
  const env = { ...dockerd.env, HOME: dockerd.dir, PATH: process.env.PATH };
  const a = await runCli(['push', 'bed/saved:1', `${plain.host}/cli/app:1`, '--remove-tag'], { env });
  assert.equal(a.code, 0, a.err);
  assert.equal(a.out.includes('\u001b'), false, 'no terminal codes when not a TTY');
  assert.match(a.out, /The push refers to repository/);
  assert.match(a.out, /: Pushed\b|: Layer already exists|: Mounted/);
  const digest = /Pushed .*cli\/app:1@(sha256:[0-9a-f]{64})/.exec(a.out)?.[1];
  assert.ok(digest, a.out);
  assert.equal((await skopeoInspect(plain, 'cli/app:1')).Digest, digest);
  const b = await runCli(['push', '--archive', archive, `${plain.host}/cli/arch:1`, '--json'], { env });
  assert.equal(b.code, 0, b.err);
  const parsed = JSON.parse(b.out) as { digest: string; ref: string };
  assert.equal(parsed.ref, `${plain.host}/cli/arch:1`);
  assert.equal((await skopeoInspect(plain, 'cli/arch:1')).Digest, parsed.digest);
  const bad = await runCli(['push', 'only-one-arg'], { env });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /Usage: dockhand push/);
});
