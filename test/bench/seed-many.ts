// Seeds a registry quickly through its HTTP API: many repositories, or many tags, each
// pointing at one tiny manifest whose blobs are cross-repository mounted (no re-upload).
import { Pool } from 'undici';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CONFIG = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: {} }));
const LAYER = Buffer.from('dockhand bench tiny layer\n');
const sha = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

function manifest(): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: CONFIG.length, digest: sha(CONFIG) },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: LAYER.length, digest: sha(LAYER) }],
    }),
  );
}

async function expect(res: { statusCode: number; body: { text(): Promise<string> } }, ok: number[], what: string): Promise<void> {
  const text = await res.body.text();
  if (!ok.includes(res.statusCode)) throw new Error(`${what}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
}

async function parallel<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function uploadBlob(pool: Pool, repo: string, data: Buffer): Promise<void> {
  const start = await pool.request({ path: `/v2/${repo}/blobs/uploads/`, method: 'POST' });
  await expect(start, [202], `start upload to ${repo}`);
  const location = new URL(String(start.headers.location), 'http://registry.invalid');
  location.searchParams.set('digest', sha(data));
  const res = await pool.request({
    path: location.pathname + location.search,
    method: 'PUT',
    body: data,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(data.length) },
  });
  await expect(res, [201], `upload to ${repo}`);
}

/** `count` repositories named `${prefix}/repo-00001`..., each with tag `v1`. */
export async function seedRepositories(url: string, prefix: string, count: number, concurrency = 24): Promise<void> {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  const seedRepo = `${prefix}/seed`;
  await uploadBlob(pool, seedRepo, CONFIG);
  await uploadBlob(pool, seedRepo, LAYER);
  const m = manifest();
  const names = Array.from({ length: count }, (_, i) => `${prefix}/repo-${String(i).padStart(5, '0')}`);
  await parallel(names, concurrency, async (repo) => {
    for (const d of [sha(CONFIG), sha(LAYER)]) {
      const res = await pool.request({ path: `/v2/${repo}/blobs/uploads/?mount=${d}&from=${seedRepo}`, method: 'POST' });
      await expect(res, [201], `mount into ${repo}`);
    }
    const res = await pool.request({
      path: `/v2/${repo}/manifests/v1`,
      method: 'PUT',
      body: m,
      headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    await expect(res, [201], `manifest ${repo}`);
  });
  await pool.close();
}

/** One repository with `count` tags `t00001`... on one tiny manifest. */
export async function seedTags(url: string, repo: string, count: number, concurrency = 24): Promise<void> {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1 });
  await uploadBlob(pool, repo, CONFIG);
  await uploadBlob(pool, repo, LAYER);
  const m = manifest();
  const tags = Array.from({ length: count }, (_, i) => `t${String(i).padStart(5, '0')}`);
  await parallel(tags, concurrency, async (tag) => {
    const res = await pool.request({
      path: `/v2/${repo}/manifests/${tag}`,
      method: 'PUT',
      body: m,
      headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v2+json' },
    });
    await expect(res, [201], `tag ${tag}`);
  });
  await pool.close();
}

/**
 * One repository with `count` tags on one tiny manifest, written straight into the registry's filesystem storage
 * (the tag links of distribution's layout): 200,000 tags in a minute or two instead of 200,000 PUTs. The registry then
 * lists them as it would pushed ones (distribution 2.8 lists them all in one page, ignoring `n`) and resolves each
 * tag through its `current/link`. Only that link is written (2 directories and 1 file per tag, not 5 and 2: on a
 * loaded machine the full layout took about 5 minutes for 200,000 tags); the per-tag index of past digests, which
 * only tag deletion and lookups by digest read, is left out.
 */
export async function seedTagsOnDisk(url: string, rootDir: string, repo: string, count: number): Promise<void> {
  await seedTags(url, repo, 1); // t00000 through the API: blobs, revision and one tag in the real layout
  const tagsDir = join(rootDir, 'docker/registry/v2/repositories', repo, '_manifests/tags');
  const current = readFileSync(join(tagsDir, 't00000/current/link'), 'utf8');
  for (let i = 1; i < count; i++) {
    const tag = join(tagsDir, `t${String(i).padStart(6, '0')}`);
    mkdirSync(tag);
    mkdirSync(join(tag, 'current'));
    writeFileSync(join(tag, 'current/link'), current);
  }
}
