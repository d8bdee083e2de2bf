import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planMultiDelete, multiDeleteLabels, multiDeleteDetail, multiDeleteTitle, tagsRemovedByDelete, type SelectedTag } from './multiDeletePlan';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const sel = (tag: string, digest: string, tagsOfDigest: string[], repo = 'team/app'): SelectedTag => ({
  host: 'reg:5000',
  repo,
  tag,
  digest,
  tagsOfDigest,
});

test('multi delete plan: one entry per image, unselected tags on it listed as going along, duplicates once', () => {
  const plan = planMultiDelete([
    sel('1.0', d('a'), ['1.0', 'stable', 'latest']),
    sel('latest', d('a'), ['1.0', 'stable', 'latest']),
    sel('2.0', d('b'), ['2.0']),
    sel('2.0', d('b'), ['2.0']),
  ]);
  assert.deepEqual(
    plan.untag.map((u) => u.tag),
    ['1.0', 'latest', '2.0'],
  );
  assert.equal(plan.manifests.length, 2);
  assert.deepEqual(plan.manifests[0], { host: 'reg:5000', repo: 'team/app', digest: d('a'), selected: ['1.0', 'latest'], siblings: ['stable'] });
  assert.deepEqual(plan.manifests[1]!.siblings, []);
  assert.equal(tagsRemovedByDelete(plan), 4);
});

test('multi delete words: the safe button names only the selected tags, the destructive one every tag it removes; the detail shows both outcomes', () => {
  const plan = planMultiDelete([sel('1.0', d('a'), ['1.0', 'stable']), sel('2.0', d('b'), ['2.0'])]);
  plan.manifests[0]!.orphans = 1;
  const labels = multiDeleteLabels(plan);
  assert.equal(labels.untag, 'Remove Only These 2 Tags');
  assert.equal(labels.delete, 'Delete 2 Manifests and All 3 Tags');
  assert.equal(multiDeleteTitle(plan), 'Delete 2 tags of reg:5000/team/app?');
  const detail = multiDeleteDetail(plan);
  assert.match(detail, /"Remove Only These 2 Tags" removes only the selected tags/);
  assert.match(detail, /• team\/app:1\.0\n\s+• team\/app:2\.0/);
  assert.match(detail, /and with them 1 tag you did not select/);
  assert.match(detail, /team\/app@sha256:aaaaaaaaaaaa… \(:1\.0; also removes :stable; leaves 1 attachment orphaned\)/);
  assert.doesNotMatch(detail, /--|dockhand /, 'no command-line words');
});

test('multi delete words: tags in two repositories are named with their registry; long lists are cut', () => {
  const many = Array.from({ length: 25 }, (_, i) => sel(`t${i}`, d(String.fromCharCode(97 + (i % 6))), [`t${i}`], i % 2 ? 'a' : 'b'));
  const plan = planMultiDelete(many);
  assert.equal(multiDeleteTitle(plan), 'Delete 25 tags in 2 repositories?');
  const detail = multiDeleteDetail(plan);
  assert.match(detail, /• reg:5000\/b:t0/);
  assert.match(detail, /… and 5 more/);
});
