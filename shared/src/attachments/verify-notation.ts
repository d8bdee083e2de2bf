// Verify a Notation signature (artifact type application/vnd.cncf.notary.signature) offline:
// its JWS envelope (application/jose+json) with `jose`, signed by the leaf certificate of the
// envelope's x5c chain; the chain must link (each certificate issued and signed by the next)
// up to a certificate the user trusts (a trust-store certificate: the root CA or the signing
// certificate itself); the signed payload's targetArtifact must be the image. Not checked:
// trust policy identities, revocation (OCSP/CRL), timestamp countersignatures. COSE envelopes
// (application/cose) are reported as present, not verified: no kept COSE library on npm.
import { X509Certificate } from 'node:crypto';
import { flattenedVerify, type FlattenedJWS } from 'jose';
import type { SignatureCheck } from './verify';

export const NOTATION_JWS = 'application/jose+json';
export const NOTATION_COSE = 'application/cose';

// Notation's critical protected headers (notaryproject specification, signature-envelope-jws).
const NOTARY_CRIT = {
  'io.cncf.notary.signingScheme': true,
  'io.cncf.notary.signingTime': true,
  'io.cncf.notary.expiry': true,
  'io.cncf.notary.authenticSigningTime': true,
  'io.cncf.notary.verificationPlugin': true,
  'io.cncf.notary.verificationPluginMinVersion': true,
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Load one or more PEM certificates (a trust store file). */
export function loadCertificates(pem: string | Buffer): X509Certificate[] {
  const blocks = pem.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length)
    throw new Error('no PEM certificate in it ("-----BEGIN CERTIFICATE-----"): give the CA or signing certificate of your Notation trust store');
  return blocks.map((b) => new X509Certificate(b));
}

/** Does the chain (leaf first) link up to one of the trusted certificates? */
function chainTrusted(chain: X509Certificate[], trusted: X509Certificate[]): string | undefined {
  const isTrusted = (c: X509Certificate) => trusted.some((t) => t.fingerprint256 === c.fingerprint256);
  for (let i = 0; i < chain.length; i++) {
    const c = chain[i]!;
    if (isTrusted(c)) return undefined;
    const issuer = trusted.find((t) => c.checkIssued(t) && c.verify(t.publicKey));
    if (issuer) return undefined;
    const next = chain[i + 1];
    if (!next) break;
    if (!c.checkIssued(next) || !c.verify(next.publicKey))
      return `certificate ${i} of the envelope's chain (${c.subject.replace(/\n/g, ', ')}) is not issued by the next one`;
  }
  return 'the signing certificate does not chain to a certificate you trust (give the CA of your Notation trust store)';
}

/** Check one Notation envelope blob against `subject` with the trusted certificates (pure). */
export async function checkNotationSignature(
  bytes: Buffer,
  mediaType: string,
  subject: string,
  trusted: X509Certificate[],
  where: { manifest: string; layer: string },
): Promise<SignatureCheck> {
  const base: SignatureCheck = { ...where, format: 'notation', signatureValid: false, digestMatches: false };
  if (mediaType === NOTATION_COSE)
    return { ...base, problem: "present, not verified: a COSE envelope (Dockhand verifies Notation's JWS envelopes only; use `notation verify` for COSE)" };
  if (mediaType !== NOTATION_JWS) return { ...base, problem: `present, not verified: unknown envelope type ${mediaType}` };
  let jws: FlattenedJWS & { header?: Obj };
  try {
    jws = JSON.parse(bytes.toString('utf8')) as typeof jws;
    if (!isObj(jws) || typeof jws.protected !== 'string' || typeof jws.payload !== 'string' || typeof jws.signature !== 'string')
      throw new Error('not a flattened JWS');
  } catch (err) {
    return { ...base, problem: `the envelope is not a JWS: ${(err as Error).message}` };
  }
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(jws.payload, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const target = isObj(payload) && isObj(payload.targetArtifact) ? payload.targetArtifact.digest : undefined;
  const digestMatches = target === subject;
  const x5c = isObj(jws.header) && Array.isArray(jws.header.x5c) ? jws.header.x5c.filter((x): x is string => typeof x === 'string') : [];
  if (!x5c.length) return { ...base, digestMatches, problem: 'the envelope has no certificate chain (x5c)' };
  let chain: X509Certificate[];
  try {
    chain = x5c.map((b) => new X509Certificate(Buffer.from(b, 'base64')));
  } catch {
    return { ...base, digestMatches, problem: "the envelope's certificate chain (x5c) is not DER certificates" };
  }
  const leaf = chain[0]!;
  const signer = leaf.subject.replace(/\n/g, ', ');
  if (!trusted.length)
    return {
      ...base,
      digestMatches,
      signer,
      problem: 'no trusted certificate given: give the CA (or signing certificate) of your Notation trust store to check it',
    };
  let signatureValid = false;
  try {
    await flattenedVerify(jws, leaf.publicKey, { crit: NOTARY_CRIT });
    signatureValid = true;
  } catch (err) {
    return { ...base, digestMatches, signer, problem: `the signature does not verify with the envelope's certificate (${(err as Error).message})` };
  }
  const chainProblem = chainTrusted(chain, trusted);
  if (chainProblem) return { ...base, signatureValid: false, digestMatches, signer, problem: chainProblem };
  const signedAt = (() => {
    try {
      const h = JSON.parse(Buffer.from(jws.protected!, 'base64url').toString('utf8')) as Obj;
      return typeof h['io.cncf.notary.signingTime'] === 'string' ? new Date(h['io.cncf.notary.signingTime']) : undefined;
    } catch {
      return undefined;
    }
  })();
  if (signedAt && (signedAt < new Date(leaf.validFrom) || signedAt > new Date(leaf.validTo)))
    return { ...base, digestMatches, signer, problem: `signed at ${signedAt.toISOString()}, outside the signing certificate's validity` };
  return {
    ...base,
    signatureValid,
    digestMatches,
    signer,
    ...(!digestMatches ? { problem: `the payload signs ${typeof target === 'string' ? target : 'no digest'}, not ${subject}` } : {}),
  };
}
