import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest, ManifestValidationError, formatPlatform } from './manifest';
import { summarizeConfig, ConfigValidationError } from './image-config';
import { nextLink } from './link-header';
import { MEDIA_TYPES } from './media-types';
import { computeDigest, DigestVerifier, DigestMismatchError } from './digest';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const desc = (mediaType: string, c: string, size = 10) => ({ mediaType, digest: d(c), size });

test('Docker v2 schema 2 manifest', () => {
  const m = parseManifest(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.dockerManifest,
      config: desc(MEDIA_TYPES.dockerConfig, 'a'),
      layers: [desc(MEDIA_TYPES.dockerLayer, 'b', 99)],
    }),
    MEDIA_TYPES.dockerManifest,
  );
  assert.equal(m.kind, 'image');
  if (m.kind !== 'image') return;
  assert.equal(m.mediaType, MEDIA_TYPES.dockerManifest);
  assert.equal(m.layers[0]!.size, 99);
});

test('OCI manifest without a mediaType field takes the Content-Type', () => {
  const m = parseManifest(
    JSON.stringify({ schemaVersion: 2, config: desc(MEDIA_TYPES.ociConfig, 'a'), layers: [] }),
    `${MEDIA_TYPES.ociManifest}; charset=utf-8`,
  );
  assert.equal(m.kind, 'image');
  assert.equal(m.mediaType, MEDIA_TYPES.ociManifest);
});

test('OCI index and Docker manifest list, with platforms', () => {
  for (const mt of [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList]) {
    const m = parseManifest(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: mt,
        manifests: [{ ...desc(MEDIA_TYPES.ociManifest, 'c'), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }],
      }),
    );
    assert.equal(m.kind, 'index');
    if (m.kind !== 'index') return;
    assert.equal(m.mediaType, mt);
    assert.equal(formatPlatform(m.manifests[0]!.platform), 'linux/arm64/v8');
  }
});

test('an index without mediaType or Content-Type is recognised by its manifests array', () => {
  const m = parseManifest(JSON.stringify({ schemaVersion: 2, manifests: [] }));
  assert.equal(m.kind, 'index');
  assert.equal(m.mediaType, MEDIA_TYPES.ociIndex);
});

test('schema 1 is read as legacy', () => {
  const m = parseManifest(
    JSON.stringify({
      schemaVersion: 1,
      name: 'a/b',
      tag: 't',
      architecture: 'amd64',
      fsLayers: [{ blobSum: d('e') }],
      history: [{ v1Compatibility: '{}' }],
      signatures: [],
    }),
  );
  assert.equal(m.kind, 'schema1');
  assert.equal(m.mediaType, MEDIA_TYPES.dockerSchema1Signed);
});

test('invalid manifests are rejected at the boundary', () => {
  const bad: Array<[string, RegExp]> = [
    ['not json', /not valid JSON/],
    ['[]', /not a JSON object/],
    [JSON.stringify({ schemaVersion: 3 }), /schemaVersion/],
    [JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, layers: [] }), /config/],
    [
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.ociManifest,
        config: desc('x', 'a'),
        layers: [{ mediaType: 'x', digest: 'sha256:zz', size: 1 }],
      }),
      /digest/,
    ],
    [JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: { ...desc('x', 'a'), size: -1 }, layers: [] }), /size/],
    [JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: 'no' }), /manifests/],
    [JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [{ ...desc('x', 'a'), platform: { os: 1 } }] }), /architecture/],
    [JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociManifest, config: desc('x', 'a'), layers: [], annotations: { a: 1 } }), /annotations/],
  ];
  for (const [raw, re] of bad)
    assert.throws(
      () => parseManifest(raw),
      (e: unknown) => e instanceof ManifestValidationError && re.test(e.message),
      raw,
    );
  assert.throws(
    () => parseManifest(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: [] }), MEDIA_TYPES.dockerManifest),
    /served as/,
  );
});

test('config summary: platform, created, env, labels, entrypoint, history', () => {
  const s = summarizeConfig(
    JSON.stringify({
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      created: '2024-01-02T03:04:05Z',
      author: 'me',
      config: {
        Env: ['A=1'],
        Labels: { 'org.opencontainers.image.title': 'x' },
        Entrypoint: ['/bin/app'],
        Cmd: ['--help'],
        ExposedPorts: { '80/tcp': {} },
        WorkingDir: '/w',
        User: 'app',
      },
      rootfs: { type: 'layers', diff_ids: [d('1')] },
      history: [
        { created: '2024-01-01T00:00:00Z', created_by: 'ADD x', empty_layer: false },
        { created_by: 'CMD', empty_layer: true },
      ],
    }),
  );
  assert.deepEqual(s.platform, { architecture: 'arm64', os: 'linux', variant: 'v8' });
  assert.equal(s.created, '2024-01-02T03:04:05Z');
  assert.deepEqual(s.env, ['A=1']);
  assert.deepEqual(s.labels, { 'org.opencontainers.image.title': 'x' });
  assert.deepEqual(s.entrypoint, ['/bin/app']);
  assert.deepEqual(s.cmd, ['--help']);
  assert.deepEqual(s.exposedPorts, ['80/tcp']);
  assert.equal(s.history.length, 2);
  assert.equal(s.history[1]!.emptyLayer, true);
  assert.deepEqual(s.diffIds, [d('1')]);
  assert.throws(() => summarizeConfig('{"architecture":5}'), ConfigValidationError);
  assert.throws(() => summarizeConfig('nope'), ConfigValidationError);
});

test('Link header: rel="next" found, relative URLs resolved, other rels ignored', () => {
  const base = 'http://r:5000/v2/_catalog?n=2';
  assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base)?.toString(), 'http://r:5000/v2/_catalog?last=b&n=2');
  assert.equal(nextLink('<http://r:5000/v2/x?n=1>; rel="prev", <http://r:5000/v2/y?n=1>; rel=next', base)?.pathname, '/v2/y');
  assert.equal(nextLink('</v2/a>; rel="prev"', base), undefined);
  assert.equal(nextLink(undefined, base), undefined);
});

test('DigestVerifier passes matching bytes and fails on a mismatch', async () => {
  const data = Buffer.from('hello world');
  const chunks: Buffer[] = [];
  const v = new DigestVerifier(computeDigest(data), data.length);
  v.on('data', (c: Buffer) => chunks.push(c));
  await pipeline(Readable.from([data]), v);
  assert.deepEqual(Buffer.concat(chunks), data);
  const bad = new DigestVerifier(computeDigest('other'));
  bad.resume();
  await assert.rejects(pipeline(Readable.from([data]), bad), DigestMismatchError);
  const short = new DigestVerifier(computeDigest(data), data.length + 1);
  short.resume();
  await assert.rejects(pipeline(Readable.from([data]), short), /expected 12 bytes, got 11/);
});
