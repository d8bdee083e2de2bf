// Signatures, SBOMs and attestations written through the raw registry API in the published
// formats (independent of Dockhand's own code), for the attachment tests:
// - cosign legacy tags: "sha256-<hex>.sig" (simple-signing payload + base64 signature annotation,
//   signed here with a key made by the test), ".att" (DSSE envelope of an in-toto SLSA
//   provenance statement), ".sbom" (an SPDX document, cosign attach sbom);
// - OCI 1.1 artifacts with `subject`, listed in the tag-schema index "sha256-<hex>" (what a
//   client must write on a registry without the referrers API): SPDX and CycloneDX SBOMs, a
//   notation signature, a sigstore bundle, an in-toto statement; and a notation signature on the
//   SPDX artifact (an attachment of an attachment);
// - buildx attestation manifests inside an index (unknown/unknown platform, vnd.docker.reference.*).
import { createSign, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { pushBlob, pushManifest, sha256, MT, seedImage, type SeededImage } from './seed';
import type { RegistryEndpoint } from './registry-http';

export const AMT = {
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  dsse: 'application/vnd.dsse.envelope.v1+json',
  inToto: 'application/vnd.in-toto+json',
  empty: 'application/vnd.oci.empty.v1+json',
  spdx: 'application/spdx+json',
  cyclonedx: 'application/vnd.cyclonedx+json',
  notary: 'application/vnd.cncf.notary.signature',
  jose: 'application/jose+json',
  bundle: 'application/vnd.dev.sigstore.bundle.v0.3+json',
} as const;

const EMPTY = Buffer.from('{}');
const tagOf = (digest: string) => digest.replace(':', '-');
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

export interface SeededArtifact {
  digest: string;
  size: number;
  mediaType: string;
  artifactType?: string;
  annotations?: Record<string, string>;
  bytes: Buffer;
}

/** Sign like cosign does for the key type (ECDSA/RSA: SHA-256; Ed25519: pure). */
export function signBytes(privateKey: KeyObject, data: Buffer): Buffer {
  if (privateKey.asymmetricKeyType === 'ed25519') return cryptoSign(null, data, privateKey);
  const s = createSign('sha256');
  s.update(data);
  return s.sign(privateKey);
}

export function simpleSigningPayload(dockerReference: string, digest: string): Buffer {
  return json({
    critical: { identity: { 'docker-reference': dockerReference }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' },
    optional: null,
  });
}

/** Push an OCI manifest with the given layers (bytes + media type + annotations); config is the empty descriptor unless given. */
export async function pushArtifact(
  reg: RegistryEndpoint,
  repo: string,
  layers: Array<{ data: Buffer; mediaType: string; annotations?: Record<string, string> }>,
  opts: {
    tag?: string;
    artifactType?: string;
    subject?: { mediaType: string; digest: string; size: number };
    annotations?: Record<string, string>;
    config?: { mediaType: string; data: Buffer };
  } = {},
): Promise<SeededArtifact> {
  const config = opts.config ?? { mediaType: AMT.empty, data: EMPTY };
  const configDigest = await pushBlob(reg, repo, config.data);
  const layerDescs = [];
  for (const l of layers)
    layerDescs.push({
      mediaType: l.mediaType,
      digest: await pushBlob(reg, repo, l.data),
      size: l.data.length,
      ...(l.annotations ? { annotations: l.annotations } : {}),
    });
  const manifest = {
    schemaVersion: 2,
    mediaType: MT.ociManifest,
    ...(opts.artifactType ? { artifactType: opts.artifactType } : {}),
    config: { mediaType: config.mediaType, digest: configDigest, size: config.data.length },
    layers: layerDescs,
    ...(opts.subject ? { subject: opts.subject } : {}),
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
  };
  const bytes = json(manifest);
  const digest = await pushManifest(reg, repo, opts.tag ?? sha256(bytes), MT.ociManifest, bytes);
  return {
    digest,
    size: bytes.length,
    mediaType: MT.ociManifest,
    ...(opts.artifactType ? { artifactType: opts.artifactType } : {}),
    ...(opts.annotations ? { annotations: opts.annotations } : {}),
    bytes,
  };
}

/** The cosign legacy signature tag "sha256-<hex>.sig" for `digest`, signed with `privateKey`. `tamper` alters the payload after signing. */
export async function pushCosignSignature(
  reg: RegistryEndpoint,
  repo: string,
  digest: string,
  privateKey: KeyObject,
  opts: { dockerReference?: string; tamper?: boolean; signsDigest?: string } = {},
): Promise<SeededArtifact & { payload: Buffer }> {
  const payload = simpleSigningPayload(opts.dockerReference ?? `${new URL(reg.url).host}/${repo}`, opts.signsDigest ?? digest);
  const signature = signBytes(privateKey, payload).toString('base64');
  const stored = opts.tamper ? Buffer.from(payload.toString('utf8').replace('"optional":null', '"optional":{"evil":"yes"}')) : payload;
  const a = await pushArtifact(reg, repo, [{ data: stored, mediaType: AMT.simpleSigning, annotations: { 'dev.cosignproject.cosign/signature': signature } }], {
    tag: `${tagOf(digest)}.sig`,
    config: { mediaType: MT.ociConfig, data: json({ architecture: '', os: '', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(stored)] } }) },
  });
  return { ...a, payload: stored };
}

