// Worker-thread entry of the token server. It runs off the test's main thread so a test can
// block that thread (spawnSync of a CLI that talks to a token registry) without deadlock.
import { parentPort, workerData } from 'node:worker_threads';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createTokenService, type TokenServiceConfig } from './token-service';
import type { TokenRequestRecord } from './types';

export interface TokenWorkerData extends TokenServiceConfig {
  tls?: { certPem: string; keyPem: string };
}
export type TokenWorkerMessage =
  { type: 'listening'; port: number } | { type: 'error'; message: string } | { type: 'records'; id: number; records: TokenRequestRecord[] };

const data = workerData as TokenWorkerData;
const port = parentPort;
if (!port) throw new Error('token-worker.ts must run in a worker thread');
const records: TokenRequestRecord[] = [];
const listener = createTokenService(data, (r) => {
  records.push(r);
});
const server = data.tls ? createHttpsServer({ cert: data.tls.certPem, key: data.tls.keyPem }, listener) : createHttpServer(listener);
server.on('error', (e) => port.postMessage({ type: 'error', message: e.message } satisfies TokenWorkerMessage));
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  port.postMessage({ type: 'listening', port: typeof addr === 'object' && addr ? addr.port : 0 } satisfies TokenWorkerMessage);
});
port.on('message', (m: { type: 'records'; id: number } | { type: 'stop' }) => {
  if (m.type === 'records') port.postMessage({ type: 'records', id: m.id, records } satisfies TokenWorkerMessage);
  if (m.type === 'stop') {
    server.closeAllConnections();
    server.close(() => port.close());
  }
});
