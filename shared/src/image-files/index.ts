// Image files: the front door of shared/src/image-files (the files inside an image's layers, above registry).
export {
  openImageFiles,
  readImageFileBytes,
  readImageFile,
  resolveImage,
  choosePlatform,
  locateFile,
  looksBinary,
  display,
  ImageFileError,
  type ImageFiles,
  type LayerProgress,
  type ResolvedImage,
  type ResolveOptions,
  type OpenFilesOptions,
} from './image-files';
export { LayerIndexCache, DEFAULT_INDEX_CACHE_BYTES, defaultCacheRoot, type LayerIndexCacheOptions } from './index-cache';
export { MergedTree, type MergedEntry, type HiddenFile } from './merged-tree';
export { diffImages, diffConfig, type ImageDiff, type FileChange, type ConfigChange, type FileSide, type ImageSideSummary } from './image-diff';
export { formatImageDiff } from './diff-text';
export { wastedSpace, type WastedSpace, type LayerWaste } from './wasted-space';
export { modeString, normalizePath, type LayerEntry, type EntryType } from './layer-entry';
