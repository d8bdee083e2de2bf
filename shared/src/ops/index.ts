// Operations: the front door of shared/src/ops (layer 5: several registry calls each, above registry).
//   await inspect(client, 'team/app', 'v1'); await copyImage(...); await retag(...); await untag(...)
export { inspect, type Inspection, type PlatformImage } from './inspect';
export { copyImage, refuseCopyOntoItself, type CopyOptions, type CopyResult, type CopyEndpoint } from './copy';
export { tagsPointingAt, deleteManifestWithSiblings, type DeleteResult } from './delete';
export { retag, type RetagResult } from './retag';
export { untag, type UntagResult } from './untag';
export { isRetryableBlobFailure } from './retryable';
