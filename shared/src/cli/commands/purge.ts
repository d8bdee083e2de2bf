// `dockhand purge REPO --keep N [--older-than D] [--match RE] [--exclude RE] [--sort date|semver] [--apply] [--json]`:
// a retention policy. Without --apply it only prints the plan (dry run): each tag's fate,
// the manifests to delete, what survives and what a garbage collection would free.
import { printJson, UsageError, type Command } from '../command';
import { parseRepository } from '../../reference/reference';
import { planPurge, planOrphans } from '../../cleanup/analyze';
import { applyPlan } from '../../cleanup/apply';
import { retentionPolicyFrom, PolicyInputError, type RetentionLabels } from '../../cleanup/policy-input';
import { parseDuration, DurationError } from '../../cleanup/duration';
import { PolicyError, type RetentionPolicy } from '../../cleanup/policy';
import type { PurgePlan } from '../../cleanup/plan';
import { loadTagUsage } from '../../events/tag-usage';
import { registryOptionFlags, REGISTRY_FLAGS_USAGE, withClients, onePositional, humanSize } from './registry-flags';

/** The flags by name, for messages. */
const FLAG_LABELS: RetentionLabels = { keep: '--keep', olderThan: '--older-than', match: '--match', exclude: '--exclude', sort: '--sort' };

export function policyFromFlags(values: Record<string, unknown>): RetentionPolicy {
  let policy: RetentionPolicy;
  try {
    policy = retentionPolicyFrom(
      { keep: values.keep, olderThan: values['older-than'], match: values.match, exclude: values.exclude, sort: values.sort },
      FLAG_LABELS,
    );
  } catch (e) {
    if (e instanceof PolicyInputError) throw new UsageError(e.message);
    throw e;
  }
  if (values['not-pulled-for'] !== undefined) {
    try {
      policy.notPulledForMs = parseDuration(String(values['not-pulled-for']));
    } catch (e) {
      if (e instanceof DurationError) throw new UsageError(`--not-pulled-for: ${e.message}`);
      throw e;
    }
  }
  return policy;
}

const usageText = (t: PurgePlan['tags'][number]) =>
  t.pushedAt || t.lastPulled ? `  pushed ${t.pushedAt ?? 'unknown'}, last pulled ${t.lastPulled ?? 'unknown'}` : '';

function planText(plan: PurgePlan): string {
  const out: string[] = [`Plan for ${plan.registry}/${plan.repository}: ${plan.policy}`];
  const remove = plan.tags.filter((t) => t.action !== 'keep');
  out.push(`Tags to remove (${remove.length}):`);
  for (const t of remove) out.push(`  - ${t.tag}  ${t.action === 'untag' ? 'untag only' : 'delete'}  ${t.created ?? 'no date'}${usageText(t)}  (${t.reason})`);
  out.push(`Manifests to delete (${plan.deleteManifests.length}):`);
  for (const d of plan.deleteManifests)
    out.push(`  - ${d.digest}${d.tags.length ? `  tags: ${d.tags.join(', ')}` : d.platform ? `  platform ${d.platform} of ${d.parent?.slice(0, 19)}` : ''}`);
  const keep = plan.tags.filter((t) => t.action === 'keep');
  out.push(`Tags kept (${keep.length}):`);
  for (const t of keep) out.push(`  = ${t.tag}  ${t.created ?? 'no date'}${usageText(t)}  (${t.reason})`);
  const attached = plan.attachments ?? [];
  if (attached.length) {
    out.push(`Attachments (signatures, SBOMs, attestations; they follow their image) (${attached.length}):`);
    for (const a of attached) out.push(`  ${a.action === 'keep' ? '=' : '-'} ${a.tag}  ${a.action}  (${a.reason})`);
  }
  out.push(
    `A garbage collection afterwards would free ${humanSize(plan.freed.bytes)} (${plan.freed.bytes} bytes in ${plan.freed.objects.length} blobs)` +
      (plan.freed.heldByOtherRepositories.count ? `; ${humanSize(plan.freed.heldByOtherRepositories.bytes)} more stays because other repositories use it` : ''),
  );
  for (const n of plan.notes) out.push(`note: ${n}`);
  return out.join('\n') + '\n';
}

