// Retention policy against a real registry: the dry run, then --apply deletes exactly that
// plan, then the registry's own garbage collector frees what the plan said (within the
// size of the manifests), measured in its storage folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, seedIndex, tempDir, registryFetch, REGISTRY_BIN, type RegistryHandle, type SeededIndex } from '../bed/index';
import { runCli, isolatedCliEnv, type CliResult } from './helpers/run-cli';
import { planPurge, applyPlan, type PurgePlan, type ApplyResult, type ApplyEvent } from '@dockhand/shared/cleanup';
import { RegistryClient } from '../../shared/src/registry/client';
import { makeLayer, pushImage, addTag, blobFiles, daysAgo, type PushedImage } from './cleanup-seed';

const run = promisify(execFile);
const REPO = 'team/app';
let reg: RegistryHandle;
const img: Record<string, PushedImage> = {};
let idx: SeededIndex;
let sharedWithOther: string;

before(
  async () => {
    reg = await startRegistry();
    const [base, a, b, c, d, e, keep] = await Promise.all([300_000, 20_000, 30_000, 40_000, 50_000, 60_000, 10_000].map((n) => makeLayer(n)));
    sharedWithOther = a!.digest;
    img['keep-me'] = await pushImage(reg, REPO, 'keep-me', [base!, keep!], daysAgo(200));
    img.old1 = await pushImage(reg, REPO, 'old1', [base!, a!], daysAgo(100));
    img.old2 = await pushImage(reg, REPO, 'old2', [base!, b!], daysAgo(80));
    await addTag(reg, REPO, 'stable', img.old2);
    img.mid = await pushImage(reg, REPO, 'mid', [base!, c!], daysAgo(40));
    img.new1 = await pushImage(reg, REPO, 'new1', [base!, d!], daysAgo(10));
    img.new2 = await pushImage(reg, REPO, 'new2', [e!], daysAgo(1));
    idx = await seedIndex(reg, REPO, 'idx-old', ['linux/amd64', 'linux/arm64'], { layerSizes: [8_000], created: daysAgo(90) });
    img.other = await pushImage(reg, 'team/other', 'x', [a!], daysAgo(5)); // layer a is also used elsewhere
  },
  { timeout: 120_000 },
);

after(async () => {
  await reg?.stop();
});

function cli(args: string[]): Promise<CliResult> {
  return runCli(args, { env: isolatedCliEnv('dockhand-cleanup-home') });
}

async function tagsNow(r: RegistryHandle, repo: string): Promise<string[]> {
  const res = await registryFetch(r, `/v2/${repo}/tags/list`);
  const j = (await res.json()) as { tags: string[] | null };
  return (j.tags ?? []).sort();
}

