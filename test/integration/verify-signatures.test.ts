// `dockhand verify` on sigstore bundles and Notation signatures (issue 17), made offline by the
// test (keys by node:crypto, certificates by openssl: test/bed/signing-seed.ts) and stored on the
// real distribution 2.8.2 registry as OCI 1.1 artifacts in the tag-schema index; plus the Notation
// envelope checks themselves (trusted CA, untrusted CA, forged, tampered, COSE).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, seedImage, type RegistryHandle } from '../bed/index';
import { makeNotationPki, notationEnvelope, pushBundleAndNotation, type NotationPki } from '../bed/signing-seed';
import { registriesStoppedAfter } from './helpers/registries';
import { runCli, isolatedCliEnv } from './helpers/run-cli';
import { checkNotationSignature, loadCertificates } from '@dockhand/shared/attachments';

const startRegistry = registriesStoppedAfter();
let reg: RegistryHandle;
let keys: { privateKey: KeyObject; publicKey: KeyObject };
let pki: NotationPki;
const files: Record<'key' | 'wrongKey' | 'ca' | 'otherCa' | 'root', string> = { key: '', wrongKey: '', ca: '', otherCa: '', root: '' };
const subject = `sha256:${'c'.repeat(64)}`;
const where = { manifest: `sha256:${'a'.repeat(64)}`, layer: `sha256:${'b'.repeat(64)}` };
const target = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject, size: 100 };

before(
  async () => {
    reg = await startRegistry();
    const dir = tempDir('dockhand-verify');
    pki = makeNotationPki(dir);
    keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const put = (name: string, text: string | Buffer) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return f;
    };
    files.key = put('cosign.pub', keys.publicKey.export({ type: 'spki', format: 'pem' }));
    files.wrongKey = put('wrong.pub', generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }));
    files.ca = join(dir, 'ca.pem');
    files.otherCa = join(dir, 'other.pem');
    files.root = put(
      'trusted_root.json',
      JSON.stringify({
        mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
        tlogs: [],
        certificateAuthorities: [],
        ctlogs: [],
        timestampAuthorities: [],
      }),
    );
    const img = await seedImage(reg, 'signed/new', 'v1', { format: 'oci', layerSizes: [512] });
    await pushBundleAndNotation(reg, 'signed/new', { mediaType: img.mediaType, digest: img.digest, size: img.manifestBytes.length }, keys.privateKey, pki);
    const forged = await seedImage(reg, 'signed/forged', 'v1', { format: 'oci', layerSizes: [256] });
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    await pushBundleAndNotation(
      reg,
      'signed/forged',
      { mediaType: forged.mediaType, digest: forged.digest, size: forged.manifestBytes.length },
      otherKey,
      pki,
      { notationKey: otherKey },
    );
  },
  { timeout: 120_000 },
);

const cli = (args: string[]) => runCli(args, { env: isolatedCliEnv('dockhand-verify-home') });

test('notation envelope: verifies against the trusted CA or the signing certificate; another CA, a forged or tampered envelope, another subject fail; COSE is present, not verified', async () => {
  const ca = loadCertificates(pki.caPem);
  const good = await notationEnvelope(pki, target);
  const ok = await checkNotationSignature(good, 'application/jose+json', subject, ca, where);
  assert.deepEqual([ok.signatureValid, ok.digestMatches, ok.problem], [true, true, undefined]);
  assert.match(ok.signer!, /CN=signer\.test/);
  assert.equal((await checkNotationSignature(good, 'application/jose+json', subject, loadCertificates(pki.leafPem), where)).signatureValid, true);
  const untrusted = await checkNotationSignature(good, 'application/jose+json', subject, loadCertificates(pki.otherCaPem), where);
  assert.equal(untrusted.signatureValid, false);
  assert.match(untrusted.problem!, /does not chain to a certificate you trust/);
  const jws = JSON.parse(good.toString()) as { payload: string };
  jws.payload = Buffer.from(JSON.stringify({ targetArtifact: { ...target, size: 1 } })).toString('base64url');
  const tampered = await checkNotationSignature(Buffer.from(JSON.stringify(jws)), 'application/jose+json', subject, ca, where);
  assert.equal(tampered.signatureValid, false);
  assert.match(tampered.problem!, /does not verify/);
  const forged = await checkNotationSignature(
    await notationEnvelope(pki, target, { key: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey }),
    'application/jose+json',
    subject,
    ca,
    where,
  );
  assert.equal(forged.signatureValid, false);
  const elsewhere = await checkNotationSignature(
    await notationEnvelope(pki, { ...target, digest: `sha256:${'d'.repeat(64)}` }),
    'application/jose+json',
    subject,
    ca,
    where,
  );
  assert.deepEqual([elsewhere.signatureValid, elsewhere.digestMatches], [true, false]);
  assert.match((await checkNotationSignature(good, 'application/jose+json', subject, [], where)).problem!, /no trusted certificate given/);
  assert.match(
    (await checkNotationSignature(Buffer.from([0xd2, 0x84]), 'application/cose', subject, ca, where)).problem!,
    /present, not verified: a COSE envelope/,
  );
  assert.throws(() => loadCertificates('-----BEGIN PUBLIC KEY-----'), /no PEM certificate/);
});

test('verify (registry 2.8.2, tag schema): a sigstore bundle passes with its key, a Notation signature with its CA; wrong trust fails and says what is missing', async () => {
  const ref = `${reg.host}/signed/new:v1`;
  const withKey = await cli(['verify', ref, '--key', files.key]);
  assert.equal(withKey.code, 0, withKey.out + withKey.err);
  assert.match(withKey.out, /^OK +signature .*\(sigstore bundle\)/m);
  assert.match(withKey.out, /^FAIL +signature .*\(notation\).*no trusted certificate given/m);
  assert.match(withKey.out, /Not checked: transparency log .*no trusted root given/);

  const withCa = await cli(['verify', ref, '--cert', files.ca, '--json']);
  assert.equal(withCa.code, 0, withCa.out + withCa.err);
  const j = JSON.parse(withCa.out) as {
    verified: boolean;
    checks: Array<{ format: string; signatureValid: boolean; digestMatches: boolean; signer?: string; problem?: string }>;
  };
  const notation = j.checks.find((c) => c.format === 'notation')!;
  assert.deepEqual([notation.signatureValid, notation.digestMatches], [true, true]);
  assert.match(notation.signer!, /CN=signer\.test/);
  assert.match(j.checks.find((c) => c.format === 'sigstore bundle')!.problem!, /signed with a key .*give its public key/);

  const wrong = await cli(['verify', ref, '--key', files.wrongKey, '--cert', files.otherCa]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.out, /FAIL .*\(sigstore bundle\).*does not verify with this key/);
  assert.match(wrong.out, /FAIL .*\(notation\).*does not chain to a certificate you trust/);

  const forged = await cli(['verify', `${reg.host}/signed/forged:v1`, '--key', files.key, '--cert', files.ca]);
  assert.equal(forged.code, 1, forged.out);
  assert.match(forged.out, /Not verified: /);

  const none = await cli(['verify', ref]);
  assert.equal(none.code, 2);
  assert.match(none.err, /--key .*--cert .*--trusted-root/);
  const root = await cli(['verify', ref, '--trusted-root', files.root]);
  assert.equal(root.code, 1, 'a trusted root alone does not check keyed signatures');
  assert.match(root.out, /signed with a key/);
});
