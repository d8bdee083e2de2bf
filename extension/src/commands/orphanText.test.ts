import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orphanDetail, deleteWithLabel } from './orphanText';

const d = (c: string) => `sha256:${c.repeat(64)}`;

test('orphan text: nothing attached says nothing; each orphan is one line with its tag; long lists are cut', () => {
  assert.equal(orphanDetail([], 'x'), '');
  const label = deleteWithLabel('sha256:abcdef012345', 2);
  assert.equal(label, 'Delete Manifest sha256:abcdef012345… and 2 Attachments');
  const text = orphanDetail(
    [
      { kind: 'signature', format: 'cosign simple-signing', digest: d('a'), tag: 'sha256-x.sig' },
      { kind: 'sbom', format: 'SPDX', digest: d('b') },
    ],
    label,
  );
  assert.match(text, /leaves 2 attachments \(signatures, SBOMs, attestations\) as orphans/);
  assert.match(text, /• signature \(cosign simple-signing\) sha256:aaaaaaaaaaaa, tag sha256-x\.sig\n/);
  assert.match(text, /• sbom \(SPDX\) sha256:bbbbbbbbbbbb\n/);
  assert.match(text, /"Delete Manifest sha256:abcdef012345… and 2 Attachments" deletes them too/);
  const many = orphanDetail(
    Array.from({ length: 15 }, (_, i) => ({ kind: 'sbom', format: 'SPDX', digest: d(i.toString(16)) })),
    label,
  );
  assert.match(many, /… and 3 more/);
  assert.match(deleteWithLabel('s', 1), /and 1 Attachment$/);
});
