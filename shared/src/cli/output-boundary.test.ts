// The CLI's one output boundary (main.ts): errors redacted, human output escaped, --json
// exact. A registry that echoes credentials, a credential helper that prints secrets and
// tags with terminal escapes cannot be had from a real server on demand, so these run
// against fakes (a node:http registry on loopback, shell-script helpers), named so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { main } from './main';
import { fakeRegistry, type AfterHook } from '../testing/fake-registry';

const work = mkdtempSync(join(tmpdir(), 'dockhand-boundary-'));
after(() => rmSync(work, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv, input = '') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const code = await main(argv, { stdout, stderr, stdin: Readable.from([input]), env, signal: new AbortController().signal });
  return { code, out, err };
}

function home(name: string): { env: NodeJS.ProcessEnv; bin: string; dockerDir: string } {
  const dir = join(work, name);
  const bin = join(dir, 'bin');
  const dockerDir = join(dir, '.docker');
  mkdirSync(bin, { recursive: true });
  mkdirSync(dockerDir, { recursive: true });
  writeFileSync(join(dockerDir, 'config.json'), '{}\n');
  const env: NodeJS.ProcessEnv = {
    HOME: dir,
    DOCKER_CONFIG: dockerDir,
    REGISTRY_AUTH_FILE: join(dir, 'auth.json'),
    PATH: `${bin}:${process.env.PATH}`,
    DOCKHAND_CERTS_DIR: join(dir, 'certs.d'),
  };
  return { env, bin, dockerDir };
}

function helper(bin: string, name: string, script: string): void {
  const p = join(bin, `docker-credential-${name}`);
  writeFileSync(p, script);
  chmodSync(p, 0o755);
}

/** A raw control character other than newline and tab. */
function hasControl(text: string): boolean {
  return [...text].some((c) => (c < ' ' && c !== '\n' && c !== '\t') || c === '\u007f');
}

function forms(user: string, secret: string): string[] {
  const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/=+$/, '');
  return [secret, b64(secret), b64(`${user}:${secret}`), b64(`${user}:${secret}`).slice(0, -2)];
}

function assertClean(text: string, user: string, secret: string): void {
  for (const f of forms(user, secret)) assert.ok(!text.includes(f), `leaked ${f} in: ${text}`);
}

/** A fake registry: every request with a credential gets a 401 whose body echoes it back. */
async function echoingRegistry(ctx: AfterHook, handler?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<{ host: string }> {
  return fakeRegistry(ctx, (req, res) => {
    if (handler?.(req, res)) return;
    const auth = req.headers.authorization;
    res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
    res.setHeader('Content-Type', 'application/json');
    if (!auth) {
      res.setHeader('WWW-Authenticate', 'Basic realm="fake"');
      res.writeHead(401).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
      return;
    }
    const b64 = auth.replace(/^Basic /, '');
    const plain = Buffer.from(b64, 'base64').toString('utf8');
    const [user, pass] = [plain.slice(0, plain.indexOf(':')), plain.slice(plain.indexOf(':') + 1)];
    res.setHeader('WWW-Authenticate', 'Basic realm="fake"');
    res
      .writeHead(401)
      .end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: `user ${user} with password ${pass} (sent as ${b64}) is not allowed` }] }));
  });
}

test('a 401 body that echoes the credential (fake registry): no password or base64 in the CLI error, from --password-stdin, DOCKHAND_PASSWORD or auths', async (ctx) => {
  const reg = await echoingRegistry(ctx);
  const user = 'alice';
  const stdinSecret = 'stdin-' + randomBytes(9).toString('hex');
  const { env } = home('echo-stdin');
  const a = await run(['tags', `${reg.host}/team/app`, '--username', user, '--password-stdin'], env, `${stdinSecret}\n`);
  assert.equal(a.code, 1);
  assert.match(a.err, /not allowed/, 'the registry message is still shown');
  assertClean(a.err + a.out, user, stdinSecret);

  const envSecret = 'env-' + randomBytes(9).toString('hex');
  const b = await run(['tags', `${reg.host}/team/app`], { ...home('echo-env').env, DOCKHAND_USERNAME: user, DOCKHAND_PASSWORD: envSecret });
  assert.equal(b.code, 1);
  assertClean(b.err + b.out, user, envSecret);

  const fileSecret = 'file-' + randomBytes(9).toString('hex');
  const h = home('echo-auths');
  writeFileSync(join(h.dockerDir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from(`${user}:${fileSecret}`).toString('base64') } } }));
  const c = await run(['inspect', `${reg.host}/team/app:1`], h.env);
  assert.equal(c.code, 1);
  assert.match(c.err, /not allowed/);
  assertClean(c.err + c.out, user, fileSecret);
});

