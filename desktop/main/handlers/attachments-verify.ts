// attachments:verify and attachments:deleteImageWith: the CLI's `verify` (cosign, sigstore
// bundles, Notation; offline, with the trust material the user pasted) and `rm
// --with-attachments` (the image first, then its attachments, so a failure midway leaves
// orphans, never an unsigned image) over the same shared code.
import {
  attachmentDeletions,
  deleteAttachments,
  discoverAttachments,
  discoverImageAttachments,
  KeyError,
  loadCertificates,
  loadPublicKey,
  parseTrustedRoot,
  verifyImageSignatures,
  type VerifyTrust,
} from '@dockhand/shared/attachments';
import { deleteManifestWithSiblings } from '@dockhand/shared/ops';
import type { DeleteWithAttachmentsResult, VerifyReport, VerifyTrustInput } from '../../common/attachments';
import type { RegistryClient } from '@dockhand/shared/registry';
import { BadInputError } from '../bad-input';

/** The user's pasted trust material, parsed; says which field is wrong and how. */
export function trustFromInput(input: VerifyTrustInput): VerifyTrust {
  const t = (s: string | undefined) => (s && s.trim() ? s : undefined);
  const key = t(input.publicKey);
  const certs = t(input.certificates);
  const root = t(input.trustedRoot);
  if (!key && !certs && !root)
    throw new BadInputError(
      'Give what to trust: a public key (cosign.pub), certificates (Notation trust store) or a trusted root (trusted_root.json).',
      'trust',
    );
  const trust: VerifyTrust = {};
  if (key) {
    try {
      trust.key = loadPublicKey(key);
    } catch (err) {
      throw new BadInputError(`Public key: ${err instanceof KeyError ? err.message : 'not a PEM public key'}.`, 'trust.publicKey');
    }
  }
  if (certs) {
    try {
      trust.certificates = loadCertificates(certs);
    } catch (err) {
      throw new BadInputError(`Certificates: ${(err as Error).message}.`, 'trust.certificates');
    }
  }
  if (root) {
    try {
      const json: unknown = JSON.parse(root);
      parseTrustedRoot(json);
      trust.trustedRoot = json;
    } catch (err) {
      throw new BadInputError(`Trusted root: ${(err as Error).message}.`, 'trust.trustedRoot');
    }
  }
  return trust;
}

export async function verifyImage(client: RegistryClient, repository: string, digest: string, input: VerifyTrustInput): Promise<VerifyReport> {
  const trust = trustFromInput(input);
  const top = await client.getManifest(repository, digest);
  const found = await discoverAttachments(client, repository, top.digest, { subjectManifest: top, nested: false });
  const r = await verifyImageSignatures(client, repository, top.digest, found.attachments, trust);
  return {
    subject: r.subject,
    verified: r.verified,
    notVerified: r.notVerified,
    checks: r.checks.map((c) => ({
      manifest: c.manifest,
      layer: c.layer,
      format: c.format ?? 'cosign simple-signing',
      ok: c.signatureValid && c.digestMatches,
      signatureValid: c.signatureValid,
      digestMatches: c.digestMatches,
      ...((c.signer ?? c.dockerReference) ? { signer: c.signer ?? c.dockerReference } : {}),
      ...(c.problem ? { problem: c.problem } : {}),
    })),
  };
}

export async function deleteImageWithAttachments(
  client: RegistryClient,
  host: string,
  repository: string,
  tag: string,
  digest: string,
): Promise<DeleteWithAttachmentsResult> {
  const current = await client.resolveDigest(repository, tag);
  if (current !== digest)
    throw Object.assign(
      new Error(`${repository}:${tag} now points at ${current}, not the ${digest} you reviewed. Nothing was deleted; open the dialog again.`),
      { name: 'Conflict' },
    );
  const top = await client.getManifest(repository, digest);
  const steps = await attachmentDeletions(client, repository, await discoverImageAttachments(client, repository, top));
  const res = await deleteManifestWithSiblings(client, { registry: host, repository, digest });
  const removed = await deleteAttachments(client, repository, steps);
  // The tag-schema index is a listing, not an attachment: count the attachments alone.
  const listings = new Set(steps.filter((s) => s.what === 'tag-schema index').map((s) => s.digest));
  return {
    removedTags: res.tags,
    digest: res.digest,
    attachmentsDeleted: removed.deleted.filter((d) => !listings.has(d)).length,
    attachmentsFailed: removed.failed,
  };
}
