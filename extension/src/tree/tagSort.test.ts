import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortTags } from './tagSort';

test('sortTags by semver: newest first, v-prefixes and pre-releases ordered, non-versions last', () => {
  const tags = ['latest', '1.2.0', 'v1.10.0', '1.9.3', '1.10.0-rc.1', 'dev', '0.1.0'];
  assert.deepEqual(sortTags(tags, 'semver'), ['v1.10.0', '1.10.0-rc.1', '1.9.3', '1.2.0', '0.1.0', 'dev', 'latest']);
});

test('sortTags by date: newest first, unknown dates last by name', () => {
  const created = new Map([
    ['a', '2024-01-01T00:00:00Z'],
    ['b', '2025-06-01T00:00:00Z'],
    ['c', undefined],
    ['d', '2023-01-01T00:00:00Z'],
  ]);
  assert.deepEqual(sortTags(['a', 'b', 'c', 'd', 'e'], 'date', created), ['b', 'a', 'd', 'c', 'e']);
});
