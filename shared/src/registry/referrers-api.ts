// The OCI 1.1 referrers API (GET /v2/<repo>/referrers/<digest>): an image index of descriptors,
// possibly paged with Link headers like the tag list (each page size-capped, the pages checked
// by a PageGuard for loops and repeats). undefined when the registry has no such API
// (distribution 2.x answers 404). Filters by artifactType client-side unless every page says
// the registry did (OCI-Filters-Applied).
import type { Transport } from '../transport/transport';
import { MEDIA_TYPES } from './media-types';
import { parseManifest, type Descriptor } from './manifest';
import { nextLink } from './link-header';
import { PageGuard } from './page-guard';
import { MAX_MANIFEST_BYTES, header, invalid, mediaTypeOf, pull, readLimited } from './wire';

export async function fetchReferrers(
  transport: Transport,
  host: string,
  repository: string,
  digest: string,
  opts: { signal?: AbortSignal; artifactType?: string } = {},
): Promise<Descriptor[] | undefined> {
  const q = opts.artifactType ? `?artifactType=${encodeURIComponent(opts.artifactType)}` : '';
  const guard = new PageGuard(`the referrers of ${host}/${repository}@${digest}`, host, repository);
  let path: string | undefined = `/v2/${repository}/referrers/${digest}${q}`;
  const list: Descriptor[] = [];
  let filtered = true;
  let first = true;
  while (path) {
    guard.visit(path);
    const res = await transport.request({
      method: 'GET',
      path,
      repository,
      scopes: [pull(repository)],
      signal: opts.signal,
      okStatus: [200, 404, 400, 405],
      what: `listing referrers of ${repository}@${digest}`,
      headers: { accept: MEDIA_TYPES.ociIndex },
    });
    if (res.status !== 200 || mediaTypeOf(res) !== MEDIA_TYPES.ociIndex) {
      await res.body.dump();
      if (first) return undefined;
      throw invalid(host, repository, `the referrers API answered page 1 but not the next page ${path} (HTTP ${res.status})`);
    }
    first = false;
    const raw = await readLimited(res, MAX_MANIFEST_BYTES, host, repository, 'referrers index');
    guard.page(raw);
    let page: Descriptor[];
    try {
      const m = parseManifest(raw, MEDIA_TYPES.ociIndex);
      page = m.kind === 'index' ? m.manifests : [];
    } catch (err) {
      throw invalid(host, repository, `the referrers response is invalid: ${(err as Error).message}`);
    }
    guard.count(page.length);
    list.push(...page);
    if (!header(res.headers['oci-filters-applied'])?.includes('artifactType')) filtered = false;
    const next = nextLink(res.headers.link, res.url);
    path = next ? next.pathname + next.search : undefined;
  }
  return opts.artifactType && !filtered ? list.filter((d) => d.artifactType === opts.artifactType) : list;
}
