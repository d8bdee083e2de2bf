// Transport behaviour a real registry cannot produce on demand: every server here is a fake
// (node:http on 127.0.0.1), and every test name says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Transport, type TransportOptions } from './transport';
import { RegistryError } from './registry-error';
import type { ResolvedCredential } from '../credentials/types';
import { fakeRegistry, type AfterHook } from '../testing/fake-registry';
import type { FakeHandler } from '../testing/fake-http-server';

const fastRetry = { baseDelayMs: 5, maxDelayMs: 20 };
const cred = (username: string, password: string): ResolvedCredential => ({ username, password, source: { kind: 'explicit', detail: 'the test' } });

/** A fake registry that needs no login (GET /v2/ answers 200) and a Transport to it with `opts`; both closed when the test ends. */
async function openFake(ctx: AfterHook, opts: Omit<TransportOptions, 'registry'>, handler: FakeHandler): Promise<Transport> {
  const s = await fakeRegistry(ctx, handler, { pingOk: true });
  const t = new Transport({ registry: s.host, ...opts });
  ctx.after(() => t.close());
  return t;
}

test('(fake registry) 429 with Retry-After is retried and then succeeds', async (ctx) => {
  let hits = 0;
  const t = await openFake(ctx, { retry: fastRetry }, (req, res) => {
    hits++;
    if (hits === 1) {
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":["a"]}');
  });
  const res = await t.request({ method: 'GET', path: '/v2/x/tags/list', what: 'listing' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.body.json(), { tags: ['a'] });
  assert.equal(hits, 2);
});

test('(fake registry) 429 that persists ends in TOOMANYREQUESTS with a fix', async (ctx) => {
  const t = await openFake(ctx, { retry: fastRetry }, (req, res) => {
    res
      .writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' })
      .end('{"errors":[{"code":"TOOMANYREQUESTS","message":"pull rate limit"}]}');
  });
  await assert.rejects(t.request({ method: 'GET', path: '/v2/x/tags/list', repository: 'x', what: 'listing the tags of x' }), (err: unknown) => {
    assert.ok(err instanceof RegistryError);
    assert.equal(err.code, 'TOOMANYREQUESTS');
    assert.equal(err.status, 429);
    assert.match(err.message, /Wait 3600s/);
    return true;
  });
});

test('(fake registry) 503 twice then 200 is retried with backoff', async (ctx) => {
  let hits = 0;
  const t = await openFake(ctx, { retry: fastRetry }, (req, res) => {
    hits++;
    if (hits <= 2) {
      res.writeHead(503).end('busy');
      return;
    }
    res.writeHead(200).end('ok');
  });
  const res = await t.request({ method: 'GET', path: '/v2/x/blobs/y', what: 'x' });
  assert.equal(await res.body.text(), 'ok');
  assert.equal(hits, 3);
});

test('(fake registry) a 500 that persists fails after the retries with HTTP 500', async (ctx) => {
  let hits = 0;
  const t = await openFake(ctx, { retry: { ...fastRetry, retries: 2 } }, (req, res) => {
    hits++;
    res.writeHead(500).end('boom');
  });
  await assert.rejects(
    t.request({ method: 'GET', path: '/v2/x/tags/list', what: 'listing' }),
    (err: unknown) => err instanceof RegistryError && err.status === 500 && /internally/.test(err.fix),
  );
  assert.equal(hits, 3);
});

test('(fake registry) a dropped connection is retried', async (ctx) => {
  let hits = 0;
  const t = await openFake(ctx, { retry: fastRetry }, (req, res) => {
    hits++;
    if (hits === 1) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200).end('second time');
  });
  const res = await t.request({ method: 'GET', path: '/v2/x/manifests/y', what: 'x' });
  assert.equal(await res.body.text(), 'second time');
  assert.equal(hits, 2);
});

test('(fake registry) a non-replayable stream body is not retried', async (ctx) => {
  const { Readable } = await import('node:stream');
  let hits = 0;
  const t = await openFake(ctx, { retry: fastRetry }, (req, res) => {
    hits++;
    req.resume();
    req.on('end', () => res.writeHead(503).end());
  });
  await assert.rejects(
    t.request({
      method: 'PUT',
      path: '/v2/x/blobs/uploads/1',
      body: Readable.from([Buffer.from('data')]),
      headers: { 'content-length': '4' },
      what: 'uploading',
    }),
    (e: unknown) => e instanceof RegistryError && e.status === 503,
  );
  assert.equal(hits, 1);
});

test('(fake registry) AbortSignal cancels a hanging request with ABORTED', async (ctx) => {
  const t = await openFake(ctx, { retry: fastRetry }, () => {
    // never answer
  });
  await t.ping();
  const ac = new AbortController();
  const p = t.request({ method: 'GET', path: '/v2/x/tags/list', signal: ac.signal, what: 'listing' });
  setTimeout(() => ac.abort(new Error('user cancelled')), 50);
  await assert.rejects(p, (err: unknown) => err instanceof RegistryError && err.code === 'ABORTED');
});

test('(fake registry) a registry that stops answering times out with TIMEOUT', async (ctx) => {
  const t = await openFake(ctx, { timeoutMs: 200, retry: { retries: 0 } }, () => {});
  await assert.rejects(
    t.request({ method: 'GET', path: '/v2/x/tags/list', what: 'listing' }),
    (err: unknown) =>
      err instanceof RegistryError &&
      err.code === 'TIMEOUT' &&
      /accepted the connection but sent no answer in time \(listing\)/.test(err.message) &&
      !/connecting/.test(err.message),
  );
});

interface TokenLog {
  method: string;
  auth?: string;
  scopes: string[];
  body?: string;
}

/** A fake registry with a fake token server on its own port. */
async function fakeTokenRegistry(ctx: AfterHook, opts: { user?: string; password?: string; refresh?: string; requireScopeFor?: Record<string, string> } = {}) {
  const tokens: TokenLog[] = [];
  const seenAuth: Array<{ path: string; auth?: string }> = [];
  const auth = await fakeRegistry(ctx, (req, res) => {
    const url = new URL(req.url!, 'http://x');
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const scopes = req.method === 'POST' ? (new URLSearchParams(body).get('scope') ?? '').split(' ').filter(Boolean) : url.searchParams.getAll('scope');
      tokens.push({ method: req.method!, auth: req.headers.authorization, scopes, body: req.method === 'POST' ? body : undefined });
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== opts.refresh) {
          res.writeHead(401).end('{"error":"invalid_grant"}');
          return;
        }
      } else if (opts.user) {
        const expected = 'Basic ' + Buffer.from(`${opts.user}:${opts.password}`).toString('base64');
        if (req.headers.authorization !== expected) {
          res.writeHead(401).end('{"details":"bad credentials"}');
          return;
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `tok:${scopes.sort().join(' ')}`, expires_in: 300 }));
    });
  });
  const other = await fakeRegistry(ctx, (req, res) => {
    seenAuth.push({ path: req.url!, auth: req.headers.authorization });
    res.writeHead(200).end('blob bytes');
  });
  const reg = await fakeRegistry(ctx, (req, res) => {
    const challenge = (scope?: string) => `Bearer realm="${auth.url}/token",service="fake"${scope ? `,scope="${scope}"` : ''}`;
    seenAuth.push({ path: req.url!, auth: req.headers.authorization });
    if (req.url === '/v2/') {
      res.writeHead(401, { 'www-authenticate': challenge() }).end();
      return;
    }
    const a = req.headers.authorization ?? '';
    const m = /^Bearer tok:(.*)$/.exec(a);
    const granted = m ? m[1]!.split(' ') : [];
    const repo = /^\/v2\/(.+?)\/(tags|manifests|blobs)\//.exec(req.url!)?.[1] ?? '';
    const need = opts.requireScopeFor?.[repo] ?? `repository:${repo}:pull`;
    if (!need.split(' ').every((s) => granted.includes(s))) {
      res
        .writeHead(401, { 'www-authenticate': challenge(need), 'content-type': 'application/json' })
        .end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
      return;
    }
    if (req.url!.includes('/blobs/')) {
      res.writeHead(307, { location: `${other.url}/storage/blob?sig=1` }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"tags":[]}');
  });
  return { reg, auth, other, tokens, seenAuth };
}

