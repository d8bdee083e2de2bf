// Clean-up: size analysis, retention policies, the purge dry run and its application.
//
//   const sizes = await analyzeRepository(client, 'team/app');          // per tag: size, uniqueBytes, sharedBytes
//   const all = await analyzeRegistry(client);                           // every repository, cross-repo sharing
//   const plan = await planPurge(client, 'team/app', { keepNewest: 3, olderThanMs: parseDuration('30d') });
//   // show plan.tags (keep/untag/delete + reason), plan.deleteManifests, plan.freed.bytes
//   const result = await applyPlan(client, plan, { onProgress });     // then tell result.garbageCollectHint
//
// Pure parts for front ends and tests: evaluatePolicy, buildPlan, repositorySize, registrySize.
export { analyzeRepository, analyzeRegistry, scanRegistry, planPurge, planOrphans, type AnalyzeOptions, type PlanPurgeOptions } from './analyze';
export { applyPlan, planSteps, GARBAGE_COLLECT_HINT, type ApplyEvent, type ApplyResult, type ApplyStep } from './apply';
export { buildPlan, type PurgePlan, type PlanAttachment, type PlanTag, type PlanDeletion, type FreedObject, type TagAction } from './plan';
export {
  evaluatePolicy,
  validatePolicy,
  describePolicy,
  orderNewestFirst,
  orderImagesNewestFirst,
  tagVersion,
  PolicyError,
  type RetentionPolicy,
  type PolicyTag,
  type TagVerdict,
} from './policy';
export { parseDuration, formatDuration, DurationError } from './duration';
export { retentionPolicyFrom, PolicyInputError, RETENTION_LABELS, type RetentionInput, type RetentionLabels, type RetentionField } from './policy-input';
export {
  repositorySize,
  registrySize,
  allObjects,
  type RepositorySize,
  type RegistrySize,
  type RegistryRepositorySize,
  type TagSize,
  type PlatformSize,
} from './size-report';
export { scanRepository, type ScanOptions } from './scan-repository';
export { ManifestCache } from './manifest-cache';
export type { RepoGraph, ManifestNode, TagRef, BlobRef, ChildRef, AttachmentTagRef } from './repo-graph';
export { sizeMarkdown, planMarkdown, formatBytes } from './report-markdown';
