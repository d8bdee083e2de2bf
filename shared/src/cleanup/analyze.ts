// Entry points over the network: size analysis of a repository or a whole registry, and the
// purge dry run (scan, evaluate the policy, plan). Apply with apply.ts.
import type { RegistryClient } from '../registry/client';
import { isRegistryError } from '../registry/client';
import { ManifestCache } from './manifest-cache';
import { createLimiter } from '../registry/limiter';
import { scanRepository } from './scan-repository';
import { createdOf, reachableManifests, rootSubject, type RepoGraph } from './repo-graph';
import { mapLimit } from '../registry/limiter';
import { registrySize, repositorySize, allObjects, type RegistrySize, type RepositorySize } from './size-report';
import { describePolicy, evaluatePolicy, validatePolicy, type RetentionPolicy } from './policy';
import { buildPlan, type PurgePlan } from './plan';

export interface AnalyzeOptions {
  signal?: AbortSignal;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Read configs for creation dates (shown per tag); default false. */
  withCreated?: boolean;
  onProgress?: (message: string) => void;
}

export async function analyzeRepository(client: RegistryClient, repository: string, opts: AnalyzeOptions = {}): Promise<RepositorySize> {
  const graph = await scanRepository(client, repository, { signal: opts.signal, concurrency: opts.concurrency, withCreated: opts.withCreated });
  return repositorySize(graph);
}

const REPOSITORIES_AT_ONCE = 4;

/** Scan every repository of the catalog (sharing fetched manifests between them). */
export async function scanRegistry(client: RegistryClient, opts: AnalyzeOptions & { exclude?: string; cache?: ManifestCache } = {}): Promise<RepoGraph[]> {
  const cache = opts.cache ?? new ManifestCache(client, { concurrency: opts.concurrency });
  const repos = (await client.catalog({ signal: opts.signal })).filter((r) => r !== opts.exclude);
  let done = 0;
  // A few repositories at a time: each lists its tags outside the manifest limiter, so
  // starting all of them at once would send one request per repository together.
  const repoLimit = createLimiter(REPOSITORIES_AT_ONCE);
  return Promise.all(
    repos.map((r) =>
      repoLimit(async () => {
        const g = await scanRepository(client, r, { signal: opts.signal, cache, withCreated: opts.withCreated });
        opts.onProgress?.(`scanned ${r} (${++done}/${repos.length})`);
        return g;
      }),
    ),
  );
}

export async function analyzeRegistry(client: RegistryClient, opts: AnalyzeOptions = {}): Promise<RegistrySize> {
  const graphs = await scanRegistry(client, opts);
  graphs.sort((a, b) => a.repository.localeCompare(b.repository));
  return registrySize(client.host, graphs);
}

export interface PlanPurgeOptions extends AnalyzeOptions {
  /** Check the other repositories (via the catalog) for blobs they share: default true. */
  checkOtherRepositories?: boolean;
  now?: Date;
  /** Per-tag push and pull dates from registry events (needed by --not-pulled-for). */
  usage?: TagUsage;
}

export interface TagUsage {
  tags: { tag: string; pushedAt?: string; lastPulled?: string }[];
  /** The oldest event held (dates before it are unknown). */
  knownSince?: string;
  /** Where the dates came from, for the plan's notes. */
  source: string;
}

