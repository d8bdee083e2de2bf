// The sandbox registry's sample images, built offline and byte-for-byte the same on every
// machine (fixed file times, gzip without a timestamp), pushed through the registry API:
//   samples/hello   tags 1.0.0, 1.1.0, 2.0.0, latest (= 2.0.0); all share the base layer
//   samples/web     an OCI index for linux/amd64, linux/arm64, linux/arm/v7 (tags 1.0, latest)
//   samples/tools   an OCI image with history, labels, env, entrypoint, ports (tags 3.1, stable)
//   samples/base    the shared base layer alone (tag 12)
// Pushing twice is harmless: blobs the registry has are skipped, manifests are the same bytes.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import * as tarStream from 'tar-stream';
import type { RegistryClient } from '../registry/client';

const MT = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

type Files = Record<string, string>;
interface Blob {
  digest: string;
  bytes: Buffer;
}
interface Layer {
  gz: Blob;
  diffId: string;
}
interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const FILE_TIME = new Date('2026-01-01T00:00:00Z');

const sha256 = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const blob = (bytes: Buffer): Blob => ({ digest: sha256(bytes), bytes });

async function tarOf(files: Files): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  const dirs = new Set<string>();
  for (const path of Object.keys(files).sort()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (dirs.has(dir)) continue;
      dirs.add(dir);
      pack.entry({ name: `${dir}/`, type: 'directory', mode: 0o755, mtime: FILE_TIME, uid: 0, gid: 0 });
    }
    const content = files[path]!;
    pack.entry({ name: path, mode: path.endsWith('.sh') ? 0o755 : 0o644, mtime: FILE_TIME, uid: 0, gid: 0 }, content);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function layerOf(files: Files): Promise<Layer> {
  const raw = await tarOf(files);
  return { gz: blob(gzipSync(raw, { level: 9 })), diffId: sha256(raw) };
}

const BASE_FILES: Files = {
  'etc/os-release': 'PRETTY_NAME="Dockhand sample base 12"\nNAME="Dockhand sample base"\nVERSION_ID="12"\nID=dockhand-sample\n',
  'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n',
  'etc/group': 'root:x:0:\nnogroup:x:65534:\n',
  'usr/share/doc/sample/README': 'A sample image made by `dockhand sandbox up`. It holds text files only; it is not meant to run.\n',
};

interface ImageSpec {
  layers: Layer[];
  created: string;
  platform?: Platform;
  format: 'docker' | 'oci';
  config?: Record<string, unknown>;
  history?: Array<{ created_by: string; empty_layer?: boolean; comment?: string }>;
}

interface Pushed {
  digest: string;
  mediaType: string;
  size: number;
  platform?: Platform;
  raw: Buffer;
}

export interface SeedReport {
  repositories: string[];
  tags: number;
}

