// Classify an attached manifest by the published formats (pure): signature (cosign
// simple-signing, sigstore bundle, notation), SBOM (SPDX, CycloneDX), provenance (SLSA),
// other in-toto attestations, or a plain artifact named by its artifact type.
import type { Descriptor, ImageManifest, IndexManifest } from '../registry/manifest';
import { MEDIA_TYPES } from '../registry/media-types';
import { ANNOTATIONS, ATTACHMENT_MEDIA_TYPES as AMT, COSIGN_SUFFIXES, isCycloneDxType, isSigstoreBundleType, isSpdxType } from './formats';
import type { AttachmentClass, AttachmentKind } from './types';

const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';

/** What an in-toto predicate type says the statement is. */
export function kindOfPredicate(predicateType: string): { kind: AttachmentKind; format?: string } {
  const p = predicateType.toLowerCase();
  if (p.startsWith('https://spdx.dev/document')) return { kind: 'sbom', format: 'SPDX' };
  if (p.startsWith('https://cyclonedx.org/bom')) return { kind: 'sbom', format: 'CycloneDX' };
  if (p.startsWith('https://slsa.dev/provenance') || p.includes('/provenance')) return { kind: 'provenance' };
  if (p === COSIGN_SIGN_PREDICATE) return { kind: 'signature' };
  return { kind: 'attestation' };
}

/** The artifact type of a manifest: its own, the referrer descriptor's, or a non-image config type. */
export function artifactTypeOf(manifest: ImageManifest | IndexManifest, descriptor?: Descriptor): string | undefined {
  if (manifest.artifactType) return manifest.artifactType;
  if (descriptor?.artifactType) return descriptor.artifactType;
  if (manifest.kind === 'image') {
    const ct = manifest.config.mediaType;
    if (ct !== MEDIA_TYPES.ociConfig && ct !== MEDIA_TYPES.dockerConfig && ct !== MEDIA_TYPES.ociEmpty) return ct;
  }
  return undefined;
}

/** Classify; `tagSuffix` is a cosign tag's suffix ("sig", "att", "sbom") when it came from one. */
export function classifyAttachment(manifest: ImageManifest | IndexManifest, descriptor?: Descriptor, tagSuffix?: string): AttachmentClass {
  const artifactType = artifactTypeOf(manifest, descriptor);
  const layers = manifest.kind === 'image' ? manifest.layers : [];
  const layerTypes = layers.map((l) => l.mediaType);
  const predicateTypes = [
    ...new Set(
      layers
        .map(
          (l) =>
            l.annotations?.[ANNOTATIONS.predicateType] ??
            l.annotations?.[ANNOTATIONS.inTotoPredicateType] ??
            l.annotations?.[ANNOTATIONS.bundlePredicateType] ??
            manifest.annotations?.[ANNOTATIONS.bundlePredicateType],
        )
        .filter((p): p is string => typeof p === 'string' && p.length > 0),
    ),
  ];
  const withPredicates = (c: AttachmentClass): AttachmentClass => (predicateTypes.length ? { ...c, predicateTypes } : c);
  const byPredicates = (format: string): AttachmentClass => {
    const kinds = predicateTypes.map(kindOfPredicate);
    // One attestation manifest may hold several statements (buildx: SBOM + provenance): the most specific wins.
    for (const k of ['signature', 'provenance', 'sbom'] as const) {
      const hit = kinds.find((x) => x.kind === k);
      if (hit && (kinds.length === 1 || k !== 'signature'))
        return withPredicates({ kind: hit.kind, format: hit.format && kinds.length === 1 ? `${format}, ${hit.format}` : format });
    }
    return withPredicates({ kind: 'attestation', format });
  };

  if (layerTypes.includes(AMT.cosignSimpleSigning)) return { kind: 'signature', format: 'cosign simple-signing' };
  if (isSigstoreBundleType(artifactType) || layerTypes.some(isSigstoreBundleType)) {
    if (!predicateTypes.length) return { kind: 'signature', format: 'sigstore bundle' };
    return byPredicates('sigstore bundle');
  }
  if (artifactType === AMT.notarySignature) return { kind: 'signature', format: 'notation' };
  if (isSpdxType(artifactType) || layerTypes.some(isSpdxType)) return { kind: 'sbom', format: 'SPDX' };
  if (isCycloneDxType(artifactType) || layerTypes.some(isCycloneDxType)) return { kind: 'sbom', format: 'CycloneDX' };
  if (layerTypes.includes(AMT.dsseEnvelope)) return byPredicates('in-toto (DSSE)');
  if (
    layerTypes.includes(AMT.inToto) ||
    artifactType === AMT.inToto ||
    manifest.annotations?.[ANNOTATIONS.referenceType] === 'attestation-manifest' ||
    descriptor?.annotations?.[ANNOTATIONS.referenceType] === 'attestation-manifest'
  )
    return byPredicates('in-toto');
  if (tagSuffix && tagSuffix in COSIGN_SUFFIXES) {
    const kind = COSIGN_SUFFIXES[tagSuffix as keyof typeof COSIGN_SUFFIXES];
    return withPredicates({ kind, format: `cosign .${tagSuffix}` });
  }
  return withPredicates({ kind: 'artifact', format: artifactType ?? layerTypes[0] ?? manifest.mediaType });
}
