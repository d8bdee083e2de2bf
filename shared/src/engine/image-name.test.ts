import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineRef, parseDockerImageName } from './image-name';

test('short Docker Hub names get docker.io and library/', () => {
  const n = parseDockerImageName('busybox');
  assert.equal(n.registry, 'docker.io');
  assert.equal(n.path, 'library/busybox');
  assert.equal(n.repository, 'busybox');
  assert.equal(n.full, 'docker.io/library/busybox:latest');
  assert.equal(engineRef(n), 'busybox:latest');
});

test('a registry with a port, a nested path and a tag', () => {
  const n = parseDockerImageName('127.0.0.1:5000/team/app:1.2');
  assert.deepEqual([n.registry, n.path, n.tag, n.repository], ['127.0.0.1:5000', 'team/app', '1.2', '127.0.0.1:5000/team/app']);
  assert.equal(engineRef(n), '127.0.0.1:5000/team/app:1.2');
});

test('localhost and digests', () => {
  const d = 'sha256:' + 'a'.repeat(64);
  const n = parseDockerImageName(`localhost/app@${d}`);
  assert.equal(n.registry, 'localhost');
  assert.equal(n.digest, d);
  assert.equal(n.tag, undefined);
  assert.equal(engineRef(n), `localhost/app@${d}`);
});

test('user/repo on Docker Hub keeps no library/ prefix', () => {
  const n = parseDockerImageName('index.docker.io/someone/tool:v1');
  assert.equal(n.registry, 'docker.io');
  assert.equal(n.repository, 'someone/tool');
});

test('invalid names are rejected with the reason', () => {
  assert.throws(() => parseDockerImageName('Upper/Case'), /invalid repository name/);
  assert.throws(() => parseDockerImageName('app:-bad'), /invalid tag/);
  assert.throws(() => parseDockerImageName('app:bad tag'), /whitespace/);
  assert.throws(() => parseDockerImageName('team//app'), /empty path component/);
  assert.throws(() => parseDockerImageName('app@sha256:xyz'), /invalid digest/);
  assert.throws(() => parseDockerImageName(''), /empty/);
});
