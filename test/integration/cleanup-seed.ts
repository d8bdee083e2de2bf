// Seeding for the clean-up tests: images whose layers are chosen blobs (so tags can share
// layers), pushed through the bed's raw HTTP API; and measuring the registry's storage folder.
import { gzipSync } from 'node:zlib';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeTar, randomData, pushBlob, pushManifest, sha256, MT, type RegistryHandle } from '../bed/index';

export interface Layer {
  data: Buffer;
  digest: string;
  diffId: string;
  size: number;
}

/** A gzipped tar layer holding `size` random bytes. */
export async function makeLayer(size: number, name = 'data.bin'): Promise<Layer> {
  const tar = await makeTar([{ name, data: randomData(size) }]);
  const data = gzipSync(tar, { level: 1 });
  return { data, digest: sha256(data), diffId: sha256(tar), size: data.length };
}

export interface PushedImage {
  digest: string;
  manifestBytes: Buffer;
  configDigest: string;
  configSize: number;
  layers: string[];
}

/** Push an image made of `layers` with a config created at `created`, tagged `tag` (or by digest only when tag is undefined). */
export async function pushImage(
  reg: RegistryHandle,
  repo: string,
  tag: string | undefined,
  layers: Layer[],
  created: string,
  platform = { os: 'linux', architecture: 'amd64' },
): Promise<PushedImage> {
  for (const l of layers) await pushBlob(reg, repo, l.data);
  const config = Buffer.from(
    JSON.stringify({
      created,
      ...platform,
      config: { Cmd: ['/bin/sh'], Labels: { 'org.dockhand.test': randomData(4).toString('hex') } },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }),
  );
  const configDigest = await pushBlob(reg, repo, config);
  const manifestBytes = Buffer.from(
    JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: MT.dockerManifest,
        config: { mediaType: MT.dockerConfig, digest: configDigest, size: config.length },
        layers: layers.map((l) => ({ mediaType: MT.dockerLayer, digest: l.digest, size: l.size })),
      },
      null,
      2,
    ),
  );
  const digest = await pushManifest(reg, repo, tag ?? sha256(manifestBytes), MT.dockerManifest, manifestBytes);
  return { digest, manifestBytes, configDigest, configSize: config.length, layers: layers.map((l) => l.digest) };
}

/** Point another tag at an existing manifest. */
export async function addTag(reg: RegistryHandle, repo: string, tag: string, image: PushedImage): Promise<void> {
  await pushManifest(reg, repo, tag, MT.dockerManifest, image.manifestBytes);
}

/** The blob files in a registry storage folder: digest -> size on disk. */
export function blobFiles(rootDir: string): Map<string, number> {
  const out = new Map<string, number>();
  const base = join(rootDir, 'docker/registry/v2/blobs/sha256');
  if (!existsSync(base)) return out;
  for (const prefix of readdirSync(base)) {
    for (const hex of readdirSync(join(base, prefix))) {
      const data = join(base, prefix, hex, 'data');
      if (existsSync(data)) out.set(`sha256:${hex}`, statSync(data).size);
    }
  }
  return out;
}

/** Size of one blob file on disk (throws if it is not there). */
export function blobFileSize(rootDir: string, digest: string): number {
  const hex = digest.slice('sha256:'.length);
  return statSync(join(rootDir, 'docker/registry/v2/blobs/sha256', hex.slice(0, 2), hex, 'data')).size;
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
