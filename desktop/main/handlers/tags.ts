// tags:* — a repository's tags with digest, kind, platforms, creation date and size
// (read through the shared client's inspect, a few at a time).
import { formatPlatform } from '@dockhand/shared/registry';
import type { RegistryClient } from '@dockhand/shared/registry';
import { mapLimit } from '@dockhand/shared/registry';
import { inspect } from '@dockhand/shared/ops';
import { isAttachmentTag } from '@dockhand/shared/attachments';
import type { DockhandApi, TagRow } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';
import { errorText } from '../error-info';

/** Tags beyond this many are listed by name only (no manifest reads); tags:details reads them later. */
export const TAG_DETAIL_LIMIT = 400;

/** Most tags one tags:details call reads (the renderer asks in batches, the visible rows first). */
export const TAG_DETAILS_BATCH = 200;

async function detailRow(client: RegistryClient, repo: string, tag: string): Promise<TagRow> {
  try {
    const info = await inspect(client, repo, tag);
    const runnable = info.platforms.filter((p) => !p.attestation);
    const created = runnable
      .map((p) => p.configSummary?.created)
      .filter((c): c is string => !!c)
      .sort()
      .pop();
    return {
      tag,
      digest: info.digest,
      mediaType: info.mediaType,
      kind: info.isIndex ? 'index' : runnable.length ? 'image' : 'unknown',
      created,
      size: info.totalSize,
      platforms: runnable.map((p) => formatPlatform(p.platform)),
    };
  } catch (err) {
    return { tag, kind: 'unknown', platforms: [], error: errorText(err) };
  }
}

export function tagHandlers(ctx: MainContext): DockhandApi['tags'] {
  return {
    async list(registryId, repository) {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const repo = String(repository);
      // Digest-named tags (sha256-<hex>.sig, ...) hold attachments: the image view lists them under their image.
      const tags = (await client.listTags(repo)).filter((t) => !isAttachmentTag(t));
      // The first TAG_DETAIL_LIMIT come with details; the renderer asks for the rest (tags:details).
      return mapLimit(tags, 6, async (tag, i): Promise<TagRow> =>
        i >= TAG_DETAIL_LIMIT ? { tag, kind: 'unknown', platforms: [], pending: true } : detailRow(client, repo, tag),
      );
    },
    async details(registryId, repository, tags) {
      if (!Array.isArray(tags) || tags.length > TAG_DETAILS_BATCH || !tags.every((t) => typeof t === 'string')) {
        throw Object.assign(new Error(`Ask for the details of at most ${TAG_DETAILS_BATCH} tags (names) at a time.`), { name: 'BadInput' });
      }
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      return mapLimit(tags, 6, (tag) => detailRow(client, String(repository), tag));
    },
  };
}
