// Retag-and-push through the bed's real dockerd to a plain registry and to a TLS+htpasswd
// registry: the digest equals what `docker push` reports, the image pulls back, progress
// arrives in order, and denied credentials / an HTTP registry the daemon expects to speak
// HTTPS give the promised messages. The daemon trusts the bed CA through
// /etc/docker/certs.d/127.0.0.1:PORT/ca.crt (dockerd reads that folder; it is not
// configurable in 20.10), written for the test and removed afterwards.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDockerd, makeLocalImage, dockerCli, startRegistry, registryFetch, tempDir, type DockerdHandle, type RegistryHandle } from '../bed/index';
import { createEngineClient } from '../../shared/src/engine/engine-client';
import { PushDeniedError } from '../../shared/src/engine/errors';
import type { EngineClient, EngineProgressEvent } from '../../shared/src/engine/types';
import { createCredentialStore } from '../../shared/src/credentials/store';
import type { CredentialProvider } from '../../shared/src/credentials/types';

let dockerd: DockerdHandle;
let plain: RegistryHandle;
let secure: RegistryHandle;
let engine: EngineClient;
let imageId: string;
let certsHostDir: string | undefined;
let trustError: string | undefined;

const explicit = (reg: RegistryHandle, password = reg.password): CredentialProvider => ({
  get: async (host) => (host === reg.host ? { username: reg.username, password, source: { kind: 'explicit', detail: 'test credential' } } : undefined),
});

before(async () => {
  [dockerd, plain, secure] = await Promise.all([startDockerd(), startRegistry(), startRegistry({ tls: true, htpasswd: true })]);
  engine = await createEngineClient({ env: { ...dockerd.env, HOME: dockerd.dir } });
  imageId = await makeLocalImage(dockerd, 'bed/app:dev', { layerSizes: [300_000, 200_000] });
  try {
    certsHostDir = join('/etc/docker/certs.d', secure.host);
    mkdirSync(certsHostDir, { recursive: true });
    copyFileSync(secure.caFile as string, join(certsHostDir, 'ca.crt'));
  } catch (err) {
    trustError = `cannot make dockerd trust the bed CA (${(err as Error).message}); /etc/docker/certs.d must be writable`;
    certsHostDir = undefined;
  }
  // the docker CLI's own login for the secure registry (written by hand: see test-environment.md)
  const auth = Buffer.from(`${secure.username}:${secure.password}`).toString('base64');
  writeFileSync(join(dockerd.dockerConfigDir, 'config.json'), JSON.stringify({ auths: { [secure.host]: { auth } } }));
});
after(async () => {
  if (certsHostDir) rmSync(certsHostDir, { recursive: true, force: true });
  await Promise.all([dockerd?.stop(), plain?.stop(), secure?.stop()]);
});

function layerStates(events: EngineProgressEvent[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const e of events) {
    if (e.kind !== 'layer') continue;
    const list = m.get(e.id) ?? [];
    if (list[list.length - 1] !== e.state) list.push(e.state);
    m.set(e.id, list);
  }
  return m;
}

async function tagsOf(reg: RegistryHandle, repo: string): Promise<string[]> {
  const r = await registryFetch(reg, `/v2/${repo}/tags/list`);
  if (r.status === 404) return [];
  const body = (await r.json()) as { tags: string[] | null };
  return body.tags ?? [];
}

