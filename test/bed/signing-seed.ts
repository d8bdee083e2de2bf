// Signatures in the newer formats, made offline by the test and written through the raw
// registry API as OCI 1.1 artifacts listed in the tag-schema index "sha256-<hex>":
// - a sigstore bundle (v0.3, DSSE envelope of an in-toto statement naming the image), signed
//   with a key the test made (@sigstore/bundle builds the bundle, node:crypto signs);
// - a Notation signature: a JWS envelope (`jose` signs) with an x5c chain from a CA and a
//   code-signing certificate made by openssl for the test.
import { execFileSync } from 'node:child_process';
import { createPrivateKey, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toDSSEBundle, bundleToJSON } from '@sigstore/bundle';
import { FlattenedSign } from 'jose';
import { pushArtifact, inTotoStatement, AMT, type SeededArtifact } from './attachments-seed';
import { pushManifest, MT } from './seed';
import type { RegistryEndpoint } from './registry-http';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const IN_TOTO = 'application/vnd.in-toto+json';

export interface NotationPki {
  dir: string;
  caPem: string;
  leafPem: string;
  leafKey: KeyObject;
  otherCaPem: string;
}

/** A CA, a code-signing certificate it issued, and an unrelated CA (openssl, in `dir`). */
export function makeNotationPki(dir: string): NotationPki {
  const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, 'leaf.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=codeSigning\n');
  for (const name of ['ca', 'other']) {
    ossl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      '2',
      '-subj',
      `/CN=${name} test CA`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    );
  }
  ossl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'leaf.key',
    '-out',
    'leaf.csr',
    '-subj',
    '/CN=signer.test/O=Dockhand test',
  );
  ossl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem', '-days', '1', '-extfile', 'leaf.ext');
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { dir, caPem: read('ca.pem'), leafPem: read('leaf.pem'), leafKey: createPrivateKey(read('leaf.key')), otherCaPem: read('other.pem') };
}

/** A Notation JWS envelope signing `target` (notary.x509 scheme, x5c = leaf, CA). */
export async function notationEnvelope(
  pki: NotationPki,
  target: { mediaType: string; digest: string; size: number },
  opts: { key?: KeyObject } = {},
): Promise<Buffer> {
  const jws = await new FlattenedSign(json({ targetArtifact: target }))
    .setProtectedHeader({
      alg: 'ES256',
      cty: 'application/vnd.cncf.notary.payload.v1+json',
      crit: ['io.cncf.notary.signingScheme'],
      'io.cncf.notary.signingScheme': 'notary.x509',
      'io.cncf.notary.signingTime': new Date().toISOString(),
    })
    .setUnprotectedHeader({
      x5c: [pki.leafPem, pki.caPem].map((p) => new X509Certificate(p).raw.toString('base64')),
      'io.cncf.notary.signingAgent': 'dockhand-test',
    })
    .sign(opts.key ?? pki.leafKey, { crit: { 'io.cncf.notary.signingScheme': true } });
  return json(jws);
}

/** A keyed sigstore bundle (DSSE, in-toto statement with cosign's sign predicate) over `digest`. */
export function sigstoreBundle(privateKey: KeyObject, subjectName: string, digest: string): Buffer {
  const artifact = json(inTotoStatement(subjectName, digest, 'https://sigstore.dev/cosign/sign/v1', {}));
  const pae = Buffer.concat([Buffer.from(`DSSEv1 ${IN_TOTO.length} ${IN_TOTO} ${artifact.length} `), artifact]);
  return json(bundleToJSON(toDSSEBundle({ artifact, artifactType: IN_TOTO, signature: sign('sha256', pae, privateKey), keyHint: 'dockhand-test-key' })));
}

/** Attach a sigstore bundle and a Notation signature to `subject` (tag-schema index). */
export async function pushBundleAndNotation(
  reg: RegistryEndpoint,
  repo: string,
  subject: { mediaType: string; digest: string; size: number },
  privateKey: KeyObject,
  pki: NotationPki,
  opts: { notationKey?: KeyObject } = {},
): Promise<{ bundle: SeededArtifact; notation: SeededArtifact }> {
  const host = new URL(reg.url).host;
  const bundle = await pushArtifact(reg, repo, [{ data: sigstoreBundle(privateKey, `${host}/${repo}`, subject.digest), mediaType: AMT.bundle }], {
    artifactType: AMT.bundle,
    subject,
    annotations: { 'dev.sigstore.bundle.predicateType': 'https://sigstore.dev/cosign/sign/v1' },
  });
  const notation = await pushArtifact(
    reg,
    repo,
    [{ data: await notationEnvelope(pki, subject, opts.notationKey ? { key: opts.notationKey } : {}), mediaType: AMT.jose }],
    { artifactType: AMT.notary, subject },
  );
  const desc = (a: SeededArtifact) => ({ mediaType: a.mediaType, digest: a.digest, size: a.size, ...(a.artifactType ? { artifactType: a.artifactType } : {}) });
  await pushManifest(
    reg,
    repo,
    subject.digest.replace(':', '-'),
    MT.ociIndex,
    json({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: [desc(bundle), desc(notation)] }),
  );
  return { bundle, notation };
}
