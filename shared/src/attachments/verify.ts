// Verify cosign keyed signatures offline with Node's crypto: for each simple-signing layer of
// the image's signature manifest ("sha256-<hex>.sig", or a referrer with that layout), the
// base64 signature in the dev.cosignproject.cosign/signature annotation must verify over the
// payload blob with the given public key (ECDSA P-256/P-384/P-521, RSA PKCS#1 v1.5 or PSS,
// Ed25519), and the payload must name the image's digest (critical.image.docker-manifest-digest)
// and be of type "cosign container image signature". Not verified (says so in the result):
// the transparency log (Rekor) inclusion and keyless certificate chains (need network / trust roots).
import { createPublicKey, verify as cryptoVerify, constants, type KeyObject } from 'node:crypto';
import type { RegistryClient } from '../registry/client';
import { ANNOTATIONS, ATTACHMENT_MEDIA_TYPES } from './formats';
import type { Attachment } from './types';

export const COSIGN_SIGNATURE_TYPE = 'cosign container image signature';
const MAX_PAYLOAD_BYTES = 1024 * 1024;

export interface SignatureCheck {
  /** The signature manifest and layer checked. */
  manifest: string;
  layer: string;
  /** "cosign simple-signing" (when absent), "sigstore bundle", "notation". */
  format?: string;
  signatureValid: boolean;
  /** The payload names the image's digest. */
  digestMatches: boolean;
  /** critical.identity.docker-reference of the payload. */
  dockerReference?: string;
  /** Who signed, from a certificate (keyless identity, Notation subject). */
  signer?: string;
  /** What failed, in words. */
  problem?: string;
}

export interface VerifyResult {
  subject: string;
  /** At least one signature verified with the key and names the subject. */
  verified: boolean;
  checks: SignatureCheck[];
  /** What this check does not cover. */
  notVerified: string[];
}

export class KeyError extends Error {
  override name = 'KeyError';
}

/** Load a PEM public key (PKIX "PUBLIC KEY", or "RSA PUBLIC KEY"). */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem.toString('latin1')))
    throw new KeyError('this is a private key: give the public key (cosign.pub), and keep the private one out of reach');
  try {
    const key = createPublicKey(pem);
    const t = key.asymmetricKeyType;
    if (t !== 'ec' && t !== 'rsa' && t !== 'rsa-pss' && t !== 'ed25519')
      throw new KeyError(`a ${t ?? 'unknown'} key cannot check cosign signatures: give an ECDSA, RSA or Ed25519 public key`);
    return key;
  } catch (err) {
    if (err instanceof KeyError) throw err;
    throw new KeyError('the key file is not a PEM public key (cosign.pub: "-----BEGIN PUBLIC KEY-----"); give the public key, never the private one');
  }
}

/** Does `signature` verify over `payload` with `key`? Tries the hashes cosign uses for the key type. */
export function verifyBytes(key: KeyObject, payload: Buffer, signature: Buffer): boolean {
  const t = key.asymmetricKeyType;
  try {
    if (t === 'ed25519') return cryptoVerify(null, payload, key, signature);
    if (t === 'ec') {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      const hashes = curve === 'secp384r1' ? ['sha384', 'sha256'] : curve === 'secp521r1' ? ['sha512', 'sha256'] : ['sha256'];
      return hashes.some((h) => cryptoVerify(h, payload, key, signature));
    }
    if (cryptoVerify('sha256', payload, { key, padding: constants.RSA_PKCS1_PADDING }, signature)) return true;
    return cryptoVerify('sha256', payload, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature);
  } catch {
    return false;
  }
}

/** Check one simple-signing payload and its signature against the subject (pure). */
export function checkSimpleSigning(
  key: KeyObject,
  subject: string,
  payload: Buffer,
  signatureB64: string | undefined,
  where: { manifest: string; layer: string },
): SignatureCheck {
  const base = { ...where, signatureValid: false, digestMatches: false };
  if (!signatureB64) return { ...base, problem: `no ${ANNOTATIONS.cosignSignature} annotation on the layer` };
  const signatureValid = verifyBytes(key, payload, Buffer.from(signatureB64, 'base64'));
  let doc: { critical?: { type?: unknown; image?: { 'docker-manifest-digest'?: unknown }; identity?: { 'docker-reference'?: unknown } } };
  try {
    doc = JSON.parse(payload.toString('utf8')) as typeof doc;
  } catch {
    return { ...base, signatureValid, problem: 'the payload is not JSON' };
  }
  const digest = doc.critical?.image?.['docker-manifest-digest'];
  const ref = doc.critical?.identity?.['docker-reference'];
  const digestMatches = digest === subject;
  const typeOk = doc.critical?.type === COSIGN_SIGNATURE_TYPE;
  const problem = !signatureValid
    ? 'the signature does not verify with this key (wrong key, or the payload was altered)'
    : !typeOk
      ? `the payload's critical.type is ${JSON.stringify(doc.critical?.type)}, not "${COSIGN_SIGNATURE_TYPE}"`
      : !digestMatches
        ? `the payload signs ${typeof digest === 'string' ? digest : 'no digest'}, not ${subject}`
        : undefined;
  return {
    ...where,
    signatureValid,
    digestMatches: digestMatches && typeOk,
    ...(typeof ref === 'string' ? { dockerReference: ref } : {}),
    ...(problem ? { problem } : {}),
  };
}

export const NOT_VERIFIED = [
  'transparency log (Rekor) inclusion: not checked offline',
  'keyless certificates (Fulcio chain, identity, issuer): not checked; only the given key is trusted',
];

/** Verify the cosign simple-signing signatures among `attachments` of `subject` with `key`. */
export async function verifyCosignSignatures(
  client: RegistryClient,
  repository: string,
  subject: string,
  attachments: Attachment[],
  key: KeyObject,
  opts: { signal?: AbortSignal } = {},
): Promise<VerifyResult> {
  const checks: SignatureCheck[] = [];
  for (const a of attachments) {
    if (a.subject !== subject) continue;
    for (const l of a.layers) {
      if (l.mediaType !== ATTACHMENT_MEDIA_TYPES.cosignSimpleSigning) continue;
      if (l.size > MAX_PAYLOAD_BYTES) {
        checks.push({
          manifest: a.digest,
          layer: l.digest,
          signatureValid: false,
          digestMatches: false,
          problem: `the payload is ${l.size} bytes, over the ${MAX_PAYLOAD_BYTES}-byte limit`,
        });
        continue;
      }
      const payload = await client.getBlobBytes(repository, l.digest, { signal: opts.signal, maxBytes: MAX_PAYLOAD_BYTES });
      checks.push(checkSimpleSigning(key, subject, payload, l.annotations?.[ANNOTATIONS.cosignSignature], { manifest: a.digest, layer: l.digest }));
    }
  }
  return { subject, verified: checks.some((c) => c.signatureValid && c.digestMatches), checks, notVerified: NOT_VERIFIED };
}
