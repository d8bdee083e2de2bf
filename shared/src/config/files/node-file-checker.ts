// The node side of the file checks (rules/referenced-files.ts): reads a named file (capped,
// after mapping container paths through compose bind mounts) and judges its PEM content
// with node:crypto the way Go's crypto/tls, crypto/x509 and libtrust judge it.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { ConfigFileChecker, ConfigFileKind, ConfigFileReport } from '../types';
import type { Mount } from './compose-mounts';

/** Largest named file read (certificates, keys and htpasswd files are small). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface NodeFileCheckerOptions {
  /** Relative paths are resolved here (the registry resolves them against its working directory). */
  baseDir: string;
  /** Container path -> host path (compose bind mounts). */
  mounts?: Mount[];
}

export function nodeFileChecker(opts: NodeFileCheckerOptions): ConfigFileChecker {
  return {
    check(path: string, kind: ConfigFileKind): ConfigFileReport {
      const hostPath = hostPathOf(path, opts);
      let bytes: Buffer;
      try {
        bytes = readCapped(hostPath);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return { found: false, hostPath };
        return { found: true, hostPath, problem: `cannot be read (${e.code ?? e.message})` };
      }
      return { found: true, hostPath, ...judge(bytes, kind) };
    },
  };
}

function hostPathOf(path: string, opts: NodeFileCheckerOptions): string {
  if (isAbsolute(path)) {
    const m = [...(opts.mounts ?? [])]
      .sort((a, b) => b.container.length - a.container.length)
      .find((x) => path === x.container || path.startsWith(x.container.endsWith('/') ? x.container : `${x.container}/`));
    return m ? join(m.host, path.slice(m.container.length)) : path;
  }
  return resolve(opts.baseDir, path);
}

function readCapped(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > MAX_FILE_BYTES) throw Object.assign(new Error(`larger than ${MAX_FILE_BYTES} bytes`), { code: 'EFBIG' });
    const buf = Buffer.alloc(Math.min(st.size, MAX_FILE_BYTES));
    const n = buf.length ? readSync(fd, buf, 0, buf.length, 0) : 0;
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

interface Block {
  type: string;
  der: Buffer;
  text: string;
}

/** PEM blocks as Go's pem.Decode finds them (junk between blocks skipped). */
function pemBlocks(bytes: Buffer): Block[] {
  const text = bytes.toString('latin1');
  const out: Block[] = [];
  const re = /-----BEGIN ([^-\r\n]*)-----\r?\n([\s\S]*?)-----END \1-----/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const body = m[2]
      .split(/\r?\n/)
      .filter((l) => !/^[\w-]+:/.test(l))
      .join('');
    out.push({ type: m[1], der: Buffer.from(body, 'base64'), text: m[0] });
  }
  return out;
}

function spki(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

function judge(bytes: Buffer, kind: ConfigFileKind): Omit<ConfigFileReport, 'found' | 'hostPath'> {
  if (kind === 'htpasswd') return htpasswd(bytes.toString('utf8'));
  const blocks = pemBlocks(bytes);
  const isKey = (b: Block) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY');
  switch (kind) {
    case 'certificate': {
      const certs = blocks.filter((b) => b.type === 'CERTIFICATE');
      if (!certs.length) {
        return {
          problem: blocks.some(isKey)
            ? 'tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched'
            : 'tls: failed to find any PEM data in certificate input (not a PEM certificate)',
        };
      }
      try {
        return { publicKey: spki(new X509Certificate(certs[0].der).publicKey) };
      } catch (err) {
        return { problem: `tls: failed to parse certificate: ${(err as Error).message}` };
      }
    }
    case 'private-key': {
      const key = blocks.find(isKey);
      if (!key)
        return {
          problem: blocks.some((b) => b.type === 'CERTIFICATE')
            ? 'tls: found a certificate rather than a key in the PEM for the private key'
            : 'tls: failed to find any PEM data in key input (not a PEM private key)',
        };
      try {
        return { publicKey: spki(createPublicKey(createPrivateKey(key.text))) };
      } catch (err) {
        return { problem: `tls: failed to parse private key: ${(err as Error).message}` };
      }
    }
    case 'ca-bundle': {
      let good = 0;
      for (const b of blocks) {
        if (b.type !== 'CERTIFICATE') continue;
        try {
          new X509Certificate(b.der);
          good++;
        } catch (err) {
          return { problem: `unable to parse certificate: ${(err as Error).message}` };
        }
      }
      if (!good)
        return {
          problem: blocks.some(isKey)
            ? 'holds a private key, not a certificate (could not add CA to pool / requires at least one root certificate)'
            : 'holds no PEM certificate (could not add CA to pool / requires at least one root certificate)',
        };
      return {};
    }
    case 'pkcs1-rsa-key': {
      const first = blocks[0];
      if (!first) return { problem: 'failed to decode private key as an rsa private key (no PEM data)' };
      if (first.type !== 'RSA PRIVATE KEY') {
        return {
          problem: `x509: the key is ${first.type === 'PRIVATE KEY' ? 'PKCS#8' : first.type}, but cloudfront needs a PKCS#1 RSA key ("BEGIN RSA PRIVATE KEY"; convert it with openssl rsa -traditional)`,
        };
      }
      try {
        const k = createPrivateKey({ key: first.der, format: 'der', type: 'pkcs1' });
        return k.asymmetricKeyType === 'rsa' ? {} : { problem: 'not an RSA key' };
      } catch (err) {
        return { problem: `x509: failed to parse PKCS#1 RSA key: ${(err as Error).message}` };
      }
    }
    case 'trust-key': {
      const first = blocks[0];
      if (!first) return { problem: 'no PEM private key (libtrust: unable to get PrivateKey from PEM)' };
      if (first.type !== 'RSA PRIVATE KEY' && first.type !== 'EC PRIVATE KEY')
        return { problem: `unable to get PrivateKey from PEM type: ${first.type} (libtrust reads RSA PRIVATE KEY or EC PRIVATE KEY)` };
      try {
        createPrivateKey(first.text);
        return {};
      } catch (err) {
        return { problem: `cannot parse the private key: ${(err as Error).message}` };
      }
    }
  }
}

function htpasswd(text: string): Omit<ConfigFileReport, 'found' | 'hostPath'> {
  const bad: number[] = [];
  const notBcrypt: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const c = line.indexOf(':');
    if (c < 0) {
      bad.push(i + 1);
      continue;
    }
    if (!/^\$2[abxy]?\$\d\d\$/.test(line.slice(c + 1))) notBcrypt.push(line.slice(0, Math.min(c, 40)));
  }
  if (bad.length) return { warning: `htpasswd: invalid entry at line ${bad[0]} (no user:hash): every login fails while it is there` };
  if (notBcrypt.length)
    return {
      warning: `${notBcrypt.length} user(s) without a bcrypt hash (${notBcrypt.slice(0, 3).join(', ')}) cannot log in: only bcrypt works (htpasswd -B)`,
    };
  return {};
}
