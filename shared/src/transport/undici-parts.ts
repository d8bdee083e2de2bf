// The parts of undici the transport uses, loaded from undici's own files: its index also
// loads fetch, WebSocket, EventSource, the caches and the mocks (about 40 ms of CPU at every
// start of the CLI, for nothing the registry client calls). Types come from undici's index.
import Agent from 'undici/lib/dispatcher/agent.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import buildConnector from 'undici/lib/core/connect.js';
import apiRequest from 'undici/lib/api/api-request.js';
import type { Dispatcher } from 'undici';

export { Agent, EnvHttpProxyAgent, buildConnector };

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & {
  method?: Dispatcher.HttpMethod;
  dispatcher: Dispatcher;
};

/** undici's `request(url, { dispatcher, ... })`, always through the given dispatcher. */
export function request(url: URL | string, opts: RequestOptions): Promise<Dispatcher.ResponseData> {
  const u = typeof url === 'string' ? new URL(url) : url;
  const { dispatcher, ...rest } = opts;
  return apiRequest.call(dispatcher, { ...rest, origin: u.origin, path: `${u.pathname}${u.search}`, method: rest.method ?? 'GET' });
}