/** Push every sample image to the registry (idempotent). */
export async function pushSampleImages(client: RegistryClient, signal?: AbortSignal): Promise<SeedReport> {
  const opts = signal ? { signal } : {};
  const known = new Map<string, Set<string>>();
  const putBlob = async (repository: string, b: Blob): Promise<void> => {
    const seen = known.get(repository) ?? new Set<string>();
    known.set(repository, seen);
    if (seen.has(b.digest)) return;
    if (!(await client.headBlob(repository, b.digest, opts))) await client.uploadBlob(repository, b.digest, b.bytes.length, b.bytes, opts);
    seen.add(b.digest);
  };
  const pushImage = async (repository: string, spec: ImageSpec): Promise<Pushed> => {
    const platform = spec.platform ?? { os: 'linux', architecture: 'amd64' };
    const history = spec.history ?? spec.layers.map((_, i) => ({ created_by: i === 0 ? 'ADD sample-base.tar /' : `COPY layer-${i} /` }));
    const config = Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        ...(platform.variant ? { variant: platform.variant } : {}),
        os: platform.os,
        created: spec.created,
        config: spec.config ?? { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['/bin/sh'] },
        rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => l.diffId) },
        history: history.map((h) => ({ created: spec.created, ...h })),
      }),
    );
    const configBlob = blob(config);
    for (const l of spec.layers) await putBlob(repository, l.gz);
    await putBlob(repository, configBlob);
    const oci = spec.format === 'oci';
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: oci ? MT.ociManifest : MT.dockerManifest,
        config: { mediaType: oci ? MT.ociConfig : MT.dockerConfig, digest: configBlob.digest, size: config.length },
        layers: spec.layers.map((l) => ({ mediaType: oci ? MT.ociLayer : MT.dockerLayer, digest: l.gz.digest, size: l.gz.bytes.length })),
      }),
    );
    const mediaType = oci ? MT.ociManifest : MT.dockerManifest;
    const { digest } = await client.putManifest(repository, sha256(manifest), manifest, mediaType, opts);
    return { digest, mediaType, size: manifest.length, platform, raw: manifest };
  };
  const tag = async (repository: string, tags: string[], raw: Buffer, mediaType: string): Promise<void> => {
    for (const t of tags) await client.putManifest(repository, t, raw, mediaType, opts);
  };
  const tagImage = async (repository: string, tags: string[], spec: ImageSpec): Promise<void> => {
    const pushed = await pushImage(repository, spec);
    await tag(repository, tags, pushed.raw, pushed.mediaType);
  };

  const base = await layerOf(BASE_FILES);
  let tags = 0;

  // samples/base
  await tagImage('samples/base', ['12'], { layers: [base], created: '2026-01-05T09:00:00Z', format: 'docker' });
  tags += 1;

  // samples/hello: three versions over the same base layer.
  const versions: Array<[string, string, string[]]> = [
    ['1.0.0', '2026-02-01T10:00:00Z', ['1.0.0']],
    ['1.1.0', '2026-03-15T10:00:00Z', ['1.1.0']],
    ['2.0.0', '2026-05-20T10:00:00Z', ['2.0.0', 'latest']],
  ];
  for (const [version, created, tagNames] of versions) {
    const app = await layerOf({ 'app/hello.sh': `#!/bin/sh\necho "Hello from samples/hello ${version}"\n`, 'app/VERSION': `${version}\n` });
    await tagImage('samples/hello', tagNames, {
      layers: [base, app],
      created,
      format: 'docker',
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `HELLO_VERSION=${version}`],
        Cmd: ['/app/hello.sh'],
        WorkingDir: '/app',
        Labels: { 'org.opencontainers.image.version': version },
      },
    });
    tags += tagNames.length;
  }

  // samples/web: a multi-platform OCI index.
  const platforms: Platform[] = [
    { os: 'linux', architecture: 'amd64' },
    { os: 'linux', architecture: 'arm64' },
    { os: 'linux', architecture: 'arm', variant: 'v7' },
  ];
  const children: Pushed[] = [];
  for (const p of platforms) {
    const name = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
    const site = await layerOf({
      'srv/www/index.html': `<!doctype html><title>samples/web</title><p>Built for ${name}.</p>\n`,
      'etc/web/platform': `${name}\n`,
    });
    children.push(
      await pushImage('samples/web', {
        layers: [base, site],
        created: '2026-04-10T08:30:00Z',
        platform: p,
        format: 'oci',
        config: { ExposedPorts: { '8080/tcp': {} }, Cmd: ['/bin/httpd', '-f', '-p', '8080', '-h', '/srv/www'] },
      }),
    );
  }
  const index = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MT.ociIndex,
      manifests: children.map((c) => ({ mediaType: c.mediaType, digest: c.digest, size: c.size, platform: c.platform })),
      annotations: { 'org.opencontainers.image.created': '2026-04-10T08:30:00Z' },
    }),
  );
  await tag('samples/web', ['1.0', 'latest'], index, MT.ociIndex);
  tags += 2;

  // samples/tools: history (with empty layers), labels and a full runtime config.
  const tools1 = await layerOf({ 'usr/local/bin/greet.sh': '#!/bin/sh\nprintf "%s\\n" "${GREETING:-hi}"\n' });
  const tools2 = await layerOf({ 'usr/local/share/tools/CHANGELOG': '3.1: greet.sh reads $GREETING\n3.0: first release\n' });
  await tagImage('samples/tools', ['3.1', 'stable'], {
    layers: [base, tools1, tools2],
    created: '2026-06-30T16:45:00Z',
    format: 'oci',
    config: {
      User: 'nobody',
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'GREETING=hello'],
      Entrypoint: ['/usr/local/bin/greet.sh'],
      ExposedPorts: { '9000/tcp': {} },
      Labels: {
        'org.opencontainers.image.title': 'samples/tools',
        'org.opencontainers.image.description': 'A sample image with history and labels',
        'org.opencontainers.image.version': '3.1',
        'org.opencontainers.image.licenses': 'MIT',
      },
    },
    history: [
      { created_by: 'ADD sample-base.tar /' },
      { created_by: 'ENV GREETING=hello', empty_layer: true },
      { created_by: 'COPY greet.sh /usr/local/bin/' },
      { created_by: 'COPY CHANGELOG /usr/local/share/tools/' },
      { created_by: 'USER nobody', empty_layer: true },
      { created_by: 'ENTRYPOINT ["/usr/local/bin/greet.sh"]', empty_layer: true, comment: 'sample history entry' },
    ],
  });
  tags += 2;

  return { repositories: ['samples/base', 'samples/hello', 'samples/tools', 'samples/web'], tags };
}
