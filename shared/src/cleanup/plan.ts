// The dry run: from a scanned repository and the policy's verdicts, what exactly would be
// done, and what a garbage collection would free afterwards (pure).
// - A tag to remove whose manifest is still reachable from a kept tag (same digest, or a
//   platform of a kept index) is only untagged (ops/untag.ts); the manifest stays.
// - Otherwise its manifest is deleted by digest (every tag on it goes: all of them are
//   tags to remove, or it would be protected), with the index's platform manifests that no
//   kept tag reaches (left behind they would keep their layers alive through GC).
// - Freed bytes: objects (manifests, configs, layers) reachable only from deleted manifests,
//   not from any surviving one in the repository, and not referenced by another repository
//   of the registry (garbage collection is registry-wide; blobs are stored once).
//   The throwaway manifests that untagging writes and deletes are freed too (a few hundred
//   bytes each), and untagged manifests the API cannot list may keep blobs alive.
// - Attachments (signatures, SBOMs, attestations under "sha256-<hex>[.sig|.att|.sbom]" tags)
//   are part of their image: never ranked as tags, kept with a kept image, deleted after a
//   deleted image (so a failure midway leaves orphans, never an unsigned kept image). One whose
//   image is not among the tags is kept unless `orphanSubjects` says the image is gone.
import { objectsBelow, reachableManifests, rootSubject, type RepoGraph } from './repo-graph';
import type { TagVerdict } from './policy';

export type TagAction = 'keep' | 'untag' | 'delete';

export interface PlanTag {
  tag: string;
  digest: string;
  created?: string;
  /** From registry events (issue 18): newest push of the tag, newest pull of the tag or its digest; absent = unknown. */
  pushedAt?: string;
  lastPulled?: string;
  action: TagAction;
  reason: string;
}

export interface PlanDeletion {
  digest: string;
  mediaType: string;
  /** Tags that go with it (empty for an index's platform manifest). */
  tags: string[];
  /** For a platform manifest: the index it belongs to. */
  parent?: string;
  platform?: string;
  /** For an attachment: the digest it is attached to. */
  attachmentOf?: string;
}

export interface PlanAttachment {
  tag: string;
  digest: string;
  subject: string;
  action: 'keep' | 'delete';
  reason: string;
}

export interface FreedObject {
  digest: string;
  size: number;
  kind: 'manifest' | 'config' | 'layer';
}

export interface PurgePlan {
  registry: string;
  repository: string;
  policy: string;
  createdAt: string;
  /** Every tag with its fate, in tag order. */
  tags: PlanTag[];
  /** Tags removed by untagging (their manifest survives). */
  untag: Array<{ tag: string; digest: string }>;
  /** Manifests deleted by digest: tagged ones first, then index platforms. */
  deleteManifests: PlanDeletion[];
  surviving: Array<{ tag: string; digest: string }>;
  /** Attachment tags and their fate (they follow their image). */
  attachments: PlanAttachment[];
  /** What `registry garbage-collect` should free after the plan is applied. */
  freed: {
    bytes: number;
    objects: FreedObject[];
    /** Objects of deleted manifests that another repository still references (not freed). */
    heldByOtherRepositories: { bytes: number; count: number };
    /** Whether other repositories were checked (false: freed.bytes is an upper bound). */
    otherRepositoriesChecked: boolean;
  };
  notes: string[];
}

export interface PlanOptions {
  policy?: string;
  /** Digests referenced by other repositories of the registry (undefined: not checked). */
  otherRepositories?: ReadonlySet<string>;
  /** Subjects known to be gone from the registry: their attachments are orphans to delete. */
  orphanSubjects?: ReadonlySet<string>;
  now?: Date;
}

