// mTLS client certificates of the extension's registries: the paths stored with a registry
// in dockhand.registries (clientCertFile + clientKeyFile, never their content), the docker
// certs.d pair offered by default when adding (<certs.d>/<host>/client.cert + client.key),
// and the PEM bytes handed to the shared core's client (clientCert / clientKey), size-capped.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCertsDir } from '@dockhand/shared/transport';

/** A PEM certificate or key is a few KiB; anything over 1 MiB is not one. */
const MAX_PEM_BYTES = 1024 * 1024;

export interface ClientCertificateFiles {
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** docker's certs.d pair for `host` (client.cert + client.key), when both files are there. */
export function certsDirClientPair(host: string, env: NodeJS.ProcessEnv = process.env): Required<ClientCertificateFiles> | undefined {
  const dir = join(defaultCertsDir(env), host);
  const pair = { clientCertFile: join(dir, 'client.cert'), clientKeyFile: join(dir, 'client.key') };
  return existsSync(pair.clientCertFile) && existsSync(pair.clientKeyFile) ? pair : undefined;
}

/** The error for a registry entry that has only one of the two files (undefined when it has both or neither). */
export function clientPairProblem(f: ClientCertificateFiles): string | undefined {
  if (!f.clientCertFile === !f.clientKeyFile) return undefined;
  return `The registry has a client ${f.clientCertFile ? 'certificate' : 'key'} but no client ${f.clientCertFile ? 'key' : 'certificate'}: give both (or neither, then docker's certs.d folder is used). Edit dockhand.registries or remove the registry and add it again.`;
}

function readPem(file: string, what: 'certificate' | 'key'): Buffer {
  try {
    const size = statSync(file).size;
    if (size > MAX_PEM_BYTES) throw new Error(`${size} bytes; a PEM ${what} is not over 1 MiB`);
    return readFileSync(file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw Object.assign(new Error(`Cannot read the client ${what} ${file}: ${why}. Check the path in dockhand.registries and the file's permissions.`), {
      name: 'FileError',
    });
  }
}

/** The core client's clientCert / clientKey for these files ({} when none: the core then looks in certs.d). */
export function clientTlsOptions(f: ClientCertificateFiles): { clientCert?: Buffer; clientKey?: Buffer } {
  const problem = clientPairProblem(f);
  if (problem) throw Object.assign(new Error(problem), { name: 'BadInput' });
  if (!f.clientCertFile || !f.clientKeyFile) return {};
  return { clientCert: readPem(f.clientCertFile, 'certificate'), clientKey: readPem(f.clientKeyFile, 'key') };
}

/** The two settings fields, present only when set (for spreading into a target or a settings entry). */
export function clientCertificateFields(f: ClientCertificateFiles): ClientCertificateFiles {
  const { clientCertFile: cert, clientKeyFile: key } = f;
  return typeof cert === 'string' && cert && typeof key === 'string' && key ? { clientCertFile: cert, clientKeyFile: key } : {};
}
