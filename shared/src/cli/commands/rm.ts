// `dockhand rm REF [--untag] [--yes] [--dry-run]`: delete a manifest (every tag pointing at
// it dies: they are listed, and --yes is required when that includes other tags), or with
// --untag remove only this tag and keep its siblings. Signatures, SBOMs and attestations
// attached to the manifest (or its platforms) are listed first: they are deleted with it only
// with --with-attachments, left as orphans only with --keep-attachments.
import { printJson, UsageError, type Command } from '../command';
import { parseReference, formatReference } from '../../reference/reference';
import { deleteManifestWithSiblings } from '../../ops/delete';
import { untag } from '../../ops/untag';
import { discoverImageAttachments, flattenAttachments, attachmentDeletions, deleteAttachments } from '../../attachments/index';
import { attachmentLine } from './attachments-text';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

export const rmCommand: Command = {
  name: 'rm',
  summary: 'Delete an image manifest (and say which tags die), or remove only one tag with --untag',
  usage: `dockhand rm REF [--untag] [--yes] [--with-attachments | --keep-attachments] [--dry-run] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: {
    untag: { type: 'boolean' },
    'with-attachments': { type: 'boolean' },
    'keep-attachments': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    ...registryOptionFlags,
  },
  async run(args, ctx) {
    const ref = parseReference(onePositional(args, 'image reference'), { defaultTag: false });
    if (!ref.tag && !ref.digest) throw new UsageError('name a tag (REPO:TAG) or a digest (REPO@sha256:...)');
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      if (args.values.untag) {
        if (!ref.tag || ref.digest) throw new UsageError('--untag needs REPO:TAG (without @digest)');
        if (args.values['dry-run']) {
          const digest = await c.resolveDigest(ref.repository, ref.tag, { signal: ctx.signal });
          if (args.values.json) printJson(ctx, { tag: ref.tag, previousDigest: digest, dryRun: true });
          else ctx.stdout.write(`Would remove tag ${formatReference(ref)} (-> ${digest}); the manifest and its other tags stay\n`);
          return 0;
        }
        const r = await untag(c, ref, { signal: ctx.signal });
        if (args.values.json) printJson(ctx, r);
        else ctx.stdout.write(`Removed tag ${formatReference(ref)} (was ${r.previousDigest}); other tags of that digest are kept\n`);
        return 0;
      }
      if (args.values['with-attachments'] && args.values['keep-attachments']) throw new UsageError('give --with-attachments or --keep-attachments, not both');
      const preview = await deleteManifestWithSiblings(c, ref, { signal: ctx.signal, dryRun: true });
      const others = preview.siblings;
      const top = await c.getManifest(ref.repository, preview.digest, { signal: ctx.signal });
      const discoveries = await discoverImageAttachments(c, ref.repository, top, { signal: ctx.signal });
      const attached = flattenAttachments(discoveries);
      const steps = attached.length ? await attachmentDeletions(c, ref.repository, discoveries, { signal: ctx.signal }) : [];
      const attachedText = () => attached.flatMap((a) => attachmentLine(a, '  ').slice(0, 1)).join('\n');
      if (args.values['dry-run'] || (others.length > 0 && !args.values.yes)) {
        if (args.values.json && args.values['dry-run']) {
          printJson(ctx, { ...preview, deleted: false, attachments: attached, attachmentDeletions: steps });
          return 0;
        }
        const list = preview.tags.length ? preview.tags.join(', ') : '(no tags)';
        if (args.values['dry-run']) {
          ctx.stdout.write(`Would delete ${ref.repository}@${preview.digest}; tags that would go: ${list}\n`);
          if (attached.length)
            ctx.stdout.write(
              `Attachments that would be ${args.values['with-attachments'] ? 'deleted with it' : 'orphaned (--with-attachments deletes them too)'} (${attached.length}):\n${attachedText()}\n`,
            );
          return 0;
        }
        throw new UsageError(
          `deleting ${preview.digest} also removes the tag${others.length === 1 ? '' : 's'} ${others.join(', ')}: re-run with --yes, or use --untag to remove only ${ref.tag ?? 'this tag'}`,
        );
      }
      if (attached.length && !args.values['with-attachments'] && !args.values['keep-attachments']) {
        ctx.stderr.write(
          `${attached.length} attachment${attached.length === 1 ? '' : 's'} would be orphaned by deleting ${preview.digest}:\n${attachedText()}\n`,
        );
        throw new UsageError(
          're-run with --with-attachments to delete them with the image, or --keep-attachments to leave them (purge --orphans finds them later)',
        );
      }
      await c.deleteManifest(ref.repository, preview.digest, { signal: ctx.signal });
      // The image first, then its attachments: a failure midway leaves orphans (purge --orphans), never an unsigned image.
      const removed = args.values['with-attachments'] && steps.length ? await deleteAttachments(c, ref.repository, steps, { signal: ctx.signal }) : undefined;
      const result = {
        ...preview,
        deleted: true,
        attachments: attached,
        ...(removed ? { attachmentsDeleted: removed.deleted, attachmentsFailed: removed.failed } : {}),
      };
      if (args.values.json) printJson(ctx, result);
      else {
        ctx.stdout.write(`Deleted ${ref.repository}@${result.digest}${preview.tags.length ? `; tags removed: ${preview.tags.join(', ')}` : ''}\n`);
        if (removed)
          ctx.stdout.write(
            `Deleted ${removed.deleted.length} attachment manifest${removed.deleted.length === 1 ? '' : 's'}${removed.failed.length ? `; ${removed.failed.length} failed:` : ''}\n`,
          );
        for (const f of removed?.failed ?? []) ctx.stdout.write(`  ${f.digest}: ${f.error}\n`);
        if (attached.length && !removed)
          ctx.stdout.write(
            `Left ${attached.length} attachment${attached.length === 1 ? '' : 's'} orphaned (--keep-attachments); dockhand purge ${ref.registry}/${ref.repository} --orphans removes them\n`,
          );
      }
      if (removed?.failed.length) return 1;
      return 0;
    });
  },
};
