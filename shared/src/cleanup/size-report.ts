// Size analysis over scanned repositories (pure). Definitions:
// - a tag's `size`: its config and layer blobs, each once (for an index: over all its
//   platforms; `platforms` lists each platform's config + layers). Manifests are not in `size`
//   but in `manifestBytes` (the tag's manifest and, for an index, its children).
// - `uniqueBytes`: config/layer bytes no other tag of the repository references: what
//   deleting this tag alone would let a garbage collection free (if no other repository uses
//   them). `sharedBytes` = size - uniqueBytes. Two tags on one digest share everything.
// - a repository's `storedBytes`: every object reachable from its tags, each once: layers,
//   configs and manifests (the registry stores manifests as blobs too) = blobBytes + manifestBytes.
// - a registry's `storedBytes`: the same across all repositories, each blob once (blobs are
//   stored once per registry); a repository's `exclusiveBytes`: objects no other repository
//   references, the most that purging it entirely could free.
// - attachments (signatures, SBOMs, attestations under digest-named tags) are not tags: a tag's
//   `attachmentBytes` counts every object of its attachments (manifests and blobs, each once);
//   they are in the repository's stored bytes.
import { attachmentsOf, blobsBelow, createdOf, objectsBelow, reachableManifests, type RepoGraph } from './repo-graph';

export interface PlatformSize {
  platform: string;
  digest: string;
  /** config + layers */
  size: number;
  attestation: boolean;
}

export interface TagSize {
  tag: string;
  digest: string;
  mediaType: string;
  isIndex: boolean;
  size: number;
  uniqueBytes: number;
  sharedBytes: number;
  manifestBytes: number;
  /** Other tags on the same digest (the first MAX_ALIASES of them; `aliasCount` says how many there are). */
  aliases: string[];
  aliasCount: number;
  platforms: PlatformSize[];
  created?: string;
  /** Attachment tags of this image (and of its platforms). */
  attachments: number;
  /** Bytes of those attachments (manifests and blobs, each once). */
  attachmentBytes: number;
}

export interface RepositorySize {
  registry: string;
  repository: string;
  tags: TagSize[];
  manifestCount: number;
  blobCount: number;
  /** Distinct configs and layers. */
  blobBytes: number;
  /** Distinct manifests (indexes, platform manifests, image manifests). */
  manifestBytes: number;
  /** blobBytes + manifestBytes */
  storedBytes: number;
  notes: string[];
}

export interface RegistryRepositorySize extends RepositorySize {
  /** Stored objects of this repository that no other repository references. */
  exclusiveBytes: number;
  /** storedBytes - exclusiveBytes */
  sharedWithOtherRepositoriesBytes: number;
}

export interface RegistrySize {
  registry: string;
  repositories: RegistryRepositorySize[];
  /** Every object reachable from any tag of any repository, each once. */
  storedBytes: number;
  blobCount: number;
  /** Sum of the repositories' storedBytes: what it would take without cross-repository sharing. */
  sumOfRepositoriesBytes: number;
  notes: string[];
}

/** Aliases listed per tag at the most: 130,000 tags on one digest would otherwise list 130,000 x 130,000 names. */
export const MAX_ALIASES = 20;

