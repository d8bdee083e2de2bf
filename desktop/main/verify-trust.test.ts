import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { trustFromInput } from '../main/handlers/attachments-verify';

test('verify trust input: nothing given, a private key, no certificate, a bad trusted root each say which field and what to give', () => {
  assert.throws(() => trustFromInput({ publicKey: '  ' }), /Give what to trust/);
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.throws(
    () => trustFromInput({ publicKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }),
    (e: Error & { argument?: string }) => /private key/.test(e.message) && e.argument === 'trust.publicKey',
  );
  assert.throws(
    () => trustFromInput({ certificates: 'hello' }),
    (e: Error & { argument?: string }) => /no PEM certificate/.test(e.message) && e.argument === 'trust.certificates',
  );
  assert.throws(
    () => trustFromInput({ trustedRoot: '{"x":1}' }),
    (e: Error & { argument?: string }) => /not a sigstore trusted root/.test(e.message) && e.argument === 'trust.trustedRoot',
  );
  assert.throws(() => trustFromInput({ trustedRoot: 'not json' }), /Trusted root:/);
  const t = trustFromInput({ publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  assert.equal(t.key?.asymmetricKeyType, 'ec');
  assert.equal(t.certificates, undefined);
});
