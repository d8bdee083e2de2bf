// The transport against servers that misbehave on purpose (issue 14: cleartext realms, endless
// error bodies and tokens, Retry-After: 3600 on ping, silence, a body that trickles). A real
// registry cannot be made to do any of this, so every server here is a fake and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Socket, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { Transport } from './transport';
import { withDeadline } from './deadline';
import { isRegistryError } from '../testing/assert-registry-error';
import { fakeHttpServer, writeEndlessly } from '../testing/fake-http-server';
import type { ResolvedCredential } from '../credentials/types';

const cred: ResolvedCredential = { username: 'alice', password: 's3cret-pw', source: { kind: 'explicit', detail: 'the test' } };
const MiB = 1024 * 1024;

test('(fake registry, fake token server) no credential goes in cleartext to a plain-HTTP realm on another host', async () => {
  const seen: Array<string | undefined> = [];
  const auth = await fakeHttpServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
  });
  // The realm names another host ("auth.test"); this dispatcher resolves every name to 127.0.0.1 so nothing leaves the machine.
  const loopbackOnly = new Agent({
    connect: {
      lookup: (_h: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) =>
        o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4),
    } as never,
  });
  const reg = await fakeHttpServer((req, res) => {
    if (req.headers.authorization === 'Bearer t') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":[]}');
      return;
    }
    res.writeHead(401, { 'www-authenticate': `Bearer realm="http://auth.test:${auth.port}/token",service="reg"` }).end();
  });
  const t = new Transport({ registry: reg.host, credentials: { get: async () => cred }, dispatcher: loopbackOnly, retry: { retries: 0 } });
  try {
    await assert.rejects(
      t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', scopes: ['repository:x:pull'], what: 'listing the tags of x' }),
      isRegistryError('AUTH_REALM_INVALID', /plain HTTP on another host.*unencrypted/),
    );
    assert.deepEqual(seen, [], 'the token server got no request');
  } finally {
    await t.close();
    await loopbackOnly.close();
    await reg.close();
    await auth.close();
  }
});

test('(fake registry, fake token server) a plain-HTTP realm on loopback still gets the credential', async () => {
  const seen: Array<string | undefined> = [];
  const auth = await fakeHttpServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
  });
  const reg = await fakeHttpServer((req, res) => {
    if (req.url === '/v2/' || req.headers.authorization !== 'Bearer t') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${auth.url}/token",service="reg"` }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":[]}');
  });
  const t = new Transport({ registry: reg.host, credentials: { get: async () => cred }, retry: { retries: 0 } });
  try {
    const res = await t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', scopes: ['repository:x:pull'], what: 'listing' });
    await res.body.dump();
    assert.equal(seen[0], `Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}`);
  } finally {
    await t.close();
    await reg.close();
    await auth.close();
  }
});

