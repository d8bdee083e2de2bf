// The one fake registry for unit tests: a node:http server on 127.0.0.1 (fake-http-server.ts)
// that is closed when the test ends (`t.after`), so no test leaks a listening socket when an
// assertion throws. For what a real registry cannot be made to do on demand; every test that
// uses it says "(fake ...)" in its name.
import type { TestContext } from 'node:test';
import { fakeHttpServer, type FakeHandler, type FakeServer } from './fake-http-server';

/** What the helper needs of a test: its `after` hook (node:test's TestContext). */
export type AfterHook = Pick<TestContext, 'after'>;

export interface FakeRegistryOptions {
  /** Answer GET /v2/ with 200 {} before `handler` sees it (a registry that needs no login). */
  pingOk?: boolean;
}

export async function fakeRegistry(t: AfterHook, handler: FakeHandler, opts: FakeRegistryOptions = {}): Promise<FakeServer> {
  const server = await fakeHttpServer(
    opts.pingOk
      ? (req, res) => {
          if (req.url === '/v2/') res.writeHead(200).end('{}');
          else handler(req, res);
        }
      : handler,
  );
  t.after(() => server.close());
  return server;
}
