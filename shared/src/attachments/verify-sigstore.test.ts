import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { toDSSEBundle, toMessageSignatureBundle, bundleToJSON } from '@sigstore/bundle';
import { dsse } from '@sigstore/core';
import { checkSigstoreBundle } from './verify-sigstore';

const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] }));
const subject = `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
const where = { manifest: `sha256:${'a'.repeat(64)}`, layer: `sha256:${'b'.repeat(64)}` };
const statement = (digest: string) =>
  Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'r/x', digest: { sha256: digest.slice(7) } }],
      predicateType: 'https://sigstore.dev/cosign/sign/v1',
      predicate: {},
    }),
  );
const PT = 'application/vnd.in-toto+json';

function dsseBundle(privateKey: Parameters<typeof sign>[2], artifact: Buffer, opts: { certificate?: Buffer } = {}): Buffer {
  const signature = sign('sha256', dsse.preAuthEncoding(PT, artifact), privateKey);
  const b = toDSSEBundle({ artifact, artifactType: PT, signature, ...(opts.certificate ? { certificate: opts.certificate } : { keyHint: 'test-key' }) });
  return Buffer.from(JSON.stringify(bundleToJSON(b)));
}

test('sigstore bundle (DSSE, keyed): verifies with its key offline; another key, a tampered statement or another subject fail; no key says what is missing', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
  const good = dsseBundle(privateKey, statement(subject));
  const ok = checkSigstoreBundle(good, subject, { key: publicKey }, where);
  assert.equal(ok.signatureValid, true, ok.problem);
  assert.equal(ok.digestMatches, true);
  assert.equal(ok.problem, undefined);

  const wrong = checkSigstoreBundle(good, subject, { key: other }, where);
  assert.equal(wrong.signatureValid, false);
  assert.match(wrong.problem!, /does not verify with this key/);

  const json = JSON.parse(good.toString()) as { dsseEnvelope: { payload: string } };
  json.dsseEnvelope.payload = statement(`sha256:${'f'.repeat(64)}`).toString('base64');
  const tampered = checkSigstoreBundle(Buffer.from(JSON.stringify(json)), subject, { key: publicKey }, where);
  assert.equal(tampered.signatureValid, false);

  const elsewhere = checkSigstoreBundle(dsseBundle(privateKey, statement(`sha256:${'e'.repeat(64)}`)), subject, { key: publicKey }, where);
  assert.equal(elsewhere.signatureValid, true);
  assert.equal(elsewhere.digestMatches, false);
  assert.match(elsewhere.problem!, /not sha256:/);

  const noKey = checkSigstoreBundle(good, subject, {}, where);
  assert.equal(noKey.signatureValid, false);
  assert.match(noKey.problem!, /signed with a key \(hint "test-key"\): give its public key/);
  assert.match(checkSigstoreBundle(Buffer.from('{"mediaType":"x"}'), subject, { key: publicKey }, where).problem!, /not a valid sigstore bundle/);
});

test('sigstore bundle (message signature over the manifest): verifies against the manifest bytes; a different manifest fails', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const b = toMessageSignatureBundle({ digest: createHash('sha256').update(manifest).digest(), signature: sign('sha256', manifest, privateKey), keyHint: 'k' });
  const bytes = Buffer.from(JSON.stringify(bundleToJSON(b)));
  const ok = checkSigstoreBundle(bytes, subject, { key: publicKey }, where, manifest);
  assert.deepEqual([ok.signatureValid, ok.digestMatches, ok.problem], [true, true, undefined]);
  const bad = checkSigstoreBundle(bytes, subject, { key: publicKey }, where, Buffer.concat([manifest, Buffer.from(' ')]));
  assert.equal(bad.signatureValid, false);
});

test('sigstore bundle (keyless certificate): without a trusted root it says a trusted root is missing; with one that does not hold its CA it fails', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // Any DER certificate will do for the "what is missing" path: the chain is never trusted.
  const der = Buffer.from(
    'MIIBdzCCAR2gAwIBAgIUQ0Z2GfpS1uKZ0ZKcIrIoG0cQv4cwCgYIKoZIzj0EAwIwETEPMA0GA1UEAwwGdGVzdGNhMB4XDTI2MDEwMTAwMDAwMFoXDTM2MDEwMTAwMDAwMFowETEPMA0GA1UEAwwGdGVzdGNhMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE',
    'base64',
  );
  const bytes = dsseBundle(privateKey, statement(subject), { certificate: der });
  const r = checkSigstoreBundle(bytes, subject, {}, where);
  assert.equal(r.signatureValid, false);
  assert.match(r.problem!, /keyless .*give a trusted root \(trusted_root\.json\)/);
  const empty = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
  };
  const withRoot = checkSigstoreBundle(bytes, subject, { trustedRoot: empty }, where);
  assert.equal(withRoot.signatureValid, false);
  assert.ok(withRoot.problem);
});
