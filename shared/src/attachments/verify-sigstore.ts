// Verify a sigstore bundle (application/vnd.dev.sigstore.bundle*+json) attached to an image,
// offline, with @sigstore/verify: the bundle's signature with the given public key (keyed
// bundles), or its Fulcio certificate chain, SCT and transparency-log entry against a given
// trusted root (trusted_root.json; keyless bundles). No network: Rekor, Fulcio and TUF are never
// asked. The bundle must sign the image: a DSSE statement whose subject has the image's digest,
// or a message signature over the image's manifest bytes.
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier, VerificationError, PolicyError, type SignedEntity } from '@sigstore/verify';
import type { KeyObject } from 'node:crypto';
import type { SignatureCheck } from './verify';

export interface SigstoreTrust {
  /** The public key of keyed bundles (cosign.pub). */
  key?: KeyObject;
  /** A trusted root (trusted_root.json, parsed) for keyless bundles and transparency-log entries. */
  trustedRoot?: unknown;
}

const EMPTY_ROOT = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The image digests an in-toto statement (inside a DSSE envelope) names as its subjects. */
function statementSubjects(bundle: Bundle): string[] {
  if (bundle.content.$case !== 'dsseEnvelope') return [];
  let st: unknown;
  try {
    st = JSON.parse(bundle.content.dsseEnvelope.payload.toString('utf8'));
  } catch {
    return [];
  }
  if (!isObj(st) || !Array.isArray(st.subject)) return [];
  return st.subject
    .filter(isObj)
    .map((s) => (isObj(s.digest) && typeof s.digest.sha256 === 'string' ? `sha256:${s.digest.sha256}` : ''))
    .filter(Boolean);
}

/** Parse a trusted root file's JSON for `SigstoreTrust.trustedRoot`; throws with what is wrong. */
export function parseTrustedRoot(json: unknown): TrustedRoot {
  if (!isObj(json) || !Array.isArray(json.tlogs) || !Array.isArray(json.certificateAuthorities))
    throw new Error(
      'not a sigstore trusted root (trusted_root.json with "tlogs" and "certificateAuthorities"); make one with `cosign trusted-root create` or copy sigstore\'s',
    );
  return TrustedRoot.fromJSON(json);
}

/**
 * Check one sigstore bundle blob against `subject` (pure; `subjectManifest` is the image's
 * manifest bytes, needed for message-signature bundles).
 */
export function checkSigstoreBundle(
  bytes: Buffer,
  subject: string,
  trust: SigstoreTrust,
  where: { manifest: string; layer: string },
  subjectManifest?: Buffer,
): SignatureCheck {
  const base: SignatureCheck = { ...where, format: 'sigstore bundle', signatureValid: false, digestMatches: false };
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(bytes.toString('utf8')));
  } catch (err) {
    return { ...base, problem: `not a valid sigstore bundle: ${(err as Error).message}` };
  }
  // Does it sign this image?
  let artifact: Buffer | undefined;
  let digestMatches: boolean;
  if (bundle.content.$case === 'dsseEnvelope') {
    digestMatches = statementSubjects(bundle).includes(subject);
  } else {
    const md = bundle.content.messageSignature.messageDigest;
    digestMatches = !!md && `sha256:${md.digest.toString('hex')}` === subject;
    artifact = subjectManifest;
  }
  const material = bundle.verificationMaterial.content;
  const keyed = material.$case === 'publicKey';
  if (keyed && !trust.key) return { ...base, digestMatches, problem: `signed with a key (hint "${material.publicKey.hint}"): give its public key to check it` };
  if (!keyed && !trust.trustedRoot)
    return {
      ...base,
      digestMatches,
      problem: 'keyless (a Fulcio certificate): give a trusted root (trusted_root.json) to check its certificate chain and transparency-log entry offline',
    };
  if (!keyed && bundle.content.$case === 'messageSignature' && !artifact)
    return { ...base, digestMatches, problem: 'a message signature needs the signed manifest bytes' };

  let entity: SignedEntity;
  try {
    entity = toSignedEntity(bundle, artifact);
  } catch (err) {
    return { ...base, digestMatches, problem: `cannot read the bundle's signature: ${(err as Error).message}` };
  }
  const withRoot = trust.trustedRoot !== undefined;
  // Without a trusted root the log entries cannot be checked: verify the signature alone (and say so).
  if (!withRoot) entity = { ...entity, tlogEntries: [], timestamps: [] };
  const root = withRoot ? parseTrustedRoot(trust.trustedRoot) : TrustedRoot.fromJSON(EMPTY_ROOT);
  const key = trust.key;
  const material2 = toTrustMaterial(root, key ? () => ({ publicKey: key, validFor: () => true }) : undefined);
  const verifier = new Verifier(
    material2,
    keyed
      ? { tlogThreshold: withRoot && entity.tlogEntries.length ? 1 : 0, ctlogThreshold: 0, timestampThreshold: withRoot && entity.timestamps.length ? 1 : 0 }
      : { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 },
  );
  try {
    const signer = verifier.verify(entity);
    const identity = signer.identity?.subjectAlternativeName;
    const issuer = signer.identity?.extensions?.issuer;
    return {
      ...base,
      signatureValid: true,
      digestMatches,
      ...(identity ? { signer: `${identity}${issuer ? ` (issuer ${issuer})` : ''}` } : {}),
      ...(!digestMatches
        ? {
            problem: `the bundle signs ${bundle.content.$case === 'dsseEnvelope' ? statementSubjects(bundle).join(', ') || 'no image digest' : 'another artifact'}, not ${subject}`,
          }
        : {}),
    };
  } catch (err) {
    if (err instanceof VerificationError || err instanceof PolicyError) {
      const why =
        err.code === 'SIGNATURE_ERROR' ? 'the signature does not verify with this key (wrong key, or the bundle was altered)' : `${err.code}: ${err.message}`;
      return { ...base, digestMatches, problem: why };
    }
    return { ...base, digestMatches, problem: (err as Error).message };
  }
}
