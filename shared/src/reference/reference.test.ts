import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseReference,
  parseRepository,
  parseRegistry,
  formatReference,
  familiarReference,
  registryEndpointHost,
  credentialKey,
  manifestReference,
  InvalidReferenceError,
  checkRepositoryPath,
  checkTag,
  checkTagOrDigest,
} from './reference';

const D = 'sha256:' + 'a'.repeat(64);

const valid: Array<[string, string, string, string | undefined, string | undefined]> = [
  // input, registry, repository, tag, digest
  ['nginx', 'docker.io', 'library/nginx', 'latest', undefined],
  ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', undefined],
  ['library/nginx', 'docker.io', 'library/nginx', 'latest', undefined],
  ['user/app:v1', 'docker.io', 'user/app', 'v1', undefined],
  ['docker.io/nginx', 'docker.io', 'library/nginx', 'latest', undefined],
  ['index.docker.io/nginx', 'docker.io', 'library/nginx', 'latest', undefined],
  ['docker.io/library/nginx:latest', 'docker.io', 'library/nginx', 'latest', undefined],
  ['localhost/app', 'localhost', 'app', 'latest', undefined],
  ['localhost:5000/app:dev', 'localhost:5000', 'app', 'dev', undefined],
  ['127.0.0.1:5000/team/app:1.0', '127.0.0.1:5000', 'team/app', '1.0', undefined],
  ['ghcr.io/octo/app', 'ghcr.io', 'octo/app', 'latest', undefined],
  ['registry.example.com/a/b/c:t', 'registry.example.com', 'a/b/c', 't', undefined],
  [`nginx@${D}`, 'docker.io', 'library/nginx', undefined, D],
  [`nginx:1.25@${D}`, 'docker.io', 'library/nginx', '1.25', D],
  [`127.0.0.1:5000/app@${D}`, '127.0.0.1:5000', 'app', undefined, D],
  ['[::1]:5000/app:x', '[::1]:5000', 'app', 'x', undefined],
  ['Registry.Example.com/app', 'Registry.Example.com', 'app', 'latest', undefined],
  ['UPPER/app', 'UPPER', 'app', 'latest', undefined], // an upper-case first component is a host, like docker
  ['a.b/c_d/e__f/g-h--i/j.k', 'a.b', 'c_d/e__f/g-h--i/j.k', 'latest', undefined],
  ['app:_under', 'docker.io', 'library/app', '_under', undefined],
];

for (const [input, registry, repository, tag, digest] of valid) {
  test(`parseReference("${input}")`, () => {
    const r = parseReference(input);
    assert.equal(r.registry, registry);
    assert.equal(r.repository, repository);
    assert.equal(r.tag, tag);
    assert.equal(r.digest, digest);
  });
}

const invalid: Array<[string, RegExp]> = [
  ['', /empty/],
  ['Nginx', /lowercase/],
  ['docker.io/User/app', /lowercase/],
  ['app:', /empty tag/],
  ['app:.dot', /invalid tag/],
  ['app:-dash', /invalid tag/],
  [`app:${'x'.repeat(129)}`, /invalid tag/],
  ['app@sha256:abc', /invalid digest/],
  [`app@sha256:${'A'.repeat(64)}`, /lowercase hexadecimal/],
  [`app@md5:${'a'.repeat(32)}`, /unsupported digest algorithm/],
  ['a//b', /empty path component/],
  ['a/b/', /empty path component/],
  ['a/-b', /invalid repository path component/],
  ['a/b..c', /invalid repository path component/],
  ['a/b___c', /invalid repository path component/],
  ['a b', /whitespace/],
  ['a'.repeat(64).replace(/a/g, 'f'), /image ID/],
  [`${'a'.repeat(256)}`, /longer than 255/], // "library/" counts: the path docker.io/library/aaa… is 264 characters
  [`example.com/team/${'b'.repeat(251)}`, /longer than 255/],
  ['[1::2::3]:5000/app', /not a valid IPv6 address/],
  ['[zz::1]/app', /invalid registry host/],
  ['registry.example.com:65536/app', /port 65536 is above 65535/],
  ['-bad.host/app', /invalid registry host/],
  ['@' + D, /no repository/],
];

for (const [input, re] of invalid) {
  test(`parseReference rejects "${input.slice(0, 40)}"`, () => {
    assert.throws(
      () => parseReference(input),
      (err: unknown) => err instanceof InvalidReferenceError && re.test(err.message),
    );
  });
}

test('defaultTag: false keeps a bare name tagless', () => {
  assert.equal(parseReference('nginx', { defaultTag: false }).tag, undefined);
  assert.equal(parseReference('nginx', { defaultTag: 'edge' }).tag, 'edge');
});

test('parseRepository refuses tags and digests', () => {
  assert.deepEqual(parseRepository('nginx'), { registry: 'docker.io', repository: 'library/nginx' });
  assert.throws(() => parseRepository('nginx:1'), InvalidReferenceError);
  assert.throws(() => parseRepository(`nginx@${D}`), InvalidReferenceError);
});