/** The dry run of `policy` on `repository`. */
export async function planPurge(client: RegistryClient, repository: string, policy: RetentionPolicy, opts: PlanPurgeOptions = {}): Promise<PurgePlan> {
  validatePolicy(policy);
  const needsDates =
    policy.notPulledForMs !== undefined || policy.olderThanMs !== undefined || (policy.keepNewest !== undefined && (policy.sort ?? 'date') === 'date');
  const cache = new ManifestCache(client, { concurrency: opts.concurrency });
  const graph = await scanRepository(client, repository, { signal: opts.signal, cache, withCreated: needsDates || opts.withCreated });
  opts.onProgress?.(`scanned ${repository}: ${graph.tags.length} tags, ${graph.manifests.size} manifests`);
  const now = opts.now ?? new Date();
  const usage = new Map((opts.usage?.tags ?? []).map((u) => [u.tag, u]));
  if (policy.notPulledForMs !== undefined && opts.usage) policy = { ...policy, usageKnownSince: opts.usage.knownSince };
  const verdicts = evaluatePolicy(
    graph.tags.map((t) => {
      const created = createdOf(graph, t.digest);
      const u = usage.get(t.tag);
      return {
        tag: t.tag,
        digest: t.digest,
        ...(created ? { created } : {}),
        ...(u?.pushedAt ? { pushedAt: u.pushedAt } : {}),
        ...(u?.lastPulled ? { lastPulled: u.lastPulled } : {}),
      };
    }),
    policy,
    now,
  );
  let others: Set<string> | undefined;
  const notes: string[] = [];
  if (opts.checkOtherRepositories !== false && verdicts.some((v) => !v.keep)) {
    try {
      const graphs = await scanRegistry(client, { signal: opts.signal, exclude: repository, cache, onProgress: opts.onProgress });
      others = new Set<string>();
      for (const g of graphs) for (const d of allObjects(g).keys()) others.add(d);
    } catch (err) {
      if (!isRegistryError(err) || !['NO_CATALOG', 'UNAUTHORIZED', 'DENIED', 'NAME_UNKNOWN'].includes(err.code)) throw err;
      notes.push(`could not read the other repositories (${err.code}): ${err.summary}`);
    }
  }
  const plan = buildPlan(graph, verdicts, { policy: describePolicy(policy), now, ...(others ? { otherRepositories: others } : {}) });
  for (const n of notes) plan.notes.push(n);
  if (opts.usage)
    plan.notes.push(
      usageNote(
        opts.usage,
        graph.tags.map((t) => t.tag),
      ),
    );
  return plan;
}

/**
 * The "orphans" plan: attachments (signatures, SBOMs, attestations under digest-named tags)
 * whose image no longer exists in the repository (checked with a HEAD of its digest). Every
 * image tag is kept; apply it with applyPlan like any plan.
 */
export async function planOrphans(client: RegistryClient, repository: string, opts: AnalyzeOptions & { now?: Date } = {}): Promise<PurgePlan> {
  const graph = await scanRepository(client, repository, { signal: opts.signal, concurrency: opts.concurrency });
  const reachable = new Set<string>();
  for (const t of graph.tags) for (const m of reachableManifests(graph, t.digest)) reachable.add(m);
  const candidates = [...new Set((graph.attachmentTags ?? []).map((a) => rootSubject(graph, a.subject)))].filter(
    (s) => !reachable.has(s) && !graph.manifests.has(s),
  );
  const gone = new Set<string>();
  await mapLimit(candidates, opts.concurrency ?? 8, async (s) => {
    if (!(await client.headManifest(repository, s, { signal: opts.signal }))) gone.add(s);
  });
  const verdicts = graph.tags.map((t) => ({ tag: t.tag, digest: t.digest, keep: true, reason: 'orphans mode keeps every image tag' }));
  return buildPlan(graph, verdicts, {
    policy: 'delete attachments whose image no longer exists (orphans)',
    orphanSubjects: gone,
    ...(opts.now ? { now: opts.now } : {}),
  });
}

/** Which push/pull dates are known, for the plan. */
function usageNote(u: TagUsage, tags: string[]): string {
  const known = new Map(u.tags.map((t) => [t.tag, t]));
  const pulled = tags.filter((t) => known.get(t)?.lastPulled).length;
  const pushed = tags.filter((t) => known.get(t)?.pushedAt).length;
  return `dates from registry events (${u.source}), recorded since ${u.knownSince ?? 'never (no events)'}: last pull known for ${pulled} of ${tags.length} tags, push date for ${pushed} (the others fall back to the image's creation date); a pull before that date, or a pull that the registry did not report, is unknown`;
}