async function manifestStatus(r: RegistryHandle, repo: string, digest: string): Promise<number> {
  const res = await registryFetch(r, `/v2/${repo}/manifests/${digest}`, {
    method: 'HEAD',
    headers: {
      accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  await res.body?.cancel();
  return res.status;
}

const POLICY = ['--keep', '2', '--older-than', '30d', '--exclude', '^stable$', '--exclude', '^keep-me$'];
const sum = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);

test('purge: dry run plan, --apply deletes exactly it, garbage-collect frees what it said', { timeout: 300_000 }, async () => {
  const dry = await cli(['purge', `${reg.host}/${REPO}`, ...POLICY, '--json']);
  assert.equal(dry.code, 0, dry.err);
  const { plan, dryRun } = JSON.parse(dry.out) as { plan: PurgePlan; dryRun: boolean };
  assert.equal(dryRun, true);
  const fate = Object.fromEntries(plan.tags.map((t) => [t.tag, t.action]));
  assert.deepEqual(fate, { 'idx-old': 'delete', 'keep-me': 'keep', mid: 'delete', new1: 'keep', new2: 'keep', old1: 'delete', old2: 'untag', stable: 'keep' });
  assert.deepEqual(
    plan.deleteManifests.map((x) => x.digest).sort(),
    [img.old1!.digest, img.mid!.digest, idx.digest, ...idx.manifests.map((m) => m.digest)].sort(),
  );
  assert.deepEqual(plan.untag, [{ tag: 'old2', digest: img.old2!.digest }]);
  assert.equal(plan.freed.otherRepositoriesChecked, true);
  assert.equal(plan.freed.heldByOtherRepositories.count, 1, 'layer a stays for team/other');
  assert.ok(!plan.freed.objects.some((o) => o.digest === sharedWithOther));
  // The preview, object by object: old1 (not layer a), mid, the index with its platforms.
  const expected = [
    img.old1!.digest,
    img.old1!.configDigest,
    img.mid!.digest,
    img.mid!.configDigest,
    img.mid!.layers[1]!,
    idx.digest,
    ...idx.manifests.flatMap((m) => [m.digest, m.configDigest, ...m.layerDigests]),
  ];
  assert.deepEqual(plan.freed.objects.map((o) => o.digest).sort(), [...expected].sort());
  const files = blobFiles(reg.rootDir);
  assert.equal(
    plan.freed.bytes,
    expected.reduce((x, d) => x + files.get(d)!, 0),
  );
  // Nothing changed yet.
  assert.deepEqual(await tagsNow(reg, REPO), ['idx-old', 'keep-me', 'mid', 'new1', 'new2', 'old1', 'old2', 'stable']);

  const text = await cli(['purge', `${reg.host}/${REPO}`, ...POLICY]);
  assert.equal(text.code, 0, text.err);
  assert.match(text.out, /old2 {2}untag only/);
  assert.match(text.out, /Dry run: nothing was deleted/);

  const diskBefore = blobFiles(reg.rootDir);
  const applied = await cli(['purge', `${reg.host}/${REPO}`, ...POLICY, '--apply', '--json']);
  assert.equal(applied.code, 0, applied.err);
  const { plan: plan2, result } = JSON.parse(applied.out) as { plan: PurgePlan; result: ApplyResult };
  // The plan --apply acted on is the dry run's plan.
  assert.deepEqual({ ...plan2, createdAt: '' }, { ...plan, createdAt: '' });
  assert.deepEqual(result.deleted.sort(), plan.deleteManifests.map((x) => x.digest).sort());
  assert.deepEqual(result.untagged, ['old2']);
  assert.deepEqual(result.failed, []);
  assert.deepEqual(result.skipped, []);
  assert.match(result.garbageCollectHint, /garbage-collect/);

  // The registry now holds exactly the survivors.
  assert.deepEqual(await tagsNow(reg, REPO), plan.surviving.map((s) => s.tag).sort());
  for (const x of plan.deleteManifests) assert.equal(await manifestStatus(reg, REPO, x.digest), 404, x.digest);
  assert.equal(await manifestStatus(reg, REPO, img.old2!.digest), 200, 'old2 manifest stays for stable');
  assert.deepEqual(await tagsNow(reg, 'team/other'), ['x']);
  // Deleting frees nothing by itself.
  assert.equal(sum(blobFiles(reg.rootDir)) >= sum(diskBefore), true);

  // garbage-collect on a copy of the storage that no registry serves (the "stopped" case).
  const gcDir = tempDir('dockhand-gc');
  const storage = join(gcDir, 'storage');
  cpSync(reg.rootDir, storage, { recursive: true });
  const config = JSON.parse(readFileSync(reg.configPath, 'utf8')) as { storage: { filesystem: { rootdirectory: string } } };
  config.storage.filesystem.rootdirectory = storage;
  const gcConfig = join(gcDir, 'config.yml');
  writeFileSync(gcConfig, JSON.stringify(config));
  const before = blobFiles(storage);
  await run(REGISTRY_BIN, ['garbage-collect', gcConfig], { timeout: 120_000 });
  const afterGc = blobFiles(storage);
  const freedOnDisk = sum(before) - sum(afterGc);
  const gone = [...before.keys()].filter((d) => !afterGc.has(d));

  // Every object the plan named is gone; the rest of what went is the untag throwaways.
  for (const o of plan.freed.objects) assert.ok(!afterGc.has(o.digest), `${o.kind} ${o.digest} should be collected`);
  const extra = gone.filter((d) => !plan.freed.objects.some((o) => o.digest === d));
  const extraBytes = extra.reduce((x, d) => x + before.get(d)!, 0);
  assert.ok(extra.length <= 2 * plan.untag.length, `unexpected blobs collected: ${extra.join(', ')}`);
  assert.ok(extraBytes < 2048 * plan.untag.length, `the untag throwaways are small (${extraBytes} bytes)`);
  assert.equal(freedOnDisk, plan.freed.bytes + extraBytes);
  assert.ok(Math.abs(freedOnDisk - plan.freed.bytes) <= 2048, 'freed on disk equals the preview within the size of the manifests');
  // What survives is intact: every blob of every kept tag, and the layer team/other uses.
  assert.ok(afterGc.has(sharedWithOther));
  for (const t of ['keep-me', 'old2', 'new1', 'new2'] as const) {
    for (const d of [img[t]!.digest, img[t]!.configDigest, ...img[t]!.layers]) assert.ok(afterGc.has(d), `${t}: ${d} kept`);
  }
});

test('purge --apply on a registry with deletes disabled reports every step as failed', { timeout: 120_000 }, async () => {
  const locked = await startRegistry({ deleteEnabled: false });
  try {
    const l = await makeLayer(1000);
    await pushImage(locked, REPO, 'a', [l], daysAgo(50));
    await pushImage(locked, REPO, 'b', [l], daysAgo(40));
    await pushImage(locked, REPO, 'c', [l], daysAgo(1));
    const r = await cli(['purge', `${locked.host}/${REPO}`, '--keep', '1', '--apply', '--json']);
    assert.equal(r.code, 1);
    const { plan, result } = JSON.parse(r.out) as { plan: PurgePlan; result: ApplyResult };
    assert.equal(plan.deleteManifests.length, 2);
    assert.equal(result.failed.length, 2);
    assert.deepEqual(result.deleted, []);
    assert.equal(result.failed[0]!.code, 'UNSUPPORTED');
    assert.deepEqual(await tagsNow(locked, REPO), ['a', 'b', 'c']);
  } finally {
    await locked.stop();
  }
});

test('purge refuses a policy without a rule, and a bad duration, as usage errors', { timeout: 60_000 }, async () => {
  const none = await cli(['purge', `${reg.host}/${REPO}`, '--exclude', 'x']);
  assert.equal(none.code, 2);
  assert.match(none.err, /at least one of/);
  const bad = await cli(['purge', `${reg.host}/${REPO}`, '--older-than', '30days']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /e\.g\. 30d/);
});

test('apply skips (and reports) the steps whose tags changed after the plan', { timeout: 120_000 }, async () => {
  const repo = 'team/race';
  const l = await makeLayer(2000);
  const a = await pushImage(reg, repo, 'a', [l], daysAgo(30));
  const b = await pushImage(reg, repo, 'b', [l], daysAgo(20));
  const c = await pushImage(reg, repo, 'c', [l], daysAgo(15));
  await addTag(reg, repo, 'b-alias', b);
  const d = await pushImage(reg, repo, 'd', [l], daysAgo(1));
  const client = new RegistryClient({ host: reg.host });
  try {
    const plan = await planPurge(client, repo, { keepNewest: 1, keepPatterns: [/^b-alias$/] }, { checkOtherRepositories: false });
    assert.deepEqual(plan.deleteManifests.map((x) => x.digest).sort(), [a.digest, c.digest].sort());
    assert.deepEqual(plan.untag, [{ tag: 'b', digest: b.digest }]);
    // Meanwhile: someone tags c as "release" (deleting c would now kill it), and b moves to d's image.
    await addTag(reg, repo, 'release', c);
    await addTag(reg, repo, 'b', d);
    const events: ApplyEvent[] = [];
    const result = await applyPlan(client, plan, { onProgress: (e) => events.push(e) });
    assert.deepEqual(result.deleted, [a.digest]);
    assert.deepEqual(result.untagged, []);
    assert.deepEqual(
      result.skipped.map((x) => [x.action, x.target]).sort(),
      [
        ['delete', c.digest],
        ['untag', 'b'],
      ].sort(),
    );
    assert.match(result.skipped.find((x) => x.action === 'delete')!.reason, /changed since the plan: tag release now points at/);
    assert.deepEqual(
      events
        .filter((e) => e.status !== 'start')
        .map((e) => e.status)
        .sort(),
      ['done', 'skipped', 'skipped'],
    );
    assert.ok(events.every((e) => e.total === 3));
    assert.deepEqual(await tagsNow(reg, repo), ['b', 'b-alias', 'c', 'd', 'release']);
    assert.equal(await manifestStatus(reg, repo, d.digest), 200);
  } finally {
    await client.close();
  }
});
