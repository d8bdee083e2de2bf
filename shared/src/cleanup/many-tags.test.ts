// 130,000 tags on one digest (distribution 2.8 returns them in one page): the size report, the
// purge plan and du's table must stay linear and must not spread the tags into a call (which
// overflowed the stack: "Maximum call stack size exceeded").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from './plan';
import { evaluatePolicy } from './policy';
import { repositorySize, MAX_ALIASES } from './size-report';
import type { RepoGraph } from './repo-graph';
import { repositoryText } from '../cli/commands/du';

const TAGS = 130_000;
const d = (name: string) => `sha256:${name.padEnd(64, '0')}`;

function manyTags(): RepoGraph {
  const img = {
    digest: d('a'),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: 100,
    kind: 'image' as const,
    blobs: [{ digest: d('c'), size: 10, kind: 'config' as const }],
    children: [],
    created: '2024-01-01T00:00:00Z',
  };
  return {
    registry: 'r.example',
    repository: 'big',
    notes: [],
    manifests: new Map([[img.digest, img]]),
    tags: Array.from({ length: TAGS }, (_, i) => ({ tag: `t${i}`, digest: img.digest })),
  };
}

test("130,000 tags on one digest: du's report and table, aliases capped", { timeout: 300_000 }, () => {
  const r = repositorySize(manyTags());
  assert.equal(r.tags.length, TAGS);
  assert.equal(r.tags[0]!.aliases.length, MAX_ALIASES);
  assert.equal(r.tags[0]!.aliasCount, TAGS - 1);
  const text = repositoryText(r);
  assert.match(text, new RegExp(`big: ${TAGS} tags, 1 manifests`));
  assert.equal(text.split('\n').length, TAGS + 4);
});

test('130,000 tags on one digest: the purge plan deletes nothing and names a few keepers at most', { timeout: 300_000 }, () => {
  const g = manyTags();
  const verdicts = evaluatePolicy(
    g.tags.map((t) => ({ tag: t.tag, digest: t.digest, created: '2024-01-01T00:00:00Z' })),
    { keepNewest: 1000 },
    new Date('2025-01-01'),
  );
  const plan = buildPlan(g, verdicts);
  assert.equal(plan.tags.length, TAGS);
  // However the policy decides ties, no tag's reason lists the other 129,999 tags, and nothing is deleted (all share the kept digest).
  assert.ok(plan.tags.every((t) => t.action !== 'delete' && t.reason.length < 500));
  assert.equal(plan.deleteManifests.length, 0);
});
