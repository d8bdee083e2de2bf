// Cancelling a retag-and-push mid-upload (a big layer): the request to the daemon is
// aborted, the daemon stops ("context canceled"), and the registry ends up with no tag.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDockerd, makeLocalImage, startRegistry, registryFetch, type DockerdHandle, type RegistryHandle } from '../bed/index';
import { createEngineClient } from '../../shared/src/engine/engine-client';
import { OperationCancelledError } from '../../shared/src/engine/errors';
import type { EngineClient, EngineProgressEvent } from '../../shared/src/engine/types';

let dockerd: DockerdHandle;
let registry: RegistryHandle;
let engine: EngineClient;

before(async () => {
  [dockerd, registry] = await Promise.all([startDockerd(), startRegistry()]);
  engine = await createEngineClient({ env: { ...dockerd.env, HOME: dockerd.dir } });
  await makeLocalImage(dockerd, 'bed/big:1', { layerSizes: [120_000_000] });
});
after(async () => {
  await Promise.all([dockerd?.stop(), registry?.stop()]);
});

async function tags(repo: string): Promise<string[]> {
  const r = await registryFetch(registry, `/v2/${repo}/tags/list`);
  if (r.status === 404) {
    await r.body?.cancel();
    return [];
  }
  return ((await r.json()) as { tags: string[] | null }).tags ?? [];
}

test('cancel mid-push leaves no tag in the registry, and the push can be redone', async () => {
  const dest = `${registry.host}/big/app:1`;
  const ac = new AbortController();
  const events: EngineProgressEvent[] = [];
  await assert.rejects(
    engine.retagAndPush('bed/big:1', dest, {
      signal: ac.signal,
      removeTempTag: true,
      onProgress: (e) => {
        events.push(e);
        if (e.kind === 'layer' && e.state === 'pushing' && (e.current ?? 0) > 0) ac.abort();
      },
    }),
    (e: Error) => e instanceof OperationCancelledError && /cancelled/.test(e.message),
  );
  assert.ok(
    events.some((e) => e.kind === 'layer' && e.state === 'pushing'),
    'the upload had started',
  );
  assert.ok(!events.some((e) => e.kind === 'digest'), 'no digest before the cancel');
  // the daemon gave up the push; watch the registry for a while: the tag never appears
  for (let i = 0; i < 10; i++) {
    assert.deepEqual(await tags('big/app'), [], `tag appeared ${i * 500} ms after the cancel`);
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.match(readFileSync(dockerd.logFile, 'utf8'), /context canceled/);
  // the temporary tag was removed locally too
  assert.ok(!(await engine.inspectImage('bed/big:1')).repoTags.includes(dest));
  // a new push goes through and is complete
  const r = await engine.retagAndPush('bed/big:1', dest);
  assert.deepEqual(await tags('big/app'), ['1']);
  const m = await registryFetch(registry, `/v2/big/app/manifests/1`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
  assert.equal(m.headers.get('docker-content-digest'), r.digest);
  await m.body?.cancel();
});

test('an already aborted signal does nothing', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(engine.retagAndPush('bed/big:1', `${registry.host}/big/never:1`, { signal: ac.signal }), OperationCancelledError);
  assert.deepEqual(await tags('big/never'), []);
});
