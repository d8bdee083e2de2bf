// Seeding registries with real images through the raw registry HTTP API (blob uploads and
// manifest PUTs), independent of Dockhand's own client.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { makeTar, randomData } from './tarball';
import { registryFetchOk, type RegistryEndpoint } from './registry-http';

export const MT = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export interface SeedImageOptions {
  /** Uncompressed payload size (bytes of random data) of each layer; default [1024]. */
  layerSizes?: number[];
  /** Default linux/amd64. */
  platform?: Platform | string;
  labels?: Record<string, string>;
  /** Image creation time (ISO 8601); default now. */
  created?: string;
  /** Manifest format: Docker schema 2 (default, what `docker push` writes) or OCI. */
  format?: 'docker' | 'oci';
  /** Push the manifest by digest only (no tag). */
  untagged?: boolean;
  /** Extra annotations (OCI format only). */
  annotations?: Record<string, string>;
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface SeededImage {
  /** host:port/repo:tag (or @digest when untagged), as a client would name it. */
  reference: string;
  /** Digest of the manifest (sha256:...). */
  digest: string;
  mediaType: string;
  manifest: ImageManifest;
  /** The exact manifest bytes that were pushed. */
  manifestBytes: Buffer;
  /** Size of the manifest in bytes. */
  size: number;
  configDigest: string;
  config: Record<string, unknown>;
  layerDigests: string[];
  /** Compressed sizes of the layers (same order). */
  layerCompressedSizes: number[];
  platform: Platform;
}

export interface SeededIndex {
  /** host:port/repo:tag */
  reference: string;
  digest: string;
  mediaType: string;
  index: { schemaVersion: 2; mediaType: string; manifests: Descriptor[] };
  indexBytes: Buffer;
  size: number;
  manifests: SeededImage[];
}

export function sha256(data: Buffer | string): string {
  return 'sha256:' + createHash('sha256').update(data).digest('hex');
}

export function parsePlatform(p: Platform | string | undefined): Platform {
  if (!p) return { os: 'linux', architecture: 'amd64' };
  if (typeof p !== 'string') return p;
  const [os, architecture, variant] = p.split('/');
  if (!os || !architecture) throw new Error(`test bed: platform must look like os/arch[/variant], got ${p}`);
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** Upload a blob unless the registry already has it. Returns its digest. */
export async function pushBlob(reg: RegistryEndpoint, repo: string, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const head = await registryFetchOk(reg, `/v2/${repo}/blobs/${digest}`, { method: 'HEAD' }, [200, 404]);
  if (head.status === 200) return digest;
  const start = await registryFetchOk(reg, `/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: { 'content-length': '0' } }, [202]);
  await start.body?.cancel();
  const location = start.headers.get('location');
  if (!location) throw new Error(`test bed: upload to ${reg.url}/${repo} answered 202 without a Location`);
  const target = new URL(location, reg.url);
  target.searchParams.set('digest', digest);
  const put = await registryFetchOk(
    reg,
    target.toString(),
    {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: data,
    },
    [201],
  );
  await put.body?.cancel();
  return digest;
}

/** PUT a manifest (or index) under `reference` (tag or digest). Returns the digest the registry reports. */
export async function pushManifest(reg: RegistryEndpoint, repo: string, reference: string, mediaType: string, body: Buffer): Promise<string> {
  const res = await registryFetchOk(
    reg,
    `/v2/${repo}/manifests/${reference}`,
    {
      method: 'PUT',
      headers: { 'content-type': mediaType },
      body,
    },
    [201],
  );
  await res.body?.cancel();
  const digest = res.headers.get('docker-content-digest') ?? sha256(body);
  if (digest !== sha256(body)) throw new Error(`test bed: registry reported digest ${digest} for a manifest whose sha256 is ${sha256(body)}`);
  return digest;
}

/** Push a single-platform image with random layers of the given sizes to `repo:tag`. */
export async function seedImage(reg: RegistryEndpoint, repo: string, tag: string, opts: SeedImageOptions = {}): Promise<SeededImage> {
  const oci = opts.format === 'oci';
  const platform = parsePlatform(opts.platform);
  const created = opts.created ?? new Date().toISOString();
  const sizes = opts.layerSizes ?? [1024];
  const layers: Descriptor[] = [];
  const diffIds: string[] = [];
  const layerCompressedSizes: number[] = [];
  for (const [i, size] of sizes.entries()) {
    const tar = await makeTar([
      { name: 'data/', type: 'directory' },
      { name: `data/layer-${i}.bin`, data: randomData(size) },
    ]);
    const gz = gzipSync(tar, { level: 1 });
    diffIds.push(sha256(tar));
    const digest = await pushBlob(reg, repo, gz);
    layers.push({ mediaType: oci ? MT.ociLayer : MT.dockerLayer, digest, size: gz.length });
    layerCompressedSizes.push(gz.length);
  }
  const config: Record<string, unknown> = {
    created,
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant ? { variant: platform.variant } : {}),
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh'],
      ...(opts.labels ? { Labels: opts.labels } : {}),
    },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: sizes.map((s, i) => ({ created, created_by: `dockhand test bed layer ${i} (${s} bytes)` })),
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = await pushBlob(reg, repo, configBytes);
  const mediaType = oci ? MT.ociManifest : MT.dockerManifest;
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType,
    config: { mediaType: oci ? MT.ociConfig : MT.dockerConfig, digest: configDigest, size: configBytes.length },
    layers,
    ...(oci && opts.annotations ? { annotations: opts.annotations } : {}),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 3));
  const digest = await pushManifest(reg, repo, opts.untagged ? sha256(manifestBytes) : tag, mediaType, manifestBytes);
  const host = new URL(reg.url).host;
  return {
    reference: opts.untagged ? `${host}/${repo}@${digest}` : `${host}/${repo}:${tag}`,
    digest,
    mediaType,
    manifest,
    manifestBytes,
    size: manifestBytes.length,
    configDigest,
    config,
    layerDigests: layers.map((l) => l.digest),
    layerCompressedSizes,
    platform,
  };
}

/** Push one OCI image per platform (by digest) and an OCI index of them to `repo:tag`. */
export async function seedIndex(
  reg: RegistryEndpoint,
  repo: string,
  tag: string,
  platforms: Array<Platform | string>,
  opts: Omit<SeedImageOptions, 'platform' | 'untagged' | 'format'> & { annotations?: Record<string, string> } = {},
): Promise<SeededIndex> {
  if (!platforms.length) throw new Error('test bed: seedIndex needs at least one platform');
  const manifests: SeededImage[] = [];
  for (const p of platforms) {
    manifests.push(await seedImage(reg, repo, tag, { ...opts, annotations: undefined, platform: p, format: 'oci', untagged: true }));
  }
  const index = {
    schemaVersion: 2 as const,
    mediaType: MT.ociIndex,
    manifests: manifests.map((m) => ({ mediaType: m.mediaType, digest: m.digest, size: m.size, platform: m.platform })),
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  };
  const indexBytes = Buffer.from(JSON.stringify(index, null, 3));
  const digest = await pushManifest(reg, repo, tag, MT.ociIndex, indexBytes);
  return { reference: `${new URL(reg.url).host}/${repo}:${tag}`, digest, mediaType: MT.ociIndex, index, indexBytes, size: indexBytes.length, manifests };
}
