// Done-when of issue 18 (part): a real docker-registry (Debian, distribution 2.8) configured with the
// block `dockhand listen-config` prints sends its events to the receiver: pushes (raw API, skopeo
// and docker: the bed's real dockerd), pulls (skopeo) and deletes arrive; Dockhand's own reads
// (inspect, tags: its User-Agent) are listed but do not count as pulls; purge --not-pulled-for
// keeps what was pulled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { startRegistry, startDockerd, makeLocalImage, dockerCli, seedImage, registryFetchOk, tempDir, type RegistryHandle } from '../bed/index';
import { dockhandUserAgent } from '../../shared/src/transport/user-agent';
import { runCli } from './helpers/run-cli';
import { skopeo } from './registry-skopeo';
import { startReceiver, type RunningReceiver } from '../../shared/src/events/receiver';
import { EventsClient } from '../../shared/src/events/events-client';
import { loadTagUsage } from '../../shared/src/events/tag-usage';
import { planPurge } from '../../shared/src/cleanup/analyze';
import { RegistryClient } from '../../shared/src/registry/client';
import type { StoredEvent } from '../../shared/src/events/api-types';
import { join } from 'node:path';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a real registry sends pushes (skopeo, docker), pulls and deletes to dockhand listen; Dockhand’s reads are not pulls; purge --not-pulled-for keeps what was pulled', async () => {
  const dir = tempDir('dockhand-events-it');
  const env = { PATH: process.env.PATH, HOME: dir, DOCKHAND_EVENTS_DIR: join(dir, 'events') };
  const token = 'it-token-0123456789abcdef';
  const receiver: RunningReceiver = await startReceiver({
    env,
    host: '127.0.0.1',
    port: 0,
    ingestToken: token,
    store: { kind: 'sqlite', path: join(dir, 'events', 'events.db') },
  });
  cleanups.push(() => receiver.close());

  const cfg = await runCli(['listen-config', '--token', token, '--target', '2.8'], { env });
  assert.equal(cfg.code, 0, cfg.err);
  assert.match(cfg.out, new RegExp(`url: "http://${receiver.info.addr}/events"`), 'listen-config points at the running receiver');
  const notifications = (load(cfg.out) as { notifications: unknown }).notifications;
  const reg: RegistryHandle = await startRegistry({ config: { notifications } });
  cleanups.push(() => reg.stop());

  const client = (await EventsClient.find(env))!;
  const live: StoredEvent[] = [];
  const sub = client.subscribe({ onEvent: (e) => live.push(e) });
  cleanups.push(async () => sub.close());

  const v1 = await seedImage(reg, 'team/app', 'v1');
  const v2 = await seedImage(reg, 'team/app', 'v2', { layerSizes: [300] });
  const v3 = await seedImage(reg, 'team/app', 'v3', { layerSizes: [400] });
  await skopeo(['copy', '--src-tls-verify=false', '--dest-tls-verify=false', `docker://${reg.host}/team/app:v1`, `docker://${reg.host}/team/copy:v1`]);
  // docker push by the test bed's real dockerd (loopback registries are insecure by default).
  const engine = await startDockerd();
  cleanups.push(() => engine.stop());
  await makeLocalImage(engine, 'local/pushed:v1', { layerSizes: [2048] });
  await dockerCli(engine, ['tag', 'local/pushed:v1', `${reg.host}/team/docker:v1`]);
  await dockerCli(engine, ['push', `${reg.host}/team/docker:v1`]);
  const pushes = await waitFor('the push events', async () => {
    const ev = (await client.listEvents({ action: 'push' })).events;
    return ev.filter((e) => e.tag).length >= 5 ? ev : undefined;
  });
  const byTag = (repo: string, tag: string) => pushes.find((e) => e.repository === repo && e.tag === tag);
  assert.equal(byTag('team/app', 'v1')?.digest, v1.digest);
  assert.equal(byTag('team/app', 'v2')?.digest, v2.digest);
  assert.match(byTag('team/copy', 'v1')?.userAgent ?? '', /skopeo|containers/i, 'the skopeo push carries its user agent');
  assert.ok(byTag('team/copy', 'v1')?.requestAddr, 'the source address is recorded');
  const dockerPush = byTag('team/docker', 'v1');
  assert.ok(dockerPush, `docker push arrived: ${JSON.stringify(pushes.map((e) => [e.repository, e.tag]))}`);
  assert.match(dockerPush.userAgent ?? '', /^docker\//, 'the docker push carries the docker user agent');
  assert.equal(dockerPush.mediaType, 'application/vnd.docker.distribution.manifest.v2+json');

  // A moment between the pushes and the pull, for the purge below.
  const lastPush = Math.max(...pushes.map((e) => Date.parse(e.timestamp)));
  await waitFor('the clock to pass the last push', async () => (Date.now() > lastPush + 5 ? true : undefined));
  const mid = Date.now();
  await waitFor('the clock to pass the midpoint', async () => (Date.now() > mid + 5 ? true : undefined));

  await skopeo(['copy', '--src-tls-verify=false', `docker://${reg.host}/team/app:v1`, `dir:${join(dir, 'pulled')}`]);
  // Dockhand's own reads of v2 (inspect, tag list): pull events with Dockhand's User-Agent, not pulls of v2.
  for (const argv of [['inspect', `${reg.host}/team/app:v2`], ['tags', `${reg.host}/team/app`]]) {
    const r = await runCli(argv, { env });
    assert.equal(r.code, 0, r.err);
  }
  const ownRead = await waitFor("Dockhand's inspect as a pull event", async () => {
    const ev = (await client.listEvents({ repo: 'team/app', action: 'pull', limit: 1000 })).events;
    return ev.find((e) => e.digest === v2.digest);
  });
  assert.equal(ownRead.userAgent, dockhandUserAgent(), 'Dockhand sends its own User-Agent');
  await registryFetchOk(reg, `/v2/team/app/manifests/${v3.digest}`, { method: 'DELETE' }, [202]);
  const all = await waitFor('the pull and delete events', async () => {
    const ev = (await client.listEvents({ repo: 'team/app', limit: 1000 })).events;
    return ev.some((e) => e.action === 'pull' && e.digest === v1.digest) && ev.some((e) => e.action === 'delete' && e.digest === v3.digest) ? ev : undefined;
  });
  assert.ok(all.every((e) => e.repository === 'team/app'));
  await waitFor('the live stream to carry the delete', async () => (live.some((e) => e.action === 'delete') ? true : undefined));

  const cli = await runCli(['events', '--repo', 'team/app', '--json'], { env });
  assert.equal(cli.code, 0, cli.err);
  assert.ok((JSON.parse(cli.out) as StoredEvent[]).some((e) => e.action === 'delete' && e.digest === v3.digest));

  const usage = await loadTagUsage('team/app', env, undefined, undefined, reg.host);
  const v1Dates = usage.tags.find((t) => t.tag === 'v1');
  assert.ok(v1Dates?.lastPulled && Date.parse(v1Dates.lastPulled) >= mid, 'v1 has a last-pulled date after the midpoint');
  assert.ok(v1Dates.pushedAt && Date.parse(v1Dates.pushedAt) <= lastPush);
  assert.equal(usage.tags.find((t) => t.tag === 'v2')?.lastPulled, undefined, 'v2 was never pulled (only read by Dockhand)');
  const elsewhere = await loadTagUsage('team/app', env, undefined, undefined, '127.0.0.1:1');
  assert.deepEqual(elsewhere.tags, [], "another registry's team/app has no dates from this one's events");

  const now = new Date();
  const plan = await planPurge(
    new RegistryClient({ host: reg.host }),
    'team/app',
    { notPulledForMs: now.getTime() - mid },
    { now, usage, checkOtherRepositories: false },
  );
  const fate = Object.fromEntries(plan.tags.map((t) => [t.tag, t.action]));
  assert.equal(fate.v1, 'keep', `v1 was pulled: ${JSON.stringify(plan.tags)}`);
  assert.equal(fate.v2, 'delete');
  assert.equal(fate.v3, undefined, 'v3 was deleted before');
  assert.ok(
    plan.notes.some((n) => /last pull known for 1 of 2 tags/.test(n)),
    plan.notes.join('\n'),
  );
});
