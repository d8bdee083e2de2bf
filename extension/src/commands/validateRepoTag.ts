// Checks "repository:tag" as typed in an InputBox (Docker's grammar, registry host excluded).
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const REPO_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

export function validateRepoTag(v: string): string | undefined {
  const i = v.lastIndexOf(':');
  if (i <= 0) return 'Enter repository:tag, e.g. team/app:1.2';
  if (!REPO_RE.test(v.slice(0, i))) return 'The repository must be lower-case path components (a-z, 0-9, . _ -), separated by /';
  if (!TAG_RE.test(v.slice(i + 1))) return 'A tag is up to 128 letters, digits, _ . - (not starting with . or -)';
  return undefined;
}