test('the 255-character limit counts the repository path only, not the host (distribution/reference >= 0.6.0)', () => {
  const host = `${'h'.repeat(60)}.example.com:5000`;
  const path = `team/${'p'.repeat(250)}`; // 255 characters exactly
  const r = parseReference(`${host}/${path}:v1`);
  assert.equal(r.repository, path);
  assert.equal(r.registry, host);
  assert.throws(() => parseReference(`${host}/${path}x`), /repository path .* longer than 255 characters \(256; the host is not counted\)/);
  assert.equal(parseReference(`${'c'.repeat(247)}`).repository.length, 255); // library/ + 247
  assert.throws(() => parseReference(`${'c'.repeat(248)}`), /longer than 255/);
});

test('ports up to 65535 are accepted, above refused, in references and registry hosts', () => {
  assert.equal(parseReference('registry.example.com:65535/app').registry, 'registry.example.com:65535');
  assert.equal(parseRegistry('registry.example.com:65535'), 'registry.example.com:65535');
  assert.throws(() => parseRegistry('registry.example.com:65536'), /port 65536 is above 65535/);
  assert.throws(() => parseRegistry('myregistry.example.com:500000'), /port 500000 is above 65535/);
  assert.throws(() => parseRegistry('[::1]:70000'), /port 70000 is above 65535/);
});

test('bracketed IPv6 hosts must be valid IPv6 addresses', () => {
  assert.equal(parseRegistry('[::1]:5000'), '[::1]:5000');
  assert.equal(parseRegistry('[2001:db8::1]'), '[2001:db8::1]');
  assert.equal(parseReference('[fe80::1:2]:5000/a/b').registry, '[fe80::1:2]:5000');
  assert.throws(() => parseRegistry('[1::2::3]:5000'), /"1::2::3" is not a valid IPv6 address/);
  assert.throws(() => parseRegistry('[1:2:3:4:5:6:7:8:9]'), /not a valid IPv6 address/);
  assert.throws(() => parseReference('[1::2::3]/project/image:tag'), /not a valid IPv6 address/);
  assert.throws(() => parseRegistry('2001:db8::1'), /not a valid registry host/); // unbracketed: refused (ambiguous with a port)
});

test('a scheme is dropped whatever its case', () => {
  for (const input of ['HTTP://myregistry.example.com', 'Https://MyRegistry.example.com/', 'hTtP://myregistry.example.com/v2/']) {
    assert.equal(parseRegistry(input), 'myregistry.example.com', input);
  }
  assert.equal(parseRegistry('HTTPS://Registry-1.Docker.IO'), 'docker.io');
});

test('parseRegistry normalizes hosts and Docker Hub names', () => {
  assert.equal(parseRegistry('127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(parseRegistry('https://registry.example.com/'), 'registry.example.com');
  assert.equal(parseRegistry('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000');
  assert.equal(parseRegistry('index.docker.io'), 'docker.io');
  assert.equal(parseRegistry('registry-1.docker.io'), 'docker.io');
  assert.equal(parseRegistry('GHCR.io'), 'ghcr.io');
  assert.throws(() => parseRegistry('host/path'), /contains a path/);
  assert.throws(() => parseRegistry('bad_host!'), /not a valid registry host/);
});

test('Docker Hub endpoint and credential key', () => {
  assert.equal(registryEndpointHost('docker.io'), 'registry-1.docker.io');
  assert.equal(registryEndpointHost('ghcr.io'), 'ghcr.io');
  assert.equal(credentialKey('docker.io'), 'https://index.docker.io/v1/');
  assert.equal(credentialKey('127.0.0.1:5000'), '127.0.0.1:5000');
});

test('formatting: full and familiar forms round-trip', () => {
  const r = parseReference(`nginx:1@${D}`);
  assert.equal(formatReference(r), `docker.io/library/nginx:1@${D}`);
  assert.equal(familiarReference(r), `nginx:1@${D}`);
  assert.equal(familiarReference(parseReference('user/app')), 'user/app:latest');
  assert.equal(familiarReference(parseReference('127.0.0.1:5000/a/b:c')), '127.0.0.1:5000/a/b:c');
  assert.deepEqual(parseReference(formatReference(parseReference('ghcr.io/o/a:t'))), parseReference('ghcr.io/o/a:t'));
  assert.equal(manifestReference(r), D);
  assert.equal(manifestReference(parseReference('a:b')), 'b');
});

test('repository paths, tags and digests from other programs are checked with the same grammar', () => {
  const RefErr = InvalidReferenceError;
  assert.equal(checkRepositoryPath('team/app'), 'team/app');
  assert.equal(checkRepositoryPath('app'), 'app');
  for (const bad of [
    '../../internal/admin?x=',
    'team/../admin',
    'Team/app',
    'team/app:1',
    'team/app@sha256:' + 'a'.repeat(64),
    'r.example:5000/team/app',
    '',
    'a//b',
    '/team/app',
    'team/app/',
  ]) {
    assert.throws(() => checkRepositoryPath(bad), RefErr, bad);
  }
  assert.equal(checkTag('v1.2_rc-1'), 'v1.2_rc-1');
  for (const bad of ['', '.hidden', '-x', 'a/b', 'a?b', 'x'.repeat(129), '..']) assert.throws(() => checkTag(bad), RefErr, bad);
  const digest = 'sha256:' + 'b'.repeat(64);
  assert.equal(checkTagOrDigest(digest), digest);
  assert.equal(checkTagOrDigest('latest'), 'latest');
  assert.throws(() => checkTagOrDigest('sha256:../x'), RefErr);
});
