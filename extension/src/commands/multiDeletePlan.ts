// The one combined preview of Delete… on several selected tags (issue 15 item 10): which
// manifests deleting would remove, which tags that were not selected would go with them, and
// which tags "Remove Only These Tags" removes. Pure (no vscode), so the words are unit-tested.

export interface SelectedTag {
  /** Registry host, repository and tag of one selected tree item. */
  host: string;
  repo: string;
  tag: string;
  /** The manifest digest the tag points at. */
  digest: string;
  /** Every tag of the repository pointing at that digest (selected or not). */
  tagsOfDigest: readonly string[];
}

export interface ManifestToDelete {
  host: string;
  repo: string;
  digest: string;
  /** The selected tags on it. */
  selected: string[];
  /** Tags on it that were not selected: deleting the manifest removes them too. */
  siblings: string[];
  /** Attachments deleting it would orphan (when known). */
  orphans?: number;
}

export interface MultiDeletePlan {
  /** What "Remove Only These Tags" removes: the selected tags, host/repo:tag. */
  untag: Array<{ host: string; repo: string; tag: string }>;
  /** What deleting the manifests removes: one entry per distinct image. */
  manifests: ManifestToDelete[];
}

const key = (host: string, repo: string) => `${host}/${repo}`;

/** The plan for a selection (duplicates in the selection count once). */
export function planMultiDelete(selected: readonly SelectedTag[]): MultiDeletePlan {
  const seen = new Set<string>();
  const untag: MultiDeletePlan['untag'] = [];
  const manifests = new Map<string, ManifestToDelete>();
  for (const s of selected) {
    const id = `${key(s.host, s.repo)}:${s.tag}`;
    if (seen.has(id)) continue;
    seen.add(id);
    untag.push({ host: s.host, repo: s.repo, tag: s.tag });
    const mid = `${key(s.host, s.repo)}@${s.digest}`;
    const m = manifests.get(mid) ?? { host: s.host, repo: s.repo, digest: s.digest, selected: [], siblings: [] };
    m.selected.push(s.tag);
    for (const t of s.tagsOfDigest) if (!m.siblings.includes(t)) m.siblings.push(t);
    manifests.set(mid, m);
  }
  for (const m of manifests.values()) m.siblings = m.siblings.filter((t) => !m.selected.includes(t)).sort();
  return { untag, manifests: [...manifests.values()] };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every tag deleting the manifests removes (selected and siblings). */
export function tagsRemovedByDelete(plan: MultiDeletePlan): number {
  return plan.manifests.reduce((n, m) => n + m.selected.length + m.siblings.length, 0);
}

/** The safe button (the dialog's default) and the destructive one, which says what it removes. */
export function multiDeleteLabels(plan: MultiDeletePlan): { untag: string; delete: string } {
  return {
    untag: `Remove Only These ${plural(plan.untag.length, 'Tag')}`,
    delete: `Delete ${plural(plan.manifests.length, 'Manifest')} and All ${plural(tagsRemovedByDelete(plan), 'Tag')}`,
  };
}

/** The dialog's title line. */
export function multiDeleteTitle(plan: MultiDeletePlan): string {
  const repos = new Set(plan.untag.map((u) => key(u.host, u.repo)));
  return `Delete ${plural(plan.untag.length, 'tag')}${repos.size === 1 ? ` of ${[...repos][0]}` : ` in ${repos.size} repositories`}?`;
}

const MAX_LINES = 20;

function capped(lines: string[]): string[] {
  return lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `  • … and ${lines.length - MAX_LINES} more`] : lines;
}

/** The dialog's detail: both outcomes, side by side, before anything is done. */
export function multiDeleteDetail(plan: MultiDeletePlan): string {
  const labels = multiDeleteLabels(plan);
  const repos = new Set(plan.untag.map((u) => key(u.host, u.repo)));
  const name = (host: string, repo: string) => (repos.size === 1 ? repo : key(host, repo));
  const untagLines = capped(plan.untag.map((u) => `  • ${name(u.host, u.repo)}:${u.tag}`));
  const manifestLines = capped(
    plan.manifests.map((m) => {
      const also = m.siblings.length ? `; also removes ${m.siblings.map((t) => `:${t}`).join(', ')}` : '';
      const orphans = m.orphans ? `; leaves ${plural(m.orphans, 'attachment')} orphaned` : '';
      return `  • ${name(m.host, m.repo)}@${m.digest.slice(0, 19)}… (${m.selected.map((t) => `:${t}`).join(', ')}${also}${orphans})`;
    }),
  );
  const siblings = plan.manifests.reduce((n, m) => n + m.siblings.length, 0);
  return [
    `"${labels.untag}" removes only the selected tags; the images stay for any other tag and until garbage collection:`,
    '',
    ...untagLines,
    '',
    `"${labels.delete}" deletes ${plural(plan.manifests.length, 'image manifest')}${siblings ? `, and with them ${plural(siblings, 'tag')} you did not select` : ''}:`,
    '',
    ...manifestLines,
  ].join('\n');
}
