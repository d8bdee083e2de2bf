// "Analyze Size" and "Clean Up…" through the real command API, on a repository of the
// plain-HTTP bed registry that this suite seeds for itself through the raw registry API
// (so no other suite's data changes). Named "commands: ..." to run with the commands suites.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { dockhand, registryNode, repoNode } from './api';
import type { RepositorySize, PurgePlan, ApplyResult } from '@dockhand/shared/cleanup';

const REPO = 'cleanup/demo';
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

async function ok(res: Response, what: string, expected: number[]): Promise<Response> {
  if (!expected.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
  return res;
}

async function pushBlob(base: string, data: Buffer): Promise<string> {
  const digest = sha(data);
  const start = await ok(await fetch(`${base}/v2/${REPO}/blobs/uploads/`, { method: 'POST' }), 'start upload', [202]);
  const loc = new URL(start.headers.get('location')!, base);
  loc.searchParams.set('digest', digest);
  await ok(await fetch(loc, { method: 'PUT', body: new Uint8Array(data), headers: { 'content-type': 'application/octet-stream' } }), 'put blob', [201]);
  return digest;
}

/** An image of the given layers (opaque bytes), created `daysAgo` days ago, under `tag`. */
async function pushImage(base: string, tag: string, layers: Buffer[], daysAgo: number): Promise<{ digest: string; uniqueSize: number }> {
  const config = Buffer.from(
    JSON.stringify({
      created: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map(sha) },
      config: { Labels: { n: tag } },
    }),
  );
  const configDigest = await pushBlob(base, config);
  for (const l of layers) await pushBlob(base, l);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: configDigest, size: config.length },
      layers: layers.map((l) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: sha(l), size: l.length })),
    }),
  );
  await ok(
    await fetch(`${base}/v2/${REPO}/manifests/${tag}`, { method: 'PUT', body: new Uint8Array(manifest), headers: { 'content-type': DOCKER_MANIFEST } }),
    'put manifest',
    [201],
  );
  return { digest: sha(manifest), uniqueSize: config.length + layers.slice(1).reduce((a, l) => a + l.length, 0) };
}

async function tags(base: string): Promise<string[]> {
  const j = (await (await fetch(`${base}/v2/${REPO}/tags/list`)).json()) as { tags: string[] | null };
  return (j.tags ?? []).sort();
}

let seeded: Record<string, { digest: string; uniqueSize: number }> | undefined;
async function seed(): Promise<string> {
  const { plain } = bedConfig();
  if (!seeded) {
    const base = randomBytes(50_000);
    seeded = {
      old: await pushImage(plain.url, 'old', [base, randomBytes(7_000)], 90),
      mid: await pushImage(plain.url, 'mid', [base, randomBytes(8_000)], 40),
      new: await pushImage(plain.url, 'new', [base, randomBytes(9_000)], 1),
    };
  }
  return plain.url;
}

async function node() {
  const { plain } = bedConfig();
  const api = await dockhand();
  if (!(await api.registries.getChildren()).some((n) => n.kind === 'registry' && n.target.host === plain.host)) {
    await vscode.commands.executeCommand('dockhand.addRegistry', { url: plain.url, insecure: true });
  }
  return repoNode(await registryNode(api, plain.host), REPO);
}

test('commands: cleanup: Analyze Size reports unique and shared bytes per tag', async () => {
  await seed();
  const report = await vscode.commands.executeCommand<RepositorySize>('dockhand.analyzeSize', await node(), { quiet: true });
  assert.deepEqual(report.tags.map((t) => t.tag).sort(), ['mid', 'new', 'old']);
  const old = report.tags.find((t) => t.tag === 'old')!;
  assert.equal(old.uniqueBytes, seeded!.old!.uniqueSize);
  assert.equal(old.sharedBytes, 50_000);
});

test('commands: cleanup: Clean Up plans first, then deletes exactly the plan', async () => {
  const base = await seed();
  const repo = await node();
  const dry = await vscode.commands.executeCommand<{ plan: PurgePlan; result?: ApplyResult }>('dockhand.cleanUp', repo, {
    policy: { keep: 1, olderThan: '30d' },
    confirm: false,
    quiet: true,
  });
  assert.deepEqual(dry.plan.deleteManifests.map((d) => d.digest).sort(), [seeded!.old!.digest, seeded!.mid!.digest].sort());
  assert.equal(dry.result, undefined);
  assert.deepEqual(await tags(base), ['mid', 'new', 'old'], 'the plan alone deletes nothing');
  const done = await vscode.commands.executeCommand<{ plan: PurgePlan; result?: ApplyResult }>('dockhand.cleanUp', repo, {
    policy: { keep: 1, olderThan: '30d' },
    confirm: true,
    quiet: true,
  });
  assert.deepEqual(done.result?.deleted.sort(), dry.plan.deleteManifests.map((d) => d.digest).sort());
  assert.deepEqual(done.result?.failed, []);
  assert.deepEqual(await tags(base), ['new']);
});
