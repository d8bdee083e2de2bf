// The engine namespace of DockhandApi (see index.ts): the local Docker engine's images, and
// retag-and-push of one of them to a registry (a job).
import { arg, type MethodArgs } from './args';
import type { JobRef } from './jobs';

export interface LocalImageRow {
  id: string;
  repoTags: string[];
  size: number;
  created: string;
}

export interface EngineStatus {
  available: boolean;
  endpoint?: string;
  message?: string;
}

export interface RetagPushInput {
  /** Local image reference or id. */
  localRef: string;
  registryId: string;
  repository: string;
  tag: string;
}

export interface EngineApi {
  status(): Promise<EngineStatus>;
  images(): Promise<LocalImageRow[]>;
  retagAndPush(input: RetagPushInput): Promise<JobRef>;
}

export const ENGINE_METHODS = {
  status: [],
  images: [],
  retagAndPush: [
    ['input', arg.object({ localRef: arg.text(512, { nonEmpty: true }), registryId: arg.registryId, repository: arg.typedRepository, tag: arg.tag })],
  ],
} as const satisfies MethodArgs<EngineApi>;
