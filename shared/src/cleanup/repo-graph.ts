// What a repository holds, as far as the registry API can tell: its tags, and every manifest
// reachable from them (indexes, their platform manifests, images with config and layers).
// Plain data, built by scan-repository.ts; the size report and the purge plan are pure
// functions over it. Untagged manifests nobody points at are invisible through the API.

export type BlobKind = 'config' | 'layer';

export interface BlobRef {
  digest: string;
  size: number;
  kind: BlobKind;
}

export interface ChildRef {
  digest: string;
  /** "linux/arm64/v8", or "unknown" */
  platform: string;
  attestation: boolean;
}

export interface ManifestNode {
  digest: string;
  mediaType: string;
  /** Bytes of the manifest itself (the registry stores it as a blob too). */
  size: number;
  kind: 'image' | 'index' | 'schema1';
  /** Image: config then layers. Index: none. Schema 1: layers of unknown size (0). */
  blobs: BlobRef[];
  /** Index: its manifests. */
  children: ChildRef[];
  /** Image: the config's media type (only image configs are read for dates). */
  configMediaType?: string;
  /** Image: `created` from its config, when the config was read and has one. */
  created?: string;
}

export interface TagRef {
  tag: string;
  digest: string;
}

/** A tag that holds an attachment (a cosign "sha256-<hex>.sig" tag, or a tag-schema index "sha256-<hex>"), not an image. */
export interface AttachmentTagRef extends TagRef {
  /** The digest it is attached to. */
  subject: string;
}

export interface RepoGraph {
  registry: string;
  repository: string;
  /** Image tags (attachment tags are in attachmentTags). */
  tags: TagRef[];
  /** Signatures, SBOMs and attestations stored under digest-named tags (see attachments/formats.ts). */
  attachmentTags?: AttachmentTagRef[];
  manifests: Map<string, ManifestNode>;
  /** Things that could not be read (a missing index child, an unreadable config). */
  notes: string[];
}

/** `root` and every manifest below it (index children, recursively) that the graph holds. */
export function reachableManifests(graph: Pick<RepoGraph, 'manifests'>, root: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (digest: string) => {
    if (seen.has(digest)) return;
    seen.add(digest);
    const node = graph.manifests.get(digest);
    if (!node) return;
    out.push(digest);
    for (const c of node.children) visit(c.digest);
  };
  visit(root);
  return out;
}

/** Config and layer blobs below `root`, each once (digest -> size). */
export function blobsBelow(graph: Pick<RepoGraph, 'manifests'>, root: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of reachableManifests(graph, root)) {
    for (const b of graph.manifests.get(m)!.blobs) out.set(b.digest, b.size);
  }
  return out;
}

/** Every stored object below `root`: manifests (their own bytes) and blobs, digest -> size. */
export function objectsBelow(graph: Pick<RepoGraph, 'manifests'>, root: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of reachableManifests(graph, root)) {
    const node = graph.manifests.get(m)!;
    out.set(node.digest, node.size);
    for (const b of node.blobs) out.set(b.digest, b.size);
  }
  return out;
}

/** Creation date of an image, or the newest of an index's (non-attestation) platforms. */
export function createdOf(graph: Pick<RepoGraph, 'manifests'>, digest: string): string | undefined {
  const node = graph.manifests.get(digest);
  if (!node) return undefined;
  if (node.kind !== 'index') return node.created;
  let best: string | undefined;
  let bestMs = -Infinity;
  for (const c of node.children) {
    if (c.attestation) continue;
    const created = createdOf(graph, c.digest);
    const ms = created ? Date.parse(created) : NaN;
    if (created && Number.isFinite(ms) && ms > bestMs) {
      best = created;
      bestMs = ms;
    }
  }
  return best;
}

/**
 * The image digest an attachment tag finally belongs to: its subject, or, for an attachment of
 * an attachment (a signature on an SBOM), the subject of the attachment it is attached to.
 */
export function rootSubject(graph: Pick<RepoGraph, 'manifests' | 'attachmentTags'>, subject: string): string {
  const attachmentOf = new Map<string, string>();
  for (const a of graph.attachmentTags ?? []) {
    for (const m of reachableManifests(graph, a.digest)) if (m !== a.subject) attachmentOf.set(m, a.subject);
  }
  let s = subject;
  for (let i = 0; i < 8 && attachmentOf.has(s); i++) s = attachmentOf.get(s)!;
  return s;
}

/** Attachment tags whose root subject is `digest` or a manifest below it (an index's platforms). */
export function attachmentsOf(graph: Pick<RepoGraph, 'manifests' | 'attachmentTags'>, digest: string): AttachmentTagRef[] {
  const below = new Set(reachableManifests(graph, digest));
  below.add(digest);
  return (graph.attachmentTags ?? []).filter((a) => below.has(rootSubject(graph, a.subject)));
}
