// A retention policy from what a person typed: the CLI's flags, the desktop's clean-up dialog
// and the extension's input boxes all build it here, so "keep", "older than", "matching" and
// "always keep" mean (and are refused) the same everywhere. Each front end names the fields
// its own way (labels) and turns a PolicyInputError into its own error (a usage error, a
// bad-input envelope).
import { parseDuration, DurationError } from './duration';
import type { RetentionPolicy } from './policy';

/** The fields as typed: text, numbers, or (match, exclude) lists of text. Empty means "not given". */
export interface RetentionInput {
  keep?: unknown;
  olderThan?: unknown;
  match?: unknown;
  exclude?: unknown;
  sort?: unknown;
}

export type RetentionField = keyof RetentionInput;

/** How a front end names each field in a message ("--keep", "Keep newest"). */
export type RetentionLabels = Readonly<Record<RetentionField, string>>;

export const RETENTION_LABELS: RetentionLabels = { keep: 'keep', olderThan: 'older than', match: 'match', exclude: 'exclude', sort: 'sort' };

export class PolicyInputError extends Error {
  override name = 'PolicyInputError';
  constructor(
    readonly field: RetentionField,
    message: string,
  ) {
    super(message);
  }
}

const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const quote = (v: unknown): string => String(v).slice(0, 200);

function patterns(v: unknown, label: string, field: RetentionField): RegExp[] | undefined {
  const list = (Array.isArray(v) ? v : [v]).filter(given);
  if (!list.length) return undefined;
  return list.map((s) => {
    try {
      return new RegExp(String(s));
    } catch (e) {
      throw new PolicyInputError(field, `${label} ${quote(s)}: not a regular expression (${(e as Error).message})`);
    }
  });
}

/** The policy `input` asks for; throws PolicyInputError naming the field (by `labels`) and what to type. */
export function retentionPolicyFrom(input: RetentionInput, labels: RetentionLabels = RETENTION_LABELS): RetentionPolicy {
  const policy: RetentionPolicy = {};
  if (given(input.keep)) {
    const n = Number(input.keep);
    if ((typeof input.keep === 'string' && !/^\d+$/.test(input.keep)) || !Number.isSafeInteger(n) || n < 0) {
      throw new PolicyInputError('keep', `${labels.keep} ${quote(input.keep)}: give a whole number of images to keep (0 or more)`);
    }
    policy.keepNewest = n;
  }
  if (given(input.olderThan)) {
    try {
      policy.olderThanMs = parseDuration(String(input.olderThan));
    } catch (e) {
      if (e instanceof DurationError) throw new PolicyInputError('olderThan', `${labels.olderThan}: ${e.message}`);
      throw e;
    }
  }
  const match = patterns(input.match, labels.match, 'match');
  const exclude = patterns(input.exclude, labels.exclude, 'exclude');
  if (match) policy.deletePatterns = match;
  if (exclude) policy.keepPatterns = exclude;
  if (given(input.sort)) {
    if (input.sort !== 'date' && input.sort !== 'semver') throw new PolicyInputError('sort', `${labels.sort} ${quote(input.sort)}: use date or semver`);
    policy.sort = input.sort;
  }
  return policy;
}
