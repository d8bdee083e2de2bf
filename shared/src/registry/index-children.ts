// The children of an index that are worth fetching: each digest once (an index may list one
// manifest thousands of times), and no more than a real multi-platform image ever has.
import { RegistryError } from '../transport/registry-error';
import type { Descriptor, IndexManifest } from './manifest';

/** The most distinct manifests one index may list (real ones list a few dozen platforms and attestations). */
export const MAX_INDEX_CHILDREN = 1000;

/** The index's children, each digest once (the first descriptor wins), at most MAX_INDEX_CHILDREN or a RegistryError. */
export function uniqueChildren(index: IndexManifest, where: { host: string; repository: string; digest: string }): Descriptor[] {
  const seen = new Set<string>();
  const out: Descriptor[] = [];
  for (const d of index.manifests) {
    if (seen.has(d.digest)) continue;
    seen.add(d.digest);
    out.push(d);
    if (out.length > MAX_INDEX_CHILDREN) {
      throw new RegistryError({
        code: 'INVALID_RESPONSE',
        host: where.host,
        repository: where.repository,
        summary: `the index ${where.digest} lists more than ${MAX_INDEX_CHILDREN} different manifests (${index.manifests.length} entries); Dockhand does not follow that many`,
        fix: 'This is not a usable multi-platform image: check what pushed it, and delete it if it is not yours.',
      });
    }
  }
  return out;
}
