// Find everything attached to an image on a registry, by every route a plain registry can hold
// it: the OCI 1.1 referrers API (when the registry has it), the tag-schema index
// "sha256-<hex>", cosign's legacy tags "sha256-<hex>.sig|.att|.sbom" (and any other
// "sha256-<hex>.<suffix>"), and attestation manifests inside the image's own index (buildx).
// Each one is fetched (digest-verified) and classified; things attached to an attachment (a
// signature on an SBOM) are found too, one level down.
//
//   const found = await discoverAttachments(client, 'team/app', digest, { signal });
//   // found.attachments: Attachment[]; found.referrersApi: whether the registry has the API
import type { RegistryClient, FetchedManifest } from '../registry/client';
import { isRegistryError } from '../registry/client';
import { mapLimit } from '../registry/limiter';
import { formatPlatform, isAttestation, type Descriptor, type ImageManifest, type IndexManifest } from '../registry/manifest';
import { ANNOTATIONS, parseAttachmentTag, tagSchemaTag, attachmentTagsBySubject } from './formats';
import { classifyAttachment, artifactTypeOf } from './classify';
import type { Attachment, AttachmentSource } from './types';

export interface DiscoverOptions {
  signal?: AbortSignal;
  /** The repository's tags, when the caller has them (saves one listing per subject). */
  tags?: readonly string[];
  /** The subject's manifest, when the caller has it (saves one GET). */
  subjectManifest?: FetchedManifest;
  /** Whether the registry has the referrers API, when already known (a ReferrersProbe shares what the first call learned). */
  probe?: ReferrersProbe;
  /** Look for attachments of attachments (default true, one level). */
  nested?: boolean;
  /** The subject is known not to be an index: do not read it for attestation manifests. */
  notIndex?: boolean;
}

export interface Discovery {
  subject: string;
  attachments: Attachment[];
  /** true: the registry answered the referrers API; false: it has none (tags were used). */
  referrersApi: boolean;
  /** Things that could not be read (a tag-schema index entry the registry does not have). */
  notes: string[];
}

/** Remembers, per registry client, whether the referrers API exists (distribution 2.x: no). */
export class ReferrersProbe {
  supported: boolean | undefined;
}

/** Sum of a manifest's own bytes and its config and layers. */
export function storedSize(f: FetchedManifest): number {
  const m = f.manifest;
  if (m.kind !== 'image') return f.size;
  return f.size + m.config.size + m.layers.reduce((a, l) => a + l.size, 0);
}

function createdOf(m: ImageManifest | IndexManifest, d?: Descriptor): string | undefined {
  const a = m.annotations?.[ANNOTATIONS.created] ?? d?.annotations?.[ANNOTATIONS.created];
  if (a && Number.isFinite(Date.parse(a))) return new Date(Date.parse(a)).toISOString();
  if (m.kind !== 'image') return undefined;
  // cosign: the transparency log's integrated time inside the bundle annotation (seconds).
  let newest: number | undefined;
  for (const l of m.layers) {
    const raw = l.annotations?.[ANNOTATIONS.cosignBundle];
    if (!raw) continue;
    try {
      const t = (JSON.parse(raw) as { Payload?: { integratedTime?: unknown } }).Payload?.integratedTime;
      if (typeof t === 'number' && Number.isFinite(t) && (newest === undefined || t > newest)) newest = t;
    } catch {
      /* not JSON: no date */
    }
  }
  return newest !== undefined ? new Date(newest * 1000).toISOString() : undefined;
}

function toAttachment(
  f: FetchedManifest,
  subject: string,
  source: AttachmentSource,
  extra: { descriptor?: Descriptor; tag?: string; suffix?: string; platform?: string },
): Attachment | undefined {
  const m = f.manifest;
  if (m.kind === 'schema1') return undefined;
  const cls = classifyAttachment(m, extra.descriptor, extra.suffix);
  const artifactType = artifactTypeOf(m, extra.descriptor);
  const created = createdOf(m, extra.descriptor);
  const annotations = m.annotations ?? extra.descriptor?.annotations;
  return {
    ...cls,
    digest: f.digest,
    mediaType: f.mediaType,
    ...(artifactType ? { artifactType } : {}),
    subject,
    source,
    ...(extra.tag ? { tag: extra.tag } : {}),
    ...(extra.platform ? { platform: extra.platform } : {}),
    size: storedSize(f),
    manifestSize: f.size,
    ...(created ? { created } : {}),
    layers: m.kind === 'image' ? m.layers : [],
    ...(annotations ? { annotations } : {}),
  };
}

