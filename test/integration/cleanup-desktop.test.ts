// The desktop's cleanup:* handlers (what the "Analyze size" and "Clean up…" dialogs call),
// through the dispatcher's envelope, against a real registry.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryFetch, startRegistry, tempDir, type RegistryHandle } from '../bed/index';
import { createMainApi, type MainApi } from '../../desktop/main/create-main-api';
import { createDispatcher } from '../../desktop/main/dispatcher';
import type { CleanupApplyInfo, CleanupPlanInfo, RegistrySummary, RepositorySizeInfo } from '../../desktop/common';
import { makeLayer, pushImage, addTag, blobFileSize, daysAgo, type PushedImage } from './cleanup-seed';

let reg: RegistryHandle;
let main: MainApi;
let added: RegistrySummary;
const img: Record<string, PushedImage> = {};

before(
  async () => {
    reg = await startRegistry();
    const home = tempDir('dockhand-cleanup-desktop-');
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker/config.json'), '{}\n');
    main = createMainApi({
      mode: 'served',
      stateDir: join(home, 'state'),
      env: { PATH: process.env.PATH, HOME: home, DOCKER_CONFIG: join(home, '.docker'), REGISTRY_AUTH_FILE: join(home, 'auth.json') },
    });
    const [base, a, b, c] = await Promise.all([makeLayer(100_000), makeLayer(10_000), makeLayer(20_000), makeLayer(30_000)]);
    img.v1 = await pushImage(reg, 'team/web', 'v1', [base!, a!], daysAgo(90));
    img.v2 = await pushImage(reg, 'team/web', 'v2', [base!, b!], daysAgo(60));
    img.v3 = await pushImage(reg, 'team/web', 'v3', [base!, c!], daysAgo(2));
    await addTag(reg, 'team/web', 'latest', img.v1); // an old image still named latest
    added = await main.api.registries.add({ url: `http://${reg.host}` });
  },
  { timeout: 120_000 },
);

after(async () => {
  main?.context.dispose();
  await reg?.stop();
});

test('cleanup:analyze returns per-tag unique/shared bytes that match the storage folder', { timeout: 120_000 }, async () => {
  const dispatch = createDispatcher(main.api);
  const env = await dispatch('cleanup:analyze', [added.id, 'team/web']);
  assert.equal(env.error, undefined, env.error?.message);
  const r = env.result as RepositorySizeInfo;
  const v3 = r.tags.find((t) => t.tag === 'v3')!;
  const disk = (d: string) => blobFileSize(reg.rootDir, d);
  assert.equal(v3.uniqueBytes, disk(img.v3!.configDigest) + disk(img.v3!.layers[1]!));
  assert.equal(v3.sharedBytes, disk(img.v3!.layers[0]!));
  assert.deepEqual(r.tags.find((t) => t.tag === 'latest')!.aliases, ['v1']);
});

test('cleanup:plan is a dry run; cleanup:apply carries out exactly that plan, once', { timeout: 120_000 }, async () => {
  const dispatch = createDispatcher(main.api);
  const bad = await dispatch('cleanup:plan', [added.id, 'team/web', { olderThan: '30 days' }]);
  assert.match(bad.error?.message ?? '', /e\.g\. 30d/);
  const env = await dispatch('cleanup:plan', [added.id, 'team/web', { keep: 1, exclude: '^latest$', sort: 'date' }]);
  assert.equal(env.error, undefined, env.error?.message);
  const plan = env.result as CleanupPlanInfo;
  assert.deepEqual(Object.fromEntries(plan.tags.map((t) => [t.tag, t.action])), { latest: 'keep', v1: 'untag', v2: 'delete', v3: 'keep' });
  assert.deepEqual(
    plan.deleteManifests.map((d) => d.digest),
    [img.v2!.digest],
  );
  assert.equal(
    plan.freed.bytes,
    blobFileSize(reg.rootDir, img.v2!.digest) + blobFileSize(reg.rootDir, img.v2!.configDigest) + blobFileSize(reg.rootDir, img.v2!.layers[1]!),
  );
  const listed = async () => ((await (await registryFetch(reg, '/v2/team/web/tags/list')).json()) as { tags: string[] }).tags.sort();
  assert.deepEqual(await listed(), ['latest', 'v1', 'v2', 'v3'], 'the plan deleted nothing');

  const applied = await dispatch('cleanup:apply', [plan.planId]);
  assert.equal(applied.error, undefined, applied.error?.message);
  const result = applied.result as CleanupApplyInfo;
  assert.deepEqual(result.deleted, [img.v2!.digest]);
  assert.deepEqual(result.untagged, ['v1']);
  assert.match(result.garbageCollectHint, /garbage-collect/);
  assert.deepEqual(await listed(), ['latest', 'v3']);
  const again = await dispatch('cleanup:apply', [plan.planId]);
  assert.match(again.error?.message ?? '', /no longer available/);
});