export function buildPlan(graph: RepoGraph, verdicts: TagVerdict[], opts: PlanOptions = {}): PurgePlan {
  const byTag = new Map(verdicts.map((v) => [v.tag, v]));
  const keptTags = graph.tags.filter((t) => byTag.get(t.tag)?.keep !== false);
  const protectedManifests = new Set<string>();
  for (const t of keptTags) for (const m of reachableManifests(graph, t.digest)) protectedManifests.add(m);
  for (const t of keptTags) protectedManifests.add(t.digest); // even if unreadable

  // Indexes built once: per-tag lookups over every tag would be quadratic (130,000 tags on one digest).
  const tagsByDigest = new Map<string, string[]>();
  for (const t of graph.tags) {
    const list = tagsByDigest.get(t.digest);
    if (list) list.push(t.tag);
    else tagsByDigest.set(t.digest, [t.tag]);
  }
  const keptBy = new Map<string, string[]>(); // manifest digest -> kept tags that reach it
  for (const k of keptTags) {
    for (const m of new Set([k.digest, ...reachableManifests(graph, k.digest)])) {
      const list = keptBy.get(m);
      if (list) list.push(k.tag);
      else keptBy.set(m, [k.tag]);
    }
  }
  const tags: PlanTag[] = [];
  const untag: PurgePlan['untag'] = [];
  const topDigests: string[] = [];
  const topSet = new Set<string>();
  for (const t of graph.tags) {
    const v = byTag.get(t.tag);
    const base = {
      tag: t.tag,
      digest: t.digest,
      ...(v?.created ? { created: v.created } : {}),
      ...(v?.pushedAt ? { pushedAt: v.pushedAt } : {}),
      ...(v?.lastPulled ? { lastPulled: v.lastPulled } : {}),
    };
    if (!v || v.keep) {
      tags.push({ ...base, action: 'keep', reason: v?.reason ?? 'not decided by the policy' });
    } else if (protectedManifests.has(t.digest)) {
      const by = keptBy.get(t.digest) ?? [];
      const named = by.length > 5 ? `${by.slice(0, 5).join(', ')} and ${by.length - 5} more` : by.join(', ');
      tags.push({ ...base, action: 'untag', reason: `${v.reason}; its manifest stays for ${named}` });
      untag.push({ tag: t.tag, digest: t.digest });
    } else {
      tags.push({ ...base, action: 'delete', reason: v.reason });
      if (!topSet.has(t.digest)) {
        topSet.add(t.digest);
        topDigests.push(t.digest);
      }
    }
  }

  const deleteManifests: PlanDeletion[] = topDigests.map((d) => ({
    digest: d,
    mediaType: graph.manifests.get(d)?.mediaType ?? '',
    tags: tagsByDigest.get(d) ?? [],
  }));
  const deleted = new Set(topDigests);
  for (const d of topDigests) {
    for (const m of reachableManifests(graph, d)) {
      if (deleted.has(m) || protectedManifests.has(m)) continue;
      deleted.add(m);
      const parent = [...deleted].find((p) => graph.manifests.get(p)?.children.some((c) => c.digest === m));
      const platform = parent ? graph.manifests.get(parent)!.children.find((c) => c.digest === m)?.platform : undefined;
      deleteManifests.push({
        digest: m,
        mediaType: graph.manifests.get(m)!.mediaType,
        tags: [],
        ...(parent ? { parent } : {}),
        ...(platform ? { platform } : {}),
      });
    }
  }

  // Attachments follow their image.
  const attachments: PlanAttachment[] = [];
  const keptAttachmentRoots: string[] = [];
  const deletedAttachmentRoots: string[] = [];
  for (const a of graph.attachmentTags ?? []) {
    const root = rootSubject(graph, a.subject);
    const base = { tag: a.tag, digest: a.digest, subject: a.subject };
    if (opts.orphanSubjects?.has(root)) {
      attachments.push({ ...base, action: 'delete', reason: `orphan: the image ${root} no longer exists` });
      deletedAttachmentRoots.push(a.digest);
    } else if (deleted.has(root) && !protectedManifests.has(root)) {
      attachments.push({ ...base, action: 'delete', reason: `attached to ${root}, which is deleted` });
      deletedAttachmentRoots.push(a.digest);
    } else {
      const why = protectedManifests.has(root)
        ? `attached to ${root}, which is kept`
        : `attached to ${root}, which is not among the tags (purge --orphans checks whether it still exists)`;
      attachments.push({ ...base, action: 'keep', reason: why });
      keptAttachmentRoots.push(a.digest);
    }
  }
  for (const d of keptAttachmentRoots) for (const m of reachableManifests(graph, d)) protectedManifests.add(m);
  for (const d of keptAttachmentRoots) protectedManifests.add(d);
  for (const a of attachments.filter((x) => x.action === 'delete')) {
    if (deleted.has(a.digest) || protectedManifests.has(a.digest)) continue;
    deleted.add(a.digest);
    deleteManifests.push({
      digest: a.digest,
      mediaType: graph.manifests.get(a.digest)?.mediaType ?? '',
      tags: (graph.attachmentTags ?? []).filter((t) => t.digest === a.digest).map((t) => t.tag),
      attachmentOf: a.subject,
    });
    for (const m of reachableManifests(graph, a.digest)) {
      if (deleted.has(m) || protectedManifests.has(m)) continue;
      deleted.add(m);
      deleteManifests.push({ digest: m, mediaType: graph.manifests.get(m)!.mediaType, tags: [], parent: a.digest, attachmentOf: a.subject });
    }
  }

  // What GC frees: objects below deleted manifests minus objects below surviving ones.
  const surviving = new Map<string, number>();
  for (const t of keptTags) for (const [d, s] of objectsBelow(graph, t.digest)) surviving.set(d, s);
  for (const d of keptAttachmentRoots) for (const [o, s] of objectsBelow(graph, d)) surviving.set(o, s);
  const kinds = new Map<string, FreedObject['kind']>();
  const candidates = new Map<string, number>();
  for (const d of [...topDigests, ...deletedAttachmentRoots]) {
    for (const m of reachableManifests(graph, d)) {
      if (protectedManifests.has(m)) continue;
      const node = graph.manifests.get(m)!;
      candidates.set(m, node.size);
      kinds.set(m, 'manifest');
      for (const b of node.blobs) {
        candidates.set(b.digest, b.size);
        kinds.set(b.digest, b.kind);
      }
    }
  }
  const objects: FreedObject[] = [];
  let held = 0;
  let heldCount = 0;
  for (const [d, size] of candidates) {
    if (surviving.has(d)) continue;
    if (opts.otherRepositories?.has(d)) {
      held += size;
      heldCount++;
      continue;
    }
    objects.push({ digest: d, size, kind: kinds.get(d)! });
  }
  objects.sort((a, b) => b.size - a.size || a.digest.localeCompare(b.digest));

  const notes = [...graph.notes];
  if (!opts.otherRepositories && objects.length)
    notes.push('other repositories were not checked: blobs they share with this one are not freed, so the freed bytes are an upper bound');
  return {
    registry: graph.registry,
    repository: graph.repository,
    policy: opts.policy ?? '',
    createdAt: (opts.now ?? new Date()).toISOString(),
    tags,
    untag,
    deleteManifests,
    surviving: keptTags.map((t) => ({ tag: t.tag, digest: t.digest })),
    attachments,
    freed: {
      bytes: objects.reduce((a, o) => a + o.size, 0),
      objects,
      heldByOtherRepositories: { bytes: held, count: heldCount },
      otherRepositoriesChecked: opts.otherRepositories !== undefined,
    },
    notes,
  };
}