test('(fake token server) bearer flow: Basic to the realm, token cached per scope set', async (ctx) => {
  const f = await fakeTokenRegistry(ctx, { user: 'alice', password: 's3cret' });
  const t = new Transport({ registry: f.reg.host, credentials: { get: async () => cred('alice', 's3cret') }, retry: fastRetry });
  try {
    for (let i = 0; i < 3; i++) {
      const res = await t.request({
        method: 'GET',
        path: '/v2/team/app/tags/list',
        repository: 'team/app',
        scopes: ['repository:team/app:pull'],
        what: 'listing',
      });
      await res.body.dump();
    }
    assert.equal(f.tokens.length, 1, 'one token for three requests with the same scope');
    assert.deepEqual(f.tokens[0]!.scopes, ['repository:team/app:pull']);
    assert.equal(f.tokens[0]!.auth, 'Basic ' + Buffer.from('alice:s3cret').toString('base64'));
    const res = await t.request({
      method: 'GET',
      path: '/v2/team/other/tags/list',
      repository: 'team/other',
      scopes: ['repository:team/other:pull'],
      what: 'listing',
    });
    await res.body.dump();
    assert.equal(f.tokens.length, 2, 'a new scope set needs a new token');
  } finally {
    await t.close();
  }
});

test('(fake token server) scopes named in a 401 challenge are added and the request retried', async (ctx) => {
  const f = await fakeTokenRegistry(ctx, { requireScopeFor: { 'team/app': 'repository:team/app:pull repository:team/base:pull' } });
  const t = new Transport({ registry: f.reg.host, retry: fastRetry });
  try {
    const res = await t.request({
      method: 'GET',
      path: '/v2/team/app/manifests/v1',
      repository: 'team/app',
      scopes: ['repository:team/app:pull'],
      what: 'getting',
    });
    assert.equal(res.status, 200);
    await res.body.dump();
    assert.equal(f.tokens.length, 2);
    assert.deepEqual(f.tokens[1]!.scopes.sort(), ['repository:team/app:pull', 'repository:team/base:pull']);
    // The widened scope set is remembered: the next request gets it at once.
    const again = await t.request({
      method: 'GET',
      path: '/v2/team/app/manifests/v2',
      repository: 'team/app',
      scopes: ['repository:team/app:pull'],
      what: 'getting',
    });
    await again.body.dump();
    assert.equal(f.tokens.length, 2);
  } finally {
    await t.close();
  }
});

