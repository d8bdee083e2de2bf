// Delete… and Untag… on several selected tags (issue 15 item 10), against the bed's plain-HTTP
// registry: VS Code passes (clicked item, every selected item); the command returns its one
// combined plan (which manifests, which unselected sibling tags go with them, which tags are
// only untagged) and does what was chosen. Checked with raw fetch, independent of Dockhand.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { tagNode, plainTags, plainDigest, plainRegistry } from './api';
import type { MultiDeleteResult } from '../../commands/deleteTagsCommand';

const REPO = 'multi/app';

test('commands: multi-select Delete… previews every manifest, sibling and untagged tag at once; untag keeps the images; delete removes manifests and siblings', async () => {
  const { plain, seeded } = bedConfig();
  const reg = await plainRegistry();
  const src = seeded.plainRepo;
  // Two images: 1.0 (tags a, b, c) and 2.0 (tags x, y).
  for (const [from, to] of [
    ['1.0', 'a'],
    ['2.0', 'x'],
  ] as const)
    await vscode.commands.executeCommand('dockhand.copyImage', tagNode(reg, src, from), { registry: plain.host, repoTag: `${REPO}:${to}` });
  for (const [from, to] of [
    ['a', 'b'],
    ['a', 'c'],
    ['a', 'd'],
    ['x', 'y'],
  ] as const)
    await vscode.commands.executeCommand('dockhand.retag', tagNode(reg, REPO, from), to);
  assert.deepEqual(await plainTags(plain.url, REPO), ['a', 'b', 'c', 'd', 'x', 'y']);
  const one = (await plainDigest(plain.url, REPO, 'a'))!;
  const two = (await plainDigest(plain.url, REPO, 'x'))!;
  assert.notEqual(one, two);

  const selection = ['a', 'b', 'x'].map((t) => tagNode(reg, REPO, t));
  const run = (answer: string) => vscode.commands.executeCommand<MultiDeleteResult>('dockhand.deleteTag', selection[0], selection, { confirm: answer });

  const preview = await run('cancel');
  assert.equal(preview.choice, 'cancel');
  assert.deepEqual(
    preview.plan.untag.map((u) => u.tag),
    ['a', 'b', 'x'],
  );
  assert.deepEqual(
    preview.plan.manifests.map((m) => ({ digest: m.digest, selected: m.selected, siblings: m.siblings })),
    [
      { digest: one, selected: ['a', 'b'], siblings: ['c', 'd'] },
      { digest: two, selected: ['x'], siblings: ['y'] },
    ],
  );
  assert.deepEqual(await plainTags(plain.url, REPO), ['a', 'b', 'c', 'd', 'x', 'y'], 'cancel changes nothing');

  const untagged = await run('untag');
  assert.deepEqual(untagged.failed, []);
  assert.equal(untagged.done.length, 3);
  assert.deepEqual(await plainTags(plain.url, REPO), ['c', 'd', 'y'], 'only the selected tags are gone');
  assert.equal(await plainDigest(plain.url, REPO, 'c'), one, 'the image stays for its other tags');
  assert.equal(await plainDigest(plain.url, REPO, 'y'), two);

  const again = ['c', 'y'].map((t) => tagNode(reg, REPO, t));
  const deleted = await vscode.commands.executeCommand<MultiDeleteResult>('dockhand.deleteTag', again[1], again, { confirm: 'delete' });
  assert.deepEqual(deleted.failed, []);
  assert.deepEqual(
    deleted.plan.manifests.map((m) => m.siblings),
    [['d'], []],
  );
  assert.deepEqual(await plainTags(plain.url, REPO), [], 'both manifests and the unselected :d went with them');
  assert.equal(await plainDigest(plain.url, REPO, 'd'), undefined);
});

