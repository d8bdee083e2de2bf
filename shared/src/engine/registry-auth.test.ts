import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeRegistryAuth, registryAuthFor } from './registry-auth';
import type { ResolvedCredential } from '../credentials/types';

const decode = (v: string) => JSON.parse(Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
const source = { kind: 'explicit' as const, detail: 'test' };

test('anonymous is {}', () => {
  assert.equal(encodeRegistryAuth('127.0.0.1:5000', undefined), Buffer.from('{}').toString('base64'));
});

test('username and password with the server address', () => {
  const cred: ResolvedCredential = { username: 'u', password: 'p?>>>', source };
  const v = encodeRegistryAuth('127.0.0.1:5000', cred);
  assert.doesNotMatch(v, /[+/]/, 'url-safe alphabet');
  assert.equal(v.length % 4, 0, 'padded like Go base64.URLEncoding');
  assert.deepEqual(decode(v), { username: 'u', password: 'p?>>>', serveraddress: '127.0.0.1:5000' });
});

test('identity token wins over the password; Docker Hub uses its legacy address', () => {
  const v = encodeRegistryAuth('docker.io', { username: 'u', password: 'p', identityToken: 'tok', source });
  assert.deepEqual(decode(v), { identitytoken: 'tok', serveraddress: 'https://index.docker.io/v1/' });
});

test('registryAuthFor asks the provider for the registry host and returns the source', async () => {
  const asked: string[] = [];
  const r = await registryAuthFor('reg.example:443', {
    get: async (h) => {
      asked.push(h);
      return { username: 'a', password: 'b', source };
    },
  });
  assert.deepEqual(asked, ['reg.example:443']);
  assert.equal(r.credential?.source, source);
  assert.equal(decode(r.value).username, 'a');
});

test('registryAuthFor passes the repository on, so a namespaced credential can win for a push or pull', async () => {
  const asked: Array<[string, string | undefined]> = [];
  const provider = {
    get: async (h: string, repo?: string) => {
      asked.push([h, repo]);
      return { username: repo ? 'ns-user' : 'host-user', password: 'p', source };
    },
  };
  assert.equal(decode((await registryAuthFor('quay.example', provider, 'team/app')).value).username, 'ns-user');
  assert.equal(decode((await registryAuthFor('quay.example', provider)).value).username, 'host-user');
  assert.deepEqual(asked, [
    ['quay.example', 'team/app'],
    ['quay.example', undefined],
  ]);
});
