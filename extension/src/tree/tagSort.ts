// Tag order for the tree: by semantic version (newest first; "v" prefixes and loose
// versions accepted; non-versions after, alphabetically) or by image creation date
// (newest first; tags without a known date last, alphabetically).
import semver from 'semver';

/** 'pushed' (push event time, else the image's created date) and 'pulled' need the event receiver. */
export type TagSortMode = 'semver' | 'date' | 'pushed' | 'pulled';
type Usage = ReadonlyMap<string, { pushedAt?: string; lastPulled?: string }>;

function version(tag: string): string | null {
  return semver.valid(tag, { loose: true }) ?? semver.valid(semver.clean(tag, { loose: true }) ?? '', { loose: true }) ?? null;
}

export function sortTags(tags: readonly string[], mode: TagSortMode, created?: ReadonlyMap<string, string | undefined>, usage?: Usage): string[] {
  const byName = (a: string, b: string) => a.localeCompare(b, undefined, { numeric: true });
  if (mode === 'date' || ((mode === 'pushed' || mode === 'pulled') && usage)) {
    const time = (t: string) => {
      const c = mode === 'pushed' ? (usage?.get(t)?.pushedAt ?? created?.get(t)) : mode === 'pulled' ? usage?.get(t)?.lastPulled : created?.get(t);
      const ms = c ? Date.parse(c) : NaN;
      return Number.isNaN(ms) ? undefined : ms;
    };
    return [...tags].sort((a, b) => {
      const ta = time(a);
      const tb = time(b);
      if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
      if (ta !== undefined && tb === undefined) return -1;
      if (ta === undefined && tb !== undefined) return 1;
      return byName(a, b);
    });
  }
  return [...tags].sort((a, b) => {
    const va = version(a);
    const vb = version(b);
    if (va && vb) return semver.rcompare(va, vb, { loose: true }) || byName(a, b);
    if (va) return -1;
    if (vb) return 1;
    return byName(a, b);
  });
}
