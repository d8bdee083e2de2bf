// Where the Docker engine is: resolved like the docker CLI does (flags, DOCKER_HOST,
// DOCKER_CONTEXT / config.json currentContext, contexts' meta.json), then the default
// socket, then a podman socket.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineClientOptions, EngineEndpoint } from './types';

export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

interface ContextMeta {
  Name?: unknown;
  Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } };
}

/** The context named by DOCKER_CONTEXT or config.json's currentContext ("default" = none). */
export function currentContextName(env: NodeJS.ProcessEnv): string | undefined {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  const file = join(dockerConfigDir(env), 'config.json');
  if (!existsSync(file)) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}; fix the JSON or set DOCKER_HOST`);
  }
  const name = (config as { currentContext?: unknown } | null)?.currentContext;
  return typeof name === 'string' && name ? name : undefined;
}

/** Read a Docker context's endpoint from $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json. */
export function readContextEndpoint(name: string, env: NodeJS.ProcessEnv): EngineEndpoint {
  const id = createHash('sha256').update(name).digest('hex');
  const dir = dockerConfigDir(env);
  const metaFile = join(dir, 'contexts', 'meta', id, 'meta.json');
  if (!existsSync(metaFile)) {
    throw new Error(
      `Docker context "${name}" not found (no ${metaFile}); run \`docker context ls\`, or unset DOCKER_CONTEXT / currentContext in ${join(dir, 'config.json')}`,
    );
  }
  let meta: ContextMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as ContextMeta;
  } catch (err) {
    throw new Error(`cannot read Docker context "${name}" (${metaFile}): ${(err as Error).message}`);
  }
  const host = meta?.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || !host) {
    throw new Error(`Docker context "${name}" has no docker endpoint (Endpoints.docker.Host in ${metaFile})`);
  }
  const endpoint = parseHost(host, 'context');
  endpoint.context = name;
  const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
  const skipVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
  if (existsSync(tlsDir) && endpoint.host.startsWith('tcp://')) {
    const read = (f: string) => (existsSync(join(tlsDir, f)) ? join(tlsDir, f) : undefined);
    endpoint.tls = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: !skipVerify };
  } else if (skipVerify && endpoint.host.startsWith('tcp://')) {
    endpoint.tls = { verify: false };
  }
  return endpoint;
}

/** Normalize "unix:///p", "/p", "tcp://h:p", "h:p", "npipe:////./pipe/x". ssh:// is refused. */
export function parseHost(host: string, source: EngineEndpoint['source']): EngineEndpoint {
  if (host.startsWith('unix://')) {
    const socketPath = host.slice('unix://'.length);
    return { host: `unix://${socketPath}`, source, socketPath };
  }
  if (host.startsWith('/')) return { host: `unix://${host}`, source, socketPath: host };
  if (host.startsWith('npipe://')) {
    const socketPath = host.slice('npipe://'.length) || '//./pipe/docker_engine';
    return { host, source, socketPath };
  }
  if (host.startsWith('ssh://')) {
    throw new Error(
      `engine host ${host}: ssh:// endpoints are not supported; forward the socket (ssh -L /tmp/docker.sock:/var/run/docker.sock ...) and use DOCKER_HOST=unix:///tmp/docker.sock`,
    );
  }
  const withScheme = /^[a-z]+:\/\//.test(host) ? host : `tcp://${host}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`engine host "${host}" is not an address like unix:///var/run/docker.sock or tcp://host:2376`);
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`engine host "${host}": unsupported scheme ${url.protocol}`);
  }
  const port = url.port || (url.protocol === 'https:' ? '2376' : '2375');
  return { host: `tcp://${url.hostname}:${port}`, source, ...(url.protocol === 'https:' ? { tls: { verify: true } } : {}) };
}

function addEnvTls(endpoint: EngineEndpoint, env: NodeJS.ProcessEnv): EngineEndpoint {
  if (!endpoint.host.startsWith('tcp://')) return endpoint;
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const certPath = env.DOCKER_CERT_PATH || (verify ? dockerConfigDir(env) : undefined);
  if (verify || endpoint.host.endsWith(':2376') || endpoint.tls) {
    const file = (f: string) => (certPath && existsSync(join(certPath, f)) ? join(certPath, f) : undefined);
    endpoint.tls = { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem'), verify: verify || (endpoint.tls?.verify ?? false) };
  }
  return endpoint;
}

export function podmanSockets(env: NodeJS.ProcessEnv): string[] {
  const list: string[] = [];
  if (env.XDG_RUNTIME_DIR) list.push(join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'));
  list.push('/run/podman/podman.sock');
  return list;
}

export function resolveEndpoint(opts: EngineClientOptions = {}): EngineEndpoint {
  const env = opts.env ?? process.env;
  if (opts.host) return addEnvTls(parseHost(opts.host, 'option'), env);
  if (opts.context && opts.context !== 'default') return readContextEndpoint(opts.context, env);
  if (!opts.context) {
    if (env.DOCKER_HOST) return addEnvTls(parseHost(env.DOCKER_HOST, 'DOCKER_HOST'), env);
    const name = currentContextName(env);
    if (name && name !== 'default') return readContextEndpoint(name, env);
  }
  const home = env.HOME || homedir();
  const candidates = ['/var/run/docker.sock', join(home, '.docker', 'run', 'docker.sock')];
  for (const socketPath of candidates) {
    if (existsSync(socketPath)) return { host: `unix://${socketPath}`, source: 'default-socket', socketPath };
  }
  for (const socketPath of podmanSockets(env)) {
    if (existsSync(socketPath)) return { host: `unix://${socketPath}`, source: 'podman-socket', socketPath };
  }
  // Nothing exists: report the default socket; ping() will say it is missing and how to fix.
  return { host: 'unix:///var/run/docker.sock', source: 'default-socket', socketPath: '/var/run/docker.sock' };
}
