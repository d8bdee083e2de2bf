// A fake HTTP server on 127.0.0.1 for tests of what a real registry, token server or source
// cannot be made to do on demand (endless bodies, silence, hostile paging). Tests only: every
// test that uses it says "(fake ...)" in its name.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface FakeServer {
  /** "127.0.0.1:PORT" */
  host: string;
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  server: Server;
  /** Requests received, in order ("GET /v2/..."). */
  requests: string[];
  close(): Promise<void>;
}

export async function fakeHttpServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Write `chunk` again and again (respecting back-pressure) until the client goes away or `limit` bytes are written (then end); resolves with the bytes written. */
export function writeEndlessly(res: ServerResponse, chunk: Buffer, limit = Number.POSITIVE_INFINITY): Promise<number> {
  return new Promise((resolve) => {
    let written = 0;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve(written);
      }
    };
    res.on('close', finish);
    res.on('error', finish);
    const pump = () => {
      while (!done && !res.destroyed) {
        if (written >= limit) {
          res.end();
          return;
        }
        written += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
