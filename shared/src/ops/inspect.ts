// inspect: manifest, platforms, layers, sizes and config summaries of a tag or digest, over
// several registry calls (the index, then each child manifest and its config, 4 at a time).
//
//   const info = await inspect(client, 'team/app', 'v1');   // Inspection
import type { RegistryClient } from '../registry/client';
import type { FetchedManifest, SignalOptions } from '../registry/types';
import { MEDIA_TYPES, isIndexMediaType } from '../registry/media-types';
import { isAttestation, type Descriptor, type IndexManifest, type Platform } from '../registry/manifest';
import type { ConfigSummary } from '../registry/image-config';
import { uniqueChildren } from '../registry/index-children';
import { mapLimit } from '../registry/limiter';

export interface PlatformImage {
  digest: string;
  mediaType: string;
  platform: Platform;
  manifestSize: number;
  config: Descriptor;
  configSummary?: ConfigSummary;
  layers: Descriptor[];
  /** config + layers (compressed, as stored). */
  size: number;
  /** An attestation/provenance manifest inside an index, not a runnable platform. */
  attestation: boolean;
}

export interface Inspection {
  registry: string;
  repository: string;
  /** The tag or digest asked for. */
  reference: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  manifestSize: number;
  platforms: PlatformImage[];
  /** Unique blobs + manifests, each counted once. */
  totalSize: number;
  annotations?: Record<string, string>;
}

/** Manifest, platforms, layers, sizes and config summaries of a tag or digest. */
export async function inspect(
  client: RegistryClient,
  repository: string,
  reference: string,
  opts: SignalOptions & { withConfig?: boolean } = {},
): Promise<Inspection> {
  const withConfig = opts.withConfig !== false;
  const top = await client.getManifest(repository, reference, opts);
  const blobs = new Map<string, number>();
  const manifests = new Map<string, number>([[top.digest, top.size]]);
  const platforms: PlatformImage[] = [];
  const imageOf = async (fetched: FetchedManifest, descriptor?: Descriptor): Promise<PlatformImage | undefined> => {
    const m = fetched.manifest;
    if (m.kind === 'schema1') {
      return {
        digest: fetched.digest,
        mediaType: fetched.mediaType,
        platform: { os: 'linux', architecture: m.architecture || 'unknown' },
        manifestSize: fetched.size,
        config: { mediaType: '', digest: fetched.digest, size: 0 },
        layers: m.fsLayers.map((l) => ({ mediaType: MEDIA_TYPES.dockerLayer, digest: l.blobSum, size: 0 })),
        size: 0,
        attestation: false,
      };
    }
    if (m.kind !== 'image') return undefined;
    const attestation = descriptor ? isAttestation(descriptor) : false;
    let configSummary: ConfigSummary | undefined;
    if (withConfig && !attestation && (m.config.mediaType === MEDIA_TYPES.dockerConfig || m.config.mediaType === MEDIA_TYPES.ociConfig)) {
      configSummary = (await client.getConfig(repository, m.config, opts)).summary;
    }
    blobs.set(m.config.digest, m.config.size);
    for (const l of m.layers) blobs.set(l.digest, l.size);
    const size = m.config.size + m.layers.reduce((a, l) => a + l.size, 0);
    const platform = descriptor?.platform ?? configSummary?.platform ?? { os: 'unknown', architecture: 'unknown' };
    return {
      digest: fetched.digest,
      mediaType: fetched.mediaType,
      platform,
      manifestSize: fetched.size,
      config: m.config,
      ...(configSummary ? { configSummary } : {}),
      layers: m.layers,
      size,
      attestation,
    };
  };
  if (top.manifest.kind === 'index') {
    const index = top.manifest as IndexManifest;
    const children = uniqueChildren(index, { host: client.host, repository, digest: top.digest });
    const results = await mapLimit(children, 4, async (d) => {
      if (isIndexMediaType(d.mediaType)) return undefined; // nested index: listed by digest only
      const child = await client.getManifest(repository, d.digest, opts);
      manifests.set(child.digest, child.size);
      return imageOf(child, d);
    });
    for (const r of results) if (r) platforms.push(r);
  } else {
    const img = await imageOf(top);
    if (img) platforms.push(img);
  }
  let totalSize = 0;
  for (const s of blobs.values()) totalSize += s;
  for (const s of manifests.values()) totalSize += s;
  const annotations = top.manifest.kind !== 'schema1' ? top.manifest.annotations : undefined;
  return {
    registry: client.host,
    repository,
    reference,
    digest: top.digest,
    mediaType: top.mediaType,
    isIndex: top.manifest.kind === 'index',
    manifestSize: top.size,
    platforms,
    totalSize,
    ...(annotations ? { annotations } : {}),
  };
}
