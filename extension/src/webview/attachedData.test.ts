import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toAttachedInfo, findAttachment } from './attachedData';
import { isHostMessage, isWebviewMessage } from './protocol';
import type { Attachment, Discovery } from '../registry/registryApi';

const d = (c: string) => `sha256:${c.repeat(64)}`;
const att = (digest: string, subject: string, extra: Partial<Attachment> = {}): Attachment => ({
  digest,
  subject,
  kind: 'signature',
  format: 'cosign simple-signing',
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  source: 'cosign-tag',
  size: 900,
  manifestSize: 400,
  layers: [],
  ...extra,
});

test('toAttachedInfo: own, platform and nested attachments, each once, as plain data', () => {
  const nested = att(d('4'), d('2'), { format: 'notation', source: 'tag-schema' });
  const discoveries: Discovery[] = [
    {
      subject: d('a'),
      referrersApi: false,
      notes: [],
      attachments: [
        att(d('1'), d('a'), { tag: `sha256-${'a'.repeat(64)}.sig` }),
        att(d('2'), d('a'), { kind: 'sbom', format: 'SPDX', source: 'tag-schema', created: '2026-01-02T03:04:05.000Z', attachments: [nested] }),
      ],
    },
    { subject: d('b'), referrersApi: false, notes: [], attachments: [att(d('3'), d('b'))] },
  ];
  const rows = toAttachedInfo(discoveries, d('a'));
  assert.deepEqual(
    rows.map((r) => [r.digest, r.kind, r.onPlatform ?? '', r.attachedTo ?? '']),
    [
      [d('1'), 'signature', '', ''],
      [d('2'), 'sbom', '', ''],
      [d('4'), 'signature', '', d('2')],
      [d('3'), 'signature', d('b'), ''],
    ],
  );
  assert.equal(rows[1]!.created, '2026-01-02T03:04:05.000Z');
  assert.equal(findAttachment(discoveries, d('4')), nested);
  assert.equal(findAttachment(discoveries, d('9')), undefined);
  assert.doesNotThrow(() => JSON.stringify(rows));
});

test('protocol: openAttachment takes only a digest; attachmentPackages is checked', () => {
  assert.ok(isWebviewMessage({ type: 'openAttachment', digest: d('c') }));
  assert.ok(!isWebviewMessage({ type: 'openAttachment', digest: '../x' }));
  assert.ok(isHostMessage({ type: 'attachmentPackages', digest: d('c'), format: 'SPDX', packages: [{ name: 'zlib' }] }));
  assert.ok(!isHostMessage({ type: 'attachmentPackages', digest: d('c'), format: 'SPDX', packages: [{ version: '1' }] }));
});
