import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluatePolicy, orderNewestFirst, orderImagesNewestFirst, tagVersion, validatePolicy, describePolicy, PolicyError, type PolicyTag } from './policy';

const DAY = 86_400_000;
const now = new Date('2026-06-01T00:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY).toISOString();

const tags: PolicyTag[] = [
  { tag: 'v1.0.0', digest: 'sha256:a', created: daysAgo(100) },
  { tag: 'v1.1.0', digest: 'sha256:b', created: daysAgo(60) },
  { tag: 'v1.2.0', digest: 'sha256:c', created: daysAgo(20) },
  { tag: 'v2.0.0', digest: 'sha256:d', created: daysAgo(5) },
  { tag: 'latest', digest: 'sha256:d', created: daysAgo(5) },
  { tag: 'dev-42', digest: 'sha256:e', created: daysAgo(2) },
  { tag: 'dev-41', digest: 'sha256:f', created: daysAgo(40) },
];

const kept = (verdicts: Array<{ tag: string; keep: boolean }>) =>
  verdicts
    .filter((v) => v.keep)
    .map((v) => v.tag)
    .sort();
const deleted = (verdicts: Array<{ tag: string; keep: boolean }>) =>
  verdicts
    .filter((v) => !v.keep)
    .map((v) => v.tag)
    .sort();

test('keep newest N by created date keeps the N most recent images, with all their tags', () => {
  const v = evaluatePolicy(tags, { keepNewest: 3 }, now);
  // images: e (dev-42), d (v2.0.0 + latest: one image, one place), c (v1.2.0)
  assert.deepEqual(kept(v), ['dev-42', 'latest', 'v1.2.0', 'v2.0.0']);
  assert.deepEqual(deleted(v), ['dev-41', 'v1.0.0', 'v1.1.0']);
  assert.match(v.find((x) => x.tag === 'v1.0.0')!.reason, /not among the 3 newest images/);
  assert.match(v.find((x) => x.tag === 'latest')!.reason, /among the 3 newest images/);
  assert.equal(v.length, tags.length, 'one verdict per tag, input order');
  assert.deepEqual(
    v.map((x) => x.tag),
    tags.map((t) => t.tag),
  );
});

test('keep newest N by semver ignores dates and keeps non-version tags', () => {
  const v = evaluatePolicy(tags, { keepNewest: 2, sort: 'semver' }, now);
  assert.deepEqual(kept(v), ['dev-41', 'dev-42', 'latest', 'v1.2.0', 'v2.0.0']);
  assert.match(v.find((x) => x.tag === 'latest')!.reason, /not a version/);
  assert.deepEqual(deleted(v), ['v1.0.0', 'v1.1.0']);
});

test('semver order: 1.10 beats 1.9, prereleases rank below their release, "v2" and "1.2" count as versions', () => {
  const order = orderNewestFirst(
    ['1.9.0', '1.10.0', '2.0.0-rc.1', '2.0.0', 'v2', '1.2'].map((tag) => ({ tag, digest: 'x' })),
    'semver',
  ).map((t) => t.tag);
  assert.deepEqual(order, ['v2', '2.0.0', '2.0.0-rc.1', '1.10.0', '1.9.0', '1.2']);
  assert.equal(tagVersion('latest'), undefined);
  assert.equal(tagVersion('v1.2')?.version, '1.2.0');
});

test('older-than deletes only tags created before the cutoff; undated tags are kept', () => {
  const withUndated = [...tags, { tag: 'mystery', digest: 'sha256:g' }];
  const v = evaluatePolicy(withUndated, { olderThanMs: 30 * DAY }, now);
  assert.deepEqual(deleted(v), ['dev-41', 'v1.0.0', 'v1.1.0']);
  assert.match(v.find((x) => x.tag === 'mystery')!.reason, /no creation date/);
  assert.match(v.find((x) => x.tag === 'v1.2.0')!.reason, /less than 30d ago/);
});

test('keep N and older-than combine: a tag goes only when it is beyond N AND old', () => {
  const v = evaluatePolicy(tags, { keepNewest: 2, olderThanMs: 50 * DAY }, now);
  // newest 2 images: dev-42's, then the one tagged latest and v2.0.0
  assert.deepEqual(deleted(v), ['v1.0.0', 'v1.1.0']);
  assert.match(v.find((x) => x.tag === 'v1.0.0')!.reason, /not among the 2 newest images, older than 50d/);
});

test('--match limits the candidates; --exclude wins over everything', () => {
  const v = evaluatePolicy(tags, { deletePatterns: [/^dev-/], keepNewest: 1 }, now);
  assert.deepEqual(deleted(v), ['dev-41']);
  assert.match(v.find((x) => x.tag === 'v1.0.0')!.reason, /does not match \/\^dev-\//);
  const onlyMatch = evaluatePolicy(tags, { deletePatterns: [/^v1\./], keepPatterns: [/^v1\.0\.0$/] }, now);
  assert.deepEqual(deleted(onlyMatch), ['v1.1.0', 'v1.2.0']);
  assert.match(onlyMatch.find((x) => x.tag === 'v1.0.0')!.reason, /matches the keep pattern/);
});

test('keep 0 with a pattern deletes every matching tag', () => {
  const v = evaluatePolicy(tags, { keepNewest: 0, keepPatterns: [/^latest$/] }, now);
  assert.deepEqual(kept(v), ['latest']);
});

test('ties on date are broken by tag name, higher first (numeric aware)', () => {
  const same = daysAgo(1);
  const order = orderNewestFirst(
    ['build-9', 'build-10', 'build-2'].map((tag) => ({ tag, digest: 'x', created: same })),
    'date',
  ).map((t) => t.tag);
  assert.deepEqual(order, ['build-10', 'build-9', 'build-2']);
});

test('keep N never splits an image: two tags of one digest are kept or removed together', () => {
  const same = daysAgo(3);
  const pair: PolicyTag[] = [
    { tag: 'a', digest: 'sha256:1', created: daysAgo(1) },
    { tag: 'b1', digest: 'sha256:2', created: same },
    { tag: 'b2', digest: 'sha256:2', created: same },
    { tag: 'c', digest: 'sha256:3', created: daysAgo(9) },
  ];
  assert.deepEqual(kept(evaluatePolicy(pair, { keepNewest: 2 }, now)), ['a', 'b1', 'b2']);
  assert.deepEqual(kept(evaluatePolicy(pair, { keepNewest: 1 }, now)), ['a']);
});

test('ties between images are broken the same way whatever order the registry lists the tags in', () => {
  const same = daysAgo(3);
  const tied: PolicyTag[] = [
    { tag: 'x', digest: 'sha256:1', created: same },
    { tag: 'y', digest: 'sha256:2', created: same },
    { tag: 'z', digest: 'sha256:3', created: same },
    { tag: 'v01', digest: 'sha256:4', created: same },
    { tag: 'v1', digest: 'sha256:5', created: same },
  ];
  const expected = ['z', 'y', 'x', 'v1', 'v01'];
  for (const order of [tied, [...tied].reverse(), [tied[2]!, tied[4]!, tied[0]!, tied[3]!, tied[1]!]]) {
    assert.deepEqual(
      orderImagesNewestFirst(order, 'date').map((g) => g[0]!.tag),
      expected,
    );
    assert.deepEqual(kept(evaluatePolicy(order, { keepNewest: 4 }, now)), ['v1', 'x', 'y', 'z'], 'v1 and v01 tie numerically; byte order settles it');
  }
});

test('a policy without any rule, or with a bad number, is refused', () => {
  assert.throws(() => validatePolicy({}), PolicyError);
  assert.throws(() => validatePolicy({ keepPatterns: [/x/] }), /at least one of/);
  assert.throws(() => validatePolicy({ keepNewest: -1 }), /whole number/);
  assert.throws(() => validatePolicy({ keepNewest: 1.5 }), /whole number/);
  assert.match(
    describePolicy({ keepNewest: 3, olderThanMs: 30 * DAY, keepPatterns: [/^latest$/] }),
    /keep the 3 newest images \(by creation date; every tag of a kept image stays\); delete only tags older than 30d/,
  );
});
