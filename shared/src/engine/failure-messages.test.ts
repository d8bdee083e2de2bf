import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyConnectionError, classifyStreamFailure } from './failure-messages';
import { EngineUnavailableError, ImageNotFoundError, InsecureRegistryError, PushDeniedError, StreamError } from './errors';

const ctx = { operation: 'push' as const, registry: 'reg.example:5000', ref: 'reg.example:5000/a:1' };

test('denied names the credential source', () => {
  const e = classifyStreamFailure('denied: requested access to the resource is denied', {
    ...ctx,
    credentialSource: { kind: 'credsStore', detail: 'docker-credential-pass' },
  });
  assert.ok(e instanceof PushDeniedError);
  assert.match(e.message, /credsStore \(docker-credential-pass\)/);
  assert.match(e.message, /reg\.example:5000/);
  const anon = classifyStreamFailure('unauthorized: authentication required', ctx);
  assert.match(anon.message, /no credential \(anonymous\)/);
});

test('HTTP registry not marked insecure says how to fix it', () => {
  const e = classifyStreamFailure('Get "https://reg.example:5000/v2/": http: server gave HTTP response to HTTPS client', ctx);
  assert.ok(e instanceof InsecureRegistryError);
  assert.match(e.message, /insecure-registries/);
});

test('unknown CA points at certs.d; missing image; other errors keep the text', () => {
  const tls = classifyStreamFailure('x509: certificate signed by unknown authority', ctx);
  assert.match(tls.message, /\/etc\/docker\/certs\.d\/reg\.example:5000\/ca\.crt/);
  assert.ok(classifyStreamFailure('An image does not exist locally with the tag: reg.example:5000/a', ctx) instanceof ImageNotFoundError);
  const other = classifyStreamFailure('something odd', ctx);
  assert.ok(other instanceof StreamError);
  assert.match(other.message, /something odd/);
});

test('(fake errno) connection errors name the socket and the fix', () => {
  const ep = { host: 'unix:///run/x.sock', source: 'DOCKER_HOST' as const, socketPath: '/run/x.sock' };
  const notRunning = classifyConnectionError(Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' }), ep);
  assert.ok(notRunning instanceof EngineUnavailableError);
  assert.match(notRunning.message, /not running.*\/run\/x\.sock.*DOCKER_HOST/);
  const denied = classifyConnectionError(Object.assign(new Error('connect EACCES'), { code: 'EACCES' }), ep);
  assert.ok(denied instanceof EngineUnavailableError);
  assert.match(denied.message, /permission denied.*\/run\/x\.sock.*docker" group/);
  assert.equal(classifyConnectionError(new Error('other'), ep), undefined);
});

test('for podman the insecure advice names registries.conf', () => {
  const e = classifyStreamFailure('Get "https://reg.example:5000/v2/": http: server gave HTTP response to HTTPS client', { ...ctx, engine: 'podman' });
  assert.ok(e instanceof InsecureRegistryError);
  assert.match(e.message, /registries\.conf/);
  assert.doesNotMatch(e.message, /daemon\.json/);
});
