// Verify every kind of signature attached to an image, offline, with the trust material the
// user gives: cosign simple-signing with a public key (verify.ts), sigstore bundles with a key
// or a trusted root (verify-sigstore.ts), Notation JWS envelopes with trusted certificates
// (verify-notation.ts). The result says per signature what held and what failed, and overall
// what was not checked and what trust material was missing.
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { RegistryClient } from '../registry/client';
import { ATTACHMENT_MEDIA_TYPES, ANNOTATIONS, isSigstoreBundleType } from './formats';
import type { Attachment } from './types';
import { checkSimpleSigning, NOT_VERIFIED, type SignatureCheck, type VerifyResult } from './verify';
import { checkSigstoreBundle } from './verify-sigstore';
import { checkNotationSignature, NOTATION_COSE, NOTATION_JWS } from './verify-notation';

const MAX_SIGNATURE_BYTES = 1024 * 1024;

export interface VerifyTrust {
  /** A public key (cosign.pub): cosign simple-signing and keyed sigstore bundles. */
  key?: KeyObject;
  /** A sigstore trusted root (trusted_root.json, parsed): keyless bundles, transparency-log entries. */
  trustedRoot?: unknown;
  /** Trusted certificates (a Notation trust store: CA or signing certificates). */
  certificates?: X509Certificate[];
}

/** What this verification does not cover, given the trust material. */
export function notVerifiedFor(trust: VerifyTrust, checks: readonly SignatureCheck[]): string[] {
  const out: string[] = [];
  const formats = new Set(checks.map((c) => c.format ?? 'cosign simple-signing'));
  if (formats.has('cosign simple-signing') || (formats.has('sigstore bundle') && !trust.trustedRoot))
    out.push(trust.trustedRoot ? NOT_VERIFIED[0]! : 'transparency log (Rekor) entries: not checked (no trusted root given; nothing is asked of the network)');
  if (!trust.trustedRoot) out.push(NOT_VERIFIED[1]!);
  if (formats.has('sigstore bundle') || trust.trustedRoot) out.push('signer identity (certificate subject and issuer): shown, not matched against a policy');
  if (formats.has('notation')) out.push('Notation trust policy (trusted identities), certificate revocation and timestamp countersignatures: not checked');
  return out;
}

/** Which verifier a content blob of an attachment goes to (none: not a signature). */
function isSignatureLayer(a: Attachment, mediaType: string): 'simple' | 'bundle' | 'notation' | undefined {
  if (mediaType === ATTACHMENT_MEDIA_TYPES.cosignSimpleSigning) return 'simple';
  if (isSigstoreBundleType(mediaType)) return 'bundle';
  if (a.artifactType === ATTACHMENT_MEDIA_TYPES.notarySignature && (mediaType === NOTATION_JWS || mediaType === NOTATION_COSE)) return 'notation';
  return undefined;
}

/** Verify the signatures among `attachments` of `subject` with `trust`. */
export async function verifyImageSignatures(
  client: RegistryClient,
  repository: string,
  subject: string,
  attachments: Attachment[],
  trust: VerifyTrust,
  opts: { signal?: AbortSignal } = {},
): Promise<VerifyResult> {
  const checks: SignatureCheck[] = [];
  let subjectManifest: Buffer | undefined;
  for (const a of attachments) {
    if (a.subject !== subject) continue;
    for (const l of a.layers) {
      const kind = isSignatureLayer(a, l.mediaType);
      if (!kind) continue;
      const where = { manifest: a.digest, layer: l.digest };
      const format = kind === 'simple' ? undefined : kind === 'bundle' ? 'sigstore bundle' : 'notation';
      if (l.size > MAX_SIGNATURE_BYTES) {
        checks.push({
          ...where,
          ...(format ? { format } : {}),
          signatureValid: false,
          digestMatches: false,
          problem: `${l.size} bytes, over the ${MAX_SIGNATURE_BYTES}-byte limit for a signature`,
        });
        continue;
      }
      if (kind === 'simple' && !trust.key) {
        checks.push({ ...where, signatureValid: false, digestMatches: false, problem: 'a cosign keyed signature: give its public key to check it' });
        continue;
      }
      const bytes = await client.getBlobBytes(repository, l.digest, { signal: opts.signal, maxBytes: MAX_SIGNATURE_BYTES });
      if (kind === 'simple') checks.push(checkSimpleSigning(trust.key!, subject, bytes, l.annotations?.[ANNOTATIONS.cosignSignature], where));
      else if (kind === 'bundle') {
        if (subjectManifest === undefined) subjectManifest = (await client.getManifest(repository, subject, { signal: opts.signal })).raw;
        checks.push(checkSigstoreBundle(bytes, subject, trust, where, subjectManifest));
      } else checks.push(await checkNotationSignature(bytes, l.mediaType, subject, trust.certificates ?? [], where));
    }
  }
  return { subject, verified: checks.some((c) => c.signatureValid && c.digestMatches), checks, notVerified: notVerifiedFor(trust, checks) };
}
