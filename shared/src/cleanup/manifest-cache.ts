// Manifests and config dates fetched once per digest (content-addressed and verified by the
// client, so one cache can serve several repositories of the same registry), through one
// concurrency limiter.
import type { RegistryClient } from '../registry/client';
import { MEDIA_TYPES } from '../registry/media-types';
import { formatPlatform, isAttestation } from '../registry/manifest';
import { createLimiter, type Limiter } from '../registry/limiter';
import type { ManifestNode } from './repo-graph';

const CONFIG_TYPES: readonly string[] = [MEDIA_TYPES.dockerConfig, MEDIA_TYPES.ociConfig];

export class ManifestCache {
  readonly limit: Limiter;
  private readonly manifests = new Map<string, Promise<ManifestNode>>();
  private readonly created = new Map<string, Promise<string | undefined>>();
  /** How many manifest GETs and config GETs actually went to the registry. */
  readonly fetches = { manifests: 0, configs: 0 };

  constructor(
    readonly client: RegistryClient,
    opts: { concurrency?: number; limiter?: Limiter } = {},
  ) {
    this.limit = opts.limiter ?? createLimiter(opts.concurrency ?? 8);
  }

  /** The manifest `digest` of `repository` (fetched on first use). */
  manifest(repository: string, digest: string, signal?: AbortSignal): Promise<ManifestNode> {
    let p = this.manifests.get(digest);
    if (!p) {
      p = this.limit(async () => {
        this.fetches.manifests++;
        const f = await this.client.getManifest(repository, digest, { signal });
        const m = f.manifest;
        const node: ManifestNode = { digest: f.digest, mediaType: f.mediaType, size: f.size, kind: m.kind, blobs: [], children: [] };
        if (m.kind === 'image') {
          node.configMediaType = m.config.mediaType;
          node.blobs.push({ digest: m.config.digest, size: m.config.size, kind: 'config' });
          for (const l of m.layers) node.blobs.push({ digest: l.digest, size: l.size, kind: 'layer' });
        } else if (m.kind === 'index') {
          for (const d of m.manifests) node.children.push({ digest: d.digest, platform: formatPlatform(d.platform), attestation: isAttestation(d) });
        } else {
          for (const l of m.fsLayers) if (!node.blobs.some((b) => b.digest === l.blobSum)) node.blobs.push({ digest: l.blobSum, size: 0, kind: 'layer' });
        }
        return node;
      });
      this.manifests.set(digest, p);
      p.catch(() => this.manifests.delete(digest)); // a failure is not cached
    }
    return p;
  }

  /** `created` of an image's config (undefined when the config is not an image config or has none). */
  configCreated(repository: string, node: ManifestNode, signal?: AbortSignal): Promise<string | undefined> {
    const config = node.kind === 'image' ? node.blobs[0] : undefined;
    if (!config) return Promise.resolve(undefined);
    let p = this.created.get(config.digest);
    if (!p) {
      const mediaType = node.configMediaType;
      if (!mediaType || !CONFIG_TYPES.includes(mediaType)) return Promise.resolve(undefined);
      p = this.limit(async () => {
        this.fetches.configs++;
        const c = await this.client.getConfig(repository, { mediaType, digest: config.digest, size: config.size }, { signal });
        return c.summary.created;
      });
      this.created.set(config.digest, p);
      p.catch(() => this.created.delete(config.digest));
    }
    return p;
  }
}
