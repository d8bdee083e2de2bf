// `dockhand cp SRC DST1 DST2 ...`: one process promotes an image to several repositories or
// registries. The source is resolved once and pinned by digest (every destination gets the same
// image even if its tag moves meanwhile) and its attachments are discovered once. Destinations
// are copied in order until one succeeds (its blobs go up once and are recorded as held there);
// the rest then run a few at a time and mount those blobs through the client's blob-holders
// cache (same registry) instead of uploading them again. A destination that fails does not stop
// the others: each one is reported, and the exit code is 1 if any failed.
import { printJson, type CliContext } from '../command';
import { formatReference, manifestReference, type ImageReference } from '../../reference/reference';
import { copyImage, type CopyOptions, type CopyResult } from '../../ops/copy';
import { copyAttachments, discoverImageAttachments, flattenAttachments, type AttachmentCopyResult, type Discovery } from '../../attachments/index';
import type { RegistryClient } from '../../registry/client';
import { redact } from '../../credentials/redact';
import { formatBytes as humanBytes } from '../../format/bytes';
import { countText } from './attachments-text';

/** Destinations copied at once after the first one succeeded. */
const DESTINATIONS_AT_ONCE = 4;

export interface CopiedDestination {
  target: string;
  result: CopyResult;
  attachments?: AttachmentCopyResult;
}

/** The image and (unless `discoveries` is undefined) its attachments, copied to one destination. */
export async function copyToDestination(
  source: { client: RegistryClient; ref: ImageReference },
  dst: { client: RegistryClient; ref: ImageReference },
  copyOpts: CopyOptions,
  discoveries: Discovery[] | undefined,
): Promise<CopiedDestination> {
  const result = await copyImage(source, dst, copyOpts);
  const target = formatReference(dst.ref.tag ? dst.ref : { ...dst.ref, digest: result.digest });
  if (discoveries === undefined) return { target, result };
  // After the image: an attachment is never at the target without its subject.
  const attachments = await copyAttachments({ client: source.client, ref: { ...source.ref, digest: result.digest } }, dst, { ...copyOpts, discoveries });
  return { target, result, attachments };
}

/** The "Copied ..." and "Attachments: ..." lines of one destination. */
export function copiedText(source: string, c: CopiedDestination): string {
  const r = c.result;
  const lines = [
    `Copied ${source} -> ${c.target} ${r.digest} (${r.manifests} manifest${r.manifests === 1 ? '' : 's'}; blobs: ${r.blobsCopied} copied, ${r.blobsMounted} mounted, ${r.blobsSkipped} already there; ${humanBytes(r.bytesCopied)} transferred)`,
  ];
  const a = c.attachments;
  if (!a) lines.push('Attachments: not copied (--no-referrers)');
  else {
    lines.push(
      `Attachments: ${a.copied.length} copied${a.tagSchemaIndexes.length ? ` (listed in ${a.tagSchemaIndexes.length} tag-schema index${a.tagSchemaIndexes.length === 1 ? '' : 'es'}: the target has no referrers API)` : ''}${a.skipped.length ? `, ${a.skipped.length} skipped` : ''}`,
    );
    for (const s of a.skipped) lines.push(`  skipped ${s.tag ?? s.digest}: ${s.reason}`);
  }
  return lines.join('\n') + '\n';
}

type Outcome = { ok: true; copied: CopiedDestination } | { ok: false; target: string; error: string };

/** Copy `src` to every destination; print one block per destination and a summary; 0 only if all succeeded. */
export async function copyToDestinations(
  ctx: CliContext,
  src: { client: RegistryClient; ref: ImageReference },
  dsts: Array<{ client: RegistryClient; ref: ImageReference }>,
  opts: { copyOpts: CopyOptions; referrers: boolean; json: boolean },
): Promise<number> {
  const signal = opts.copyOpts.signal;
  const top = await src.client.getManifest(src.ref.repository, manifestReference(src.ref), { signal });
  const pinned = { client: src.client, ref: { ...src.ref, digest: top.digest } };
  const discoveries = opts.referrers ? await discoverImageAttachments(src.client, src.ref.repository, top, { signal }) : undefined;
  const found = discoveries ? flattenAttachments(discoveries) : [];
  if (found.length && !opts.json) ctx.stderr.write(`copying ${found.length} attachment${found.length === 1 ? '' : 's'} (${countText(found)}) to each destination\n`);
  const sourceText = formatReference(src.ref);

  const outcomes: Outcome[] = new Array(dsts.length);
  const copyAt = async (i: number): Promise<boolean> => {
    const dst = dsts[i]!;
    try {
      const copied = await copyToDestination(pinned, dst, opts.copyOpts, discoveries);
      outcomes[i] = { ok: true, copied };
      if (!opts.json) ctx.stdout.write(copiedText(sourceText, copied));
      return true;
    } catch (err) {
      const target = formatReference(dst.ref);
      const error = redact(((err as Error)?.message ?? String(err)).split('\n')[0]!);
      outcomes[i] = { ok: false, target, error };
      if (!opts.json) ctx.stderr.write(`dockhand cp: ${target}: ${error}\n`);
      return false;
    }
  };
  // In order until one destination holds the blobs, then the rest a few at a time (they mount from it).
  let next = 0;
  while (next < dsts.length && !(await copyAt(next++)) && !signal?.aborted);
  const workers = Array.from({ length: Math.min(DESTINATIONS_AT_ONCE, dsts.length - next) }, async () => {
    while (next < dsts.length) await copyAt(next++);
  });
  await Promise.all(workers);

  const failed = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
  const skipped = outcomes.filter((o) => o.ok && o.copied.attachments?.skipped.length).length;
  if (opts.json) {
    printJson(ctx, {
      source: sourceText,
      digest: top.digest,
      destinations: outcomes.map((o) =>
        o.ok ? { target: o.copied.target, ok: true, ...o.copied.result, ...(o.copied.attachments ? { attachments: o.copied.attachments } : {}) } : o,
      ),
    });
  } else {
    const ok = outcomes.filter((o) => o.ok).length;
    const summary = `${ok} of ${dsts.length} destinations copied${failed.length ? `; failed: ${failed.map((f) => f.target).join(', ')}` : ''}\n`;
    (failed.length ? ctx.stderr : ctx.stdout).write(summary);
  }
  return failed.length || skipped ? 1 : 0;
}
