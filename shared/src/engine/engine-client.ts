// createEngineClient: the Docker Engine API client (dockerode) behind EngineClient.
// See types.ts for the public contract and the endpoint resolution order.
import type { EngineClient, EngineClientOptions } from './types';

export async function createEngineClient(opts: EngineClientOptions = {}): Promise<EngineClient> {
  void opts;
  throw new Error('createEngineClient: not implemented yet');
}
