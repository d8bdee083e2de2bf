import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHost, resolveEndpoint } from './endpoint';

const home = mkdtempSync(join(tmpdir(), 'dockhand-endpoint-'));
after(() => rmSync(home, { recursive: true, force: true }));

function writeContext(configDir: string, name: string, host: string): void {
  const dir = join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
}

test('parseHost normalizes the forms the docker CLI accepts', () => {
  assert.deepEqual(parseHost('unix:///var/run/x.sock', 'option'), { host: 'unix:///var/run/x.sock', source: 'option', socketPath: '/var/run/x.sock' });
  assert.equal(parseHost('tcp://10.0.0.1:2375', 'option').host, 'tcp://10.0.0.1:2375');
  assert.equal(parseHost('10.0.0.1', 'option').host, 'tcp://10.0.0.1:2375');
  assert.throws(() => parseHost('ssh://me@box', 'option'), /ssh:\/\/ endpoints are not supported/);
});

test('option host wins, then DOCKER_HOST', () => {
  const env = { HOME: home, DOCKER_HOST: 'unix:///from/env.sock' };
  assert.equal(resolveEndpoint({ env, host: 'unix:///from/flag.sock' }).socketPath, '/from/flag.sock');
  const e = resolveEndpoint({ env });
  assert.equal(e.source, 'DOCKER_HOST');
  assert.equal(e.socketPath, '/from/env.sock');
});

test('currentContext in config.json and DOCKER_CONTEXT resolve through meta.json', () => {
  const cfg = join(home, 'cfg1');
  mkdirSync(cfg, { recursive: true });
  writeContext(cfg, 'remote', 'unix:///ctx/remote.sock');
  writeContext(cfg, 'other', 'tcp://192.0.2.1:2375');
  writeFileSync(join(cfg, 'config.json'), JSON.stringify({ currentContext: 'remote' }));
  const fromConfig = resolveEndpoint({ env: { HOME: home, DOCKER_CONFIG: cfg } });
  assert.deepEqual([fromConfig.source, fromConfig.context, fromConfig.socketPath], ['context', 'remote', '/ctx/remote.sock']);
  const fromEnv = resolveEndpoint({ env: { HOME: home, DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'other' } });
  assert.deepEqual([fromEnv.context, fromEnv.host], ['other', 'tcp://192.0.2.1:2375']);
  // DOCKER_HOST beats currentContext, an explicit context beats DOCKER_HOST
  assert.equal(resolveEndpoint({ env: { HOME: home, DOCKER_CONFIG: cfg, DOCKER_HOST: 'unix:///h.sock' } }).socketPath, '/h.sock');
  assert.equal(resolveEndpoint({ env: { HOME: home, DOCKER_CONFIG: cfg, DOCKER_HOST: 'unix:///h.sock' }, context: 'other' }).host, 'tcp://192.0.2.1:2375');
  assert.throws(() => resolveEndpoint({ env: { HOME: home, DOCKER_CONFIG: cfg }, context: 'missing' }), /Docker context "missing" not found/);
});

test('~/.docker/config.json is used when DOCKER_CONFIG is unset; "default" means no context', () => {
  const h = join(home, 'h2');
  mkdirSync(join(h, '.docker'), { recursive: true });
  writeContext(join(h, '.docker'), 'mine', 'unix:///ctx/mine.sock');
  writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ currentContext: 'mine' }));
  assert.equal(resolveEndpoint({ env: { HOME: h } }).socketPath, '/ctx/mine.sock');
  const dflt = resolveEndpoint({ env: { HOME: h, DOCKER_CONTEXT: 'default', XDG_RUNTIME_DIR: join(h, 'none') } });
  assert.notEqual(dflt.source, 'context');
});

test('a podman socket is found when there is no docker socket', (t) => {
  const run = join(home, 'run');
  mkdirSync(join(run, 'podman'), { recursive: true });
  writeFileSync(join(run, 'podman', 'podman.sock'), '');
  const e = resolveEndpoint({ env: { HOME: join(home, 'nohome'), XDG_RUNTIME_DIR: run } });
  if (e.source === 'default-socket' && e.socketPath === '/var/run/docker.sock') {
    // this machine has a system docker socket, which the docker CLI would prefer too
    t.diagnostic('system /var/run/docker.sock exists; podman fallback not reachable here');
    assert.equal(e.host, 'unix:///var/run/docker.sock');
    return;
  }
  assert.deepEqual([e.source, e.socketPath], ['podman-socket', join(run, 'podman', 'podman.sock')]);
});

test('a tcp context picks up its TLS material from contexts/tls/<id>/docker', () => {
  const cfg = join(home, 'cfg-tls');
  writeContext(cfg, 'secure', 'tcp://192.0.2.9:2376');
  const id = createHash('sha256').update('secure').digest('hex');
  const tlsDir = join(cfg, 'contexts', 'tls', id, 'docker');
  mkdirSync(tlsDir, { recursive: true });
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(tlsDir, f), 'x');
  const e = resolveEndpoint({ env: { HOME: home, DOCKER_CONFIG: cfg }, context: 'secure' });
  assert.deepEqual(e.tls, { ca: join(tlsDir, 'ca.pem'), cert: join(tlsDir, 'cert.pem'), key: join(tlsDir, 'key.pem'), verify: true });
});

test('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH turns on TLS for a tcp DOCKER_HOST', () => {
  const certs = join(home, 'certs');
  mkdirSync(certs, { recursive: true });
  writeFileSync(join(certs, 'ca.pem'), 'x');
  const e = resolveEndpoint({ env: { HOME: home, DOCKER_HOST: 'tcp://192.0.2.9:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
  assert.equal(e.tls?.verify, true);
  assert.equal(e.tls?.ca, join(certs, 'ca.pem'));
  assert.equal(e.tls?.cert, undefined);
  const plainTcp = resolveEndpoint({ env: { HOME: home, DOCKER_HOST: 'tcp://192.0.2.9:2375' } });
  assert.equal(plainTcp.tls, undefined);
});
