// Sorting of tag rows by name, version (semver-ish, tolerant of "v1.2" and "1.2.3-rc1"),
// creation date and size. Pure: unit-tested in Node (tag-sort.test.ts).
import type { TagRow } from '../preload/api';

export type TagSortKey = 'name' | 'semver' | 'date' | 'size';
export type SortDirection = 'asc' | 'desc';

interface Version { nums: number[]; pre: string | undefined }

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
    if (!Number.isNaN(na) && !Number.isNaN(nb)) { if (na !== nb) return na - nb; continue; }
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

/** Rows without a date or size always go last, whichever the direction. */
export function sortTags(rows: readonly TagRow[], key: TagSortKey, dir: SortDirection): TagRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: TagRow, b: TagRow) => a.tag.localeCompare(b.tag, undefined, { numeric: true });
  return [...rows].sort((a, b) => {
    let c: number | undefined;
    switch (key) {
      case 'name': c = byName(a, b) * sign; break;
      case 'semver': {
        const isA = !!parseVersion(a.tag);
        const isB = !!parseVersion(b.tag);
        c = isA && isB ? compareVersions(a.tag, b.tag) * sign : isA ? -1 : isB ? 1 : byName(a, b);
        break;
      }
      case 'date': {
        const ta = a.created ? Date.parse(a.created) : undefined;
        const tb = b.created ? Date.parse(b.created) : undefined;
        const r = compareDefined(Number.isNaN(ta as number) ? undefined : ta, Number.isNaN(tb as number) ? undefined : tb, (x, y) => x - y);
        c = r === undefined ? 0 : a.created && b.created ? r * sign : r;
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
}
