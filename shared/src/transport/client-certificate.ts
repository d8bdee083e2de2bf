// An mTLS client certificate and key a user chose by path (the extension's settings, the
// desktop's registry store): both or neither, each read with a size cap, errors that name the
// file and the front end's own fix. The PEM bytes go to the registry client as clientCert /
// clientKey; with neither, the transport looks in docker's certs.d folder by itself.
import { readFileSync, statSync } from 'node:fs';

/** A PEM certificate or key is a few KiB; anything over 1 MiB is not one. */
const MAX_PEM_BYTES = 1024 * 1024;

export interface ClientCertificateFiles {
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** The problem of an entry that has only one of the two files (undefined when it has both or neither); `fix` says where to mend it. */
export function clientPairProblem(f: ClientCertificateFiles, fix: string, who = 'The registry'): string | undefined {
  if (!f.clientCertFile === !f.clientKeyFile) return undefined;
  const [has, lacks] = f.clientCertFile ? ['certificate', 'key'] : ['key', 'certificate'];
  return `${who} has a client ${has} but no client ${lacks}: give both (or neither, then docker's certs.d folder is used). ${fix}`;
}

function readPem(file: string, what: 'certificate' | 'key', fix: string): Buffer {
  try {
    const size = statSync(file).size;
    if (size > MAX_PEM_BYTES) throw new Error(`${size} bytes; a PEM ${what} is not over 1 MiB`);
    return readFileSync(file);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw Object.assign(new Error(`Cannot read the client ${what} ${file}: ${why}. ${fix}`), { name: 'FileError' });
  }
}

/** The registry client's clientCert / clientKey for these files ({} when none). Throws BadInput for half a pair, FileError for an unreadable or oversized file. */
export function readClientCertificate(
  f: ClientCertificateFiles,
  fix: { pair: string; file: string; who?: string },
): { clientCert?: Buffer; clientKey?: Buffer } {
  const problem = clientPairProblem(f, fix.pair, fix.who);
  if (problem) throw Object.assign(new Error(problem), { name: 'BadInput' });
  if (!f.clientCertFile || !f.clientKeyFile) return {};
  return { clientCert: readPem(f.clientCertFile, 'certificate', fix.file), clientKey: readPem(f.clientKeyFile, 'key', fix.file) };
}
