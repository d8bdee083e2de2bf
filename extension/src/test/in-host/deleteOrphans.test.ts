// Delete… on an image with a cosign signature (issue 17): the command reports the attachment
// that deleting the manifest orphans; "delete" leaves it (the .sig tag stays), "delete with
// attachments" removes it too. Checked with raw fetch against the plain-HTTP registry.
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import { test } from './harness';
import { bedConfig } from './bedConfig';
import { tagNode, plainTags, plainDigest, plainRegistry } from './api';

interface DeleteResult {
  deleted: boolean;
  digest: string;
  orphans: string[];
  attachmentsDeleted?: string[];
}

test('commands: delete names the attachments it would orphan; cancel keeps all; delete leaves the signature; delete with attachments removes it', async () => {
  const { plain, seeded } = bedConfig();
  const reg = await plainRegistry();
  const repo = seeded.signedRepo;
  const sigTag = async (tag: string) => `${(await plainDigest(plain.url, repo, tag))!.replace(':', '-')}.sig`;
  const v1Sig = await sigTag('v1');
  const v2Sig = await sigTag('v2');

  const cancelled = await vscode.commands.executeCommand<DeleteResult>('dockhand.deleteTag', tagNode(reg, repo, 'v1'), { confirm: 'cancel' });
  assert.deepEqual(cancelled.orphans, [seeded.signatures.v1]);
  assert.equal(cancelled.deleted, false);

  const plainDelete = await vscode.commands.executeCommand<DeleteResult>('dockhand.deleteTag', tagNode(reg, repo, 'v1'), { confirm: 'delete' });
  assert.equal(plainDelete.deleted, true);
  assert.deepEqual(plainDelete.orphans, [seeded.signatures.v1]);
  assert.equal(plainDelete.attachmentsDeleted, undefined);
  let tags = await plainTags(plain.url, repo);
  assert.ok(!tags.includes('v1'), tags.join(', '));
  assert.ok(tags.includes(v1Sig), `the orphaned signature stays: ${tags.join(', ')}`);

  const withAttachments = await vscode.commands.executeCommand<DeleteResult>('dockhand.deleteTag', tagNode(reg, repo, 'v2'), {
    confirm: 'delete-with-attachments',
  });
  assert.equal(withAttachments.deleted, true);
  assert.deepEqual(withAttachments.attachmentsDeleted, [seeded.signatures.v2]);
  tags = await plainTags(plain.url, repo);
  assert.ok(!tags.includes('v2') && !tags.includes(v2Sig), `v2 and its signature are gone: ${tags.join(', ')}`);
  assert.equal(await plainDigest(plain.url, repo, v2Sig), undefined);
});
