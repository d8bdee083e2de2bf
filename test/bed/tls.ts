// The test bed's certificate authority and the certificates it signs, made with openssl.
// One CA per test process (lazily created in a temp folder); a server certificate for
// 127.0.0.1/localhost and a client certificate (for mTLS) signed by it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

const run = promisify(execFile);

export interface BedPki {
  dir: string;
  /** PEM of the bed CA; trust this to talk to any TLS registry of the bed. */
  caFile: string;
  caKeyFile: string;
  /** Server certificate for IP:127.0.0.1 and DNS:localhost, signed by the CA. */
  serverCertFile: string;
  serverKeyFile: string;
  /** Client certificate (extendedKeyUsage clientAuth) signed by the CA, for mTLS. */
  clientCertFile: string;
  clientKeyFile: string;
}

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`test bed: openssl ${args[0]} failed: ${err.stderr || err.message} (is openssl installed? run: node test/bed/install.mjs)`);
  }
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function signed(dir: string, ca: { cert: string; key: string }, name: string, cn: string, ext: string): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, ext);
  await openssl(['req', ...ecKey, '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`], dir);
  await openssl(['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '30', '-sha256', '-extfile', extFile], dir);
  return { cert, key };
}

async function createPki(): Promise<BedPki> {
  const dir = tempDir('dockhand-bed-pki');
  const caFile = join(dir, 'ca.crt');
  const caKeyFile = join(dir, 'ca.key');
  await openssl(['req', '-x509', ...ecKey, '-sha256', '-days', '30', '-keyout', caKeyFile, '-out', caFile,
    '-subj', '/CN=Dockhand test bed CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const ca = { cert: caFile, key: caKeyFile };
  const server = await signed(dir, ca, 'server', '127.0.0.1',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  const client = await signed(dir, ca, 'client', 'dockhand-test-client',
    'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  return { dir, caFile, caKeyFile, serverCertFile: server.cert, serverKeyFile: server.key, clientCertFile: client.cert, clientKeyFile: client.key };
}

let pki: Promise<BedPki> | undefined;

/** The bed PKI of this process (created on first use). */
export function bedPki(): Promise<BedPki> {
  pki ??= createPki();
  pki.catch(() => { pki = undefined; });
  return pki;
}

export function readPem(file: string): string {
  return readFileSync(file, 'utf8');
}
