// RegistryApi over @dockhand/shared's RegistryClient (HTTP, auth, TLS, retries, validated
// wire formats) and its operations (copy, retag, untag, siblings of a digest). One client
// per registry target, reused until reset().
import type { RegistryClient, RegistryClientPool } from '@dockhand/shared/registry';
import type { ImageReference } from '@dockhand/shared/reference';
import { copyImage } from '@dockhand/shared/ops';
import { retag } from '@dockhand/shared/ops';
import { untag } from '@dockhand/shared/ops';
import { inspect } from '@dockhand/shared/ops';
import { tagsPointingAt } from '@dockhand/shared/ops';
import { openImageFiles, readImageFileBytes, resolveImage } from '@dockhand/shared/image-files';
import { LayerIndexCache } from '@dockhand/shared/image-files';
import {
  attachmentDeletions,
  copyAttachments,
  deleteAttachments,
  discoverAttachments,
  discoverImageAttachments,
  flattenAttachments,
  readAttachmentDocuments,
  verifyImageSignatures,
} from '@dockhand/shared/attachments';
import type { RegistryApi, RegistryTarget } from './registryApi';
import { clientTlsOptions } from './clientCertificate';

/** The largest image config blob opened in an editor (real ones are a few KiB). */
const MAX_IMAGE_CONFIG_BYTES = 16 * 1024 * 1024;

export function createSharedRegistry(pool: RegistryClientPool): RegistryApi {
  let indexCache: LayerIndexCache | undefined;
  const client = (t: RegistryTarget): RegistryClient => clientFor(pool, t);

  const ref = (t: RegistryTarget, repository: string, reference: string): ImageReference =>
    reference.includes(':') && reference.startsWith('sha256:')
      ? { registry: t.host, repository, digest: reference }
      : { registry: t.host, repository, tag: reference };

  const api: RegistryApi = {
    openCatalog(t, pageSize) {
      const controller = new AbortController();
      const it = client(t).catalogPages({ pageSize, signal: controller.signal })[Symbol.asyncIterator]();
      let done = false;
      return {
        async next() {
          if (done) return undefined;
          const r = await it.next();
          if (r.done) {
            done = true;
            return undefined;
          }
          return r.value;
        },
        close() {
          done = true;
          controller.abort();
        },
      };
    },
    listTags: (t, repo, signal) => client(t).listTags(repo, { signal }),
    getManifest: (t, repo, ref, signal) => client(t).getManifest(repo, ref, { signal }),
    getConfigBytes: (t, repo, digest, signal) => client(t).getBlobBytes(repo, digest, { signal, maxBytes: MAX_IMAGE_CONFIG_BYTES }),
    inspect: (t, repo, ref, o) => inspect(client(t), repo, ref, o ?? {}),
    referrers: (t, repo, digest, signal) => client(t).referrers(repo, digest, { signal }),
    async retag(t, repo, from, toTag) {
      return (await retag(client(t), ref(t, repo, from), toTag)).digest;
    },
    async copy(src, dst, { onProgress, signal, referrers }) {
      const from = { client: client(src.t), ref: ref(src.t, src.repo, src.reference) };
      const to = { client: client(dst.t), ref: ref(dst.t, dst.repo, dst.tag) };
      const r = await copyImage(from, to, { onProgress, signal });
      if (referrers !== false) await copyAttachments({ ...from, ref: { ...from.ref, digest: r.digest } }, to, { onProgress, signal });
      return r.digest;
    },
    async attachments(t, repo, digest, signal) {
      return discoverImageAttachments(client(t), repo, await client(t).getManifest(repo, digest, { signal }), { signal });
    },
    attachmentDocuments: (t, repo, attachment, signal) => readAttachmentDocuments(client(t), repo, attachment, { signal }),
    async verifySignatures(t, repo, digest, trust, signal) {
      const found = await discoverAttachments(client(t), repo, digest, { signal, nested: false });
      return verifyImageSignatures(client(t), repo, digest, found.attachments, trust, { signal });
    },
    tagsWithDigest: (t, repo, digest, signal) => tagsPointingAt(client(t), repo, digest, { signal }),
    async planAttachmentRemoval(t, repo, digest, signal) {
      const found = await discoverImageAttachments(client(t), repo, await client(t).getManifest(repo, digest, { signal }), { signal });
      return { orphans: flattenAttachments(found), steps: await attachmentDeletions(client(t), repo, found, { signal }) };
    },
    deleteAttachments: (t, repo, steps, signal) => deleteAttachments(client(t), repo, steps, { signal }),
    deleteManifest: (t, repo, digest) => client(t).deleteManifest(repo, digest),
    async untag(t, repo, tag) {
      await untag(client(t), ref(t, repo, tag));
    },
    async openImageFiles(t, repo, reference, o = {}) {
      const image = await resolveImage(client(t), repo, reference, { signal: o.signal, ...(o.platform ? { platform: o.platform } : {}) });
      indexCache ??= new LayerIndexCache();
      return openImageFiles(client(t), image, { cache: indexCache, signal: o.signal, onProgress: o.onProgress });
    },
    readImageFile: (t, files, path, o) => readImageFileBytes(client(t), files, path, o),
    reset(host) {
      void pool.forget(host ? { host } : {});
    },
  };
  return api;
}

/** The pool's client for a registry of the tree (its host, CA file, insecure flag and mTLS client certificate). */
export function clientFor(pool: RegistryClientPool, t: RegistryTarget): RegistryClient {
  return pool.get({ host: t.host, insecure: t.insecure, caFile: t.caFile, ...clientTlsOptions(t) });
}
