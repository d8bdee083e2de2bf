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

/** A key (EC P-256 unless `keyArgs` says otherwise) and a certificate for it signed by `ca`, with the extensions in `ext`. */
async function signed(
  dir: string,
  ca: { cert: string; key: string },
  name: string,
  cn: string,
  ext: string,
  keyArgs = ecKey,
): Promise<{ cert: string; key: string }> {
  const key = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.crt`);
  const extFile = join(dir, `${name}.ext`);
  writeFileSync(extFile, ext);
  await openssl(['req', ...keyArgs, '-keyout', key, '-out', csr, '-subj', `/CN=${cn}`], dir);
  await openssl(
    ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', cert, '-days', '30', '-sha256', '-extfile', extFile],
    dir,
  );
  return { cert, key };
}

async function createPki(): Promise<BedPki> {
  const dir = tempDir('dockhand-bed-pki');
  const caFile = join(dir, 'ca.crt');
  const caKeyFile = join(dir, 'ca.key');
  await openssl(
    [
      'req',
      '-x509',
      ...ecKey,
      '-sha256',
      '-days',
      '30',
      '-keyout',
      caKeyFile,
      '-out',
      caFile,
      '-subj',
      '/CN=Dockhand test bed CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  const ca = { cert: caFile, key: caKeyFile };
  const server = await signed(
    dir,
    ca,
    'server',
    '127.0.0.1',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n',
  );
  const client = await signed(dir, ca, 'client', 'dockhand-test-client', 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n');
  return { dir, caFile, caKeyFile, serverCertFile: server.cert, serverKeyFile: server.key, clientCertFile: client.cert, clientKeyFile: client.key };
}

let pki: Promise<BedPki> | undefined;

/** The bed PKI of this process (created on first use). */
export function bedPki(): Promise<BedPki> {
  pki ??= createPki();
  pki.catch(() => {
    pki = undefined;
  });
  return pki;
}

export function readPem(file: string): string {
  return readFileSync(file, 'utf8');
}

export interface SigningCert {
  /** PEM RSA private key (PKCS#8). */
  keyPem: string;
  /** PEM certificate of the key, signed by the bed CA. */
  certPem: string;
  /** base64 (not url) DER of the certificate, for a JWT x5c header. */
  certDerBase64: string;
  /** PEM of the bed CA (what the registry's rootcertbundle must hold). */
  caPem: string;
}

let signing: Promise<SigningCert> | undefined;

/** An RSA key and certificate (signed by the bed CA) for signing registry tokens (RS256). */
export function tokenSigningCert(): Promise<SigningCert> {
  signing ??= (async () => {
    const p = await bedPki();
    const { cert, key } = await signed(
      p.dir,
      { cert: p.caFile, key: p.caKeyFile },
      'token-signer',
      'Dockhand test bed token issuer',
      'keyUsage=critical,digitalSignature\n',
      ['-newkey', 'rsa:2048', '-nodes'],
    );
    const certPem = readPem(cert);
    const der = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(certPem)?.[1].replace(/\s+/g, '');
    if (!der) throw new Error('test bed: could not read the token signing certificate');
    return { keyPem: readPem(key), certPem, certDerBase64: der, caPem: readPem(p.caFile) };
  })();
  signing.catch(() => {
    signing = undefined;
  });
  return signing;
}
