// The attachments namespace of DockhandApi (see index.ts): signatures, SBOMs and attestations
// attached to an image (every route a plain registry can hold them), and the content of one
// (SBOM packages, in-toto statement, formatted JSON). Plain data only.
import { arg, type MethodArgs } from './args';

export interface AttachedRow {
  digest: string;
  kind: 'signature' | 'sbom' | 'provenance' | 'attestation' | 'artifact';
  /** "cosign simple-signing", "SPDX", "in-toto (DSSE)", "notation", ... */
  format: string;
  predicateTypes?: string[];
  /** buildx attestations: the platform they describe. */
  platform?: string;
  /** Attached to a platform manifest of the index rather than the index. */
  onPlatform?: string;
  /** Attached to another attachment (a signature on an SBOM). */
  attachedTo?: string;
  size: number;
  created?: string;
  /** 'referrers-api' | 'tag-schema' | 'cosign-tag' | 'index' */
  source: string;
  tag?: string;
}

export interface AttachmentContentInfo {
  digest: string;
  documents: Array<{
    format: string;
    mediaType: string;
    predicateType?: string;
    packages?: Array<{ name: string; version?: string; license?: string; purl?: string }>;
    /** Formatted JSON (at most 2 MiB of text; `truncated` says when cut). */
    json?: string;
    truncated?: boolean;
    note?: string;
  }>;
}

export interface AttachmentsApi {
  /** Attachments of the manifest `digest` (and of an index's platforms). */
  list(registryId: string, repository: string, digest: string): Promise<AttachedRow[]>;
  /** The content of attachment `attachmentDigest` of `subjectDigest`. */
  open(registryId: string, repository: string, subjectDigest: string, attachmentDigest: string): Promise<AttachmentContentInfo>;
}

export const ATTACHMENTS_METHODS = {
  list: [['registryId', arg.registryId], ['repository', arg.repository], ['digest', arg.digest]],
  open: [['registryId', arg.registryId], ['repository', arg.repository], ['subjectDigest', arg.digest], ['attachmentDigest', arg.digest]],
} as const satisfies MethodArgs<AttachmentsApi>;
