// Registry: the front door of shared/src/registry (layer 4: the registry HTTP API, above transport).
//   const client = new RegistryClient({ host: '127.0.0.1:5000', credentials }); await client.listTags('team/app');
// Operations over several calls (inspect, copy, retag, delete, untag) are in shared/src/ops.
export * from './client';
export { parseManifest, parsePlatform, formatPlatform, isAttestation, ManifestValidationError } from './manifest';
export { isDigest, digestAlgorithm, computeDigest, DigestVerifier, DigestMismatchError, SizeExceededError } from './digest';
export {
  MEDIA_TYPES,
  MANIFEST_ACCEPT,
  INDEX_MEDIA_TYPES,
  IMAGE_MEDIA_TYPES,
  SCHEMA1_MEDIA_TYPES,
  isIndexMediaType,
  isImageMediaType,
  isSchema1MediaType,
} from './media-types';
export { summarizeConfig, ConfigValidationError, type HistoryEntry } from './image-config';
export { createLimiter, mapLimit, type Limiter } from './limiter';
export { MAX_INDEX_CHILDREN } from './index-children';
export { verifyCredential, type VerifyCredentialOptions } from './verify';
export { RegistryClientPool, type PoolKey } from './pool';
