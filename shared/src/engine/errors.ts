// Errors of the engine layer. Every message says what happened, where, and what to do.
import type { CredentialSource } from '../credentials/types';

export class EngineError extends Error {
  override name = 'EngineError';
}

export class EngineUnavailableError extends EngineError {
  override name = 'EngineUnavailableError';
  constructor(
    message: string,
    readonly host: string,
    readonly reason: 'not-running' | 'permission-denied' | 'unreachable' | 'unsupported',
  ) {
    super(message);
  }
}

export class ImageNotFoundError extends EngineError {
  override name = 'ImageNotFoundError';
  constructor(
    readonly ref: string,
    message = `image "${ref}" not found in the local engine; run \`docker images\` (or \`dockhand images\`) to see what is there`,
  ) {
    super(message);
  }
}

export class PushDeniedError extends EngineError {
  override name = 'PushDeniedError';
  constructor(
    message: string,
    readonly registry: string,
    readonly credentialSource?: CredentialSource,
  ) {
    super(message);
  }
}

export class InsecureRegistryError extends EngineError {
  override name = 'InsecureRegistryError';
  constructor(
    message: string,
    readonly registry: string,
  ) {
    super(message);
  }
}

/** Any other error the engine reported inside a progress stream (HTTP 200). */
export class StreamError extends EngineError {
  override name = 'StreamError';
}

export class OperationCancelledError extends EngineError {
  override name = 'OperationCancelledError';
  constructor(message = 'operation cancelled') {
    super(message);
  }
}
