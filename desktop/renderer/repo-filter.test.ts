import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFilterIndex, filterNames, highlightParts } from './repo-filter';

test('every word of the query must match, case-insensitively, in order of the catalog', () => {
  const index = buildFilterIndex(['team/api', 'team/web', 'infra/API-gateway', 'tools/lint']);
  assert.deepEqual(filterNames(index, 'api'), ['team/api', 'infra/API-gateway']);
  assert.deepEqual(filterNames(index, 'team  w'), ['team/web']);
  assert.deepEqual(filterNames(index, '   '), ['team/api', 'team/web', 'infra/API-gateway', 'tools/lint']);
  assert.deepEqual(filterNames(index, 'nothing'), []);
});

test('filtering 10,000 names returns exactly the matching ones', () => {
  const names = Array.from({ length: 10000 }, (_, i) => `group-${i % 100}/service-${i}`);
  const index = buildFilterIndex(names);
  const hits = filterNames(index, 'group-7/ service-99');
  assert.deepEqual(
    hits,
    names.filter((n) => n.includes('group-7/') && n.includes('service-99')),
  );
  assert.ok(hits.length > 0);
});

test('highlight marks the matched characters', () => {
  assert.deepEqual(highlightParts('team/Api', 'api'), [
    ['team/', false],
    ['Api', true],
  ]);
  assert.deepEqual(highlightParts('abc', ''), [['abc', false]]);
});
