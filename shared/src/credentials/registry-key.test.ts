import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertToHostname, dockerConfigKey, findKeyForHost, keyMatchesHost, normalizeRegistryHost, DOCKER_HUB_CONFIG_KEY } from './registry-key';

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
