import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAttachment, kindOfPredicate } from './classify';
import { parseAttachmentTag, attachmentTagsBySubject } from './formats';
import type { ImageManifest, IndexManifest } from '../registry/manifest';

const dg = `sha256:${'a'.repeat(64)}`;
const layer = (mediaType: string, annotations?: Record<string, string>) => ({ mediaType, digest: dg, size: 1, ...(annotations ? { annotations } : {}) });
function m(layers: ReturnType<typeof layer>[], extra: Partial<ImageManifest> = {}): ImageManifest {
  return {
    kind: 'image',
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: dg, size: 2 },
    layers,
    ...extra,
  };
}

test('classification by the published formats', () => {
  const c = (x: ImageManifest | IndexManifest, suffix?: string) => {
    const r = classifyAttachment(x, undefined, suffix);
    return `${r.kind}|${r.format}|${(r.predicateTypes ?? []).join(',')}`;
  };
  assert.equal(c(m([layer('application/vnd.dev.cosign.simplesigning.v1+json')])), 'signature|cosign simple-signing|');
  assert.equal(
    c(m([layer('application/vnd.dsse.envelope.v1+json', { predicateType: 'https://slsa.dev/provenance/v1' })])),
    'provenance|in-toto (DSSE)|https://slsa.dev/provenance/v1',
  );
  assert.equal(
    c(m([layer('application/vnd.dsse.envelope.v1+json', { predicateType: 'https://cyclonedx.org/bom' })])),
    'sbom|in-toto (DSSE), CycloneDX|https://cyclonedx.org/bom',
  );
  assert.equal(c(m([layer('text/spdx+json')])), 'sbom|SPDX|');
  assert.equal(c(m([layer('application/vnd.cyclonedx+json')], { artifactType: 'application/vnd.cyclonedx+json' })), 'sbom|CycloneDX|');
  assert.equal(c(m([layer('application/jose+json')], { artifactType: 'application/vnd.cncf.notary.signature' })), 'signature|notation|');
  assert.equal(
    c(m([layer('application/vnd.dev.sigstore.bundle.v0.3+json')], { artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json' })),
    'signature|sigstore bundle|',
  );
  assert.equal(
    c(
      m([layer('application/vnd.dev.sigstore.bundle.v0.3+json')], {
        artifactType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
        annotations: { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' },
      }),
    ),
    'signature|sigstore bundle|https://sigstore.dev/cosign/sign/v1',
  );
  assert.equal(
    c(
      m([
        layer('application/vnd.in-toto+json', { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' }),
        layer('application/vnd.in-toto+json', { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }),
      ]),
    ),
    'provenance|in-toto|https://spdx.dev/Document,https://slsa.dev/provenance/v0.2',
  );
  assert.equal(
    c(m([layer('application/vnd.in-toto+json', { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' })])),
    'sbom|in-toto, SPDX|https://spdx.dev/Document',
  );
  assert.equal(c(m([layer('application/octet-stream')]), 'sig'), 'signature|cosign .sig|');
  assert.equal(
    c(m([layer('application/x-thing')], { config: { mediaType: 'application/vnd.example.report', digest: dg, size: 2 } })),
    'artifact|application/vnd.example.report|',
  );
  assert.equal(kindOfPredicate('https://example.invalid/x').kind, 'attestation');
});

test('attachment tags: tag schema and cosign suffixes; image tags are not', () => {
  const hex = 'b'.repeat(64);
  assert.deepEqual(parseAttachmentTag(`sha256-${hex}`), { tag: `sha256-${hex}`, subject: `sha256:${hex}` });
  assert.deepEqual(parseAttachmentTag(`sha256-${hex}.sig`), { tag: `sha256-${hex}.sig`, subject: `sha256:${hex}`, suffix: 'sig' });
  for (const t of ['latest', 'sha256-abc', `sha256-${hex}x`, `sha256-${'B'.repeat(64)}`, `sha1-${hex}`]) assert.equal(parseAttachmentTag(t), undefined, t);
  const by = attachmentTagsBySubject(['v1', `sha256-${hex}.att`, `sha256-${hex}`]);
  assert.deepEqual(
    by.get(`sha256:${hex}`)?.map((t) => t.tag),
    [`sha256-${hex}.att`, `sha256-${hex}`],
  );
});
