// Credentials chosen per repository and from DOCKER_AUTH_CONFIG, end to end through the CLI
// against a real token-auth registry whose users may each read only their own namespace:
// the token server records which user asked, so a wrong pick is a DENIED, not a silent pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, seedImage, tempDir, type RegistryHandle } from '../bed/index';
import { runCli, isolatedCliEnv } from './helpers/run-cli';

let reg: RegistryHandle;
const b64 = (s: string) => Buffer.from(s).toString('base64');

before(async () => {
  reg = await startRegistry({
    tls: true,
    token: {
      users: [
        { username: 'admin', password: 'admin-pw' },
        { username: 'team-a', password: 'team-a-pw', actions: ['pull'], repositories: ['team-a/*'] },
        { username: 'wide', password: 'wide-pw', actions: ['pull'], repositories: ['shared/*'] },
      ],
    },
  });
  await seedImage(reg, 'team-a/app', 'a1');
  await seedImage(reg, 'shared/lib', 's1');
});
after(async () => {
  await reg?.stop();
});

async function lastTokenUser(): Promise<string | undefined> {
  return (await reg.tokenServer!.requests()).at(-1)?.user;
}

test('auth.json: "host/team-a" is used for team-a/app, the host entry for the rest (CLI tags and creds)', async () => {
  const home = tempDir('dockhand-ns-home');
  const authFile = join(home, 'auth.json');
  writeFileSync(authFile, JSON.stringify({ auths: { [reg.host]: { auth: b64('wide:wide-pw') }, [`${reg.host}/team-a`]: { auth: b64('team-a:team-a-pw') } } }));
  const env = { ...isolatedCliEnv(), REGISTRY_AUTH_FILE: authFile };

  const teamTags = await runCli(['tags', `${reg.host}/team-a/app`, '--ca', reg.caFile!, '--json'], { env });
  assert.equal(teamTags.code, 0, teamTags.err);
  assert.deepEqual(JSON.parse(teamTags.out), ['a1']);
  assert.equal(await lastTokenUser(), 'team-a');

  const sharedTags = await runCli(['tags', `${reg.host}/shared/lib`, '--ca', reg.caFile!, '--json'], { env });
  assert.equal(sharedTags.code, 0, sharedTags.err);
  assert.deepEqual(JSON.parse(sharedTags.out), ['s1']);
  assert.equal(await lastTokenUser(), 'wide');

  const creds = await runCli(['creds', `${reg.host}/team-a/app`], { env });
  assert.equal(creds.code, 0, creds.err);
  assert.match(creds.out, new RegExp(`user team-a, password from .*auths\\["${reg.host.replace(/\./g, '\\.')}/team-a"\\]`));
  assert.match(creds.out, new RegExp(`also in .*auths\\["${reg.host.replace(/\./g, '\\.')}"\\] \\(authJson\\)$`, 'm'));
  const forHost = await runCli(['creds', reg.host], { env });
  assert.match(forHost.out, /user wide, password from/);
  assert.match(forHost.out, /also in .*\(authJson\), for 127\.0\.0\.1:\d+\/team-a only$/m);
  const list = await runCli(['creds'], { env });
  assert.match(list.out, new RegExp(`^${reg.host.replace(/\./g, '\\.')}/team-a\\s+team-a\\s+authJson`, 'm'));
  assert.ok(!list.out.includes('team-a-pw') && !creds.out.includes('wide-pw'), 'no secret printed');
});

test('DOCKER_AUTH_CONFIG supplies the credential (before config.json), and a malformed one is ignored with a warning', async () => {
  const home = tempDir('dockhand-envauth-home');
  writeFileSync(join(home, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: b64('team-a:team-a-pw') } } }));
  const env = { ...isolatedCliEnv(), DOCKER_CONFIG: home, DOCKER_AUTH_CONFIG: JSON.stringify({ auths: { [reg.host]: { auth: b64('wide:wide-pw') } } }) };
  const tags = await runCli(['tags', `${reg.host}/shared/lib`, '--ca', reg.caFile!, '--json'], { env });
  assert.equal(tags.code, 0, tags.err);
  assert.equal(await lastTokenUser(), 'wide');
  const creds = await runCli(['creds', reg.host], { env });
  assert.match(creds.out, /user wide, password from DOCKER_AUTH_CONFIG auths\[.*\] \(dockerAuthConfig\)/);

  const bad = { ...env, DOCKER_AUTH_CONFIG: '{"auths": {"x": {"username": "wide", "password": "wide-pw"}}}' };
  const teamTags = await runCli(['tags', `${reg.host}/team-a/app`, '--ca', reg.caFile!, '--json'], { env: bad });
  assert.equal(teamTags.code, 0, teamTags.err);
  assert.equal(await lastTokenUser(), 'team-a', 'config.json was used');
  const warn = await runCli(['creds', reg.host], { env: bad });
  assert.match(warn.err, /warning: DOCKER_AUTH_CONFIG is ignored: auths\["x"\] may hold only "auth"/);
  assert.ok(!warn.err.includes('wide-pw'));
});
