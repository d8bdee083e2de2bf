// The published formats of things attached to an image on a registry: media types,
// annotation keys and tag names of cosign (legacy .sig/.att/.sbom tags, simple-signing,
// sigstore bundles), notation, SBOM artifacts (SPDX, CycloneDX), in-toto statements, buildx
// attestation manifests, and the OCI 1.1 tag-schema fallback ("sha256-<hex>").
import { isDigest } from '../registry/digest';

export const ATTACHMENT_MEDIA_TYPES = {
  cosignSimpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  dsseEnvelope: 'application/vnd.dsse.envelope.v1+json',
  inToto: 'application/vnd.in-toto+json',
  notarySignature: 'application/vnd.cncf.notary.signature',
  spdxJson: 'application/spdx+json',
  cyclonedxJson: 'application/vnd.cyclonedx+json',
} as const;

/** Prefix of sigstore bundle media types ("application/vnd.dev.sigstore.bundle.v0.3+json", "...bundle+json;version=0.3"). */
export const SIGSTORE_BUNDLE_PREFIX = 'application/vnd.dev.sigstore.bundle';

export const ANNOTATIONS = {
  cosignSignature: 'dev.cosignproject.cosign/signature',
  cosignCertificate: 'dev.sigstore.cosign/certificate',
  cosignBundle: 'dev.sigstore.cosign/bundle',
  /** cosign .att layers */
  predicateType: 'predicateType',
  /** buildx attestation layers */
  inTotoPredicateType: 'in-toto.io/predicate-type',
  /** sigstore bundles pushed as OCI 1.1 referrers */
  bundlePredicateType: 'dev.sigstore.bundle.predicateType',
  created: 'org.opencontainers.image.created',
  referenceType: 'vnd.docker.reference.type',
  referenceDigest: 'vnd.docker.reference.digest',
} as const;

const SPDX_TYPES: readonly string[] = ['application/spdx+json', 'text/spdx+json', 'text/spdx', 'application/spdx', 'text/spdx+xml'];
const CYCLONEDX_TYPES: readonly string[] = ['application/vnd.cyclonedx+json', 'application/vnd.cyclonedx', 'application/vnd.cyclonedx+xml'];

export const isSpdxType = (mt: string | undefined): boolean => mt !== undefined && SPDX_TYPES.includes(mt.split(';')[0]!.trim());
export const isCycloneDxType = (mt: string | undefined): boolean => mt !== undefined && CYCLONEDX_TYPES.includes(mt.split(';')[0]!.trim());
export const isSigstoreBundleType = (mt: string | undefined): boolean => mt !== undefined && mt.startsWith(SIGSTORE_BUNDLE_PREFIX);

/** Cosign's legacy tag suffixes, and what each holds. */
export const COSIGN_SUFFIXES = { sig: 'signature', att: 'attestation', sbom: 'sbom' } as const;
export type CosignSuffix = keyof typeof COSIGN_SUFFIXES;

const ATTACHMENT_TAG = /^(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})(?:\.([A-Za-z0-9_-]+))?$/;

export interface AttachmentTag {
  tag: string;
  /** The digest of the image the tag belongs to. */
  subject: string;
  /** "sig", "att", "sbom" (cosign), another suffix, or undefined for the OCI tag-schema index. */
  suffix?: string;
}

/** "sha256-<hex>" (the OCI referrers tag schema) or "sha256-<hex>.sig|.att|.sbom" (cosign): what it belongs to; undefined for an image tag. */
export function parseAttachmentTag(tag: string): AttachmentTag | undefined {
  const m = ATTACHMENT_TAG.exec(tag);
  if (!m) return undefined;
  const subject = `${m[1]}:${m[2]}`;
  if (!isDigest(subject)) return undefined;
  return { tag, subject, ...(m[3] ? { suffix: m[3] } : {}) };
}

/** The OCI tag-schema fallback tag of a digest: "sha256-<hex>". */
export function tagSchemaTag(digest: string): string {
  return digest.replace(':', '-');
}

/** Cosign's legacy tag for a digest: "sha256-<hex>.sig" and so on. */
export function cosignTag(digest: string, suffix: CosignSuffix): string {
  return `${tagSchemaTag(digest)}.${suffix}`;
}

/** Tags of a list that are attachments, by subject digest. */
export function attachmentTagsBySubject(tags: readonly string[]): Map<string, AttachmentTag[]> {
  const out = new Map<string, AttachmentTag[]>();
  for (const t of tags) {
    const a = parseAttachmentTag(t);
    if (!a) continue;
    const list = out.get(a.subject) ?? [];
    list.push(a);
    out.set(a.subject, list);
  }
  return out;
}
