// Sorting a large repository's tags by date: the tags show at once by name with a loading
// note, and re-sort by date once every tag's date has arrived (fetched a few at a time).
// Seeds its own repository on the plain-HTTP bed registry through the raw registry API.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand, labels, plainRegistry, repoNode, setSetting } from './api';
import type { DockhandNode } from '../../tree/nodes';

const REPO = 'dates/many';
const COUNT = 55;
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function putBlob(base: string, data: Buffer): Promise<string> {
  const digest = sha(data);
  const start = await fetch(`${base}/v2/${REPO}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`start upload: HTTP ${start.status} ${await start.text()}`);
  const loc = new URL(start.headers.get('location')!, base);
  loc.searchParams.set('digest', digest);
  const put = await fetch(loc, { method: 'PUT', body: new Uint8Array(data), headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`put blob: HTTP ${put.status} ${await put.text()}`);
  return digest;
}

/** COUNT tags t00..t54 whose creation dates are a permutation of COUNT days (not name order). */
async function seed(base: string): Promise<Record<string, string>> {
  const layer = Buffer.from('dockhand tag-date layer');
  const layerDigest = await putBlob(base, layer);
  const dates: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) {
    const tag = `t${String(i).padStart(2, '0')}`;
    dates[tag] = new Date(Date.UTC(2024, 0, 1 + ((i * 7) % COUNT))).toISOString();
    const config = Buffer.from(JSON.stringify({ created: dates[tag], architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [sha(layer)] } }));
    const configDigest = await putBlob(base, config);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: DOCKER_MANIFEST,
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: configDigest, size: config.length },
        layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: layerDigest, size: layer.length }],
      }),
    );
    const res = await fetch(`${base}/v2/${REPO}/manifests/${tag}`, {
      method: 'PUT',
      body: new Uint8Array(manifest),
      headers: { 'content-type': DOCKER_MANIFEST },
    });
    if (res.status !== 201) throw new Error(`put manifest ${tag}: HTTP ${res.status} ${await res.text()}`);
  }
  return dates;
}

test('tree: by date, a repository with many tags shows by name with a loading note, then re-sorts once the dates arrive', async () => {
  const { plain } = bedConfig();
  const api = await dockhand();
  const dates = await seed(plain.url);
  const reg = await plainRegistry();
  const repo = repoNode(reg, REPO);
  const byName = Object.keys(dates).sort();
  const byDate = [...byName].sort((a, b) => Date.parse(dates[b]) - Date.parse(dates[a]));
  assert.notDeepEqual(byDate, byName);

  let fired = 0;
  const sub = api.registries.onDidChangeTreeData((n) => {
    if (n?.kind === 'repository' && n.repo === REPO) fired++;
  });
  await setSetting('tags.sort', 'date');
  try {
    const first = await api.registries.getChildren(repo);
    assert.equal(first[0]?.kind, 'info');
    assert.match(labels(first)[0], new RegExp(`Loading the dates of ${COUNT} tags`));
    assert.deepEqual(labels(first.slice(1)), byName);

    // The repository node is redrawn when the dates are in; a settings refresh racing with
    // the first load may restart it, so wait for redraws until the note is gone.
    let kids: DockhandNode[] = first;
    let seen = 0;
    for (let i = 0; i < 5 && kids[0]?.kind === 'info'; i++) {
      for (let w = 0; w < 600 && fired === seen; w++) await new Promise((r) => setTimeout(r, 100));
      seen = fired;
      kids = await api.registries.getChildren(repo);
    }
    assert.deepEqual(labels(kids), byDate);
    assert.ok(
      kids.every((k) => k.kind === 'tag' && k.created !== undefined && Date.parse(k.created) === Date.parse(dates[k.tag])),
      'every tag carries its creation date',
    );
  } finally {
    sub.dispose();
    await setSetting('tags.sort', undefined);
  }
}, 180_000);
