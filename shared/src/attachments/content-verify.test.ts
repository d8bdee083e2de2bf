import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, createSign } from 'node:crypto';
import { interpretContent } from './content';
import { checkSimpleSigning, loadPublicKey, KeyError } from './verify';

const dg = `sha256:${'c'.repeat(64)}`;
const layer = { mediaType: 'application/json', digest: dg, size: 1 };

test('content: DSSE-wrapped statement with an SPDX predicate lists packages; CycloneDX nested components; not JSON is a note', () => {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'x', digest: { sha256: 'c'.repeat(64) } }],
    predicateType: 'https://spdx.dev/Document',
    predicate: { spdxVersion: 'SPDX-2.3', packages: [{ name: 'zlib', versionInfo: '1.3', licenseConcluded: 'NOASSERTION', licenseDeclared: 'Zlib' }] },
  };
  const env = Buffer.from(
    JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: Buffer.from(JSON.stringify(statement)).toString('base64'), signatures: [] }),
  );
  const doc = interpretContent(layer, env);
  assert.equal(doc.format, 'in-toto statement');
  assert.equal(doc.statement?.predicateType, 'https://spdx.dev/Document');
  assert.deepEqual(doc.packages, [{ name: 'zlib', version: '1.3', license: 'Zlib' }]);
  const cdx = interpretContent(
    layer,
    Buffer.from(
      JSON.stringify({
        bomFormat: 'CycloneDX',
        components: [{ name: 'a', version: '1', components: [{ name: 'b', licenses: [{ expression: 'MIT OR Apache-2.0' }] }] }],
      }),
    ),
  );
  assert.deepEqual(cdx.packages, [
    { name: 'a', version: '1' },
    { name: 'b', license: 'MIT OR Apache-2.0' },
  ]);
  assert.equal(interpretContent(layer, Buffer.from([0, 1, 2])).format, 'binary');
});

const payloadFor = (digest: string) =>
  Buffer.from(
    JSON.stringify({
      critical: { identity: { 'docker-reference': 'r/x' }, image: { 'docker-manifest-digest': digest }, type: 'cosign container image signature' },
      optional: null,
    }),
  );
const where = { manifest: dg, layer: dg };

for (const [name, gen, signer] of [
  ['ECDSA P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'sha256'],
  ['ECDSA P-384', () => generateKeyPairSync('ec', { namedCurve: 'P-384' }), 'sha384'],
  ['RSA 2048', () => generateKeyPairSync('rsa', { modulusLength: 2048 }), 'sha256'],
  ['Ed25519', () => generateKeyPairSync('ed25519'), null],
] as const) {
  test(`verify: ${name} signature passes with its key, fails with another key, a tampered payload or another digest`, () => {
    const { privateKey, publicKey } = gen();
    const other = gen().publicKey;
    const payload = payloadFor(dg);
    const sig = (
      signer === null
        ? sign(null, payload, privateKey)
        : (() => {
            const s = createSign(signer);
            s.update(payload);
            return s.sign(privateKey);
          })()
    ).toString('base64');
    const pem = publicKey.export({ type: 'spki', format: 'pem' });
    const key = loadPublicKey(pem);
    assert.deepEqual(checkSimpleSigning(key, dg, payload, sig, where), { ...where, signatureValid: true, digestMatches: true, dockerReference: 'r/x' });
    assert.equal(checkSimpleSigning(loadPublicKey(other.export({ type: 'spki', format: 'pem' })), dg, payload, sig, where).signatureValid, false);
    const tampered = Buffer.from(payload.toString().replace('r/x', 'r/y'));
    assert.match(checkSimpleSigning(key, dg, tampered, sig, where).problem!, /does not verify/);
    const otherDigest = `sha256:${'d'.repeat(64)}`;
    const r = checkSimpleSigning(key, otherDigest, payload, sig, where);
    assert.equal(r.signatureValid, true);
    assert.equal(r.digestMatches, false);
    assert.match(r.problem!, /signs sha256:c+, not sha256:d+/);
    assert.match(checkSimpleSigning(key, dg, payload, undefined, where).problem!, /no dev.cosignproject.cosign\/signature/);
  });
}

test('verify: a private key or junk is refused with the fix', () => {
  assert.throws(() => loadPublicKey('nope'), KeyError);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.throws(() => loadPublicKey(privateKey.export({ type: 'pkcs8', format: 'pem' })), /this is a private key/);
  assert.throws(() => loadPublicKey(generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' })), /cannot check cosign signatures/);
});
