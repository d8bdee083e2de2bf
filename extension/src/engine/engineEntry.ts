// Entry of the separately bundled dist/engine.js: the engine client (dockerode, ssh2,
// grpc) is big, so it loads only when the Local Images view or a pull/push needs it.
export { createEngineClient } from '@dockhand/shared/engine';