/** Sizes of one repository's tags and of the repository. */
export function repositorySize(graph: RepoGraph): RepositorySize {
  const tagsByDigest = new Map<string, string[]>();
  for (const t of graph.tags) {
    const list = tagsByDigest.get(t.digest);
    if (list) list.push(t.tag);
    else tagsByDigest.set(t.digest, [t.tag]);
  }
  const blobsByTag = new Map<string, Map<string, number>>();
  const refCount = new Map<string, number>();
  for (const t of graph.tags) {
    const blobs = blobsBelow(graph, t.digest);
    blobsByTag.set(t.tag, blobs);
    for (const d of blobs.keys()) refCount.set(d, (refCount.get(d) ?? 0) + 1);
  }
  const tags: TagSize[] = graph.tags.map((t) => {
    const blobs = blobsByTag.get(t.tag)!;
    let size = 0;
    let unique = 0;
    for (const [d, s] of blobs) {
      size += s;
      if (refCount.get(d) === 1) unique += s;
    }
    const node = graph.manifests.get(t.digest);
    let manifestBytes = 0;
    for (const m of reachableManifests(graph, t.digest)) manifestBytes += graph.manifests.get(m)!.size;
    const platforms: PlatformSize[] =
      node?.kind === 'index'
        ? node.children
            .filter((c) => graph.manifests.has(c.digest))
            .map((c) => ({
              platform: c.platform,
              digest: c.digest,
              attestation: c.attestation,
              size: [...blobsBelow(graph, c.digest).values()].reduce((a, b) => a + b, 0),
            }))
        : [];
    const created = createdOf(graph, t.digest);
    const attached = attachmentsOf(graph, t.digest);
    const attachedObjects = new Map<string, number>();
    for (const a of attached) for (const [d, sz] of objectsBelow(graph, a.digest)) attachedObjects.set(d, sz);
    return {
      tag: t.tag,
      digest: t.digest,
      mediaType: node?.mediaType ?? '',
      isIndex: node?.kind === 'index',
      size,
      uniqueBytes: unique,
      sharedBytes: size - unique,
      manifestBytes,
      aliases: firstOthers(tagsByDigest.get(t.digest)!, t.tag, MAX_ALIASES),
      aliasCount: tagsByDigest.get(t.digest)!.length - 1,
      platforms,
      ...(created ? { created } : {}),
      attachments: attached.length,
      attachmentBytes: sum(attachedObjects.values()),
    };
  });
  const { blobs, manifests } = storedObjects(graph);
  const blobBytes = sum(blobs.values());
  const manifestBytes = sum(manifests.values());
  return {
    registry: graph.registry,
    repository: graph.repository,
    tags,
    manifestCount: manifests.size,
    blobCount: blobs.size,
    blobBytes,
    manifestBytes,
    storedBytes: blobBytes + manifestBytes,
    notes: [...graph.notes],
  };
}

/** Up to `max` entries of `list` other than `self`. */
function firstOthers(list: string[], self: string, max: number): string[] {
  const out: string[] = [];
  for (const x of list) {
    if (out.length >= max) break;
    if (x !== self) out.push(x);
  }
  return out;
}

/** Sizes of every repository, and what they take together in the registry. */
export function registrySize(registry: string, graphs: RepoGraph[], notes: string[] = []): RegistrySize {
  const owners = new Map<string, { size: number; repos: Set<string> }>();
  for (const g of graphs) {
    for (const [d, s] of allObjects(g)) {
      const o = owners.get(d) ?? { size: s, repos: new Set<string>() };
      o.repos.add(g.repository);
      owners.set(d, o);
    }
  }
  const repositories = graphs.map((g) => {
    const r = repositorySize(g);
    let exclusive = 0;
    for (const [d, s] of allObjects(g)) if (owners.get(d)!.repos.size === 1) exclusive += s;
    return { ...r, exclusiveBytes: exclusive, sharedWithOtherRepositoriesBytes: r.storedBytes - exclusive };
  });
  return {
    registry,
    repositories,
    storedBytes: sum([...owners.values()].map((o) => o.size)),
    blobCount: owners.size,
    sumOfRepositoriesBytes: sum(repositories.map((r) => r.storedBytes)),
    notes: [...notes, ...repositories.flatMap((r) => r.notes.map((n) => `${r.repository}: ${n}`))],
  };
}

/** Every manifest and blob reachable from the graph's tags (digest -> size). */
export function allObjects(graph: RepoGraph): Map<string, number> {
  const { blobs, manifests } = storedObjects(graph);
  return new Map([...manifests, ...blobs]);
}

function storedObjects(graph: RepoGraph): { blobs: Map<string, number>; manifests: Map<string, number> } {
  const blobs = new Map<string, number>();
  const manifests = new Map<string, number>();
  for (const t of [...graph.tags, ...(graph.attachmentTags ?? [])]) {
    for (const m of reachableManifests(graph, t.digest)) {
      const node = graph.manifests.get(m)!;
      manifests.set(m, node.size);
      for (const b of node.blobs) blobs.set(b.digest, b.size);
    }
  }
  return { blobs, manifests };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
