// Turn the engine's raw failure messages (from a progress stream or an HTTP error) into
// Dockhand's errors, each saying what to do.
import type { CredentialSource } from '../credentials/types';
import { EngineUnavailableError, ImageNotFoundError, InsecureRegistryError, PushDeniedError, StreamError } from './errors';
import type { EngineEndpoint } from './types';

export interface FailureContext {
  operation: 'push' | 'pull';
  /** Registry host, e.g. "127.0.0.1:5000". */
  registry: string;
  ref: string;
  credentialSource?: CredentialSource;
  /** Which engine answered (changes where "insecure" is configured). Default docker. */
  engine?: 'docker' | 'podman';
}

export function describeCredentialSource(source: CredentialSource | undefined): string {
  return source ? `the credential from ${source.kind} (${source.detail})` : 'no credential (anonymous)';
}

export function classifyStreamFailure(message: string, ctx: FailureContext): Error {
  const m = message.toLowerCase();
  if (/server gave http response to https client/.test(m)) {
    const fix =
      ctx.engine === 'podman'
        ? `Add [[registry]] location = "${ctx.registry}" insecure = true to /etc/containers/registries.conf (or ~/.config/containers/registries.conf) and restart the podman service`
        : `Add "${ctx.registry}" to "insecure-registries" in the daemon's daemon.json (e.g. /etc/docker/daemon.json) and restart the daemon`;
    return new InsecureRegistryError(
      `${ctx.operation} of ${ctx.ref} failed: the registry ${ctx.registry} speaks plain HTTP but the ${ctx.engine === 'podman' ? 'podman service' : 'Docker daemon'} expects HTTPS. ` +
        `${fix}, or serve the registry over TLS. (engine: ${message})`,
      ctx.registry,
    );
  }
  if (/x509:|certificate signed by unknown authority|certificate is not valid|tls: /.test(m)) {
    return new StreamError(
      `${ctx.operation} of ${ctx.ref} failed: the Docker daemon does not trust the TLS certificate of ${ctx.registry}. ` +
        `Put the registry's CA certificate in /etc/docker/certs.d/${ctx.registry}/ca.crt on the daemon's host (no restart needed). (engine: ${message})`,
    );
  }
  if (/denied|unauthorized|authentication required|no basic auth credentials|forbidden|incorrect username or password/.test(m)) {
    const verb = ctx.operation === 'push' ? 'push' : 'pull';
    return new PushDeniedError(
      `${verb} of ${ctx.ref} denied by ${ctx.registry} using ${describeCredentialSource(ctx.credentialSource)}: ${message}. ` +
        `Log in (\`docker login ${ctx.registry}\` or Dockhand's credentials) with an account allowed to ${verb} this repository.`,
      ctx.registry,
      ctx.credentialSource,
    );
  }
  if (/an image does not exist locally with the tag|no such image/.test(m)) {
    return new ImageNotFoundError(ctx.ref, `image "${ctx.ref}" not found in the local engine (${message}); run \`dockhand images\` to see what is there`);
  }
  if (/manifest unknown|not found: manifest|manifest for .* not found|repository does not exist|name unknown/.test(m)) {
    return new StreamError(`${ctx.ref} was not found on ${ctx.registry}: ${message}`);
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable/.test(m)) {
    return new StreamError(
      `${ctx.operation} of ${ctx.ref} failed: the Docker daemon cannot reach the registry ${ctx.registry} (${message}). ` +
        `Note the address is resolved from the daemon's side, not this machine's.`,
    );
  }
  return new StreamError(`${ctx.operation} of ${ctx.ref} failed: ${message}`);
}

/** A failure to talk to the engine at all (socket missing, permission, refused). */
export function classifyConnectionError(err: unknown, endpoint: EngineEndpoint): Error | undefined {
  const e = err as NodeJS.ErrnoException;
  const code = e?.code;
  const where = endpoint.socketPath ? `socket ${endpoint.socketPath}` : endpoint.host;
  const from = endpoint.source === 'context' ? ` (from Docker context "${endpoint.context}")` : endpoint.source === 'DOCKER_HOST' ? ' (from DOCKER_HOST)' : '';
  if (code === 'ENOENT' || code === 'ECONNREFUSED') {
    return new EngineUnavailableError(
      `the Docker engine is not running: nothing listens on ${where}${from}. ` +
        `Start it (\`sudo systemctl start docker\`, Docker Desktop, or \`podman system service\`) or point DOCKER_HOST at a running engine.`,
      endpoint.host,
      'not-running',
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineUnavailableError(
      `permission denied on the Docker engine ${where}${from}. ` +
        `Add your user to the "docker" group (\`sudo usermod -aG docker $USER\`, then log in again), or use a rootless engine's socket via DOCKER_HOST.`,
      endpoint.host,
      'permission-denied',
    );
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENOTFOUND' || code === 'ECONNRESET') {
    return new EngineUnavailableError(`cannot reach the Docker engine at ${where}${from}: ${e.message}`, endpoint.host, 'unreachable');
  }
  return undefined;
}
