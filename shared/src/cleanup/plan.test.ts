import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from './plan';
import { repositorySize, registrySize } from './size-report';
import type { ManifestNode, RepoGraph } from './repo-graph';
import type { TagVerdict } from './policy';

// A hand-built repository: images share a base layer; an index has two platforms, one of
// which is also tagged on its own.
const d = (name: string) => `sha256:${name.padEnd(64, '0')}`;
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
    image('a1', [
      ['base', 1000],
      ['l1', 200],
    ]),
    image('a2', [
      ['base', 1000],
      ['l2', 300],
    ]),
    image('a3', [['l3', 400]]),
    image('pa', [['lpa', 50]]),
    image('pb', [['lpb', 60]]),
    {
      digest: d('ix'),
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 150,
      kind: 'index',
      blobs: [],
      children: [
        { digest: d('pa'), platform: 'linux/amd64', attestation: false },
        { digest: d('pb'), platform: 'linux/arm64', attestation: false },
      ],
    },
  ];
  return {
    registry: 'r.example',
    repository: 'team/app',
    notes: [],
    manifests: new Map(nodes.map((n) => [n.digest, n])),
    tags: [
      { tag: 'v1', digest: d('a1') },
      { tag: 'v2', digest: d('a2') },
      { tag: 'latest', digest: d('a2') },
      { tag: 'v3', digest: d('a3') },
      { tag: 'multi', digest: d('ix') },
      { tag: 'amd64-only', digest: d('pa') },
    ],
  };
}
const verdicts = (g: RepoGraph, remove: string[]): TagVerdict[] =>
  g.tags.map((t) => ({ ...t, keep: !remove.includes(t.tag), reason: remove.includes(t.tag) ? 'test says so' : 'kept by test' }));

test('repositorySize: unique and shared bytes per tag, index platforms, each blob once', () => {
  const r = repositorySize(graph());
  const tag = (n: string) => r.tags.find((t) => t.tag === n)!;
  assert.deepEqual([tag('v1').size, tag('v1').uniqueBytes, tag('v1').sharedBytes], [1210, 210, 1000]);
  // v2 and latest share one digest: nothing is unique to either
  assert.deepEqual([tag('v2').size, tag('v2').uniqueBytes, tag('v2').sharedBytes], [1310, 0, 1310]);
  assert.deepEqual(tag('v2').aliases, ['latest']);
  assert.deepEqual([tag('v3').size, tag('v3').uniqueBytes], [410, 410]);
  assert.equal(tag('multi').isIndex, true);
  assert.deepEqual(
    tag('multi').platforms.map((p) => [p.platform, p.size]),
    [
      ['linux/amd64', 60],
      ['linux/arm64', 70],
    ],
  );
  assert.deepEqual([tag('multi').size, tag('multi').uniqueBytes, tag('multi').manifestBytes], [130, 70, 350]);
  const blobBytes = 1000 + 200 + 300 + 400 + 50 + 60 + 5 * 10;
  assert.equal(r.blobBytes, blobBytes);
  assert.equal(r.manifestBytes, 5 * 100 + 150);
  assert.equal(r.storedBytes, blobBytes + 650);
  assert.equal(r.blobCount, 11); // 5 configs + base, l1, l2, l3, lpa, lpb
});

test('buildPlan: removed tags sharing a digest with a kept tag are untagged, not deleted', () => {
  const g = graph();
  const plan = buildPlan(g, verdicts(g, ['v1', 'v2']), { otherRepositories: new Set() });
  assert.deepEqual(plan.untag, [{ tag: 'v2', digest: d('a2') }]);
  assert.deepEqual(
    plan.deleteManifests.map((x) => [x.digest, x.tags]),
    [[d('a1'), ['v1']]],
  );
  assert.match(plan.tags.find((t) => t.tag === 'v2')!.reason, /stays for latest/);
  // a1's manifest, config and l1 are freed; base is still used by a2
  assert.deepEqual(plan.freed.objects.map((o) => o.digest).sort(), [d('a1'), d('ca1'), d('l1')].sort());
  assert.equal(plan.freed.bytes, 100 + 10 + 200);
  assert.deepEqual(plan.surviving.map((s) => s.tag).sort(), ['amd64-only', 'latest', 'multi', 'v3']);
});

test('buildPlan: deleting an index deletes its platforms except one a kept tag still names', () => {
  const g = graph();
  const plan = buildPlan(g, verdicts(g, ['multi']), { otherRepositories: new Set() });
  assert.deepEqual(
    plan.deleteManifests.map((x) => x.digest),
    [d('ix'), d('pb')],
  );
  assert.equal(plan.deleteManifests[1]!.parent, d('ix'));
  assert.equal(plan.deleteManifests[1]!.platform, 'linux/arm64');
  assert.equal(plan.freed.bytes, 150 + 100 + 10 + 60);
  const both = buildPlan(g, verdicts(g, ['multi', 'amd64-only']), { otherRepositories: new Set() });
  assert.deepEqual(both.deleteManifests.map((x) => x.digest).sort(), [d('ix'), d('pa'), d('pb')].sort());
  assert.equal(both.freed.bytes, 150 + 2 * 100 + 2 * 10 + 50 + 60);
});

test('buildPlan: a platform manifest kept through its index is untagged when its own tag goes', () => {
  const g = graph();
  const plan = buildPlan(g, verdicts(g, ['amd64-only']), { otherRepositories: new Set() });
  assert.deepEqual(
    plan.untag.map((u) => u.tag),
    ['amd64-only'],
  );
  assert.deepEqual(plan.deleteManifests, []);
  assert.equal(plan.freed.bytes, 0);
});

test('buildPlan: blobs another repository references are not counted as freed', () => {
  const g = graph();
  const plan = buildPlan(g, verdicts(g, ['v3']), { otherRepositories: new Set([d('l3')]) });
  assert.equal(plan.freed.bytes, 100 + 10);
  assert.deepEqual(plan.freed.heldByOtherRepositories, { bytes: 400, count: 1 });
  const unchecked = buildPlan(g, verdicts(g, ['v3']));
  assert.equal(unchecked.freed.bytes, 510);
  assert.equal(unchecked.freed.otherRepositoriesChecked, false);
  assert.ok(unchecked.notes.some((n) => /upper bound/.test(n)));
});

test('registrySize: blobs shared across repositories are counted once and are not exclusive', () => {
  const a = graph();
  const b: RepoGraph = {
    registry: 'r.example',
    repository: 'team/other',
    notes: [],
    manifests: new Map([
      [
        d('o1'),
        image('o1', [
          ['base', 1000],
          ['lo', 5],
        ]),
      ],
    ]),
    tags: [{ tag: 'x', digest: d('o1') }],
  };
  const r = registrySize('r.example', [a, b]);
  const other = r.repositories.find((x) => x.repository === 'team/other')!;
  assert.equal(other.storedBytes, 100 + 10 + 1000 + 5);
  assert.equal(other.exclusiveBytes, 100 + 10 + 5);
  assert.equal(other.sharedWithOtherRepositoriesBytes, 1000);
  assert.equal(r.storedBytes, repositorySize(a).storedBytes + 115);
  assert.equal(r.sumOfRepositoriesBytes, repositorySize(a).storedBytes + 1115);
});
