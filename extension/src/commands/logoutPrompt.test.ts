import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logoutPrompt } from './logoutPrompt';

const host = '127.0.0.1:5000';

test('a docker auths login: the dialog says whose it is, that docker is logged out too, and that config.json keeps its formatting', () => {
  const p = logoutPrompt(host, [{ host, key: host, username: 'alice', source: { kind: 'auths', detail: `/home/a/.docker/config.json auths["${host}"]` } }]);
  assert.equal(p.message, `Log out of ${host}, for docker too?`);
  assert.equal(p.confirm, 'Log Out of Docker Too');
  assert.match(p.detail, /Docker's login as "alice", in docker's config\.json/);
  assert.match(p.detail, /the docker CLI is logged out of 127\.0\.0\.1:5000 too/);
  assert.match(p.detail, /formatting included/);
});

test("Dockhand's own keychain login: a plain Log Out; other registries' logins are not mentioned", () => {
  const p = logoutPrompt(host, [
    { host, key: host, username: 'bob', source: { kind: 'keychain', detail: 'OS keychain' } },
    { host: 'other:5000', key: 'other:5000', username: 'eve', source: { kind: 'auths', detail: 'x' } },
  ]);
  assert.equal(p.confirm, 'Log Out');
  assert.equal(p.message, `Log out of ${host}?`);
  assert.match(p.detail, /Dockhand's login as "bob", in Dockhand's entry in the OS keychain: removed\./);
  assert.doesNotMatch(p.detail, /eve|docker/i);
});

test("podman's login stays and the dialog says how to remove it; nothing stored says so", () => {
  const p = logoutPrompt(host, [{ host, key: host, username: 'carol', source: { kind: 'authJson', detail: '/run/user/0/containers/auth.json' } }]);
  assert.match(p.detail, /Podman's login as "carol" .* stays; remove it with podman logout/);
  assert.match(logoutPrompt(host, []).detail, /No stored login for 127\.0\.0\.1:5000 was found/);
});
