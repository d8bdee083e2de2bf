// mTLS client certificates of the extension's registries: the paths stored with a registry
// in dockhand.registries (clientCertFile + clientKeyFile, never their content), the docker
// certs.d pair offered by default when adding (<certs.d>/<host>/client.cert + client.key),
// and the PEM bytes handed to the shared core's client (clientCert / clientKey), size-capped.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clientPairProblem as sharedPairProblem, defaultCertsDir, readClientCertificate, type ClientCertificateFiles } from '@dockhand/shared/transport';

export type { ClientCertificateFiles };

/** docker's certs.d pair for `host` (client.cert + client.key), when both files are there. */
export function certsDirClientPair(host: string, env: NodeJS.ProcessEnv = process.env): Required<ClientCertificateFiles> | undefined {
  const dir = join(defaultCertsDir(env), host);
  const pair = { clientCertFile: join(dir, 'client.cert'), clientKeyFile: join(dir, 'client.key') };
  return existsSync(pair.clientCertFile) && existsSync(pair.clientKeyFile) ? pair : undefined;
}

const FIX = { pair: 'Edit dockhand.registries or remove the registry and add it again.', file: "Check the path in dockhand.registries and the file's permissions." };

/** The error for a registry entry that has only one of the two files (undefined when it has both or neither). */
export function clientPairProblem(f: ClientCertificateFiles): string | undefined {
  return sharedPairProblem(f, FIX.pair);
}

/** The core client's clientCert / clientKey for these files ({} when none: the core then looks in certs.d). */
export function clientTlsOptions(f: ClientCertificateFiles): { clientCert?: Buffer; clientKey?: Buffer } {
  return readClientCertificate(f, FIX);
}

/** The two settings fields, present only when set (for spreading into a target or a settings entry). */
export function clientCertificateFields(f: ClientCertificateFiles): ClientCertificateFiles {
  const { clientCertFile: cert, clientKeyFile: key } = f;
  return typeof cert === 'string' && cert && typeof key === 'string' && key ? { clientCertFile: cert, clientKeyFile: key } : {};
}
