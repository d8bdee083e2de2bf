// images:* — image detail (platforms, layers, config, history, digest, pull command),
// delete with the sibling-tag plan (remove only this tag, or the manifest and every tag
// on it), and registry-to-registry copy as a job.
import { formatPlatform } from '@dockhand/shared/registry';
import type { ConfigSummary } from '@dockhand/shared/registry';
import { inspect, type Inspection } from '@dockhand/shared/ops';
import { deleteManifestWithSiblings, tagsPointingAt } from '@dockhand/shared/ops';
import { untag } from '@dockhand/shared/ops';
import { copyImage } from '@dockhand/shared/ops';
import { copyAttachments } from '@dockhand/shared/attachments';
import type { DockhandApi, ImageDetail, PlatformDetail } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';
import { BadInputError } from '../bad-input';

function configObject(s: ConfigSummary | undefined): Record<string, unknown> | undefined {
  if (!s) return undefined;
  return {
    Entrypoint: s.entrypoint,
    Cmd: s.cmd,
    WorkingDir: s.workingDir,
    User: s.user,
    Env: s.env,
    ExposedPorts: s.exposedPorts,
    Volumes: s.volumes,
    Labels: s.labels,
    StopSignal: s.stopSignal,
    Author: s.author,
  };
}

function platformsOf(info: Inspection): PlatformDetail[] {
  return info.platforms
    .filter((p) => !p.attestation)
    .map((p) => ({
      platform: formatPlatform(p.platform),
      digest: p.digest,
      mediaType: p.mediaType,
      size: p.size,
      layers: p.layers.map((l) => ({ digest: l.digest, mediaType: l.mediaType, size: l.size })),
      configDigest: p.config.digest || undefined,
      created: p.configSummary?.created,
      config: configObject(p.configSummary),
      history: (p.configSummary?.history ?? []).map((h) => ({ created: h.created, createdBy: h.createdBy, comment: h.comment, emptyLayer: h.emptyLayer })),
    }));
}

function checkRepoAndTag(repository: unknown, tag: unknown): { repo: string; tag: string } {
  const repo = String(repository ?? '').trim();
  const t = String(tag ?? '').trim();
  if (!repo) throw new BadInputError('Name a repository.');
  if (!t) throw new BadInputError('Name a tag.');
  return { repo, tag: t };
}

