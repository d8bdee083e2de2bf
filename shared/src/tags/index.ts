// Tag ordering: the front door of shared/src/tags. Pure (no Node built-ins): the renderer bundles it.
export { sortTags, sortTagNames, compareVersions, compareTagNames, tagVersion, type TagSortKey, type SortDirection, type TieOrder, type SortableTag } from './sort';
