// files:* — the files inside a remote image over @dockhand/shared/image-files: layer indexes
// cached on disk by digest (the user's cache folder), the merged filesystem, wasted space,
// and one file read from the only layer that holds it. Opened images stay in memory for a
// while (a few at most) so browsing folders costs no request.
import { openImageFiles, readImageFileBytes, resolveImage, looksBinary, locateFile, type ImageFiles } from '@dockhand/shared/image-files';
import { LayerIndexCache } from '@dockhand/shared/image-files';
import { modeString, normalizePath } from '@dockhand/shared/image-files';
import { wastedSpace } from '@dockhand/shared/image-files';
import { formatPlatform } from '@dockhand/shared/registry';
import { diffImages } from '@dockhand/shared/image-files';
import { formatImageDiff } from '@dockhand/shared/image-files';
import { parseReference, manifestReference, formatReference } from '@dockhand/shared/reference';
import { isDigest } from '@dockhand/shared/registry';
import type { DockhandApi, FileRow } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';

const KEEP = 3;
const KEEP_MS = 15 * 60_000;
/** Opening (indexing every layer of a cold image) gives up after this long. */
const OPEN_DEADLINE_MS = 20 * 60_000;
const READ_DEADLINE_MS = 5 * 60_000;
const MAX_READ_BYTES = 16 * 1024 * 1024;
const MAX_TEXT_BYTES = 1024 * 1024;

function badInput(message: string): Error {
  return Object.assign(new Error(message), { name: 'BadRequest' });
}

export function filesHandlers(ctx: MainContext): DockhandApi['files'] {
  const opened = new Map<string, { files: Promise<ImageFiles>; at: number }>();
  let cache: LayerIndexCache | undefined;

  async function files(
    registryId: string,
    repository: string,
    digest: string,
    anyReference = false,
  ): Promise<{ files: ImageFiles; client: Awaited<ReturnType<typeof registryClientFor>> }> {
    if (!anyReference && !isDigest(String(digest))) throw badInput("Give the platform image's manifest digest (sha256:…).");
    const r = await ctx.registries.get(String(registryId));
    const client = await registryClientFor(ctx, r);
    const key = `${registryId}|${repository}|${digest}`;
    for (const [k, v] of opened) if (Date.now() - v.at > KEEP_MS) opened.delete(k);
    let hit = opened.get(key);
    if (!hit) {
      const signal = AbortSignal.timeout(OPEN_DEADLINE_MS);
      cache ??= new LayerIndexCache({ env: ctx.env });
      const p = resolveImage(client, String(repository), String(digest), { signal }).then((image) => openImageFiles(client, image, { cache, signal }));
      hit = { files: p, at: Date.now() };
      opened.set(key, hit);
      p.catch(() => opened.delete(key));
      while (opened.size > KEEP) opened.delete(opened.keys().next().value!);
    }
    hit.at = Date.now();
    return { files: await hit.files, client };
  }

  const path = (p: unknown): string => {
    const n = normalizePath(String(p ?? '/'));
    if (n === undefined) throw badInput('A path inside the image cannot go above its root.');
    return n;
  };

  return {
    async diff(registryId, repository, reference, other) {
      const text = String(other ?? '').trim();
      if (!text) throw badInput('Name the image to compare with: a tag, a digest, or a full reference (registry/repository:tag).');
      const a = await files(registryId, repository, reference, true);
      let b: Awaited<ReturnType<typeof files>>;
      let nameB: string;
      if (/^[\w][\w.-]{0,127}$/.test(text) || isDigest(text)) {
        b = await files(registryId, repository, text, true);
        nameB = `${repository}${isDigest(text) ? '@' : ':'}${text}`;
      } else {
        let ref;
        try {
          ref = parseReference(text);
        } catch (e) {
          throw badInput((e as Error).message);
        }
        const stored = (await ctx.registries.list()).find((x) => x.host === ref.registry);
        if (!stored) throw badInput(`${ref.registry} is not among your registries: add it first, then compare.`);
        b = await files(stored.id, ref.repository, manifestReference(ref), true);
        nameB = formatReference(ref);
      }
      const d = diffImages(a.files, b.files, { a: `${repository}${isDigest(String(reference)) ? '@' : ':'}${reference}`, b: nameB });
      return {
        identical: d.identical,
        text: formatImageDiff(d),
        counts: {
          config: d.config.length,
          layersShared: d.layers.shared.length,
          layersOnlyA: d.layers.onlyA.length,
          layersOnlyB: d.layers.onlyB.length,
          added: d.files.added.length,
          removed: d.files.removed.length,
          changed: d.files.changed.length,
        },
      };
    },
    async open(registryId, repository, digest) {
      const { files: f } = await files(registryId, repository, digest);
      const w = wastedSpace(
        f.tree,
        f.image.layers,
        f.indexes.map((i) => i.entries),
        10,
      );
      let fileCount = 0;
      for (const e of f.tree.walk()) if (e.type === 'file' || e.type === 'hardlink') fileCount++;
      return {
        digest: f.image.digest,
        platform: formatPlatform(f.image.platform),
        fileCount,
        visibleBytes: w.visibleBytes,
        wastedBytes: w.totalWasted,
        efficiency: w.efficiency,
        layers: w.layers.map((l) => ({ ...l, layer: l.layer + 1 })),
        biggestWasted: w.biggest.map((h) => ({ ...h, path: `/${h.path}`, layer: h.layer + 1, by: h.by + 1 })),
        bytesRead: f.bytesRead,
      };
    },
    async list(registryId, repository, digest, dir) {
      const { files: f } = await files(registryId, repository, digest);
      const p = path(dir);
      const target = p === '' ? f.tree.get('') : f.tree.resolve(p);
      const list = target ? f.tree.list(target.path) : undefined;
      if (!list) throw badInput(`/${p} is not a folder in this image.`);
      return list.map((e): FileRow => ({
        name: e.path.slice(e.path.lastIndexOf('/') + 1),
        path: `/${e.path}`,
        type: e.type,
        size: e.size,
        mode: modeString(e),
        owner: `${e.uid}:${e.gid}`,
        layer: e.layer + 1,
        ...(e.link !== undefined ? { link: e.link } : {}),
        ...(e.type === 'symlink' ? { linkIsDir: f.tree.resolve(e.path)?.type === 'dir' } : {}),
      }));
    },
    async read(registryId, repository, digest, file) {
      const { files: f, client } = await files(registryId, repository, digest);
      const p = path(file);
      const where = locateFile(f, p);
      const data = await readImageFileBytes(client, f, p, { maxBytes: MAX_READ_BYTES, signal: AbortSignal.timeout(READ_DEADLINE_MS) });
      const binary = looksBinary(data);
      return {
        path: `/${where.entry.path}`,
        size: data.length,
        layer: where.layer + 1,
        binary,
        ...(binary ? {} : { text: data.subarray(0, MAX_TEXT_BYTES).toString('utf8') }),
        truncated: !binary && data.length > MAX_TEXT_BYTES,
      };
    },
  };
}
