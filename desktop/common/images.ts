// The images namespace of DockhandApi (see index.ts): one image's details, deleting a tag or
// a manifest (planned first), and copying an image between registries (a job).
import { arg, type MethodArgs } from './args';
import type { JobRef } from './jobs';

export interface LayerInfo {
  digest: string;
  mediaType: string;
  size: number;
}

export interface HistoryRow {
  created?: string;
  createdBy?: string;
  comment?: string;
  emptyLayer?: boolean;
}

export interface PlatformDetail {
  platform: string;
  digest: string;
  mediaType: string;
  size: number;
  layers: LayerInfo[];
  configDigest?: string;
  created?: string;
  /** The image config's `config` object (Env, Cmd, Entrypoint, Labels, ...), as served. */
  config?: Record<string, unknown>;
  history: HistoryRow[];
}

export interface ImageDetail {
  registryId: string;
  repository: string;
  reference: string;
  /** Digest of what `reference` resolves to (index digest for a multi-platform image). */
  digest: string;
  mediaType: string;
  kind: 'image' | 'index';
  /** Total compressed size (all platforms). */
  size: number;
  /** One entry per platform (one for a single-platform image). */
  platforms: PlatformDetail[];
  /** Other tags of the same repository pointing at the same digest. */
  siblingTags: string[];
  /** e.g. "docker pull 127.0.0.1:5000/team/app:1.2". */
  pullCommand: string;
  /** Raw manifest (or index) JSON text. */
  rawManifest: string;
}

export interface DeletePlan {
  registryId: string;
  repository: string;
  tag: string;
  digest: string;
  /** Tags that would ALSO disappear if the manifest were deleted by digest. */
  siblingTags: string[];
  /** Whether the registry allows deletes (false: DELETE is disabled server-side), undefined: unknown. */
  deleteEnabled?: boolean;
}

export type DeleteMode =
  /** Remove only this tag, keep its siblings (safe untag). */
  | 'tag'
  /** Delete the manifest by digest: removes every tag pointing at it. */
  | 'manifest';

export interface ImageDeleteResult {
  removedTags: string[];
  keptTags: string[];
  digest: string;
}

export interface CopyInput {
  source: { registryId: string; repository: string; reference: string };
  target: { registryId: string; repository: string; tag: string };
}

export interface ImagesApi {
  detail(registryId: string, repository: string, reference: string): Promise<ImageDetail>;
  planDelete(registryId: string, repository: string, tag: string): Promise<DeletePlan>;
  delete(registryId: string, repository: string, tag: string, mode: DeleteMode): Promise<ImageDeleteResult>;
  copy(input: CopyInput): Promise<JobRef>;
}

export const IMAGES_METHODS = {
  detail: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['reference', arg.tagOrDigest],
  ],
  planDelete: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['tag', arg.tag],
  ],
  delete: [
    ['registryId', arg.registryId],
    ['repository', arg.repository],
    ['tag', arg.tag],
    ['mode', arg.oneOf('tag', 'manifest')],
  ],
  copy: [
    [
      'input',
      arg.object({
        source: arg.object({ registryId: arg.registryId, repository: arg.repository, reference: arg.tagOrDigest }),
        target: arg.object({ registryId: arg.registryId, repository: arg.typedRepository, tag: arg.tag }),
      }),
    ],
  ],
} as const satisfies MethodArgs<ImagesApi>;
