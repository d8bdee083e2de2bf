// The one combined preview of deleting or untagging several selected tags: per-tag delete
// plans (digest, sibling tags) folded into what each choice does. Pure: unit-tested in Node.
export interface TagPlan {
  tag: string;
  digest: string;
  /** Other tags pointing at the same manifest. */
  siblingTags: string[];
}

export interface BulkDeletePlan {
  /** "Untag only" (the default): these tags go; every manifest stays. */
  untag: string[];
  /** "Delete the manifests": each digest once, with every tag it takes along (selected first). */
  manifests: Array<{ digest: string; tags: string[] }>;
  /** Tags NOT selected that deleting the manifests removes too. */
  siblingsToo: string[];
  /** Images left without any tag by "untag only" (the registry keeps them until garbage collection). */
  leftUntagged: string[];
}

export function combinePlans(plans: readonly TagPlan[]): BulkDeletePlan {
  const selected = new Set(plans.map((p) => p.tag));
  const byDigest = new Map<string, { selected: string[]; all: Set<string> }>();
  for (const p of plans) {
    const g = byDigest.get(p.digest) ?? { selected: [], all: new Set<string>() };
    g.selected.push(p.tag);
    g.all.add(p.tag);
    for (const s of p.siblingTags) g.all.add(s);
    byDigest.set(p.digest, g);
  }
  const manifests = [...byDigest].map(([digest, g]) => ({ digest, tags: [...g.selected, ...[...g.all].filter((t) => !selected.has(t)).sort()] }));
  return {
    untag: plans.map((p) => p.tag),
    manifests,
    siblingsToo: manifests.flatMap((m) => m.tags.filter((t) => !selected.has(t))),
    leftUntagged: manifests.filter((m) => m.tags.every((t) => selected.has(t))).map((m) => m.digest),
  };
}
