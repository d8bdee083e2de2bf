// cleanup:* — size analysis and retention-policy clean-up over @dockhand/shared/cleanup.
// A plan is kept in memory under an id until applied (or for 30 minutes), so that apply
// deletes exactly what the user reviewed.
import { randomUUID } from 'node:crypto';
import {
  analyzeRepository,
  planPurge,
  applyPlan,
  retentionPolicyFrom,
  PolicyInputError,
  PolicyError,
  type PurgePlan,
  type RetentionPolicy,
  type RetentionLabels,
} from '@dockhand/shared/cleanup';
import type { CleanupPolicyInput, DockhandApi } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';
import { BadInputError } from '../bad-input';

const PLAN_TTL_MS = 30 * 60_000;

function badInput(message: string): Error {
  return new BadInputError(message);
}

/** The dialog's fields by name, for messages. */
const FIELD_LABELS: RetentionLabels = {
  keep: 'Keep newest',
  olderThan: 'Only tags older than',
  match: 'Only tags matching',
  exclude: 'Always keep',
  sort: 'Sort by',
};

export function policyFromInput(input: CleanupPolicyInput): RetentionPolicy {
  try {
    return retentionPolicyFrom(input, FIELD_LABELS);
  } catch (e) {
    if (e instanceof PolicyInputError) throw badInput(e.message);
    throw e;
  }
}

export function cleanupHandlers(ctx: MainContext): DockhandApi['cleanup'] {
  const plans = new Map<string, { registryId: string; plan: PurgePlan; at: number }>();
  const prune = () => {
    for (const [id, p] of plans) if (Date.now() - p.at > PLAN_TTL_MS) plans.delete(id);
  };
  return {
    async analyze(registryId, repository) {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      return analyzeRepository(client, String(repository), { withCreated: true });
    },
    async plan(registryId, repository, input) {
      prune();
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      let plan: PurgePlan;
      try {
        plan = await planPurge(client, String(repository), policyFromInput(input ?? {}));
      } catch (e) {
        if (e instanceof PolicyError) throw badInput(e.message);
        throw e;
      }
      const planId = randomUUID();
      plans.set(planId, { registryId: r.id, plan, at: Date.now() });
      return { planId, ...plan };
    },
    async apply(planId) {
      const held = plans.get(String(planId));
      if (!held) throw badInput('This clean-up plan is no longer available (it was applied already, or is older than 30 minutes). Preview the plan again.');
      plans.delete(String(planId));
      const r = await ctx.registries.get(held.registryId);
      const client = await registryClientFor(ctx, r);
      const result = await applyPlan(client, held.plan);
      ctx.log(
        `cleanup of ${held.plan.registry}/${held.plan.repository}: deleted ${result.deleted.length}, untagged ${result.untagged.length}, failed ${result.failed.length}, skipped ${result.skipped.length}`,
      );
      return result;
    },
  };
}
