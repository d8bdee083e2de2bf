// Retention policies, evaluated over a plain tag list (pure). Precedence, first match wins:
//   1. keep patterns (--exclude RE): a tag matching one is kept, whatever else says.
//   2. delete patterns (--match RE): when given, a tag matching none of them is kept; the
//      others are the candidates. Without delete patterns every tag is a candidate.
//   3. keep newest N (--keep N): the N newest candidate IMAGES are kept, with all their
//      candidate tags (two tags of one digest use one of the N places). Newest by the image's
//      `created` date (an index: its newest platform; undated images rank oldest, A-Z) or by
//      semantic version (--sort semver: "1.2.3", "v1.2.3", "1.2", "v2"; an image ranks by its
//      highest version; a tag that is not a version is kept and not counted). Ties: the image
//      whose best tag name is higher (numeric aware), then the tag name byte by byte, so the
//      same tags always give the same plan.
//   4. older than D (--older-than D): a candidate is deleted only if it was created more
//      than D ago; newer or undated candidates are kept.
//   5. not pulled for D (--not-pulled-for D, from the registry events `dockhand listen` recorded):
//      a candidate is deleted only if its last pull is more than D ago, or it was never pulled
//      while the events cover all of D and it was pushed (else created) more than D ago; a tag
//      pulled recently, pushed recently, or whose pulls are unknown (events recorded for less
//      than D) is kept, and the reason says which dates were known.
//   Whatever is left is deleted. A policy must say at least one of 2, 3, 4 or 5.
// Tags to delete that share a digest with a kept tag are only untagged (see plan.ts).
import { sortTags, tagVersion } from '../tags/index';
import { formatDuration } from './duration';

export interface RetentionPolicy {
  /** Keep the newest N candidates. */
  keepNewest?: number;
  /** How "newest" is decided (default 'date'). */
  sort?: 'date' | 'semver';
  /** Tags matching any of these are always kept (--exclude). */
  keepPatterns?: RegExp[];
  /** When given, only tags matching one of these may be deleted (--match). */
  deletePatterns?: RegExp[];
  /** Only tags created more than this many ms ago may be deleted (--older-than). */
  olderThanMs?: number;
  /** Only tags not pulled for this many ms may be deleted (--not-pulled-for; needs usage dates). */
  notPulledForMs?: number;
  /** With notPulledForMs: the oldest event the event store holds (pulls before it are unknown). */
  usageKnownSince?: string;
}

export interface PolicyTag {
  tag: string;
  digest: string;
  /** ISO 8601 creation date of the image, if known. */
  created?: string;
  /** ISO date of the newest push event of this tag, if the events store saw one. */
  pushedAt?: string;
  /** ISO date of the newest pull of this tag or its digest, if the events store saw one. */
  lastPulled?: string;
}

export interface TagVerdict extends PolicyTag {
  keep: boolean;
  /** Why, in a few words: "matches the keep pattern /^latest$/", "among the 3 newest", ... */
  reason: string;
}

export class PolicyError extends Error {
  override name = 'PolicyError';
}

export function validatePolicy(policy: RetentionPolicy): void {
  const hasRule =
    policy.keepNewest !== undefined || (policy.deletePatterns?.length ?? 0) > 0 || policy.olderThanMs !== undefined || policy.notPulledForMs !== undefined;
  if (!hasRule)
    throw new PolicyError(
      'a retention policy needs at least one of: keep the newest N (--keep N), delete tags older than a duration (--older-than 30d), delete tags not pulled for a duration (--not-pulled-for 90d), or delete tags matching a pattern (--match RE)',
    );
  if (policy.notPulledForMs !== undefined && (!Number.isFinite(policy.notPulledForMs) || policy.notPulledForMs <= 0))
    throw new PolicyError('not pulled for must be a positive duration, e.g. 90d');
  if (policy.keepNewest !== undefined && (!Number.isInteger(policy.keepNewest) || policy.keepNewest < 0))
    throw new PolicyError(`keep newest must be a whole number of images (0 or more), got ${policy.keepNewest}`);
  if (policy.olderThanMs !== undefined && (!Number.isFinite(policy.olderThanMs) || policy.olderThanMs < 0))
    throw new PolicyError('older than must be a positive duration, e.g. 30d');
}

/** The version a tag names, for --sort semver ("v1.2" -> 1.2.0), or undefined (the one tag sorter's parser). */
export { tagVersion };

/** Newest first: the one tag sorter's descending order (ties: the higher name first; undated tags last, A-Z). */
export function orderNewestFirst(tags: PolicyTag[], sort: 'date' | 'semver'): PolicyTag[] {
  return sortTags(tags, sort, 'desc', 'with-direction');
}

/**
 * The candidates grouped by image (digest), newest image first; inside an image, its tags
 * newest first. An image ranks by its best tag (the newest date or highest version), ties
 * broken by that tag's name: the order never depends on the order the registry listed them in.
 */
