// Sorting of tag rows by name, version (semver-ish, tolerant of "v1.2" and "1.2.3-rc1"),
// creation date and size. Pure: unit-tested in Node (tag-sort.test.ts).
import type { TagRow, TagUsageInfo } from '../common';

/** 'pushed' and 'pulled' come from the event receiver (pushed falls back to the image's created date). */
export type TagSortKey = 'name' | 'semver' | 'date' | 'size' | 'pushed' | 'pulled';
/** A tag row with what the event receiver knows of it. */
export type UsageRow = TagRow & Partial<Omit<TagUsageInfo, 'tag'>>;

function timeOf(iso: string | undefined): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
}
export type SortDirection = 'asc' | 'desc';

interface Version {
  nums: number[];
  pre: string | undefined;
}

export function parseVersion(tag: string): Version | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(tag);
  if (!m) return undefined;
  const nums = [m[1], m[2], m[3], m[4]].map((x) => (x === undefined ? 0 : Number(x)));
  return { nums, pre: m[5] };
}

/** Semver-like precedence; tags that are no version sort after every version (by name). */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return va ? -1 : vb ? 1 : a.localeCompare(b);
  for (let i = 0; i < 4; i++) if (va.nums[i] !== vb.nums[i]) return va.nums[i] - vb.nums[i];
  if (va.pre === vb.pre) return a.localeCompare(b);
  if (va.pre === undefined) return 1; // 1.0.0 > 1.0.0-rc1
  if (vb.pre === undefined) return -1;
  return comparePrerelease(va.pre, vb.pre);
}

function comparePrerelease(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const na = /^\d+$/.test(pa[i]) ? Number(pa[i]) : NaN;
    const nb = /^\d+$/.test(pb[i]) ? Number(pb[i]) : NaN;
    if (!Number.isNaN(na) && !Number.isNaN(nb)) {
      if (na !== nb) return na - nb;
      continue;
    }
    if (!Number.isNaN(na)) return -1;
    if (!Number.isNaN(nb)) return 1;
    const c = pa[i].localeCompare(pb[i]);
    if (c) return c;
  }
  return 0;
}

function compareDefined<T>(a: T | undefined, b: T | undefined, cmp: (x: T, y: T) => number): number | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return cmp(a, b);
}

const collator = new Intl.Collator(undefined, { numeric: true });

function compareParsed(a: { tag: string; v: Version }, b: { tag: string; v: Version }): number {
  const va = a.v;
  const vb = b.v;
  for (let i = 0; i < 4; i++) if (va.nums[i] !== vb.nums[i]) return va.nums[i] - vb.nums[i];
  if (va.pre === vb.pre) return a.tag.localeCompare(b.tag);
  if (va.pre === undefined) return 1;
  if (vb.pre === undefined) return -1;
  return comparePrerelease(va.pre, vb.pre);
}

/**
 * Rows without a date or size always go last, whichever the direction. Each row's sort key
 * (version, time) is computed once, and names compare through one Intl.Collator, so 3,000
 * tags sort in a few milliseconds instead of re-parsing in every comparison.
 */
export function sortTags<R extends UsageRow>(rows: readonly R[], key: TagSortKey, dir: SortDirection): R[] {
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => {
    const time = timeOf(key === 'pushed' ? (row.pushedAt ?? row.created) : key === 'pulled' ? row.lastPulled : row.created);
    return { row, tag: row.tag, v: key === 'semver' ? parseVersion(row.tag) : undefined, time, size: row.size };
  });
  const byName = (a: { tag: string }, b: { tag: string }) => collator.compare(a.tag, b.tag);
  keyed.sort((a, b) => {
    let c: number | undefined;
    switch (key) {
      case 'name':
        c = byName(a, b) * sign;
        break;
      case 'semver':
        c = a.v && b.v ? compareParsed(a as { tag: string; v: Version }, b as { tag: string; v: Version }) * sign : a.v ? -1 : b.v ? 1 : byName(a, b);
        break;
      case 'date':
      case 'pushed':
      case 'pulled': {
        const r = compareDefined(a.time, b.time, (x, y) => x - y);
        c = r === undefined ? 0 : a.time !== undefined && b.time !== undefined ? r * sign : r;
        break;
      }
      case 'size': {
        const r = compareDefined(a.size, b.size, (x, y) => x - y);
        c = r === undefined ? 0 : a.size !== undefined && b.size !== undefined ? r * sign : r;
        break;
      }
    }
    return c || byName(a, b);
  });
  return keyed.map((k) => k.row);
}