export const purgeCommand: Command = {
  name: 'purge',
  summary: 'Delete old tags by a retention policy (dry run unless --apply), showing what garbage collection would free',
  usage: `dockhand purge REPO [--orphans] [--keep N] [--older-than D] [--not-pulled-for D [--events-store sqlite:PATH|postgres://…]] [--match RE]... [--exclude RE]... [--sort date|semver] [--this-repo-only] [--apply] [--json] ${REGISTRY_FLAGS_USAGE}`,
  options: {
    keep: { type: 'string' },
    'older-than': { type: 'string' },
    'not-pulled-for': { type: 'string' },
    'events-store': { type: 'string' },
    match: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    sort: { type: 'string' },
    apply: { type: 'boolean' },
    orphans: { type: 'boolean' },
    json: { type: 'boolean' },
    'this-repo-only': { type: 'boolean' },
    ...registryOptionFlags,
  },
  async run(args, ctx) {
    const ref = parseRepository(onePositional(args, 'repository'));
    const orphans = Boolean(args.values.orphans);
    if (orphans && ['keep', 'older-than', 'not-pulled-for', 'match', 'exclude', 'sort'].some((k) => args.values[k] !== undefined))
      throw new UsageError(
        '--orphans only removes attachments whose image is gone: give it without a retention policy (--keep, --older-than, --match, --exclude, --sort)',
      );
    const policy = orphans ? {} : policyFromFlags(args.values);
    const usage =
      policy.notPulledForMs !== undefined
        ? await loadTagUsage(ref.repository, ctx.env, args.values['events-store'] as string | undefined, ctx.signal, ref.registry)
        : undefined;
    return withClients(args, ctx, async (client) => {
      const c = client(ref.registry);
      let plan: PurgePlan;
      try {
        plan = orphans
          ? await planOrphans(c, ref.repository, { signal: ctx.signal })
          : await planPurge(c, ref.repository, policy, {
              signal: ctx.signal,
              checkOtherRepositories: !args.values['this-repo-only'],
              ...(usage ? { usage } : {}),
            });
      } catch (e) {
        if (e instanceof PolicyError) throw new UsageError(e.message);
        throw e;
      }
      if (!args.values.apply) {
        if (args.values.json) printJson(ctx, { dryRun: true, plan });
        else ctx.stdout.write(planText(plan) + 'Dry run: nothing was deleted. Re-run with --apply to do it.\n');
        return 0;
      }
      if (!args.values.json) ctx.stdout.write(planText(plan));
      const result = await applyPlan(c, plan, {
        signal: ctx.signal,
        onProgress: (e) => {
          if (args.values.json || e.status === 'start') return;
          const what =
            e.step.action === 'delete' ? `delete ${e.step.target}${e.step.tags.length ? ` (${e.step.tags.join(', ')})` : ''}` : `untag ${e.step.target}`;
          ctx.stderr.write(`[${e.index + 1}/${e.total}] ${what}: ${e.status}${e.error ? ` - ${e.error}` : ''}\n`);
        },
      });
      if (args.values.json) printJson(ctx, { dryRun: false, plan, result });
      else {
        ctx.stdout.write(
          `Deleted ${result.deleted.length} manifests, untagged ${result.untagged.length} tags; ${result.failed.length} failed, ${result.skipped.length} skipped.\n`,
        );
        for (const f of result.failed) ctx.stdout.write(`  failed: ${f.action} ${f.target}: ${f.error}\n`);
        for (const s of result.skipped) ctx.stdout.write(`  skipped: ${s.action} ${s.target}: ${s.reason}\n`);
        ctx.stdout.write(`${result.garbageCollectHint} Expected to free about ${humanSize(result.expectedFreedBytes)}.\n`);
      }
      return result.failed.length || result.skipped.length ? 1 : 0;
    });
  },
};
