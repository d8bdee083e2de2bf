// Build a RepoGraph: list the tags, HEAD each for its digest, then GET each distinct manifest
// once (index children too), in parallel under the cache's limiter. Config blobs are read
// only when dates are wanted (retention by age or by newest).
import type { RegistryClient } from '../registry/client';
import { isRegistryError } from '../registry/client';
import { ManifestCache } from './manifest-cache';
import type { AttachmentTagRef, ManifestNode, RepoGraph, TagRef } from './repo-graph';
import { parseAttachmentTag } from '../attachments/formats';

export interface ScanOptions {
  signal?: AbortSignal;
  /** Read image configs for their `created` dates. */
  withCreated?: boolean;
  /** Share fetched manifests (and the concurrency limit) between scans of one registry. */
  cache?: ManifestCache;
  /** Requests in flight at once when no cache is given (default 8). */
  concurrency?: number;
  /** Called as tags are resolved. */
  onTag?: (done: number, total: number) => void;
}

export async function scanRepository(client: RegistryClient, repository: string, opts: ScanOptions = {}): Promise<RepoGraph> {
  const cache = opts.cache ?? new ManifestCache(client, { concurrency: opts.concurrency });
  const signal = opts.signal;
  const notes: string[] = [];
  const tagNames = await client.listTags(repository, { signal });
  let done = 0;
  const heads = await Promise.all(
    tagNames.map((tag) =>
      cache.limit(async () => {
        const h = await client.headManifest(repository, tag, { signal });
        opts.onTag?.(++done, tagNames.length);
        return h ? { tag, digest: h.digest } : undefined;
      }),
    ),
  );
  const tags: TagRef[] = [];
  const attachmentTags: AttachmentTagRef[] = [];
  for (const [i, h] of heads.entries()) {
    const attached = h && parseAttachmentTag(h.tag);
    if (attached) attachmentTags.push({ ...h, subject: attached.subject });
    else if (h) tags.push(h);
    else notes.push(`tag ${tagNames[i]} vanished while scanning`);
  }
  tags.sort((a, b) => a.tag.localeCompare(b.tag));
  attachmentTags.sort((a, b) => a.tag.localeCompare(b.tag));

  const manifests = new Map<string, ManifestNode>();
  const visiting = new Map<string, Promise<void>>();
  const visit = (digest: string, parent?: string): Promise<void> => {
    let p = visiting.get(digest);
    if (!p) {
      p = (async () => {
        let node: ManifestNode;
        try {
          node = await cache.manifest(repository, digest, signal);
        } catch (err) {
          if (parent && isRegistryError(err, 'MANIFEST_UNKNOWN')) {
            notes.push(`index ${parent} lists ${digest}, which the registry does not have`);
            return;
          }
          throw err;
        }
        manifests.set(digest, node);
        const work: Array<Promise<unknown>> = node.children.map((c) => visit(c.digest, digest));
        if (opts.withCreated && node.kind === 'image' && node.created === undefined) {
          work.push(
            cache.configCreated(repository, node, signal).then(
              (created) => {
                if (created) node.created = created;
              },
              (err: unknown) => {
                notes.push(`could not read the config of ${digest}: ${(err as Error).message}`);
              },
            ),
          );
        }
        await Promise.all(work);
      })();
      visiting.set(digest, p);
    }
    return p;
  };
  await Promise.all([...new Set([...tags, ...attachmentTags].map((t) => t.digest))].map((d) => visit(d)));
  return { registry: client.host, repository, tags, attachmentTags, manifests, notes };
}
