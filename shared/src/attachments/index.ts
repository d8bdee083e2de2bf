// Signatures, SBOMs and attestations attached to images on plain registries.
//
//   const found = await discoverImageAttachments(client, 'team/app', await client.getManifest('team/app', 'v1'));
//   // one Discovery per subject (the image, and each platform of an index that has some)
//   const docs = await readAttachmentDocuments(client, 'team/app', found[0].attachments[0]);  // SBOM packages, statements
//   const v = await verifyCosignSignatures(client, 'team/app', digest, found[0].attachments, loadPublicKey(pem));
//   await copyAttachments(src, dst, { discoveries: found });     // after copyImage
//   const steps = await attachmentDeletions(client, 'team/app', found); await deleteAttachments(client, 'team/app', steps);
//
// Formats: formats.ts (tags, media types, annotations); classification: classify.ts.
export * from './types';
export { parseAttachmentTag, attachmentTagsBySubject, tagSchemaTag, cosignTag, ATTACHMENT_MEDIA_TYPES, ANNOTATIONS, type AttachmentTag } from './formats';
export { classifyAttachment, kindOfPredicate } from './classify';
export { discoverAttachments, discoverImageAttachments, isAttachmentTag, ReferrersProbe, type Discovery, type DiscoverOptions } from './discover';
export { readAttachmentDocuments, interpretContent, type AttachmentDocument, type SbomPackage, type InTotoStatement } from './content';
export { verifyCosignSignatures, loadPublicKey, checkSimpleSigning, KeyError, NOT_VERIFIED, type VerifyResult, type SignatureCheck } from './verify';
export { verifyImageSignatures, notVerifiedFor, type VerifyTrust } from './verify-image';
export { checkSigstoreBundle, parseTrustedRoot } from './verify-sigstore';
export { checkNotationSignature, loadCertificates } from './verify-notation';
export { copyAttachments, flattenAttachments, mergeTagSchemaIndex, type AttachmentCopyResult } from './copy';
export { attachmentDeletions, deleteAttachments, type AttachmentDeletion } from './remove';
export { attachmentRows, findAttachment, type AttachmentRow } from './rows';