test('(fake token server) Authorization is not sent to a redirect target on another host', async (ctx) => {
  const f = await fakeTokenRegistry(ctx);
  const t = new Transport({ registry: f.reg.host, retry: fastRetry });
  try {
    const res = await t.request({
      method: 'GET',
      path: '/v2/team/app/blobs/sha256:00',
      repository: 'team/app',
      scopes: ['repository:team/app:pull'],
      what: 'blob',
    });
    assert.equal(await res.body.text(), 'blob bytes');
    const toRegistry = f.seenAuth.filter((s) => s.path.startsWith('/v2/team/app/blobs/'));
    const toStorage = f.seenAuth.filter((s) => s.path.startsWith('/storage/'));
    assert.ok(
      toRegistry.some((s) => s.auth?.startsWith('Bearer ')),
      'the registry got the token',
    );
    assert.equal(toStorage.length, 1);
    assert.equal(toStorage[0]!.auth, undefined, 'the storage host got no Authorization');
  } finally {
    await t.close();
  }
});

test('(fake token server) an identity token is used with POST oauth2 grant_type=refresh_token', async (ctx) => {
  const f = await fakeTokenRegistry(ctx, { refresh: 'refresh-123' });
  const identity: ResolvedCredential = { username: '<token>', identityToken: 'refresh-123', source: { kind: 'auths', detail: 'config.json' } };
  const t = new Transport({ registry: f.reg.host, credentials: { get: async () => identity }, retry: fastRetry });
  try {
    const res = await t.request({ method: 'GET', path: '/v2/a/tags/list', repository: 'a', scopes: ['repository:a:pull'], what: 'listing' });
    await res.body.dump();
    assert.equal(f.tokens.length, 1);
    assert.equal(f.tokens[0]!.method, 'POST');
    const form = new URLSearchParams(f.tokens[0]!.body);
    assert.equal(form.get('grant_type'), 'refresh_token');
    assert.equal(form.get('service'), 'fake');
    assert.equal(form.get('client_id'), 'dockhand');
  } finally {
    await t.close();
  }
});

