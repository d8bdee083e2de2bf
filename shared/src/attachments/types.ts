// What discovery returns for one thing attached to an image (plain data, JSON-safe: the CLI's
// --json, the extension's webview and the desktop's IPC carry it as is).
import type { Descriptor } from '../registry/manifest';

export type AttachmentKind = 'signature' | 'sbom' | 'provenance' | 'attestation' | 'artifact';

/** How it was found: the OCI 1.1 referrers API, the tag-schema index "sha256-<hex>", a cosign tag "sha256-<hex>.sig|.att|.sbom", or an attestation manifest inside the image's own index (buildx). */
export type AttachmentSource = 'referrers-api' | 'tag-schema' | 'cosign-tag' | 'index';

export interface AttachmentClass {
  kind: AttachmentKind;
  /** "cosign simple-signing", "sigstore bundle", "notation", "SPDX", "CycloneDX", "in-toto", "in-toto (DSSE)", or the artifact type. */
  format: string;
  /** in-toto / sigstore bundle predicate types (one per statement layer). */
  predicateTypes?: string[];
}

export interface Attachment extends AttachmentClass {
  /** Digest of the attached manifest. */
  digest: string;
  mediaType: string;
  artifactType?: string;
  /** The image (or platform manifest) it is attached to. */
  subject: string;
  source: AttachmentSource;
  /** The tag that holds it (cosign tag, or the tag-schema index). */
  tag?: string;
  /** For buildx attestations: the platform of the manifest it describes ("linux/amd64"). */
  platform?: string;
  /** Bytes stored: its manifest, config and layers. */
  size: number;
  /** Bytes of its manifest alone (for a descriptor of it). */
  manifestSize: number;
  /** ISO 8601, from the org.opencontainers.image.created annotation or a cosign bundle's log time. */
  created?: string;
  /** Its content blobs (signatures, documents, statements). */
  layers: Descriptor[];
  annotations?: Record<string, string>;
  /** Things attached to this attachment (a signature on an SBOM). */
  attachments?: Attachment[];
}
