// Inspection (+ referrers) from the registry -> the plain DetailsData the webview renders.
import type { Descriptor, Inspection } from '../registry/registryApi';
import { formatPlatform } from '@dockhand/shared/registry';
import type { DetailsData } from './protocol';

export function toDetailsData(reference: string, info: Inspection, referrers: Descriptor[]): DetailsData {
  return {
    reference,
    digest: info.digest,
    mediaType: info.mediaType,
    isIndex: info.isIndex,
    totalSize: info.totalSize,
    platforms: info.platforms.map((p) => ({
      platform: formatPlatform(p.platform),
      digest: p.digest,
      mediaType: p.mediaType,
      size: p.size,
      attestation: p.attestation,
      layers: p.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
      ...(p.configSummary
        ? {
            config: {
              created: p.configSummary.created,
              env: p.configSummary.env,
              entrypoint: p.configSummary.entrypoint,
              cmd: p.configSummary.cmd,
              workingDir: p.configSummary.workingDir,
              user: p.configSummary.user,
              labels: p.configSummary.labels,
              exposedPorts: p.configSummary.exposedPorts,
              history: p.configSummary.history,
            },
          }
        : {}),
    })),
    referrers: referrers.map((r) => ({ digest: r.digest, mediaType: r.mediaType, size: r.size, ...(r.artifactType ? { artifactType: r.artifactType } : {}) })),
  };
}
