// `dockhand rm REF [--untag] [--yes] [--dry-run]`: delete a manifest (every tag pointing at
// it dies: they are listed, and --yes is required when that includes other tags), or with
// --untag remove only this tag and keep its siblings.
import { printJson, UsageError, type Command } from '../command';
import { parseReference, formatReference } from '../../reference/reference';
import { deleteManifestWithSiblings } from '../../ops/delete';
import { untag } from '../../ops/untag';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional } from './registry-flags';

export const rmCommand: Command = {
  name: 'rm',
  summary: 'Delete an image manifest (and say which tags die), or remove only one tag with --untag',
  usage: `dockhand rm REF [--untag] [--yes] [--dry-run] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: { untag: { type: 'boolean' }, yes: { type: 'boolean', short: 'y' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, ...registryOptionFlags },
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
      const preview = await deleteManifestWithSiblings(c, ref, { signal: ctx.signal, dryRun: true });
      const others = preview.siblings;
      if (args.values['dry-run'] || (others.length > 0 && !args.values.yes)) {
        if (args.values.json && args.values['dry-run']) { printJson(ctx, { ...preview, deleted: false }); return 0; }
        const list = preview.tags.length ? preview.tags.join(', ') : '(no tags)';
        if (args.values['dry-run']) {
          ctx.stdout.write(`Would delete ${ref.repository}@${preview.digest}; tags that would go: ${list}\n`);
          return 0;
        }
        throw new UsageError(`deleting ${preview.digest} also removes the tag${others.length === 1 ? '' : 's'} ${others.join(', ')}: re-run with --yes, or use --untag to remove only ${ref.tag ?? 'this tag'}`);
      }
      await c.deleteManifest(ref.repository, preview.digest, { signal: ctx.signal });
      const result = { ...preview, deleted: true };
      if (args.values.json) printJson(ctx, result);
      else ctx.stdout.write(`Deleted ${ref.repository}@${result.digest}${preview.tags.length ? `; tags removed: ${preview.tags.join(', ')}` : ''}\n`);
      return 0;
    });
  },
};