test('a registry that echoes the bearer token it was given (fake registry and token server): the token is not printed', async (ctx) => {
  const token = 'tok' + randomBytes(24).toString('hex');
  let realm = '';
  const reg = await echoingRegistry(ctx, (req, res) => {
    res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.startsWith('/token')) {
      res.writeHead(200).end(JSON.stringify({ token, expires_in: 300 }));
      return true;
    }
    const auth = req.headers.authorization ?? '';
    res.setHeader('WWW-Authenticate', `Bearer realm="${realm}",service="fake",scope="repository:team/app:pull"`);
    if (!auth) res.writeHead(401).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
    else res.writeHead(403).end(JSON.stringify({ errors: [{ code: 'DENIED', message: `the token ${auth.replace(/^Bearer /, '')} lacks the scope` }] }));
    return true;
  });
  realm = `http://${reg.host}/token`;
  const r = await run(['tags', `${reg.host}/team/app`], home('bearer-echo').env);
  assert.equal(r.code, 1);
  assert.match(r.err, /lacks the scope/);
  assert.ok(!r.err.includes(token) && !r.err.includes(token.slice(0, 30)), r.err);
});

test('a credential helper that fails and prints the secret (fake helper): never quoted', async () => {
  const secret = 'helper-' + randomBytes(9).toString('hex');
  const h = home('helper-json');
  // A broken helper: exits 1, with the JSON answer (holding the secret) and the bare secret on stdout.
  helper(
    h.bin,
    'leaky',
    `#!/bin/sh\ncat >/dev/null\necho '{"ServerURL":"r.example","Username":"bob","Secret":"${secret}"}'\necho '${secret}'\necho "could not unlock ${secret} store" >&2\nexit 1\n`,
  );
  writeFileSync(join(h.dockerDir, 'config.json'), JSON.stringify({ credsStore: 'leaky' }));
  const r = await run(['creds', 'r.example'], h.env);
  assert.equal(r.code, 1);
  assert.match(r.err, /docker-credential-leaky get failed: it exited with code 1/);
  assertClean(r.err + r.out, 'bob', secret);
});

test('a helper whose list fails quoting a secret the process saw elsewhere (fake helper): redacted', async () => {
  const secret = 'seen-' + randomBytes(9).toString('hex');
  const h = home('helper-list');
  // The secret is in config.json auths (listed, never shown); the credsStore helper's list fails and echoes it.
  helper(h.bin, 'echoer', `#!/bin/sh\ncat >/dev/null\necho "list failed near carol:${secret} entry"\nexit 3\n`);
  writeFileSync(
    join(h.dockerDir, 'config.json'),
    JSON.stringify({ credsStore: 'echoer', auths: { 'a.example': { auth: Buffer.from(`carol:${secret}`).toString('base64') } } }),
  );
  const r = await run(['creds'], h.env);
  assert.equal(r.code, 0);
  assert.match(r.err, /docker-credential-echoer list failed/);
  assertClean(r.err + r.out, 'carol', secret);
});

test('terminal escapes in tags and in registry error text (fake registry): escaped in human output, exact in --json', async (ctx) => {
  const evilTag = 'v1\u001b]0;pwned\u0007\u001b[2J\rLogin Succeeded';
  const reg = await echoingRegistry(ctx, (req, res) => {
    res.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.startsWith('/v2/team/app/tags/list')) {
      res.writeHead(200).end(JSON.stringify({ name: 'team/app', tags: ['ok', evilTag] }));
      return true;
    }
    if (req.url === '/v2/' || req.url === '/v2') {
      res.writeHead(200).end('{}');
      return true;
    }
    res.writeHead(404).end(JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'no such \u001b]0;title\u0007 repo\u001b[31m' }] }));
    return true;
  });
  const { env } = home('escapes');
  const human = await run(['tags', `${reg.host}/team/app`], env);
  assert.equal(human.code, 0, human.err);
  assert.ok(!hasControl(human.out), `raw control characters in: ${JSON.stringify(human.out)}`);
  assert.ok(human.out.includes('v1\\x1b]0;pwned\\x07\\x1b[2J\\x0dLogin Succeeded'), human.out);
  const json = await run(['tags', `${reg.host}/team/app`, '--json'], env);
  assert.deepEqual(JSON.parse(json.out), ['ok', evilTag], '--json gives the exact strings');
  const missing = await run(['inspect', `${reg.host}/team/other:1`], env);
  assert.equal(missing.code, 1);
  assert.ok(!hasControl(missing.err), `raw control characters in: ${JSON.stringify(missing.err)}`);
  assert.match(missing.err, /no such \\x1b\]0;title\\x07 repo/);
  const unknown = await run(['no-such-\u001b[2Jcommand'], env);
  assert.ok(!unknown.err.includes('\u001b'));
});
