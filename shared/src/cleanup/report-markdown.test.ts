import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sizeMarkdown, planMarkdown, formatBytes } from './report-markdown';
import { buildPlan } from './plan';
import { repositorySize } from './size-report';
import { GARBAGE_COLLECT_HINT } from './apply';
import type { RepoGraph } from './repo-graph';

const d = (n: string) => `sha256:${n.padEnd(64, '0')}`;
const graph: RepoGraph = {
  registry: 'r.example',
  repository: 'team/app',
  notes: [],
  tags: [
    { tag: 'a|b', digest: d('1') },
    { tag: 'v2', digest: d('2') },
  ],
  manifests: new Map([
    [
      d('1'),
      {
        digest: d('1'),
        mediaType: 'm',
        size: 10,
        kind: 'image',
        blobs: [
          { digest: d('c1'), size: 5, kind: 'config' },
          { digest: d('l1'), size: 2048, kind: 'layer' },
        ],
        children: [],
      },
    ],
    [
      d('2'),
      {
        digest: d('2'),
        mediaType: 'm',
        size: 10,
        kind: 'image',
        blobs: [
          { digest: d('c2'), size: 5, kind: 'config' },
          { digest: d('l1'), size: 2048, kind: 'layer' },
        ],
        children: [],
      },
    ],
  ]),
};

test('formatBytes uses binary units', () => {
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(2048), '2.0 KiB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GiB');
});

test('sizeMarkdown: one table row per tag, pipes escaped, totals in exact bytes', () => {
  const md = sizeMarkdown(repositorySize(graph));
  assert.match(md, /\| a\\\|b \| 2\.0 KiB \| 5 B \| 2\.0 KiB \|/);
  assert.match(md, /\(2078 bytes;/);
});

test('planMarkdown lists what goes, what stays, the freed bytes, and the GC hint after applying', () => {
  const plan = buildPlan(
    graph,
    [
      { tag: 'a|b', digest: d('1'), keep: false, reason: 'old' },
      { tag: 'v2', digest: d('2'), keep: true, reason: 'newest' },
    ],
    { otherRepositories: new Set(), policy: 'keep the 1 newest' },
  );
  const md = planMarkdown(plan);
  assert.match(md, /1 tags to remove, 1 manifests to delete, 1 tags kept\. A garbage collection afterwards would free 15 B/);
  assert.match(md, /\| a\\\|b \| delete manifest \|/);
  assert.doesNotMatch(md, /## Result/);
  const after = planMarkdown(plan, {
    deleted: [d('1')],
    untagged: [],
    failed: [],
    skipped: [],
    expectedFreedBytes: 15,
    garbageCollectHint: GARBAGE_COLLECT_HINT,
  });
  assert.match(after, /## Result\n\nDeleted 1 manifests/);
  assert.match(after, /garbage-collect/);
});
