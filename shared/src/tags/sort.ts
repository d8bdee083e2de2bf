// The one tag sorter of Dockhand (the CLI's `tags --sort`, clean-up's "newest first", the
// extension's tree and the desktop's tag list): by name (numeric aware), version (semver,
// loose: "v1.2", "2", "1.2.3-rc.1"), creation date, size, push time and last pull.
// Pure: no Node built-ins (the desktop renderer bundles it); the semver package is plain JS.
//
// One rule for every key: rows that have the value sort by it in the asked direction, ties
// broken by name: A-Z in the views (the extension's tree and the desktop's list, as a reader
// expects), or in the sort's direction for clean-up and the CLI ("desc" is then exactly "asc"
// reversed, so "build-10" counts as newer than "build-9" on the same date). Either way a total
// order, never the registry's listing order. Rows without the value (no date, no size, not a
// version) go last, A-Z, whichever the direction. Each row's key is computed once before sorting, so
// 3,000 tags sort in a few milliseconds.
import semver from 'semver';

/** 'pushed' is the push event's time, else the image's created date; 'pulled' the last recorded pull. */
export type TagSortKey = 'name' | 'semver' | 'date' | 'size' | 'pushed' | 'pulled';
export type SortDirection = 'asc' | 'desc';
/** How rows with the same value order: by name A-Z (the views), or by name in the sort's direction (clean-up, the CLI). */
export type TieOrder = 'a-z' | 'with-direction';

/** What a tag row may know of itself; the sorter reads only these fields. */
export interface SortableTag {
  tag: string;
  created?: string;
  size?: number;
  pushedAt?: string;
  lastPulled?: string;
}

/** The version a tag names ("v1.2" -> 1.2.0, "2" -> 2.0.0, loose semver otherwise), or undefined. */
export function tagVersion(tag: string): semver.SemVer | undefined {
  const parsed = semver.parse(tag, { loose: true });
  if (parsed) return parsed;
  const m = /^v?(\d+)(?:\.(\d+))?$/.exec(tag);
  return m ? (semver.parse(`${m[1]}.${m[2] ?? 0}.0`) ?? undefined) : undefined;
}

const collator = new Intl.Collator('en', { numeric: true });
/** Names A-Z, numeric aware ("tag-2" before "tag-10"), then byte order so no two names tie. */
export const compareTagNames = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/** Version precedence (oldest first; a release after its pre-releases); tags that are no version after every version, A-Z. */
export function compareVersions(a: string, b: string): number {
  const va = tagVersion(a);
  const vb = tagVersion(b);
  if (va && vb) return semver.compare(va, vb) || compareTagNames(a, b);
  return va ? -1 : vb ? 1 : compareTagNames(a, b);
}

function timeOf(iso: string | undefined): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

type Value = number | semver.SemVer | undefined;

function valueOf(row: SortableTag, key: TagSortKey): Value {
  switch (key) {
    case 'name':
      return 0;
    case 'semver':
      return tagVersion(row.tag);
    case 'date':
      return timeOf(row.created);
    case 'pushed':
      return timeOf(row.pushedAt ?? row.created);
    case 'pulled':
      return timeOf(row.lastPulled);
    case 'size':
      return row.size;
  }
}

/** The rows in the asked order (a new array; the input is left alone). */
export function sortTags<R extends SortableTag>(rows: readonly R[], key: TagSortKey, dir: SortDirection, ties: TieOrder = 'a-z'): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  const tieSign = ties === 'a-z' ? 1 : sign;
  const keyed = rows.map((row) => ({ row, value: valueOf(row, key) }));
  keyed.sort((a, b) => {
    if (a.value === undefined || b.value === undefined) {
      if (a.value !== undefined) return -1;
      if (b.value !== undefined) return 1;
      return compareTagNames(a.row.tag, b.row.tag);
    }
    const c = typeof a.value === 'number' ? a.value - (b.value as number) : semver.compare(a.value, b.value as semver.SemVer);
    return c ? c * sign : compareTagNames(a.row.tag, b.row.tag) * tieSign;
  });
  return keyed.map((k) => k.row);
}

/** Tag names in the asked order; `info` tells what is known of a tag (dates, size). */
export function sortTagNames(
  tags: readonly string[],
  key: TagSortKey,
  dir: SortDirection,
  info?: (tag: string) => Omit<SortableTag, 'tag'> | undefined,
  ties: TieOrder = 'a-z',
): string[] {
  return sortTags(
    tags.map((tag) => ({ ...info?.(tag), tag })),
    key,
    dir,
    ties,
  ).map((r) => r.tag);
}