export function imageHandlers(ctx: MainContext): DockhandApi['images'] {
  return {
    async detail(registryId, repository, reference): Promise<ImageDetail> {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const { repo, tag: ref } = checkRepoAndTag(repository, reference);
      const [info, fetched] = await Promise.all([inspect(client, repo, ref), client.getManifest(repo, ref)]);
      const siblings = (await tagsPointingAt(client, repo, info.digest)).filter((t) => t !== ref);
      const pullRef = ref.startsWith('sha256:') ? `${r.host}/${repo}@${ref}` : `${r.host}/${repo}:${ref}`;
      let raw = fetched.raw.toString('utf8');
      try {
        raw = JSON.stringify(JSON.parse(raw), null, 2);
      } catch {
        /* keep as served */
      }
      return {
        registryId: r.id,
        repository: repo,
        reference: ref,
        digest: info.digest,
        mediaType: info.mediaType,
        kind: info.isIndex ? 'index' : 'image',
        size: info.totalSize,
        platforms: platformsOf(info),
        siblingTags: siblings,
        pullCommand: `docker pull ${pullRef}`,
        rawManifest: raw,
      };
    },
    async planDelete(registryId, repository, tag) {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const { repo, tag: t } = checkRepoAndTag(repository, tag);
      const plan = await deleteManifestWithSiblings(client, { registry: r.host, repository: repo, tag: t }, { dryRun: true });
      return { registryId: r.id, repository: repo, tag: t, digest: plan.digest, siblingTags: plan.siblings };
    },
    async delete(registryId, repository, tag, mode) {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const { repo, tag: t } = checkRepoAndTag(repository, tag);
      const ref = { registry: r.host, repository: repo, tag: t };
      if (mode === 'manifest') {
        const res = await deleteManifestWithSiblings(client, ref);
        return { removedTags: res.tags.length ? res.tags : [t], keptTags: [], digest: res.digest };
      }
      if (mode !== 'tag') throw new BadInputError(`Unknown delete mode ${String(mode)}; use "tag" or "manifest".`);
      const res = await untag(client, ref);
      const kept = (await tagsPointingAt(client, repo, res.previousDigest)).filter((x) => x !== t);
      return { removedTags: [t], keptTags: kept, digest: res.previousDigest };
    },
    async copy(input) {
      const src = await ctx.registries.get(String(input?.source?.registryId));
      const dst = await ctx.registries.get(String(input?.target?.registryId));
      const { repo: srcRepo, tag: srcRef } = checkRepoAndTag(input.source.repository, input.source.reference);
      const { repo: dstRepo, tag: dstTag } = checkRepoAndTag(input.target.repository, input.target.tag);
      if (src.host === dst.host && srcRepo === dstRepo && srcRef === dstTag) {
        throw Object.assign(
          new Error(
            `${src.host}/${srcRepo}:${srcRef} is the image itself: copying it onto itself changes nothing. Choose another registry, repository or tag.`,
          ),
          { name: 'BadInput' },
        );
      }
      const [srcClient, dstClient] = await Promise.all([registryClientFor(ctx, src), registryClientFor(ctx, dst)]);
      const srcRefObj = srcRef.startsWith('sha256:')
        ? { registry: src.host, repository: srcRepo, digest: srcRef }
        : { registry: src.host, repository: srcRepo, tag: srcRef };
      // Within one repository this is a retag (only a manifest is written): the job says so.
      const retag = src.host === dst.host && srcRepo === dstRepo;
      const title = retag ? `Retag ${src.host}/${srcRepo}:${srcRef} as ${dstTag}` : `Copy ${src.host}/${srcRepo}:${srcRef} → ${dst.host}/${dstRepo}:${dstTag}`;
      return ctx.jobs.start(title, async (job) => {
        const seen = new Map<string, number>();
        const res = await copyImage(
          { client: srcClient, ref: srcRefObj },
          { client: dstClient, ref: { registry: dst.host, repository: dstRepo, tag: dstTag } },
          {
            signal: job.signal,
            onProgress: (e) => {
              if (e.digest && (e.phase === 'blob' || e.phase === 'upload' || e.phase === 'skip' || e.phase === 'mount')) {
                const state =
                  e.phase === 'skip'
                    ? 'exists'
                    : e.phase === 'mount'
                      ? 'mounted'
                      : e.bytesDone !== undefined && e.bytesTotal !== undefined && e.bytesDone >= e.bytesTotal
                        ? 'pushed'
                        : 'pushing';
                seen.set(e.digest, e.bytesDone ?? 0);
                job.emit({ kind: 'layer', id: e.digest, state, current: e.bytesDone, total: e.bytesTotal });
              } else {
                job.emit({ kind: 'status', message: e.message });
              }
            },
          },
        );
        // Signatures, SBOMs and attestations follow the image (after it: never at the target without it).
        job.emit({ kind: 'status', message: 'copying signatures, SBOMs and attestations' });
        const along = await copyAttachments(
          { client: srcClient, ref: { ...srcRefObj, digest: res.digest } },
          { client: dstClient, ref: { registry: dst.host, repository: dstRepo, tag: dstTag } },
          { signal: job.signal },
        );
        job.emit({ kind: 'digest', digest: res.digest });
        const attached =
          along.copied.length || along.skipped.length
            ? `; ${along.copied.length} attachment(s) copied${along.skipped.length ? `, ${along.skipped.length} skipped: ${along.skipped.map((x) => x.reason).join('; ')}` : ''}`
            : '';
        const message = retag
          ? `Tagged ${srcRepo}:${srcRef} as ${dstTag}${attached}`
          : `Copied ${res.manifests} manifest(s): ${res.blobsCopied} blobs copied, ${res.blobsMounted} mounted, ${res.blobsSkipped} already there${attached}`;
        return { digest: res.digest, ref: `${dst.host}/${dstRepo}:${dstTag}`, message };
      });
    },
  };
}
