// The tags namespace of DockhandApi (see index.ts): a repository's tags, listed by name first
// and filled in (digest, date, size, platforms) in batches.
import { arg, type MethodArgs } from './args';

export interface TagRow {
  tag: string;
  digest?: string;
  mediaType?: string;
  /** 'image' | 'index' | 'unknown' (artifact or unreadable). */
  kind: 'image' | 'index' | 'unknown';
  /** ISO 8601 creation time from the image config (first platform for an index). */
  created?: string;
  /** Compressed bytes: config + layers (sum over platforms for an index). */
  size?: number;
  /** "linux/amd64" ... for an index; one entry for an image when known. */
  platforms: string[];
  /** Error reading this tag's manifest, if any (the row still shows). */
  error?: string;
  /** Listed by name only so far: its details come from tags.details. */
  pending?: boolean;
}

export interface TagsApi {
  list(registryId: string, repository: string): Promise<TagRow[]>;
  /** Details (digest, date, size, platforms) of up to 200 tags listed as pending. */
  details(registryId: string, repository: string, tags: string[]): Promise<TagRow[]>;
}

export const TAGS_METHODS = {
  list: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
  ],
  details: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['tags', arg.list(200, arg.tag)],
  ],
} as const satisfies MethodArgs<TagsApi>;