export function orderImagesNewestFirst(tags: PolicyTag[], sort: 'date' | 'semver'): PolicyTag[][] {
  const groups = new Map<string, PolicyTag[]>();
  for (const t of orderNewestFirst(tags, sort)) {
    const key = t.digest || `tag:${t.tag}`;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  // orderNewestFirst is a total order over distinct tag names, so the groups come out ordered
  // by their best tag (a Map keeps insertion order).
  return [...groups.values()];
}

/** Decide every tag. `now` is when "older than" is measured from. Result in the input order. */
export function evaluatePolicy(tags: PolicyTag[], policy: RetentionPolicy, now: Date = new Date()): TagVerdict[] {
  validatePolicy(policy);
  const sort = policy.sort ?? 'date';
  const verdict = new Map<string, TagVerdict>();
  const decide = (t: PolicyTag, keep: boolean, reason: string) => verdict.set(t.tag, { ...t, keep, reason });
  let candidates: PolicyTag[] = [];
  for (const t of tags) {
    const keepBy = policy.keepPatterns?.find((re) => re.test(t.tag));
    if (keepBy) {
      decide(t, true, `matches the keep pattern ${keepBy}`);
      continue;
    }
    if (policy.deletePatterns?.length && !policy.deletePatterns.some((re) => re.test(t.tag))) {
      decide(t, true, `does not match ${policy.deletePatterns.join(' or ')}`);
      continue;
    }
    if (policy.keepNewest !== undefined && sort === 'semver' && !tagVersion(t.tag)) {
      decide(t, true, 'not a version (--sort semver)');
      continue;
    }
    candidates.push(t);
  }
  const why: string[] = [];
  if (policy.keepNewest !== undefined) {
    const n = policy.keepNewest;
    const images = orderImagesNewestFirst(candidates, sort);
    const noun = `${n === 1 ? 'image' : 'images'}${sort === 'semver' ? ' by version' : ''}`;
    for (const image of images.slice(0, n)) for (const t of image) decide(t, true, `among the ${n} newest ${noun}`);
    candidates = images.slice(n).flat();
    why.push(`not among the ${n} newest ${noun}`);
  }
  if (policy.olderThanMs !== undefined) {
    const cutoff = now.getTime() - policy.olderThanMs;
    const age = formatDuration(policy.olderThanMs);
    const old: PolicyTag[] = [];
    for (const t of candidates) {
      const ms = t.created ? Date.parse(t.created) : NaN;
      if (!Number.isFinite(ms)) decide(t, true, 'no creation date (--older-than keeps it)');
      else if (ms >= cutoff) decide(t, true, `created less than ${age} ago`);
      else old.push(t);
    }
    candidates = old;
    why.push(`older than ${age}`);
  }
  if (policy.notPulledForMs !== undefined) {
    const r = notPulledFor(candidates, policy.notPulledForMs, policy.usageKnownSince, now);
    for (const [t, reason] of r.kept) decide(t, true, reason);
    candidates = r.stale;
    why.push(`not pulled for ${formatDuration(policy.notPulledForMs)}`);
  }
  if (policy.deletePatterns?.length) why.unshift(`matches ${policy.deletePatterns.join(' or ')}`);
  for (const t of candidates) decide(t, false, why.join(', '));
  return tags.map((t) => verdict.get(t.tag)!);
}

const day = (iso: string) => iso.slice(0, 10);

/** Step 5: which candidates were not pulled for `ms`, and why the others are kept. */
function notPulledFor(candidates: PolicyTag[], ms: number, knownSince: string | undefined, now: Date): { stale: PolicyTag[]; kept: [PolicyTag, string][] } {
  const cutoff = now.getTime() - ms;
  const age = formatDuration(ms);
  const covered = knownSince !== undefined && Date.parse(knownSince) <= cutoff;
  const stale: PolicyTag[] = [];
  const kept: [PolicyTag, string][] = [];
  for (const t of candidates) {
    const pulled = t.lastPulled ? Date.parse(t.lastPulled) : NaN;
    if (Number.isFinite(pulled)) {
      if (pulled >= cutoff) kept.push([t, `pulled less than ${age} ago (last pull ${day(t.lastPulled!)})`]);
      else stale.push(t);
      continue;
    }
    const born = t.pushedAt ?? t.created;
    const bornMs = born ? Date.parse(born) : NaN;
    const bornWhat = t.pushedAt ? 'pushed' : 'created';
    if (Number.isFinite(bornMs) && bornMs >= cutoff) kept.push([t, `${bornWhat} less than ${age} ago (${day(born!)}), no pull seen since`]);
    else if (!covered) kept.push([t, `last pull unknown: events recorded only since ${knownSince ? day(knownSince) : 'never (no events)'}, less than ${age}`]);
    else stale.push(t);
  }
  return { stale, kept };
}

/** One line for humans: "keep the 3 newest (by date), delete only tags older than 30d, ...". */
export function describePolicy(policy: RetentionPolicy): string {
  const parts: string[] = [];
  if (policy.keepPatterns?.length) parts.push(`always keep tags matching ${policy.keepPatterns.join(' ')}`);
  if (policy.deletePatterns?.length) parts.push(`consider only tags matching ${policy.deletePatterns.join(' ')}`);
  if (policy.keepNewest !== undefined)
    parts.push(
      `keep the ${policy.keepNewest} newest ${policy.keepNewest === 1 ? 'image' : 'images'} (by ${policy.sort === 'semver' ? 'semantic version' : 'creation date'}; every tag of a kept image stays)`,
    );
  if (policy.olderThanMs !== undefined) parts.push(`delete only tags older than ${formatDuration(policy.olderThanMs)}`);
  if (policy.notPulledForMs !== undefined)
    parts.push(
      `delete only tags not pulled for ${formatDuration(policy.notPulledForMs)} (pulls known since ${policy.usageKnownSince ? day(policy.usageKnownSince) : 'never: no events recorded'})`,
    );
  return parts.join('; ');
}
