// HTTPS_PROXY / NO_PROXY: requests to a registry travel through the proxy named in the
// environment (CONNECT tunnel), and hosts in NO_PROXY go direct. The registry is the bed's
// real TLS registry; the proxy is a small CONNECT proxy written here (fake proxy) that sends
// every tunnel to that registry, so a made-up host name proves the proxy was used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { startRegistry, seedImage, type RegistryHandle } from '../bed/index';
import { RegistryClient, RegistryError } from '../../shared/src/registry/client';

let reg: RegistryHandle;
let proxy: Server;
let proxyUrl: string;
const connects: string[] = [];
const sockets = new Set<Socket>();

before(async () => {
  reg = await startRegistry({ tls: true });
  await seedImage(reg, 'px/app', 'v1');
  proxy = createServer((client) => {
    sockets.add(client);
    let head = Buffer.alloc(0);
    const onData = (c: Buffer) => {
      head = Buffer.concat([head, c]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.removeListener('data', onData);
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      connects.push(line);
      if (!line.startsWith('CONNECT ')) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      const upstream = connect(reg.port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('error', close);
      client.on('error', close);
      upstream.on('close', close);
      client.on('close', close);
    };
    client.on('data', onData);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => proxy?.close(() => r()));
  await reg?.stop();
});

test('(fake proxy) HTTPS_PROXY: the registry is reached through a CONNECT tunnel', async () => {
  const c = new RegistryClient({ host: 'registry.dockhand-proxy.test:5443', insecure: true, env: { HTTPS_PROXY: proxyUrl } });
  try {
    assert.deepEqual(await c.listTags('px/app'), ['v1']);
    assert.ok(
      connects.some((l) => l.startsWith('CONNECT registry.dockhand-proxy.test:5443 ')),
      connects.join('\n'),
    );
  } finally {
    await c.close();
  }
});

test('(fake proxy) NO_PROXY: a listed host goes direct (and here cannot be resolved)', async () => {
  const before = connects.length;
  const c = new RegistryClient({
    host: 'registry.dockhand-proxy.test:5443',
    insecure: true,
    env: { HTTPS_PROXY: proxyUrl, NO_PROXY: '.dockhand-proxy.test' },
    retry: { retries: 0 },
  });
  try {
    await assert.rejects(c.listTags('px/app'), (e: unknown) => e instanceof RegistryError && e.code === 'UNREACHABLE');
    assert.equal(connects.length, before, 'no tunnel was opened');
  } finally {
    await c.close();
  }
});

test('(fake proxy) loopback registries never use the proxy', async () => {
  const before = connects.length;
  const c = new RegistryClient({ host: reg.host, caFile: reg.caFile!, env: { HTTPS_PROXY: proxyUrl } });
  try {
    assert.deepEqual(await c.listTags('px/app'), ['v1']);
    assert.equal(connects.length, before);
  } finally {
    await c.close();
  }
});
