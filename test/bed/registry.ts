// startRegistry(): a real CNCF distribution registry (Debian `docker-registry`, 2.8) on
// 127.0.0.1 with its own config, storage and log in a temp folder.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { deepMerge } from './deep-merge';
import { freePort } from './ports';
import { startProcess, logTail, waitFor, removeTempDir, type TrackedProcess } from './processes';
import { registryFetch } from './registry-http';
import { tempDir } from './temp';
import { bedPki } from './tls';
import type { RegistryHandle, RegistryOptions, TokenServerHandle } from './types';

const run = promisify(execFile);

export const REGISTRY_BIN = process.env.DOCKHAND_REGISTRY_BIN ?? 'docker-registry';

function randomCredential(prefix: string): string {
  return prefix + randomBytes(6).toString('hex');
}

async function writeHtpasswd(file: string, username: string, password: string): Promise<void> {
  try {
    await run('htpasswd', ['-Bbc', file, username, password]);
  } catch (e) {
    throw new Error(
      `test bed: htpasswd failed (${(e as Error).message.split('\n')[0].replace(password, '***')}); install apache2-utils (node test/bed/install.mjs)`,
    );
  }
}

/** Start a registry. See index.ts for the options. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<RegistryHandle> {
  const dir = tempDir('dockhand-registry');
  const rootDir = join(dir, 'storage');
  mkdirSync(rootDir);
  const configPath = join(dir, 'config.yml');
  const logFile = join(dir, 'registry.log');
  const useTls = Boolean(opts.tls || opts.mtls);
  const pki = useTls || opts.token ? await bedPki() : undefined;

  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'info', formatter: 'text', fields: { service: 'registry' } },
    storage: {
      filesystem: { rootdirectory: rootDir },
      delete: { enabled: opts.deleteEnabled ?? true },
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { addr: '', secret: randomBytes(16).toString('hex'), headers: { 'X-Content-Type-Options': ['nosniff'] } },
  };
  const http = config.http as Record<string, unknown>;
  if (useTls && pki) {
    http.tls = { certificate: pki.serverCertFile, key: pki.serverKeyFile, ...(opts.mtls ? { clientcas: [pki.caFile] } : {}) };
  }

  let username: string | undefined;
  let password: string | undefined;
  if (opts.htpasswd) {
    if (opts.token) throw new Error('test bed: htpasswd and token auth are exclusive');
    const creds = opts.htpasswd === true ? { username: randomCredential('user-'), password: randomCredential('pw-') } : opts.htpasswd;
    username = creds.username;
    password = creds.password;
    const file = join(dir, 'htpasswd');
    await writeHtpasswd(file, username, password);
    config.auth = { htpasswd: { realm: 'dockhand-testbed', path: file } };
  }

  let tokenServer: TokenServerHandle | undefined;
  if (opts.token) {
    const { startTokenServer } = await import('./token-server');
    const tokenOpts = opts.token === true ? {} : opts.token;
    tokenServer = await startTokenServer({ ...tokenOpts, tls: tokenOpts.tls ?? useTls });
    const first = tokenServer.users[0];
    username = first?.username;
    password = first?.password;
    const bundle = join(dir, 'token-rootcerts.pem');
    writeFileSync(bundle, tokenServer.rootCertBundle);
    config.auth = { token: { realm: tokenServer.realm, service: tokenServer.service, issuer: tokenServer.issuer, rootcertbundle: bundle } };
  }

  if (opts.proxyOf) {
    const up = opts.proxyOf;
    if (up.username && !up.tokenServer) {
      // Seen here: distribution 2.8 keys proxy credentials by the challenge realm, which for
      // Basic auth is not a URL, so it never sends them and every upstream call gets 401.
      throw new Error(
        'test bed: proxyOf an htpasswd (Basic auth) registry does not work with distribution 2.8 ' +
          '(its proxy only logs in through Bearer token challenges); give the upstream token auth or no auth',
      );
    }
    // distribution's proxy client uses Go's default trust store: SSL_CERT_FILE (set on the
    // process below) makes it trust the bed CA when the upstream is a TLS bed registry.
    config.proxy = { remoteurl: up.url, ...(up.username ? { username: up.username, password: up.password } : {}) };
  }

  const finalConfig = deepMerge(config, opts.config);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (opts.proxyOf?.caFile) env.SSL_CERT_FILE = opts.proxyOf.caFile;

  let proc: TrackedProcess | undefined;
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    (finalConfig.http as Record<string, unknown>).addr = `127.0.0.1:${port}`;
    writeFileSync(configPath, JSON.stringify(finalConfig, null, 2) + '\n', { mode: 0o600 }); // JSON is YAML
    writeFileSync(logFile, '');
    proc = startProcess(REGISTRY_BIN, ['serve', configPath], { logFile, env });
    const p = proc;
    const scheme = useTls ? 'https' : 'http';
    const ep = {
      url: `${scheme}://127.0.0.1:${port}`,
      caFile: pki && useTls ? pki.caFile : undefined,
      clientCertFile: opts.mtls ? pki?.clientCertFile : undefined,
      clientKeyFile: opts.mtls ? pki?.clientKeyFile : undefined,
    };
    try {
      await waitFor(
        `registry on ${ep.url} (log: ${logFile})`,
        async () => {
          const res = await registryFetch(ep, '/v2/', { anonymous: true });
          await res.body?.cancel();
          return res.status === 200 || res.status === 401 ? true : undefined;
        },
        { timeoutMs: 30000, abortIf: () => (p.hasExited() ? `docker-registry exited:\n${logTail(logFile)}` : undefined) },
      );
      break;
    } catch (e) {
      await p.stop(1000);
      const portTaken = /address already in use/.test(logTail(logFile));
      if (portTaken && attempt < 3) continue;
      await tokenServer?.stop();
      throw e;
    }
  }

  const scheme = useTls ? 'https' : 'http';
  const host = `127.0.0.1:${port}`;
  let certsDir: string | undefined;
  if (useTls && pki) {
    certsDir = join(dir, 'certs.d');
    const hostDir = join(certsDir, host);
    mkdirSync(hostDir, { recursive: true });
    copyFileSync(pki.caFile, join(hostDir, 'ca.crt'));
    if (opts.mtls) {
      copyFileSync(pki.clientCertFile, join(hostDir, 'client.cert'));
      copyFileSync(pki.clientKeyFile, join(hostDir, 'client.key'));
    }
  }
  const started = proc;
  return {
    url: `${scheme}://${host}`,
    host,
    port,
    tls: useTls,
    rootDir,
    configPath,
    logFile,
    caFile: useTls ? pki?.caFile : undefined,
    username,
    password,
    clientCertFile: opts.mtls ? pki?.clientCertFile : undefined,
    clientKeyFile: opts.mtls ? pki?.clientKeyFile : undefined,
    certsDir,
    tokenServer,
    async stop() {
      await started.stop();
      await tokenServer?.stop();
      removeTempDir(dir);
    },
  };
}