test('(fake registry, fake TLS token server) --insecure does not turn off certificate checks for a realm on another host', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dockhand-realm-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const seen: Array<string | undefined> = [];
  const auth = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
  });
  await new Promise<void>((r) => auth.listen(0, '127.0.0.1', r));
  const authPort = (auth.address() as AddressInfo).port;
  const reg = await fakeHttpServer((req, res) => {
    if (req.url === '/v2/' || req.headers.authorization !== 'Bearer t') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="https://localhost:${authPort}/token",service="reg"` }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":[]}');
  });
  // The registry is 127.0.0.1 and --insecure; its realm is "localhost", another host with an untrusted certificate.
  const t = new Transport({ registry: reg.host, insecure: true, credentials: { get: async () => cred }, retry: { retries: 0 }, certsDir: dir });
  try {
    await assert.rejects(
      t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', scopes: ['repository:x:pull'], what: 'listing the tags of x' }),
      isRegistryError('TLS'),
    );
    assert.deepEqual(seen, [], 'the unverified token server got no credential');
  } finally {
    await t.close();
    await reg.close();
    auth.closeAllConnections();
    await new Promise((r) => auth.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('(fake registry) a 300 MB error body is not read past the cap', async () => {
  let written: Promise<number> | undefined;
  const reg = await fakeHttpServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.write('{"errors":[{"code":"NAME_UNKNOWN","message":"');
    written = writeEndlessly(res, Buffer.alloc(MiB, 'A'), 300 * MiB);
  });
  const t = new Transport({ registry: reg.host, retry: { retries: 0 } });
  try {
    await assert.rejects(t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', what: 'listing the tags of x' }), isRegistryError('HTTP_ERROR'));
    const sent = await written!;
    assert.ok(sent < 32 * MiB, `the server got to send ${Math.round(sent / MiB)} MiB`);
  } finally {
    await t.close();
    await reg.close();
  }
});

test('(fake token server) a 300 MB token answer is refused at the cap', async () => {
  let written: Promise<number> | undefined;
  const auth = await fakeHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"token":"');
    written = writeEndlessly(res, Buffer.alloc(MiB, 'A'), 300 * MiB);
  });
  const reg = await fakeHttpServer((_req, res) => {
    res.writeHead(401, { 'www-authenticate': `Bearer realm="${auth.url}/token",service="reg"` }).end();
  });
  const t = new Transport({ registry: reg.host, retry: { retries: 0 } });
  try {
    await assert.rejects(
      t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', scopes: ['repository:x:pull'], what: 'listing' }),
      isRegistryError('INVALID_RESPONSE', /token server's answer is larger than/),
    );
    const sent = await written!;
    assert.ok(sent < 32 * MiB, `the token server got to send ${Math.round(sent / MiB)} MiB`);
  } finally {
    await t.close();
    await reg.close();
    await auth.close();
  }
});

test('(fake registry) Retry-After: 3600 on ping fails at once with the wait in the message', { timeout: 120_000 }, async () => {
  const reg = await fakeHttpServer((_req, res) => {
    res.writeHead(503, { 'retry-after': '3600' }).end();
  });
  const t = new Transport({ registry: reg.host });
  try {
    await assert.rejects(t.ping(), isRegistryError('HTTP_ERROR', /Retry-After.*3600 s|3600 s.*Retry-After/));
    assert.equal(reg.requests.length, 1, 'not asked again');
  } finally {
    await t.close();
    await reg.close();
  }
});

test('(fake server) a server that accepts and never answers: one attempt, TIMEOUT after the idle timeout', { timeout: 120_000 }, async () => {
  const sockets: Socket[] = [];
  const silent = createNetServer((s) => {
    sockets.push(s);
    s.resume();
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const t = new Transport({ registry: host, timeoutMs: 500 });
  try {
    await assert.rejects(t.ping(), isRegistryError('TIMEOUT', /sent no answer in time|stayed silent/));
    assert.equal(sockets.length, 1, 'silence is not retried (nor tried again over TLS)');
  } finally {
    await t.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  }
});

test("(fake registry) a body trickling a byte at a time ends at the operation's deadline", { timeout: 120_000 }, async () => {
  const timers: NodeJS.Timeout[] = [];
  const reg = await fakeHttpServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"tags":["');
    // A byte every 100 ms: never silent long enough for the idle timeout.
    timers.push(setInterval(() => res.write('a'), 100));
  });
  const t = new Transport({ registry: reg.host, retry: { retries: 0 } });
  const deadline = withDeadline(undefined, 1500, 'raise the deadline');
  try {
    const res = await t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', what: 'listing the tags of x', signal: deadline.signal });
    await assert.rejects(res.body.text());
    assert.ok(deadline.signal.aborted);
    // The same deadline on the next request of the operation: reported as a TIMEOUT that names it.
    await assert.rejects(
      t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', what: 'listing the tags of x', signal: deadline.signal }),
      isRegistryError('TIMEOUT', /did not finish within its 2 s deadline.*raise the deadline/),
    );
  } finally {
    deadline.clear();
    for (const i of timers) clearInterval(i);
    await t.close();
    await reg.close();
  }
});
