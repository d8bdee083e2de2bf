// The imagetools namespace of DockhandApi (see index.ts): what the extension offers on an image
// that the desktop lacked (issue 15, item 10): the raw config JSON of a platform image, and
// pulling a tag into the local Docker engine (a job with per-layer progress). Plain data only.
import { arg, type MethodArgs } from './args';
import type { JobRef } from './jobs';

export interface RawConfigInfo {
  digest: string;
  /** The config blob formatted as JSON (2-space indent); at most 2 MiB of text, `truncated` says when cut. */
  json: string;
  size: number;
  truncated?: boolean;
}

export interface ImageToolsApi {
  /** The image config blob `configDigest` of `repository`, formatted. */
  rawConfig(registryId: string, repository: string, configDigest: string): Promise<RawConfigInfo>;
  /** Pull `repository:reference` into the local Docker engine with the registry's credential (a job). */
  pullToEngine(registryId: string, repository: string, reference: string): Promise<JobRef>;
}

export const IMAGETOOLS_METHODS = {
  rawConfig: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['configDigest', arg.digest],
  ],
  pullToEngine: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['reference', arg.tagOrDigest],
  ],
} as const satisfies MethodArgs<ImageToolsApi>;
