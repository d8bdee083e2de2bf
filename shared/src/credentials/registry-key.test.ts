import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  convertToHostname,
  dockerConfigKey,
  findKeyForHost,
  findKeyForRepository,
  keyMatchesHost,
  normalizeRegistryHost,
  splitCredentialKey,
  splitLookupTarget,
  DOCKER_HUB_CONFIG_KEY,
} from './registry-key';

test('convertToHostname strips scheme and path like docker', () => {
  assert.equal(convertToHostname('https://index.docker.io/v1/'), 'index.docker.io');
  assert.equal(convertToHostname('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000');
  assert.equal(convertToHostname('registry.example.com'), 'registry.example.com');
  assert.equal(convertToHostname('quay.io/org/repo'), 'quay.io');
});

test('normalizeRegistryHost maps Docker Hub aliases and lower-cases', () => {
  for (const h of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) assert.equal(normalizeRegistryHost(h), 'docker.io');
  assert.equal(normalizeRegistryHost('HTTPS://Registry.Example.com:443/v2/'), 'registry.example.com:443');
  assert.throws(() => normalizeRegistryHost('https:///'), /not a registry host/);
});

test('dockerConfigKey uses the legacy Hub key and bare hosts otherwise', () => {
  assert.equal(dockerConfigKey('docker.io'), DOCKER_HUB_CONFIG_KEY);
  assert.equal(dockerConfigKey('https://127.0.0.1:5000'), '127.0.0.1:5000');
});

test('keyMatchesHost: scheme and API path ignored, podman namespaces excluded, ports significant', () => {
  assert.equal(keyMatchesHost('https://registry.example.com/v1/', 'registry.example.com'), true);
  assert.equal(keyMatchesHost('http://registry.example.com', 'registry.example.com'), true);
  assert.equal(keyMatchesHost('registry.example.com/team', 'registry.example.com'), false);
  assert.equal(keyMatchesHost('registry.example.com:5000', 'registry.example.com'), false);
  assert.equal(keyMatchesHost('docker.io', 'index.docker.io'), true);
  assert.equal(keyMatchesHost('', 'x'), false);
});

test('findKeyForHost prefers the exact docker key over other spellings', () => {
  assert.equal(findKeyForHost(['https://127.0.0.1:5000', '127.0.0.1:5000'], '127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(findKeyForHost(['https://127.0.0.1:5000/v2/'], '127.0.0.1:5000'), 'https://127.0.0.1:5000/v2/');
  assert.equal(findKeyForHost(['docker.io', DOCKER_HUB_CONFIG_KEY], 'docker.io'), DOCKER_HUB_CONFIG_KEY);
  assert.equal(findKeyForHost(['docker.io'], 'registry-1.docker.io'), 'docker.io');
  assert.equal(findKeyForHost(['other:5000'], '127.0.0.1:5000'), undefined);
});

test('convertToHostname: any scheme is stripped; an unbracketed IPv6 address with a port after a scheme comes back bracketed (as docker)', () => {
  assert.equal(convertToHostname('ftp://registry.example.com/x'), 'registry.example.com');
  assert.equal(convertToHostname('HTTPS://registry.example.com:5000/v2/'), 'registry.example.com:5000');
  assert.equal(convertToHostname('https://fd00::5:5000/v2/'), '[fd00::5]:5000');
  assert.equal(convertToHostname('https://[fd00::5]:5000/'), '[fd00::5]:5000');
  assert.equal(convertToHostname('fd00::5:5000'), 'fd00::5:5000'); // without a scheme: left alone, as docker does
  assert.equal(normalizeRegistryHost('Http://Registry.Example.com'), 'registry.example.com');
  assert.throws(() => normalizeRegistryHost('unix:///var/run/docker.sock'), /not a registry host/);
});

test('keyMatchesHost and splitCredentialKey read an upper-case scheme like a lower-case one', () => {
  assert.equal(keyMatchesHost('HTTPS://registry.example.com/v1/', 'registry.example.com'), true);
  assert.deepEqual(splitCredentialKey('HTTPS://registry.example.com/v1/'), { host: 'registry.example.com' });
  assert.deepEqual(splitCredentialKey('registry.example.com/team/app/'), { host: 'registry.example.com', namespace: 'team/app' });
  assert.deepEqual(splitCredentialKey('index.docker.io/library'), { host: 'docker.io', namespace: 'library' });
  assert.equal(splitCredentialKey('/nohost'), undefined);
});

test('splitLookupTarget: host, or host/repository; a path after a scheme is an API path', () => {
  assert.deepEqual(splitLookupTarget('quay.io/team/app'), { host: 'quay.io', repository: 'team/app' });
  assert.deepEqual(splitLookupTarget('https://quay.io/v2/'), { host: 'quay.io' });
  assert.deepEqual(splitLookupTarget('quay.io', 'team/app'), { host: 'quay.io', repository: 'team/app' });
  assert.deepEqual(splitLookupTarget('index.docker.io'), { host: 'docker.io' });
});

test('findKeyForRepository: the longest matching namespace wins, then the registry key; namespaces match whole path components', () => {
  const keys = ['quay.io', 'quay.io/team', 'quay.io/team/app', 'quay.io/teamwork', 'other.io/team', 'https://index.docker.io/v1/', 'docker.io/library'];
  assert.equal(findKeyForRepository(keys, 'quay.io', 'team/app'), 'quay.io/team/app');
  assert.equal(findKeyForRepository(keys, 'quay.io', 'team/app/sub'), 'quay.io/team/app');
  assert.equal(findKeyForRepository(keys, 'quay.io', 'team/application'), 'quay.io/team'); // "team/app" is not a prefix of "team/application" by components
  assert.equal(findKeyForRepository(keys, 'quay.io', 'team'), 'quay.io/team');
  assert.equal(findKeyForRepository(keys, 'quay.io', 'teamwork/x'), 'quay.io/teamwork');
  assert.equal(findKeyForRepository(keys, 'quay.io', 'solo/app'), 'quay.io');
  assert.equal(findKeyForRepository(keys, 'quay.io'), 'quay.io'); // no repository: namespaces never apply
  assert.equal(findKeyForRepository(keys, 'docker.io', 'library/busybox'), 'docker.io/library');
  assert.equal(findKeyForRepository(keys, 'docker.io', 'vendor/app'), 'https://index.docker.io/v1/');
  assert.equal(findKeyForRepository(['other.io/team'], 'quay.io', 'team/app'), undefined);
});
