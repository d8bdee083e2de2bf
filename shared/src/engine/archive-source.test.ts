import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tarStream from 'tar-stream';
import type { Readable } from 'node:stream';
import { ArchiveError, MT, openArchive } from './archive-source';

const root = mkdtempSync(join(tmpdir(), 'dockhand-archive-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function tar(entries: { name: string; data?: Buffer | string; type?: 'file' | 'symlink'; linkname?: string }[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const e of entries) {
    if (e.type === 'symlink') pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname });
    else pack.entry({ name: e.name }, e.data ?? '');
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  return new Promise((res, rej) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', () => res(Buffer.concat(chunks)));
    pack.on('error', rej);
  });
}

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function dockerArchive(
  name: string,
  opts: { badDiffId?: boolean; symlinkLayer?: boolean } = {},
): Promise<{ file: string; layers: Buffer[]; config: Buffer }> {
  const layers = [await tar([{ name: 'a.txt', data: 'layer one' }]), await tar([{ name: 'b.txt', data: 'layer two' }])];
  const diffIds = layers.map((l) => sha(l));
  if (opts.badDiffId) diffIds[1] = sha('something else');
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }));
  const cfgName = `${sha(config).slice(7)}.json`;
  const entries: { name: string; data?: Buffer | string; type?: 'file' | 'symlink'; linkname?: string }[] = [
    { name: cfgName, data: config },
    { name: 'l0/layer.tar', data: layers[0] },
    opts.symlinkLayer ? { name: 'l1/layer.tar', type: 'symlink', linkname: '../shared/layer.tar' } : { name: 'l1/layer.tar', data: layers[1] },
    { name: 'manifest.json', data: JSON.stringify([{ Config: cfgName, RepoTags: ['x/app:1'], Layers: ['l0/layer.tar', 'l1/layer.tar'] }]) },
  ];
  if (opts.symlinkLayer) entries.push({ name: 'shared/layer.tar', data: layers[1] });
  const file = join(root, name);
  writeFileSync(file, await tar(entries));
  return { file, layers, config };
}

test('docker-archive: gzip layers, config first, a docker v2 manifest', async () => {
  const { file, layers, config } = await dockerArchive('a.tar');
  const a = await openArchive(file);
  try {
    assert.equal(a.format, 'docker-archive');
    assert.deepEqual(a.names, ['x/app:1']);
    const m = JSON.parse(a.root.bytes.toString()) as {
      mediaType: string;
      config: { digest: string; size: number };
      layers: { mediaType: string; digest: string; size: number }[];
    };
    assert.equal(m.mediaType, MT.dockerManifest);
    assert.equal(a.root.digest, sha(a.root.bytes));
    assert.deepEqual(m.config, { mediaType: MT.dockerConfig, size: config.length, digest: sha(config) });
    assert.equal(a.root.blobs.length, 3);
    for (let i = 0; i < 2; i++) {
      const blob = a.root.blobs[i + 1];
      const bytes = await readAll(blob.open());
      assert.equal(blob.mediaType, MT.dockerLayerGzip);
      assert.equal(blob.digest, sha(bytes));
      assert.equal(blob.size, bytes.length);
      assert.deepEqual(gunzipSync(bytes), layers[i], 'the gzip blob unpacks to the layer');
      assert.deepEqual(m.layers[i], { mediaType: MT.dockerLayerGzip, size: bytes.length, digest: blob.digest });
    }
  } finally {
    a.close();
  }
});

test('docker-archive without compression: digests are the diff_ids; symlinked layers resolve', async () => {
  const { file, layers } = await dockerArchive('b.tar', { symlinkLayer: true });
  const a = await openArchive(file, { layerCompression: 'none' });
  try {
    assert.deepEqual(
      a.root.blobs.slice(1).map((b) => b.digest),
      layers.map((l) => sha(l)),
    );
    assert.ok(a.root.blobs.slice(1).every((b) => b.mediaType === MT.dockerLayer));
    assert.deepEqual(await readAll(a.root.blobs[2].open()), layers[1]);
  } finally {
    a.close();
  }
});

test('a layer that does not match the config diff_id is refused', async () => {
  const { file } = await dockerArchive('c.tar', { badDiffId: true });
  await assert.rejects(openArchive(file), (e: Error) => e instanceof ArchiveError && /config expects/.test(e.message));
});

test('entries escaping the archive are refused', async () => {
  const file = join(root, 'evil.tar');
  writeFileSync(file, await tar([{ name: '../../escape.txt', data: 'x' }]));
  await assert.rejects(openArchive(file), (e: Error) => e instanceof ArchiveError && /outside the archive/.test(e.message));
});

test('OCI layout folder: the manifest bytes are pushed as they are; a missing blob is named', async () => {
  const dir = join(root, 'oci');
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Buffer) => {
    writeFileSync(join(dir, 'blobs', 'sha256', sha(b).slice(7)), b);
    return sha(b);
  };
  const layer = Buffer.from('layer bytes');
  const config = Buffer.from('{"architecture":"arm64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: put(config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: put(layer), size: layer.length }],
    }),
  );
  const md = put(manifest);
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: md,
          size: manifest.length,
          annotations: { 'org.opencontainers.image.ref.name': 'v1' },
        },
      ],
    }),
  );
  const a = await openArchive(dir);
  try {
    assert.equal(a.format, 'oci-layout');
    assert.deepEqual(a.names, ['v1']);
    assert.equal(a.root.digest, md);
    assert.deepEqual(a.root.bytes, manifest);
    assert.deepEqual(
      a.root.blobs.map((b) => b.digest),
      [sha(config), sha(layer)],
    );
  } finally {
    a.close();
  }
  rmSync(join(dir, 'blobs', 'sha256', sha(layer).slice(7)));
  await assert.rejects(openArchive(dir), new RegExp(`blob ${sha(layer)} is referenced but missing`));
});

test('neither format is a clear error', async () => {
  const file = join(root, 'other.tar');
  writeFileSync(file, await tar([{ name: 'hello.txt', data: 'hi' }]));
  await assert.rejects(openArchive(file), /neither a docker-archive .* nor an OCI image layout/);
});
