// Files: the front door of shared/src/files.
export { writeExclusiveThenRename } from './write-exclusive-rename';
export { defaultCacheRoot } from './cache-root';
