// attachments:* — signatures, SBOMs and attestations of an image (shared/attachments: the
// referrers API, the tag-schema index, cosign tags, attestation manifests in the index), and
// one attachment's content parsed for people (SBOM packages, in-toto statement, JSON).
import { attachmentRows, discoverImageAttachments, findAttachment, readAttachmentDocuments } from '@dockhand/shared/attachments';
import { isDigest } from '@dockhand/shared/registry';
import type { AttachmentContentInfo, DockhandApi } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';
import { deleteImageWithAttachments, verifyImage } from './attachments-verify';
import { checkTag } from '@dockhand/shared/reference';

const MAX_JSON_TEXT = 2 * 1024 * 1024;

function checkInput(repository: unknown, ...digests: unknown[]): string {
  const repo = String(repository ?? '').trim();
  if (!repo) throw Object.assign(new Error('Name a repository.'), { name: 'BadInput' });
  for (const d of digests)
    if (typeof d !== 'string' || !isDigest(d)) throw Object.assign(new Error('Give a manifest digest (sha256:<64 hex>).'), { name: 'BadInput' });
  return repo;
}

export function attachmentHandlers(ctx: MainContext): DockhandApi['attachments'] {
  const discover = async (registryId: string, repo: string, digest: string) => {
    const r = await ctx.registries.get(String(registryId));
    const client = await registryClientFor(ctx, r);
    const top = await client.getManifest(repo, digest);
    return { client, discoveries: await discoverImageAttachments(client, repo, top) };
  };
  return {
    async list(registryId, repository, digest) {
      const repo = checkInput(repository, digest);
      return attachmentRows((await discover(registryId, repo, digest)).discoveries, digest);
    },
    async open(registryId, repository, subjectDigest, attachmentDigest): Promise<AttachmentContentInfo> {
      const repo = checkInput(repository, subjectDigest, attachmentDigest);
      const { client, discoveries } = await discover(registryId, repo, subjectDigest);
      const a = findAttachment(discoveries, attachmentDigest);
      if (!a)
        throw Object.assign(new Error(`${attachmentDigest} is not attached to ${subjectDigest} (any more): refresh the image view.`), { name: 'NotFound' });
      const docs = await readAttachmentDocuments(client, repo, a);
      return {
        digest: a.digest,
        documents: docs.map((d) => {
          const text = d.json !== undefined ? JSON.stringify(d.json, null, 2) : undefined;
          return {
            format: d.format,
            mediaType: d.layer.mediaType,
            ...(d.statement ? { predicateType: d.statement.predicateType } : {}),
            ...(d.packages ? { packages: d.packages } : {}),
            ...(text !== undefined ? { json: text.slice(0, MAX_JSON_TEXT), ...(text.length > MAX_JSON_TEXT ? { truncated: true } : {}) } : {}),
            ...(d.note ? { note: d.note } : {}),
          };
        }),
      };
    },
    async verify(registryId, repository, digest, trust) {
      const repo = checkInput(repository, digest);
      const r = await ctx.registries.get(String(registryId));
      return verifyImage(await registryClientFor(ctx, r), repo, digest, trust ?? {});
    },
    async deleteImageWith(registryId, repository, tag, digest) {
      const repo = checkInput(repository, digest);
      const r = await ctx.registries.get(String(registryId));
      return deleteImageWithAttachments(await registryClientFor(ctx, r), r.host, repo, checkTag(String(tag ?? '').trim()), digest);
    },
  };
}
