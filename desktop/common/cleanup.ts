// The cleanup namespace of DockhandApi (see index.ts): size analysis of a repository, and a
// retention policy's plan (dry run) that the user reviews before applying exactly it.
// Plain data only (compiled into main, preload and the browser); sizes are shared's types.
import type { RepositorySize, TagSize } from '@dockhand/shared/cleanup';
import { arg, type MethodArgs } from './args';

export interface CleanupPolicyInput {
  /** Keep the newest N tags. */
  keep?: number;
  /** Only tags older than this may go: "30d", "720h", "2w". */
  olderThan?: string;
  /** Only tags matching this regular expression may go. */
  match?: string;
  /** Tags matching this regular expression are always kept. */
  exclude?: string;
  sort?: 'date' | 'semver';
}

/** A tag's sizes, as shared's size analysis gives them (cleanup/size-report.ts says what each counts). */
export type TagSizeInfo = Pick<
  TagSize,
  'tag' | 'digest' | 'isIndex' | 'size' | 'uniqueBytes' | 'sharedBytes' | 'manifestBytes' | 'aliases' | 'platforms' | 'created'
>;

export interface RepositorySizeInfo extends Pick<
  RepositorySize,
  'registry' | 'repository' | 'manifestCount' | 'blobCount' | 'blobBytes' | 'manifestBytes' | 'storedBytes' | 'notes'
> {
  tags: TagSizeInfo[];
}

export interface CleanupPlanInfo {
  /** Pass to cleanup.apply to carry out exactly this plan. */
  planId: string;
  registry: string;
  repository: string;
  policy: string;
  tags: Array<{ tag: string; digest: string; created?: string; action: 'keep' | 'untag' | 'delete'; reason: string }>;
  untag: Array<{ tag: string; digest: string }>;
  deleteManifests: Array<{ digest: string; mediaType: string; tags: string[]; parent?: string; platform?: string }>;
  surviving: Array<{ tag: string; digest: string }>;
  freed: {
    bytes: number;
    objects: Array<{ digest: string; size: number; kind: string }>;
    heldByOtherRepositories: { bytes: number; count: number };
    otherRepositoriesChecked: boolean;
  };
  notes: string[];
}

export interface CleanupApplyInfo {
  deleted: string[];
  untagged: string[];
  failed: Array<{ action: string; target: string; tags: string[]; error: string; code?: string }>;
  skipped: Array<{ action: string; target: string; tags: string[]; reason: string }>;
  expectedFreedBytes: number;
  /** The registry frees disk only after its garbage collector runs: what to do. */
  garbageCollectHint: string;
}

export interface CleanupApi {
  analyze(registryId: string, repository: string): Promise<RepositorySizeInfo>;
  /** Dry run: nothing is deleted. */
  plan(registryId: string, repository: string, policy: CleanupPolicyInput): Promise<CleanupPlanInfo>;
  /** Carry out a plan from cleanup.plan (once). */
  apply(planId: string): Promise<CleanupApplyInfo>;
}

export const CLEANUP_METHODS = {
  analyze: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
  ],
  plan: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    [
      'policy',
      arg.optional(
        arg.object({
          keep: arg.optional(arg.number),
          olderThan: arg.optional(arg.text(40)),
          match: arg.optional(arg.text(1000)),
          exclude: arg.optional(arg.text(1000)),
          sort: arg.optional(arg.oneOf('date', 'semver')),
        }),
      ),
    ],
  ],
  apply: [['planId', arg.id]],
} as const satisfies MethodArgs<CleanupApi>;
