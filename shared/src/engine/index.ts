// Engine: the front door of shared/src/engine (layer 5, beside ops: the local Docker/Podman engine).
//   const engine = createEngineClient(); await engine.listImages(); await engine.push(...)
export { createEngineClient, dockerOptions } from './engine-client';
export type * from './types';
export {
  EngineError,
  EngineUnavailableError,
  ImageNotFoundError,
  PushDeniedError,
  InsecureRegistryError,
  StreamError,
  OperationCancelledError,
} from './errors';
export { openArchive, ArchiveError, type OpenedArchive, type OpenOptions } from './archive-source';
export { pushArchive } from './archive-push';
export { resolveEndpoint } from './endpoint';
export { parseDockerImageName, engineRef, type DockerImageName } from './image-name';
export { ProgressPrinter, formatLayer } from './progress-printer';
