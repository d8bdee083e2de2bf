// Apply a purge plan: exactly its deletions and untags, nothing else. Before acting, the
// tags are read again; a step whose situation changed since the plan (a tag moved, a new
// tag points at a manifest to delete) is skipped and reported, never improvised.
// The registry frees disk only when its garbage collector runs afterwards.
import type { RegistryClient } from '../registry/client';
import { isRegistryError } from '../registry/client';
import { mapLimit } from '../registry/limiter';
import { untag as untagOp } from '../ops/untag';
import type { PurgePlan } from './plan';

export interface ApplyStep {
  action: 'delete' | 'untag';
  /** A digest (delete) or a tag (untag). */
  target: string;
  /** Tags that go with a deleted manifest. */
  tags: string[];
}

export interface ApplyEvent {
  step: ApplyStep;
  index: number;
  total: number;
  status: 'start' | 'done' | 'failed' | 'skipped';
  error?: string;
}

export interface ApplyResult {
  deleted: string[];
  untagged: string[];
  failed: Array<ApplyStep & { error: string; code?: string }>;
  skipped: Array<ApplyStep & { reason: string }>;
  /** Bytes the plan expected a garbage collection to free. */
  expectedFreedBytes: number;
  /** What to do next to get the disk space back. */
  garbageCollectHint: string;
}

export const GARBAGE_COLLECT_HINT =
  'The registry frees disk space only when its garbage collector runs: stop the registry (or set storage.maintenance.readonly.enabled: true), run `registry garbage-collect /etc/docker/registry/config.yml` (Debian: `docker-registry garbage-collect CONFIG`), then start it again.';

export function planSteps(plan: PurgePlan): ApplyStep[] {
  return [
    ...plan.deleteManifests.map((d) => ({ action: 'delete' as const, target: d.digest, tags: d.tags })),
    ...plan.untag.map((u) => ({ action: 'untag' as const, target: u.tag, tags: [u.tag] })),
  ];
}

export async function applyPlan(
  client: RegistryClient,
  plan: PurgePlan,
  opts: { signal?: AbortSignal; onProgress?: (e: ApplyEvent) => void; concurrency?: number } = {},
): Promise<ApplyResult> {
  const { repository } = plan;
  const signal = opts.signal;
  const steps = planSteps(plan);
  const result: ApplyResult = {
    deleted: [],
    untagged: [],
    failed: [],
    skipped: [],
    expectedFreedBytes: plan.freed.bytes,
    garbageCollectHint: GARBAGE_COLLECT_HINT,
  };
  if (!steps.length) return result;

  // Where the tags point now.
  const names = await client.listTags(repository, { signal });
  const heads = await mapLimit(names, opts.concurrency ?? 8, async (t) => ({ t, h: await client.headManifest(repository, t, { signal }) }));
  const now = new Map(heads.filter((x) => x.h).map((x) => [x.t, x.h!.digest]));
  const planned = new Map(plan.tags.map((t) => [t.tag, t.digest]));
  // The tags on each digest now, in one pass (a delete step looks its digest up instead of scanning every tag).
  const tagsNowOn = new Map<string, string[]>();
  for (const [tag, digest] of now) {
    const list = tagsNowOn.get(digest);
    if (list) list.push(tag);
    else tagsNowOn.set(digest, [tag]);
  }

  const why = (s: ApplyStep): string | undefined => {
    if (s.action === 'untag') {
      const cur = now.get(s.target);
      if (cur === undefined) return `tag ${s.target} is already gone`;
      if (cur !== planned.get(s.target)) return `tag ${s.target} now points at ${cur}, not ${planned.get(s.target)}`;
      return undefined;
    }
    const planTags = new Set(s.tags);
    const newcomers = (tagsNowOn.get(s.target) ?? []).filter((tag) => !planTags.has(tag));
    if (newcomers.length) return `tag${newcomers.length > 1 ? 's' : ''} ${newcomers.join(', ')} now point${newcomers.length > 1 ? '' : 's'} at ${s.target}`;
    return undefined;
  };

  let fatal: { error: string; code?: string } | undefined;
  for (const [i, step] of steps.entries()) {
    const emit = (status: ApplyEvent['status'], error?: string) =>
      opts.onProgress?.({ step, index: i, total: steps.length, status, ...(error ? { error } : {}) });
    if (fatal) {
      result.failed.push({ ...step, ...fatal });
      emit('failed', fatal.error);
      continue;
    }
    const reason = why(step);
    if (reason) {
      result.skipped.push({ ...step, reason: `changed since the plan: ${reason}` });
      emit('skipped', reason);
      continue;
    }
    emit('start');
    try {
      if (step.action === 'delete') {
        await client.deleteManifest(repository, step.target, { signal });
        result.deleted.push(step.target);
      } else {
        await untagOp(client, { registry: plan.registry, repository, tag: step.target }, { signal });
        result.untagged.push(step.target);
      }
      emit('done');
    } catch (err) {
      const code = isRegistryError(err) ? err.code : undefined;
      if (step.action === 'delete' && code === 'MANIFEST_UNKNOWN') {
        result.deleted.push(step.target); // already gone: the plan's outcome holds
        emit('done');
        continue;
      }
      const error = (err as Error).message;
      result.failed.push({ ...step, error, ...(code ? { code } : {}) });
      emit('failed', error);
      // Deletion refused for the whole registry, or cancelled: do not hammer on.
      if (code === 'UNSUPPORTED' || code === 'ABORTED' || code === 'UNAUTHORIZED' || code === 'DENIED' || signal?.aborted)
        fatal = { error, ...(code ? { code } : {}) };
    }
  }
  return result;
}
