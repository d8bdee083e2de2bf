// The linter's bounds, so that any file lints in time and memory linear in its size:
// a size cap, a cap on diagnostics per severity, and short forms of user text (keys,
// values, lists of names) inside messages.

/** Files larger than this (in characters) are not linted; real configs are a few KB. */
export const MAX_LINT_CHARS = 4 * 1024 * 1024;
/** Diagnostics kept per severity; the rest are counted in one closing `lint-truncated` diagnostic. */
export const MAX_DIAGNOSTICS_PER_SEVERITY = 500;
/** Longest piece of user text (a key, a value) quoted in a message. */
export const MAX_QUOTED = 80;
/** Names listed in one message before "and N more". */
export const MAX_LISTED = 8;
/** Pairs that `<<` merge keys may add to the document before Dockhand stops expanding them. */
export const MAX_MERGED_PAIRS = 100_000;

/** User text shortened for a message. */
export function clip(s: string, max = MAX_QUOTED): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** `a, b, c and 12 more` (each name clipped). */
export function listNames(names: readonly string[], max = MAX_LISTED): string {
  const shown = names
    .slice(0, max)
    .map((n) => clip(n))
    .join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
