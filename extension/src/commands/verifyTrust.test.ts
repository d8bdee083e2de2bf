import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { trustFromFile, verifyMessage } from './verifyTrust';

test('verify trust: a public key, a certificate and a trusted root are told apart by content; anything else is refused with what to pick', () => {
  const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const k = trustFromFile('cosign.pub', pub);
  assert.equal(k.kind, 'public key');
  assert.ok(k.trust.key);
  assert.throws(() => trustFromFile('notes.txt', 'hello'), /notes\.txt is not a public key \(cosign\.pub\), a certificate \(Notation\) or a sigstore trusted root .*Pick one of those\./);
  assert.throws(() => trustFromFile('root.json', '{"mediaType": 1'), /root\.json is not a public key/);
  assert.throws(() => trustFromFile('ca.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), /ca\.pem is not/);
});

test('verify words: verified names the formats and the signer; what was not checked is said; nothing found says where it looked', () => {
  const ok = verifyMessage('reg/app:1', {
    subject: 'sha256:x',
    verified: true,
    checks: [
      { manifest: 'm', layer: 'l', format: 'notation', signatureValid: true, digestMatches: true, signer: 'CN=signer.test' },
      { manifest: 'm', layer: 'l2', signatureValid: false, digestMatches: false, problem: 'no trusted key' },
    ],
    notVerified: ['Notation trust policy (trusted identities): not checked'],
  });
  assert.equal(
    ok,
    'Verified: reg/app:1 (1 of 2 signatures: notation; signed by CN=signer.test). Others failed: no trusted key. Not checked: Notation trust policy (trusted identities).',
  );
  assert.match(verifyMessage('reg/app:1', { subject: 's', verified: false, checks: [], notVerified: [] }), /No signature found .*Notation/);
});