export function spdxDocument(name: string, packages: Array<{ name: string; version: string; license: string }>): Record<string, unknown> {
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://example.invalid/spdx/${name}`,
    creationInfo: { created: '2026-11-01T10:00:00Z', creators: ['Tool: dockhand-test-bed'] },
    packages: packages.map((p, i) => ({
      SPDXID: `SPDXRef-Package-${i}`,
      name: p.name,
      versionInfo: p.version,
      licenseConcluded: p.license,
      downloadLocation: 'NOASSERTION',
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: `pkg:deb/debian/${p.name}@${p.version}` }],
    })),
  };
}

export function cycloneDxDocument(components: Array<{ name: string; version: string; license: string }>): Record<string, unknown> {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    components: components.map((c) => ({
      type: 'library',
      name: c.name,
      version: c.version,
      purl: `pkg:npm/${c.name}@${c.version}`,
      licenses: [{ license: { id: c.license } }],
    })),
  };
}

export function inTotoStatement(subjectName: string, digest: string, predicateType: string, predicate: unknown): Record<string, unknown> {
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: subjectName, digest: { sha256: digest.replace(/^sha256:/, '') } }],
    predicateType,
    predicate,
  };
}

export const SLSA_PROVENANCE = 'https://slsa.dev/provenance/v0.2';
export const SPDX_PREDICATE = 'https://spdx.dev/Document';

