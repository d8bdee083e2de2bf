// Moved here from desktop/renderer/tag-sort.test.ts and extension/src/tree/tagSort.test.ts (issue 20: one tag sorter).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareVersions, sortTagNames, sortTags, type SortableTag } from './sort';

const row = (tag: string, created?: string, size?: number): SortableTag => ({ tag, created, size });

test('versions sort by numeric precedence, release after its pre-releases', () => {
  const tags = ['1.10.0', 'v1.2', '1.2.0-rc.10', '1.2.0-rc.2', '1.9.9', '2', '1.2.0'];
  assert.deepEqual([...tags].sort(compareVersions), ['1.2.0-rc.2', '1.2.0-rc.10', '1.2.0', 'v1.2', '1.9.9', '1.10.0', '2']);
});

test('semver sort puts non-version tags last in both directions', () => {
  const rows = [row('latest'), row('1.0.0'), row('0.9.1'), row('edge'), row('1.0.0-beta')];
  assert.deepEqual(
    sortTags(rows, 'semver', 'asc').map((r) => r.tag),
    ['0.9.1', '1.0.0-beta', '1.0.0', 'edge', 'latest'],
  );
  assert.deepEqual(
    sortTags(rows, 'semver', 'desc').map((r) => r.tag),
    ['1.0.0', '1.0.0-beta', '0.9.1', 'edge', 'latest'],
  );
});

test('date and size sorts keep unknown values at the end', () => {
  const rows = [
    row('a', '2024-01-02T00:00:00Z', 30),
    row('b', undefined, undefined),
    row('c', '2023-05-01T00:00:00Z', 10),
    row('d', '2025-01-01T00:00:00Z', 20),
  ];
  assert.deepEqual(
    sortTags(rows, 'date', 'desc').map((r) => r.tag),
    ['d', 'a', 'c', 'b'],
  );
  assert.deepEqual(
    sortTags(rows, 'date', 'asc').map((r) => r.tag),
    ['c', 'a', 'd', 'b'],
  );
  assert.deepEqual(
    sortTags(rows, 'size', 'asc').map((r) => r.tag),
    ['c', 'd', 'a', 'b'],
  );
  assert.deepEqual(
    sortTags(rows, 'size', 'desc').map((r) => r.tag),
    ['a', 'd', 'c', 'b'],
  );
});

test('name sort is natural (tag-2 before tag-10)', () => {
  assert.deepEqual(
    sortTags([row('tag-10'), row('tag-2'), row('Tag-1')], 'name', 'asc').map((r) => r.tag),
    ['Tag-1', 'tag-2', 'tag-10'],
  );
});

test('pushed sorts by the push event, falling back to the created date; pulled keeps never-pulled tags last', () => {
  const rows = [
    { ...row('old-build-new-push', '2020-01-01T00:00:00Z'), pushedAt: '2026-11-20T00:00:00Z', lastPulled: '2026-11-21T00:00:00Z' },
    { ...row('no-push-event', '2026-11-25T00:00:00Z') },
    { ...row('pushed-early', '2026-11-24T00:00:00Z'), pushedAt: '2026-11-01T00:00:00Z', lastPulled: '2026-11-28T00:00:00Z' },
    { ...row('nothing-known') },
  ];
  assert.deepEqual(
    sortTags(rows, 'pushed', 'desc').map((r) => r.tag),
    ['no-push-event', 'old-build-new-push', 'pushed-early', 'nothing-known'],
  );
  assert.deepEqual(
    sortTags(rows, 'pushed', 'asc').map((r) => r.tag),
    ['pushed-early', 'old-build-new-push', 'no-push-event', 'nothing-known'],
  );
  assert.deepEqual(
    sortTags(rows, 'pulled', 'desc').map((r) => r.tag),
    ['pushed-early', 'old-build-new-push', 'no-push-event', 'nothing-known'],
  );
  assert.deepEqual(
    sortTags(rows, 'pulled', 'asc').map((r) => r.tag),
    ['old-build-new-push', 'pushed-early', 'no-push-event', 'nothing-known'],
  );
});

test('tag names by semver: newest first, v-prefixes and pre-releases ordered, non-versions last', () => {
  const tags = ['latest', '1.2.0', 'v1.10.0', '1.9.3', '1.10.0-rc.1', 'dev', '0.1.0'];
  assert.deepEqual(sortTagNames(tags, 'semver', 'desc'), ['v1.10.0', '1.10.0-rc.1', '1.9.3', '1.2.0', '0.1.0', 'dev', 'latest']);
});

test('tag names by date: newest first, unknown dates last by name', () => {
  const created = new Map([
    ['a', '2024-01-01T00:00:00Z'],
    ['b', '2025-06-01T00:00:00Z'],
    ['c', undefined],
    ['d', '2023-01-01T00:00:00Z'],
  ]);
  assert.deepEqual(
    sortTagNames(['a', 'b', 'c', 'd', 'e'], 'date', 'desc', (t) => ({ created: created.get(t) })),
    ['b', 'a', 'd', 'c', 'e'],
  );
});

test('with-direction ties break by name in the sort direction, so descending is exactly ascending reversed (clean-up and the CLI rely on it)', () => {
  const same = '2025-03-01T00:00:00Z';
  const rows = [row('build-9', same, 5), row('build-10', same, 5), row('build-2', same, 5), row('undated')];
  for (const key of ['date', 'size'] as const) {
    assert.deepEqual(
      sortTags(rows, key, 'desc', 'with-direction').map((r) => r.tag),
      ['build-10', 'build-9', 'build-2', 'undated'],
    );
    assert.deepEqual(
      sortTags(rows, key, 'asc', 'with-direction').map((r) => r.tag),
      ['build-2', 'build-9', 'build-10', 'undated'],
    );
  }
  assert.deepEqual(sortTagNames(['v2', '2.0.0', '1.2', 'x'], 'semver', 'desc', undefined, 'with-direction'), ['v2', '2.0.0', '1.2', 'x']);
});

test('in the views (the default) ties read A-Z in either direction, as the tree and the desktop list always showed them', () => {
  const same = '2025-03-01T00:00:00Z';
  const rows = [row('build-9', same, 5), row('build-10', same, 5), row('build-2', same, 5), row('undated')];
  for (const key of ['date', 'size'] as const) {
    for (const dir of ['desc', 'asc'] as const) {
      assert.deepEqual(
        sortTags(rows, key, dir).map((r) => r.tag),
        ['build-2', 'build-9', 'build-10', 'undated'],
      );
    }
  }
  assert.deepEqual(sortTagNames(['v2', '2.0.0', '1.2', 'x'], 'semver', 'desc'), ['2.0.0', 'v2', '1.2', 'x']);
});
