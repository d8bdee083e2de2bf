import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answeredUrl, probeNewRegistry, RegistryNotAddedError } from './registryProbe';

test('the stored URL: a typed scheme is kept; a bare host gets the scheme the registry answered on', () => {
  assert.equal(answeredUrl('reg.example:5000', 'https://reg.example:5000', 'http'), 'http://reg.example:5000');
  assert.equal(answeredUrl('127.0.0.1:5000', 'http://127.0.0.1:5000', 'https'), 'https://127.0.0.1:5000');
  assert.equal(answeredUrl(' https://reg.example ', 'https://reg.example', 'http'), 'https://reg.example');
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; host: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('probe: a loopback registry on plain HTTP typed without a scheme is stored as http:// (it answered 401: reachable)', async () => {
  const { server, host } = await listen((req, res) => {
    res.writeHead(req.url === '/v2/' ? 401 : 404, { 'www-authenticate': 'Basic realm="r"', 'docker-distribution-api-version': 'registry/2.0' }).end();
  });
  try {
    const entry = await probeNewRegistry(host, { url: `https://${host}`, insecure: true });
    assert.deepEqual(entry, { url: `http://${host}`, insecure: true });
  } finally {
    server.close();
  }
});

test('probe: an unreachable registry is refused with "was not added" and the reason', async () => {
  const { server, host } = await listen(() => undefined);
  await new Promise((r) => server.close(r));
  await assert.rejects(probeNewRegistry(host, { url: `http://${host}` }), (err: Error) => {
    assert.ok(err instanceof RegistryNotAddedError);
    assert.match(err.message, new RegExp(`^${host.replace(/\./g, '\\.')} was not added: `));
    assert.doesNotMatch(err.message, /--[a-z]/, 'no command-line flags');
    return true;
  });
});

test('probe: a client key without its certificate is refused before any connection (fake client)', async () => {
  let made = 0;
  await assert.rejects(
    probeNewRegistry('reg.example', { url: 'https://reg.example', clientKeyFile: '/k.pem' }, {
      makeClient: () => {
        made++;
        throw new Error('unreachable');
      },
    }),
    /was not added: .*client key but no client certificate/,
  );
  assert.equal(made, 0);
});
