// `dockhand cp SRC DST [DST...]`: copy an image or a whole index between repositories or registries,
// digest preserved (mount inside one registry, skip existing blobs, stream the rest), with its
// signatures, SBOMs and attestations (attachments/copy.ts) unless --no-referrers. Several
// destinations are copied by one process (cp-destinations.ts): blobs go up once, then are mounted.
import { printJson, UsageError, type Command } from '../command';
import { parseReference, formatReference } from '../../reference/reference';
import { copyImage } from '../../ops/copy';
import { copyAttachments, discoverImageAttachments, flattenAttachments } from '../../attachments/index';
import { countText } from './attachments-text';
import { writeControl } from '../../format/terminal-text';
import type { RegistryProgressEvent } from '../../registry/client';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, humanSize } from './registry-flags';
import { copiedText, copyToDestinations } from './cp-destinations';

export const cpCommand: Command = {
  name: 'cp',
  summary: 'Copy an image or index to one or more repositories or registries (digest preserved)',
  usage: `dockhand cp SRC DST [DST...] [--no-referrers] [--concurrency N] [--chunk-size BYTES] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: {
    json: { type: 'boolean' },
    'no-referrers': { type: 'boolean' },
    concurrency: { type: 'string' },
    'chunk-size': { type: 'string' },
    ...registryOptionFlags,
  },
  async run(args, ctx) {
    if (args.positionals.length < 2) throw new UsageError('give the source and at least one destination reference');
    const src = parseReference(args.positionals[0]!);
    // Every destination is checked before anything is copied.
    const dsts = args.positionals.slice(1).map((p) => parseReference(p, { defaultTag: src.tag ?? false }));
    const seen = new Set<string>();
    for (const d of dsts) {
      const key = formatReference(d);
      if (seen.has(key)) throw new UsageError(`destination ${key} is given twice`);
      seen.add(key);
    }
    const concurrency = typeof args.values.concurrency === 'string' ? Number(args.values.concurrency) : undefined;
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) throw new UsageError('--concurrency must be a positive integer');
    const chunkSize = typeof args.values['chunk-size'] === 'string' ? Number(args.values['chunk-size']) : undefined;
    if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1)) throw new UsageError('--chunk-size must be a positive integer');
    // Progress is for a person watching a terminal; in a pipe or a log only the result line counts.
    const tty = Boolean(ctx.stderr.isTTY) && !args.values.json;
    const onProgress = (e: RegistryProgressEvent) => {
      if (!tty) return;
      if (e.phase === 'blob') {
        if (e.bytesTotal) {
          writeControl(ctx.stderr, '\r');
          ctx.stderr.write(`${e.message} ${humanSize(e.bytesDone ?? 0)}/${humanSize(e.bytesTotal)}   `);
        }
        return;
      }
      writeControl(ctx.stderr, '\r');
      ctx.stderr.write(e.message);
      writeControl(ctx.stderr, '\x1b[K');
      ctx.stderr.write('\n');
    };
    return withClients(args, ctx, async (client) => {
      const srcClient = client(src.registry);
      const copyOpts = { signal: ctx.signal, onProgress, ...(concurrency ? { concurrency } : {}), ...(chunkSize ? { chunkSize } : {}) };
      if (dsts.length > 1) {
        // Byte progress of several copies at once would overwrite itself on one line: steps only.
        const steps = { ...copyOpts, onProgress: (e: RegistryProgressEvent) => e.phase !== 'blob' && onProgress(e) };
        const targets = dsts.map((ref) => ({ client: client(ref.registry), ref }));
        return copyToDestinations(ctx, { client: srcClient, ref: src }, targets, { copyOpts: steps, referrers: !args.values['no-referrers'], json: Boolean(args.values.json) });
      }
      const dst = dsts[0]!;
      const dstClient = client(dst.registry);
      const r = await copyImage({ client: srcClient, ref: src }, { client: dstClient, ref: dst }, copyOpts);
      const target = formatReference(dst.tag ? dst : { ...dst, digest: r.digest });
      let attachments;
      if (!args.values['no-referrers']) {
        // After the image: an attachment is never at the target without its subject.
        const top = await srcClient.getManifest(src.repository, r.digest, { signal: ctx.signal });
        const discoveries = await discoverImageAttachments(srcClient, src.repository, top, { signal: ctx.signal });
        const found = flattenAttachments(discoveries);
        if (found.length && !args.values.json) ctx.stderr.write(`copying ${found.length} attachment${found.length === 1 ? '' : 's'} (${countText(found)})\n`);
        attachments = await copyAttachments(
          { client: srcClient, ref: { ...src, digest: r.digest } },
          { client: dstClient, ref: dst },
          { ...copyOpts, discoveries },
        );
      }
      if (args.values.json) printJson(ctx, { source: formatReference(src), target, ...r, ...(attachments ? { attachments } : {}) });
      else ctx.stdout.write(copiedText(formatReference(src), { target, result: r, ...(attachments ? { attachments } : {}) }));
      if (attachments?.skipped.length) return 1;
      return 0;
    });
  },
};
