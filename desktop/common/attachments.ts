// The attachments namespace of DockhandApi (see index.ts): signatures, SBOMs and attestations
// attached to an image (every route a plain registry can hold them), and the content of one
// (SBOM packages, in-toto statement, formatted JSON). Plain data only.
import type { AttachmentRow } from '@dockhand/shared/attachments';
import { arg, type MethodArgs } from './args';

/** A signature, SBOM or attestation of the image: shared's attachment row (attachments/rows.ts). */
export type AttachedRow = AttachmentRow;

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

/** A public key, certificates or a trusted root pasted for verify: at most 1 MiB each. */
const TRUST_TEXT = 1024 * 1024;

/** Trust material pasted or loaded by the user (text; each at most 1 MiB). */
export interface VerifyTrustInput {
  /** A PEM public key (cosign.pub): cosign signatures and keyed sigstore bundles. */
  publicKey?: string;
  /** PEM certificates (a Notation trust store: CA or signing certificate). */
  certificates?: string;
  /** A sigstore trusted root (trusted_root.json text): keyless bundles, transparency-log entries. */
  trustedRoot?: string;
}

export interface SignatureVerdict {
  /** The signature manifest and the content blob checked. */
  manifest: string;
  layer: string;
  /** "cosign simple-signing", "sigstore bundle", "notation". */
  format: string;
  /** The signature checks out with what was given AND signs this image. */
  ok: boolean;
  signatureValid: boolean;
  digestMatches: boolean;
  /** Who signed (certificate subject / keyless identity) or the signed docker reference. */
  signer?: string;
  problem?: string;
}

export interface VerifyReport {
  subject: string;
  verified: boolean;
  checks: SignatureVerdict[];
  /** What this verification does not cover. */
  notVerified: string[];
}

export interface DeleteWithAttachmentsResult {
  removedTags: string[];
  digest: string;
  attachmentsDeleted: number;
  /** Attachments that could not be deleted (they stay as orphans; Clean up finds them). */
  attachmentsFailed: Array<{ digest: string; error: string }>;
}

export interface AttachmentsApi {
  /** Attachments of the manifest `digest` (and of an index's platforms). */
  list(registryId: string, repository: string, digest: string): Promise<AttachedRow[]>;
  /** The content of attachment `attachmentDigest` of `subjectDigest`. */
  open(registryId: string, repository: string, subjectDigest: string, attachmentDigest: string): Promise<AttachmentContentInfo>;
  /** Check the image's signatures (cosign, sigstore bundles, Notation) offline with the given trust material (the CLI's `verify`). */
  verify(registryId: string, repository: string, digest: string, trust: VerifyTrustInput): Promise<VerifyReport>;
  /** Delete the manifest `digest` (the image `tag` points at, with every tag on it) and then its attachments (the CLI's `rm --with-attachments`). */
  deleteImageWith(registryId: string, repository: string, tag: string, digest: string): Promise<DeleteWithAttachmentsResult>;
}

export const ATTACHMENTS_METHODS = {
  list: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['digest', arg.digest],
  ],
  open: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['subjectDigest', arg.digest],
    ['attachmentDigest', arg.digest],
  ],
  verify: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['digest', arg.digest],
    [
      'trust',
      arg.object({
        publicKey: arg.optional(arg.text(TRUST_TEXT)),
        certificates: arg.optional(arg.text(TRUST_TEXT)),
        trustedRoot: arg.optional(arg.text(TRUST_TEXT)),
      }),
    ],
  ],
  deleteImageWith: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['tag', arg.tag],
    ['digest', arg.digest],
  ],
} as const satisfies MethodArgs<AttachmentsApi>;
