import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combinePlans } from './bulk-delete-plan';

test('one preview for several tags: each manifest once, the unselected siblings named, untag-only keeps every manifest', () => {
  const plan = combinePlans([
    { tag: 'v1', digest: 'sha256:a', siblingTags: ['stable', 'v1-alias'] },
    { tag: 'v1-alias', digest: 'sha256:a', siblingTags: ['stable', 'v1'] },
    { tag: 'v2', digest: 'sha256:b', siblingTags: [] },
  ]);
  assert.deepEqual(plan.untag, ['v1', 'v1-alias', 'v2']);
  assert.deepEqual(plan.manifests, [
    { digest: 'sha256:a', tags: ['v1', 'v1-alias', 'stable'] },
    { digest: 'sha256:b', tags: ['v2'] },
  ]);
  assert.deepEqual(plan.siblingsToo, ['stable']);
  assert.deepEqual(plan.leftUntagged, ['sha256:b'], 'v2 was the only tag of its image');
});