test('(fake token server) a refused credential says where it came from, never the password', async (ctx) => {
  const f = await fakeTokenRegistry(ctx, { user: 'alice', password: 'right' });
  const t = new Transport({ registry: f.reg.host, credentials: { get: async () => cred('alice', 'wrong-pw') }, retry: fastRetry });
  try {
    await assert.rejects(
      t.request({ method: 'GET', path: '/v2/a/tags/list', repository: 'a', scopes: ['repository:a:pull'], what: 'listing' }),
      (err: unknown) => {
        assert.ok(err instanceof RegistryError);
        assert.equal(err.code, 'UNAUTHORIZED');
        assert.match(err.message, /alice/);
        assert.match(err.message, /the test/);
        assert.doesNotMatch(err.message, /wrong-pw/);
        return true;
      },
    );
  } finally {
    await t.close();
  }
});

test('(fake registry) a bearer challenge without a usable realm fails with AUTH_REALM_INVALID', async (ctx) => {
  for (const realm of ['not a url', 'ftp://auth.example.com/token']) {
    const s = await fakeRegistry(ctx, (req, res) => {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm}",service="x"` }).end();
    });
    const t = new Transport({ registry: s.host, retry: fastRetry });
    try {
      await assert.rejects(
        t.request({ method: 'GET', path: '/v2/a/tags/list', scopes: ['repository:a:pull'], what: 'listing' }),
        (err: unknown) => err instanceof RegistryError && err.code === 'AUTH_REALM_INVALID',
      );
    } finally {
      await t.close();
    }
  }
});

test('(fake registry) Basic auth is sent to the registry after a Basic challenge', async (ctx) => {
  const seen: Array<string | undefined> = [];
  const s = await fakeRegistry(ctx, (req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization !== 'Basic ' + Buffer.from('u:p').toString('base64')) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Registry Realm"' }).end();
      return;
    }
    res.writeHead(200).end('{}');
  });
  const t = new Transport({ registry: s.host, credentials: { get: async () => cred('u', 'p') }, retry: fastRetry });
  try {
    const p = await t.ping();
    assert.equal(p.authScheme, 'basic');
    assert.equal(p.scheme, 'http');
    const res = await t.request({ method: 'GET', path: '/v2/_catalog', what: 'catalog' });
    await res.body.dump();
    assert.equal(seen.at(-1), 'Basic ' + Buffer.from('u:p').toString('base64'));
  } finally {
    await t.close();
  }
});

test('(fake registry) a server that is not a registry is reported as such', async (ctx) => {
  const s = await fakeRegistry(ctx, (_req, res) => {
    res.writeHead(404).end('<html>nope</html>');
  });
  const t = new Transport({ registry: s.host, retry: fastRetry });
  try {
    await assert.rejects(t.ping(), (err: unknown) => err instanceof RegistryError && /did not answer \/v2\//.test(err.message));
  } finally {
    await t.close();
  }
});
