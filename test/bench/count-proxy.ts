// A TCP proxy on loopback that counts the bytes crossing it in both directions: put it in
// front of a registry to measure how many bytes a tool moves (e.g. a retag must move none).
import { createServer, connect, type Server, type AddressInfo } from 'node:net';

export interface CountingProxy {
  host: string;
  port: number;
  /** Bytes client->registry plus registry->client since the last reset. */
  bytes(): number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startCountingProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<CountingProxy> {
  let count = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    sockets.add(client).add(upstream);
    client.on('data', (d) => {
      count += d.length;
    });
    upstream.on('data', (d) => {
      count += d.length;
    });
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    port,
    bytes: () => count,
    reset: () => {
      count = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
