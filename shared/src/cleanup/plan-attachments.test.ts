// Purge plans with attachments (pure): they follow their image, are never ranked as tags,
// a signature on an SBOM follows the SBOM's image, and orphans are deleted only when known gone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from './plan';
import { repositorySize } from './size-report';
import type { ManifestNode, RepoGraph } from './repo-graph';

const d = (name: string) => `sha256:${name.padEnd(64, '0')}`;
const ts = (name: string) => `sha256-${name.padEnd(64, '0')}`;
function image(name: string, layers: Array<[string, number]>, manifestSize = 100): ManifestNode {
  return {
    digest: d(name),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: manifestSize,
    kind: 'image',
    blobs: [{ digest: d(`c${name}`), size: 10, kind: 'config' }, ...layers.map(([l, s]) => ({ digest: d(l), size: s, kind: 'layer' as const }))],
    children: [],
  };
}
function graph(): RepoGraph {
  const nodes: ManifestNode[] = [
    image('a1', [['l1', 200]]),
    image('a2', [['l2', 300]]),
    image('s1', [['p1', 7]], 50),
    image('s2', [['p2', 7]], 50), // cosign .sig of a1, a2
    image('b1', [['sb1', 900]], 60), // an SBOM artifact of a1 (tag schema)
    image('n1', [['nsig', 5]], 40), // a notation signature of the SBOM b1 (tag schema of b1)
    {
      digest: d('t1'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 30,
      kind: 'index',
      blobs: [],
      children: [{ digest: d('b1'), platform: 'unknown', attestation: false }],
    },
    {
      digest: d('t2'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 20,
      kind: 'index',
      blobs: [],
      children: [{ digest: d('n1'), platform: 'unknown', attestation: false }],
    },
    image('s9', [['p9', 7]], 50), // .sig of a digest that is not in the repository
  ];
  return {
    registry: 'r.example',
    repository: 'team/app',
    notes: [],
    manifests: new Map(nodes.map((n) => [n.digest, n])),
    tags: [
      { tag: 'v1', digest: d('a1') },
      { tag: 'v2', digest: d('a2') },
    ],
    attachmentTags: [
      { tag: `${ts('a1')}.sig`, digest: d('s1'), subject: d('a1') },
      { tag: `${ts('a2')}.sig`, digest: d('s2'), subject: d('a2') },
      { tag: ts('a1'), digest: d('t1'), subject: d('a1') },
      { tag: ts('b1'), digest: d('t2'), subject: d('b1') },
      { tag: `${ts('zz')}.sig`, digest: d('s9'), subject: d('zz') },
    ],
  };
}

test('deleting an image deletes its attachments (after it), attachments of attachments too; a kept image keeps them', () => {
  const g = graph();
  const plan = buildPlan(g, [
    { tag: 'v1', digest: d('a1'), keep: false, reason: 'old' },
    { tag: 'v2', digest: d('a2'), keep: true, reason: 'new' },
  ]);
  assert.deepEqual(
    plan.tags.map((t) => `${t.tag}:${t.action}`),
    ['v1:delete', 'v2:keep'],
    'attachment tags are not ranked as images',
  );
  const fate = Object.fromEntries(plan.attachments.map((a) => [a.tag, a.action]));
  assert.deepEqual(fate, {
    [`${ts('a1')}.sig`]: 'delete',
    [`${ts('a2')}.sig`]: 'keep',
    [ts('a1')]: 'delete',
    [ts('b1')]: 'delete',
    [`${ts('zz')}.sig`]: 'keep',
  });
  const order = plan.deleteManifests.map((m) => m.digest);
  assert.equal(order[0], d('a1'), 'the image goes first');
  for (const x of ['s1', 't1', 'b1', 't2', 'n1']) assert.ok(order.includes(d(x)), `${x} deleted`);
  assert.ok(!order.includes(d('s2')) && !order.includes(d('s9')));
  const freed = new Set(plan.freed.objects.map((o) => o.digest));
  for (const x of ['p1', 'sb1', 'nsig', 's1', 'b1']) assert.ok(freed.has(d(x)), `${x} freed`);
  assert.ok(!freed.has(d('p2')) && !freed.has(d('p9')));
  assert.match(plan.attachments.find((a) => a.tag === `${ts('zz')}.sig`)!.reason, /not among the tags \(purge --orphans/);
});

test('orphans are deleted only when their image is known to be gone', () => {
  const g = graph();
  const keepAll = g.tags.map((t) => ({ ...t, keep: true, reason: 'kept' }));
  const plan = buildPlan(g, keepAll, { orphanSubjects: new Set([d('zz')]) });
  assert.deepEqual(
    plan.deleteManifests.map((m) => m.digest),
    [d('s9')],
  );
  assert.deepEqual(plan.freed.objects.map((o) => o.digest).sort(), [d('cs9'), d('p9'), d('s9')].sort());
});

test('du: attachment bytes per image, attachment tags not listed as tags', () => {
  const r = repositorySize(graph());
  assert.deepEqual(
    r.tags.map((t) => t.tag),
    ['v1', 'v2'],
  );
  const v1 = r.tags.find((t) => t.tag === 'v1')!;
  // s1 (50 + 10 + 7), t1 (30), b1 (60 + 10 + 900), t2 (20), n1 (40 + 10 + 5)
  assert.equal(v1.attachments, 3);
  assert.equal(v1.attachmentBytes, 67 + 30 + 970 + 20 + 55);
  assert.equal(r.tags.find((t) => t.tag === 'v2')!.attachmentBytes, 67);
});