/** Every attachment of `subject` in `repository`. */
export async function discoverAttachments(client: RegistryClient, repository: string, subject: string, opts: DiscoverOptions = {}): Promise<Discovery> {
  const signal = opts.signal;
  const probe = opts.probe ?? new ReferrersProbe();
  const tags = opts.tags ?? (await client.listTags(repository, { signal }));
  const notes: string[] = [];
  const found = new Map<string, Attachment>();
  const get = async (digest: string, parent: string): Promise<FetchedManifest | undefined> => {
    try {
      return await client.getManifest(repository, digest, { signal });
    } catch (err) {
      if (isRegistryError(err, 'MANIFEST_UNKNOWN')) {
        notes.push(`${parent} lists ${digest}, which the registry does not have`);
        return undefined;
      }
      throw err;
    }
  };

  // 1. The referrers API.
  if (probe.supported !== false) {
    const list = await client.referrersApi(repository, subject, { signal });
    probe.supported = list !== undefined;
    if (list) {
      const fetched = await mapLimit(list, 4, (d) => get(d.digest, `the referrers of ${subject}`));
      for (const [i, f] of fetched.entries()) {
        const a = f && toAttachment(f, subject, 'referrers-api', { descriptor: list[i]! });
        if (a) found.set(a.digest, a);
      }
    }
  }

  // 2. Tags named after the subject: the tag-schema index and cosign's tags.
  const own = attachmentTagsBySubject(tags).get(subject) ?? [];
  await Promise.all(
    own.map(async (t) => {
      let f: FetchedManifest;
      try {
        f = await client.getManifest(repository, t.tag, { signal });
      } catch (err) {
        if (isRegistryError(err, 'MANIFEST_UNKNOWN')) {
          notes.push(`tag ${t.tag} vanished while reading it`);
          return;
        }
        throw err;
      }
      if (t.suffix === undefined && f.manifest.kind === 'index') {
        // The OCI tag schema: an index whose entries are the referrers.
        const entries = f.manifest.manifests;
        const fetched = await mapLimit(entries, 4, (d) => (found.has(d.digest) ? Promise.resolve(undefined) : get(d.digest, `tag ${t.tag}`)));
        for (const [i, e] of fetched.entries()) {
          const a = e && toAttachment(e, subject, 'tag-schema', { descriptor: entries[i]!, tag: t.tag });
          if (a && !found.has(a.digest)) found.set(a.digest, a);
        }
        return;
      }
      const a = toAttachment(f, subject, 'cosign-tag', { tag: t.tag, ...(t.suffix ? { suffix: t.suffix } : {}) });
      if (a && !found.has(a.digest)) found.set(a.digest, a);
    }),
  );

  // 3. Attestation manifests inside the subject's own index (buildx).
  const top = opts.subjectManifest ?? (opts.notIndex ? undefined : await get(subject, 'the image'));
  if (top?.manifest.kind === 'index') {
    const index = top.manifest;
    const atts = index.manifests.filter(isAttestation);
    const fetched = await mapLimit(atts, 4, (d) => get(d.digest, `index ${subject}`));
    for (const [i, f] of fetched.entries()) {
      const d = atts[i]!;
      const ref = d.annotations?.[ANNOTATIONS.referenceDigest];
      const target = ref ? index.manifests.find((x) => x.digest === ref) : undefined;
      const a = f && toAttachment(f, subject, 'index', { descriptor: d, ...(target ? { platform: formatPlatform(target.platform) } : {}) });
      if (a) found.set(a.digest, a);
    }
  }

  const attachments = [...found.values()];
  if (opts.nested !== false) {
    await Promise.all(
      attachments
        .filter((a) => a.source !== 'index')
        .map(async (a) => {
          const inner = await discoverAttachments(client, repository, a.digest, { signal, tags, probe, nested: false, notIndex: true });
          if (inner.attachments.length) a.attachments = inner.attachments;
          notes.push(...inner.notes);
        }),
    );
  }
  attachments.sort((a, b) => order(a) - order(b) || (a.tag ?? '').localeCompare(b.tag ?? '') || a.digest.localeCompare(b.digest));
  return { subject, attachments, referrersApi: probe.supported === true, notes };
}

const KIND_ORDER = ['signature', 'sbom', 'provenance', 'attestation', 'artifact'];
function order(a: Attachment): number {
  return KIND_ORDER.indexOf(a.kind);
}

/** Attachments of an image and, for an index, of each of its platform manifests (cosign sign --recursive). */
export async function discoverImageAttachments(
  client: RegistryClient,
  repository: string,
  top: FetchedManifest,
  opts: Omit<DiscoverOptions, 'subjectManifest'> = {},
): Promise<Discovery[]> {
  const tags = opts.tags ?? (await client.listTags(repository, { signal: opts.signal }));
  const probe = opts.probe ?? new ReferrersProbe();
  const subjects = [top.digest];
  if (top.manifest.kind === 'index') for (const d of top.manifest.manifests) if (!isAttestation(d)) subjects.push(d.digest);
  const out: Discovery[] = [];
  // The top one first: it learns whether the referrers API exists, so the others need not ask.
  out.push(await discoverAttachments(client, repository, top.digest, { ...opts, tags, probe, subjectManifest: top }));
  const rest = await mapLimit(subjects.slice(1), 4, (s) => discoverAttachments(client, repository, s, { ...opts, tags, probe, notIndex: true }));
  out.push(...rest.filter((r) => r.attachments.length || r.notes.length));
  return out;
}

/** Whether a tag is an attachment tag rather than an image (sha256-<hex>, sha256-<hex>.sig, ...). */
export function isAttachmentTag(tag: string): boolean {
  return parseAttachmentTag(tag) !== undefined;
}

export { tagSchemaTag };