/** DSSE envelope of a statement, signed over the DSSE pre-authentication encoding. */
export function dsseEnvelope(statement: unknown, privateKey: KeyObject): Buffer {
  const payload = json(statement);
  const type = MT_INTOTO_PAYLOAD;
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${type.length} ${type} ${payload.length} `), payload]);
  return json({ payloadType: type, payload: payload.toString('base64'), signatures: [{ keyid: '', sig: signBytes(privateKey, pae).toString('base64') }] });
}
const MT_INTOTO_PAYLOAD = 'application/vnd.in-toto+json';

export interface SignedImageSet {
  /** The multi-platform image (index with buildx attestation manifests). */
  index: { digest: string; size: number; bytes: Buffer; platforms: SeededImage[]; attestations: SeededArtifact[] };
  signature: SeededArtifact & { payload: Buffer };
  cosignAttestation: SeededArtifact;
  cosignSbom: SeededArtifact;
  /** OCI artifacts listed in the tag-schema index, by name. */
  referrers: Record<'spdx' | 'cyclonedx' | 'notation' | 'bundle' | 'intoto', SeededArtifact>;
  tagSchemaIndex: { digest: string; tag: string };
  /** Notation signature on the SPDX artifact, in that artifact's own tag-schema index. */
  nested: SeededArtifact;
  nestedIndex: { digest: string; tag: string };
}

/** A signed, SBOM'd, attested multi-platform image at repo:tag, with every kind of attachment. */
export async function seedSignedImage(
  reg: RegistryEndpoint,
  repo: string,
  tag: string,
  privateKey: KeyObject,
  opts: { created?: string } = {},
): Promise<SignedImageSet> {
  const platforms = [
    await seedImage(reg, repo, tag, {
      platform: 'linux/amd64',
      format: 'oci',
      untagged: true,
      layerSizes: [2048],
      ...(opts.created ? { created: opts.created } : {}),
    }),
    await seedImage(reg, repo, tag, {
      platform: 'linux/arm64',
      format: 'oci',
      untagged: true,
      layerSizes: [2048],
      ...(opts.created ? { created: opts.created } : {}),
    }),
  ];
  const host = new URL(reg.url).host;
  // buildx: one attestation manifest per platform, SBOM + provenance statements as layers.
  const attestations: SeededArtifact[] = [];
  for (const p of platforms) {
    const sbom = json(
      inTotoStatement(
        `${host}/${repo}`,
        p.digest,
        SPDX_PREDICATE,
        spdxDocument(`buildx-${p.platform.architecture}`, [{ name: 'busybox', version: '1.36.1', license: 'GPL-2.0-only' }]),
      ),
    );
    const prov = json(
      inTotoStatement(`${host}/${repo}`, p.digest, SLSA_PROVENANCE, {
        builder: { id: 'https://github.com/docker/buildx' },
        buildType: 'https://mobyproject.org/buildkit@v1',
      }),
    );
    attestations.push(
      await pushArtifact(
        reg,
        repo,
        [
          { data: sbom, mediaType: AMT.inToto, annotations: { 'in-toto.io/predicate-type': SPDX_PREDICATE } },
          { data: prov, mediaType: AMT.inToto, annotations: { 'in-toto.io/predicate-type': SLSA_PROVENANCE } },
        ],
        {
          config: {
            mediaType: MT.ociConfig,
            data: json({ architecture: 'unknown', os: 'unknown', config: {}, rootfs: { type: 'layers', diff_ids: [sha256(sbom), sha256(prov)] } }),
          },
        },
      ),
    );
  }
  const indexObj = {
    schemaVersion: 2,
    mediaType: MT.ociIndex,
    manifests: [
      ...platforms.map((p) => ({ mediaType: p.mediaType, digest: p.digest, size: p.size, platform: p.platform })),
      ...attestations.map((a, i) => ({
        mediaType: MT.ociManifest,
        digest: a.digest,
        size: a.size,
        platform: { architecture: 'unknown', os: 'unknown' },
        annotations: { 'vnd.docker.reference.digest': platforms[i]!.digest, 'vnd.docker.reference.type': 'attestation-manifest' },
      })),
    ],
  };
  const indexBytes = json(indexObj);
  const digest = await pushManifest(reg, repo, tag, MT.ociIndex, indexBytes);
  const subject = { mediaType: MT.ociIndex, digest, size: indexBytes.length };

  // cosign legacy tags
  const signature = await pushCosignSignature(reg, repo, digest, privateKey);
  const provStatement = inTotoStatement(`${host}/${repo}`, digest, SLSA_PROVENANCE, { builder: { id: 'https://example.invalid/ci' } });
  const cosignAttestation = await pushArtifact(
    reg,
    repo,
    [{ data: dsseEnvelope(provStatement, privateKey), mediaType: AMT.dsse, annotations: { predicateType: SLSA_PROVENANCE } }],
    {
      tag: `${tagOf(digest)}.att`,
      config: { mediaType: MT.ociConfig, data: json({ architecture: '', os: '', config: {}, rootfs: { type: 'layers', diff_ids: [] } }) },
    },
  );
  const cosignSbom = await pushArtifact(
    reg,
    repo,
    [
      {
        data: json(
          spdxDocument('cosign-attached', [
            { name: 'openssl', version: '3.0.15', license: 'Apache-2.0' },
            { name: 'zlib', version: '1.2.13', license: 'Zlib' },
          ]),
        ),
        mediaType: 'text/spdx+json',
      },
    ],
    {
      tag: `${tagOf(digest)}.sbom`,
      config: { mediaType: MT.ociConfig, data: json({ architecture: '', os: '', config: {}, rootfs: { type: 'layers', diff_ids: [] } }) },
    },
  );

  // OCI 1.1 artifacts with subject, listed in the tag-schema index.
  const created = { 'org.opencontainers.image.created': '2026-11-20T08:30:00Z' };
  const spdx = await pushArtifact(
    reg,
    repo,
    [
      {
        data: json(
          spdxDocument('app', [
            { name: 'libc6', version: '2.36-9', license: 'LGPL-2.1-or-later' },
            { name: 'musl', version: '1.2.4', license: 'MIT' },
            { name: 'ca-certificates', version: '20230311', license: 'MPL-2.0' },
          ]),
        ),
        mediaType: AMT.spdx,
      },
    ],
    { artifactType: AMT.spdx, subject, annotations: created },
  );
  const cyclonedx = await pushArtifact(
    reg,
    repo,
    [
      {
        data: json(
          cycloneDxDocument([
            { name: 'left-pad', version: '1.3.0', license: 'WTFPL' },
            { name: 'lodash', version: '4.17.21', license: 'MIT' },
          ]),
        ),
        mediaType: AMT.cyclonedx,
      },
    ],
    { artifactType: AMT.cyclonedx, subject, annotations: created },
  );
  const notation = await pushArtifact(
    reg,
    repo,
    [
      {
        data: json({ payload: 'eyJ0YXJnZXRBcnRpZmFjdCI6e319', protected: 'eyJhbGciOiJQUzI1NiJ9', header: { x5c: [] }, signature: 'c2ln' }),
        mediaType: AMT.jose,
      },
    ],
    { artifactType: AMT.notary, subject, annotations: { ...created, 'io.cncf.notary.x509chain.thumbprint#S256': '["abc"]' } },
  );
  const bundleStatement = inTotoStatement(`${host}/${repo}`, digest, 'https://in-toto.io/attestation/vulns/v0.1', {
    scanner: { uri: 'pkg:generic/scanner@1' },
  });
  const bundle = await pushArtifact(
    reg,
    repo,
    [
      {
        data: json({ mediaType: AMT.bundle, verificationMaterial: {}, dsseEnvelope: JSON.parse(dsseEnvelope(bundleStatement, privateKey).toString('utf8')) }),
        mediaType: AMT.bundle,
      },
    ],
    { artifactType: AMT.bundle, subject, annotations: { ...created, 'dev.sigstore.bundle.predicateType': 'https://in-toto.io/attestation/vulns/v0.1' } },
  );
  const intoto = await pushArtifact(
    reg,
    repo,
    [
      {
        data: json(inTotoStatement(`${host}/${repo}`, digest, 'https://example.invalid/test-result/v1', { passed: 42 })),
        mediaType: AMT.inToto,
        annotations: { 'in-toto.io/predicate-type': 'https://example.invalid/test-result/v1' },
      },
    ],
    { artifactType: AMT.inToto, subject, annotations: created },
  );
  const referrers = { spdx, cyclonedx, notation, bundle, intoto };
  const desc = (a: SeededArtifact) => ({
    mediaType: a.mediaType,
    digest: a.digest,
    size: a.size,
    ...(a.artifactType ? { artifactType: a.artifactType } : {}),
    ...(a.annotations ? { annotations: a.annotations } : {}),
  });
  const tsTag = tagOf(digest);
  const tsDigest = await pushManifest(
    reg,
    repo,
    tsTag,
    MT.ociIndex,
    json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: Object.values(referrers).map(desc) }),
  );

  // A notation signature on the SPDX artifact, listed in the SPDX artifact's own tag-schema index.
  const nested = await pushArtifact(reg, repo, [{ data: json({ payload: 'e30', protected: 'e30', signature: 'c2ln' }), mediaType: AMT.jose }], {
    artifactType: AMT.notary,
    subject: { mediaType: MT.ociManifest, digest: spdx.digest, size: spdx.size },
    annotations: created,
  });
  const nestedTag = tagOf(spdx.digest);
  const nestedDigest = await pushManifest(reg, repo, nestedTag, MT.ociIndex, json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: [desc(nested)] }));

  return {
    index: { digest, size: indexBytes.length, bytes: indexBytes, platforms, attestations },
    signature,
    cosignAttestation,
    cosignSbom,
    referrers,
    tagSchemaIndex: { digest: tsDigest, tag: tsTag },
    nested,
    nestedIndex: { digest: nestedDigest, tag: nestedTag },
  };
}

/** A single-platform image with only a cosign signature. */
export async function seedSimpleSignedImage(
  reg: RegistryEndpoint,
  repo: string,
  tag: string,
  privateKey: KeyObject,
  opts: { created?: string } = {},
): Promise<{ image: SeededImage; signature: SeededArtifact & { payload: Buffer } }> {
  const image = await seedImage(reg, repo, tag, { format: 'oci', layerSizes: [1024], ...(opts.created ? { created: opts.created } : {}) });
  return { image, signature: await pushCosignSignature(reg, repo, image.digest, privateKey) };
}
