// What the extension needs from a registry, in its own small interface, so the tree and
// the commands don't depend on how shared/ splits its client and operations. The only
// implementation (sharedRegistry.ts) delegates to @dockhand/shared.
import type { Descriptor, FetchedManifest } from '@dockhand/shared/registry';
import type { Inspection, PlatformImage } from '@dockhand/shared/ops';
import type { ProgressCallback } from '@dockhand/shared/registry';
import type { ImageFiles, LayerProgress } from '@dockhand/shared/image-files';
import type { Attachment, AttachmentDeletion, AttachmentDocument, Discovery, VerifyResult, VerifyTrust } from '@dockhand/shared/attachments';

export interface RegistryTarget {
  /** Canonical URL from the settings, or https://host for credential-store registries. */
  url: string;
  /** Registry as in references: "127.0.0.1:5000". */
  host: string;
  insecure?: boolean;
  caFile?: string;
  /** mTLS client certificate and key files (from the registry's settings entry). */
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** Lazily pulls catalog pages; `next()` resolves undefined once the catalog is exhausted. */
export interface CatalogCursor {
  next(): Promise<string[] | undefined>;
  close(): void;
}

export interface RegistryApi {
  openCatalog(t: RegistryTarget, pageSize: number): CatalogCursor;
  listTags(t: RegistryTarget, repo: string, signal?: AbortSignal): Promise<string[]>;
  getManifest(t: RegistryTarget, repo: string, reference: string, signal?: AbortSignal): Promise<FetchedManifest>;
  /** An image config blob's bytes (digest verified, size-capped). */
  getConfigBytes(t: RegistryTarget, repo: string, digest: string, signal?: AbortSignal): Promise<Buffer>;
  /** Platforms, layers, sizes and config summaries. */
  inspect(t: RegistryTarget, repo: string, reference: string, opts?: { withConfig?: boolean; signal?: AbortSignal }): Promise<Inspection>;
  referrers(t: RegistryTarget, repo: string, digest: string, signal?: AbortSignal): Promise<Descriptor[]>;
  /** Server-side: the same manifest bytes under a new tag. Returns the digest. */
  retag(t: RegistryTarget, repo: string, from: string, toTag: string): Promise<string>;
  /** Copies the image and, unless `referrers` is false, its signatures, SBOMs and attestations. */
  copy(
    src: { t: RegistryTarget; repo: string; reference: string },
    dst: { t: RegistryTarget; repo: string; tag: string },
    opts: { onProgress?: ProgressCallback; signal?: AbortSignal; referrers?: boolean },
  ): Promise<string>;
  /** Signatures, SBOMs and attestations of a manifest (and of an index's platforms). */
  attachments(t: RegistryTarget, repo: string, digest: string, signal?: AbortSignal): Promise<Discovery[]>;
  /** An attachment's content, parsed (SBOM packages, in-toto statements). */
  attachmentDocuments(t: RegistryTarget, repo: string, attachment: Attachment, signal?: AbortSignal): Promise<AttachmentDocument[]>;
  /** Checks the cosign signatures of `digest` with a PEM public key. */
  /** Every signature of the image (cosign, sigstore bundle, Notation) checked offline against `trust`. */
  verifySignatures(t: RegistryTarget, repo: string, digest: string, trust: VerifyTrust, signal?: AbortSignal): Promise<VerifyResult>;
  /** Tags of `repo` whose manifest digest equals `digest`. */
  tagsWithDigest(t: RegistryTarget, repo: string, digest: string, signal?: AbortSignal): Promise<string[]>;
  /** The attachments deleting manifest `digest` would orphan, and the deletions that remove them (run after the image). */
  planAttachmentRemoval(t: RegistryTarget, repo: string, digest: string, signal?: AbortSignal): Promise<{ orphans: Attachment[]; steps: AttachmentDeletion[] }>;
  /** Runs planned attachment deletions (a manifest already gone counts as deleted). */
  deleteAttachments(
    t: RegistryTarget,
    repo: string,
    steps: readonly AttachmentDeletion[],
    signal?: AbortSignal,
  ): Promise<{ deleted: string[]; failed: Array<{ digest: string; error: string }> }>;
  /** Deletes the manifest by digest (removes every tag pointing at it). */
  deleteManifest(t: RegistryTarget, repo: string, digest: string): Promise<void>;
  /** Removes only this tag; the manifest and sibling tags stay. */
  untag(t: RegistryTarget, repo: string, tag: string): Promise<void>;
  /** The files of an image without pulling it (layer indexes cached on disk by digest). */
  openImageFiles(
    t: RegistryTarget,
    repo: string,
    reference: string,
    opts?: { platform?: string; signal?: AbortSignal; onProgress?: (p: LayerProgress) => void },
  ): Promise<ImageFiles>;
  /** One file's bytes (only its layer is read, up to the file); refused past maxBytes. */
  readImageFile(t: RegistryTarget, files: ImageFiles, path: string, opts: { maxBytes: number; signal?: AbortSignal }): Promise<Buffer>;
  /** Drops cached connections and tokens (after log in/out, settings changes). */
  reset(host?: string): void;
}

export type { Descriptor, FetchedManifest, Inspection, PlatformImage, ImageFiles, LayerProgress, Attachment, AttachmentDocument, Discovery, VerifyResult };