test('retag and push to the plain registry: progress in order, the digest docker push reports, pulls back', async () => {
  const events: EngineProgressEvent[] = [];
  const dest = `${plain.host}/team/app:1.0`;
  const r = await engine.retagAndPush('bed/app:dev', dest, { onProgress: (e) => events.push(e) });
  assert.match(r.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(r.ref, dest);
  assert.equal(r.credentialSource, undefined);
  // order: tag status, "The push refers to", layers preparing -> pushing -> pushed, then the digest last
  assert.match((events[0] as { message: string }).message, /^Tagged bed\/app:dev as /);
  assert.equal(events[1].kind, 'status');
  assert.match((events[1] as { message: string }).message, /The push refers to repository \[.*team\/app\]/);
  const states = layerStates(events);
  assert.equal(states.size, 2, JSON.stringify([...states]));
  for (const [id, s] of states) {
    assert.equal(s[0], 'preparing', `${id}: ${s.join(' > ')}`);
    assert.equal(s[s.length - 1], 'pushed', `${id}: ${s.join(' > ')}`);
    assert.ok(s.indexOf('pushing') > 0, `${id}: ${s.join(' > ')}`);
  }
  const pushing = events.filter((e) => e.kind === 'layer' && e.state === 'pushing' && e.current !== undefined) as { current: number; total?: number }[];
  assert.ok(
    pushing.some((e) => (e.total ?? 0) > 0 && e.current > 0),
    'byte progress reported',
  );
  const last = events[events.length - 1];
  assert.deepEqual(last, { kind: 'digest', digest: r.digest, size: r.size, tag: '1.0' });

  // the docker CLI pushing the same image gets the same digest
  await dockerCli(dockerd, ['tag', 'bed/app:dev', `${plain.host}/team/app:cli`]);
  const out = await dockerCli(dockerd, ['push', `${plain.host}/team/app:cli`]);
  assert.equal(/cli: digest: (sha256:[0-9a-f]{64})/.exec(out)?.[1], r.digest, out);
  assert.deepEqual((await tagsOf(plain, 'team/app')).sort(), ['1.0', 'cli']);

  // it pulls back to the same image
  await dockerCli(dockerd, ['rmi', dest, `${plain.host}/team/app:cli`]);
  const pulled = await engine.pullImage(dest);
  assert.equal(pulled.digest, r.digest);
  assert.equal((await engine.inspectImage(dest)).id, imageId);
});

test('a second push to another repository reports mounted or existing layers', async () => {
  const events: EngineProgressEvent[] = [];
  const r = await engine.retagAndPush('bed/app:dev', `${plain.host}/other/app:2`, { onProgress: (e) => events.push(e), removeTempTag: true });
  const finals = [...layerStates(events).values()].map((s) => s[s.length - 1]);
  assert.equal(finals.length, 2);
  for (const f of finals) assert.ok(f === 'mounted' || f === 'exists', finals.join(','));
  assert.equal(r.tagRemoved, true);
  const img = await engine.inspectImage('bed/app:dev');
  assert.ok(!img.repoTags.includes(`${plain.host}/other/app:2`), img.repoTags.join(','));
  assert.deepEqual(await tagsOf(plain, 'other/app'), ['2']);
});

test('retag and push to the TLS+htpasswd registry with the digest docker push reports', async (t) => {
  if (trustError) return t.skip(trustError);
  const dest = `${secure.host}/secure/app:1.0`;
  const r = await engine.retagAndPush('bed/app:dev', dest, { credentials: explicit(secure) });
  assert.deepEqual(r.credentialSource, { kind: 'explicit', detail: 'test credential' });
  await dockerCli(dockerd, ['tag', 'bed/app:dev', `${secure.host}/secure/app:cli`]);
  const out = await dockerCli(dockerd, ['push', `${secure.host}/secure/app:cli`]);
  assert.equal(/cli: digest: (sha256:[0-9a-f]{64})/.exec(out)?.[1], r.digest, out);
  assert.deepEqual((await tagsOf(secure, 'secure/app')).sort(), ['1.0', 'cli']);
  await dockerCli(dockerd, ['rmi', dest]);
  const pulled = await engine.pullImage(dest, { credentials: explicit(secure) });
  assert.equal(pulled.digest, r.digest);
  assert.equal((await engine.inspectImage(dest)).id, imageId);
});

test('a push denied by credentials names the credential source that was used', async (t) => {
  if (trustError) return t.skip(trustError);
  const home = tempDir('dockhand-engine-creds');
  const cfgDir = join(home, '.docker');
  mkdirSync(cfgDir);
  const wrong = Buffer.from(`${secure.username}:not-the-password`).toString('base64');
  writeFileSync(join(cfgDir, 'config.json'), JSON.stringify({ auths: { [secure.host]: { auth: wrong } } }));
  const store = createCredentialStore({ env: { HOME: home, DOCKER_CONFIG: cfgDir, PATH: process.env.PATH }, keychain: 'none' });
  await assert.rejects(engine.retagAndPush('bed/app:dev', `${secure.host}/secure/denied:1`, { credentials: store }), (e: Error) => {
    assert.ok(e instanceof PushDeniedError, `${e.name}: ${e.message}`);
    assert.ok(e.message.includes(secure.host), e.message);
    assert.match(e.message, /using the credential from auths \(/);
    assert.ok(e.message.includes(join(cfgDir, 'config.json')), e.message);
    assert.doesNotMatch(e.message, /not-the-password/);
    t.diagnostic(e.message);
    return true;
  });
  // anonymous is denied too, and says so
  await assert.rejects(engine.retagAndPush('bed/app:dev', `${secure.host}/secure/denied:2`), /denied.*no credential \(anonymous\)/);
  assert.deepEqual(await tagsOf(secure, 'secure/denied'), []);
});

// The insecure-registry advice (an HTTP registry the daemon expects to speak HTTPS) is covered
// by shared/src/engine/failure-messages.test.ts: dockerd always treats 127.0.0.0/8 as insecure,
// and tests here send traffic to loopback addresses only.
