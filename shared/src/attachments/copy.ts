// Copy an image's attachments along with it (after the image itself, so a subject is never
// missing at the target): cosign tags are copied under the same tag (the subject's digest is
// kept by the copy, so the tag names stay right); tag-schema and referrers-API artifacts are
// copied by digest, and listed at the target in its referrers API when it has one, else in
// the tag-schema index "sha256-<hex>" (merged with what the target already lists). Attestation
// manifests inside an index travel with the index itself. Nothing at the target is replaced:
// a cosign tag that already holds something else is reported as skipped.
import type { RegistryClient } from '../registry/client';
import { RegistryError, isRegistryError } from '../registry/client';
import { MEDIA_TYPES } from '../registry/media-types';
import type { Descriptor } from '../registry/manifest';
import { copyImage, type CopyEndpoint, type CopyOptions } from '../ops/copy';
import { discoverImageAttachments, ReferrersProbe, type Discovery } from './discover';
import { tagSchemaTag } from './formats';
import type { Attachment } from './types';

export interface AttachmentCopyResult {
  /** Attachments now at the target (copied, or already there). */
  copied: Array<{ digest: string; subject: string; kind: string; format: string; tag?: string }>;
  skipped: Array<{ digest: string; subject: string; tag?: string; reason: string }>;
  /** Tag-schema indexes written at the target. */
  tagSchemaIndexes: string[];
  manifests: number;
  blobsCopied: number;
  bytesCopied: number;
  /** Whether the target has the OCI referrers API. */
  targetReferrersApi: boolean;
}

/** Every attachment in the discoveries, attachments of attachments included (not index attestations: they travel with the index). */
export function flattenAttachments(discoveries: readonly Discovery[]): Attachment[] {
  const out: Attachment[] = [];
  const walk = (list: readonly Attachment[]) => {
    for (const a of list) {
      if (a.source === 'index') continue;
      out.push(a);
      if (a.attachments) walk(a.attachments);
    }
  };
  for (const d of discoveries) walk(d.attachments);
  return out;
}

/** Copy the attachments of the image `source.ref` (already copied to `target.ref.repository`). */
export async function copyAttachments(
  source: CopyEndpoint,
  target: CopyEndpoint,
  opts: CopyOptions & { discoveries?: Discovery[] } = {},
): Promise<AttachmentCopyResult> {
  const srcRepo = source.ref.repository;
  const dstRepo = target.ref.repository;
  const signal = opts.signal;
  const discoveries =
    opts.discoveries ??
    (await discoverImageAttachments(
      source.client,
      srcRepo,
      await source.client.getManifest(srcRepo, source.ref.digest ?? source.ref.tag ?? 'latest', { signal }),
      { signal },
    ));
  const all = flattenAttachments(discoveries);
  const result: AttachmentCopyResult = {
    copied: [],
    skipped: [],
    tagSchemaIndexes: [],
    manifests: 0,
    blobsCopied: 0,
    bytesCopied: 0,
    targetReferrersApi: false,
  };
  if (!all.length) return result;

  const add = (r: { manifests: number; blobsCopied: number; bytesCopied: number }) => {
    result.manifests += r.manifests;
    result.blobsCopied += r.blobsCopied;
    result.bytesCopied += r.bytesCopied;
  };
  const copyOne = async (a: Attachment, tag?: string) => {
    add(
      await copyImage(
        { client: source.client, ref: { registry: source.client.host, repository: srcRepo, digest: a.digest } },
        { client: target.client, ref: { registry: target.client.host, repository: dstRepo, ...(tag ? { tag } : {}), digest: a.digest } },
        { ...opts, signal },
      ),
    );
  };
  const record = (a: Attachment) =>
    result.copied.push({ digest: a.digest, subject: a.subject, kind: a.kind, format: a.format, ...(a.tag ? { tag: a.tag } : {}) });

  // Cosign tags: the same tag at the target, unless it holds something else there.
  for (const a of all.filter((x) => x.source === 'cosign-tag' && x.tag)) {
    const there = await target.client.headManifest(dstRepo, a.tag!, { signal });
    if (there && there.digest !== a.digest) {
      result.skipped.push({
        digest: a.digest,
        subject: a.subject,
        tag: a.tag!,
        reason: `${target.client.host}/${dstRepo}:${a.tag} already holds ${there.digest}; not replaced (copy or merge it by hand)`,
      });
      continue;
    }
    if (!there) await copyOne(a, a.tag);
    record(a);
  }

  // Referrers (tag schema or API): by digest, then listed at the target.
  const bySubject = new Map<string, Attachment[]>();
  for (const a of all.filter((x) => x.source === 'tag-schema' || x.source === 'referrers-api')) {
    bySubject.set(a.subject, [...(bySubject.get(a.subject) ?? []), a]);
  }
  const probe = new ReferrersProbe();
  for (const [subject, list] of bySubject) {
    for (const a of list) await copyOne(a);
    if (probe.supported !== false) {
      const api = await target.client.referrersApi(dstRepo, subject, { signal });
      probe.supported = api !== undefined;
      result.targetReferrersApi = probe.supported;
    }
    if (probe.supported) {
      list.forEach(record);
      continue;
    } // the registry lists referrers by their subject field
    await mergeTagSchemaIndex(target.client, dstRepo, subject, list.map(descriptorOf), signal);
    result.tagSchemaIndexes.push(tagSchemaTag(subject));
    result.manifests++;
    list.forEach(record);
  }
  return result;
}

export function descriptorOf(a: Attachment): Descriptor {
  return {
    mediaType: a.mediaType,
    digest: a.digest,
    size: a.manifestSize,
    ...(a.artifactType ? { artifactType: a.artifactType } : {}),
    ...(a.annotations ? { annotations: a.annotations } : {}),
  };
}

/** Add descriptors to the tag-schema index of `subject` in `repository` (created when absent; existing entries kept). */
export async function mergeTagSchemaIndex(
  client: RegistryClient,
  repository: string,
  subject: string,
  add: Descriptor[],
  signal?: AbortSignal,
): Promise<string> {
  const tag = tagSchemaTag(subject);
  let existing: Descriptor[] = [];
  let extra: Record<string, unknown> = {};
  try {
    const f = await client.getManifest(repository, tag, { signal });
    if (f.manifest.kind !== 'index') {
      throw new RegistryError({
        code: 'UNSUPPORTED',
        summary: `${client.host}/${repository}:${tag} is not an index, so it cannot list referrers`,
        fix: `Remove or rename that tag (dockhand rm --untag ${client.host}/${repository}:${tag}), then copy again.`,
        host: client.host,
        repository,
      });
    }
    existing = f.manifest.manifests;
    const raw = JSON.parse(f.raw.toString('utf8')) as Record<string, unknown>;
    extra = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'manifests'));
    if (add.every((d) => existing.some((e) => e.digest === d.digest))) return f.digest;
  } catch (err) {
    if (!isRegistryError(err, 'MANIFEST_UNKNOWN')) throw err;
  }
  const manifests = [...existing, ...add.filter((d) => !existing.some((e) => e.digest === d.digest))];
  const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, ...extra, manifests }));
  return (await client.putManifest(repository, tag, body, MEDIA_TYPES.ociIndex, { signal })).digest;
}
