// TLS material like Docker: the system CAs (Node's bundle, /etc/ssl/certs, NODE_EXTRA_CA_CERTS),
// a configured CA, and /etc/docker/certs.d/<host>/ (*.crt are CAs, <name>.cert + <name>.key a
// client certificate for mTLS). Also the "is this host insecure" rule: a configured list (loopback: reference/host.ts).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { isIP } from 'node:net';
import { hostnameOf } from '../reference/host';

export interface TlsSettings {
  /** PEM text (or several) of extra CAs to trust. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** A PEM file of extra CAs to trust. */
  caFile?: string;
  /** Docker's per-host folder root; default /etc/docker/certs.d (DOCKHAND_CERTS_DIR overrides). */
  certsDir?: string;
  /** Client certificate and key (PEM) for mTLS, if not taken from certsDir. */
  clientCert?: string | Buffer;
  clientKey?: string | Buffer;
}

export interface ResolvedTls {
  ca: Array<string | Buffer>;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Human-readable list of where extra CAs came from (for error messages). */
  caSources: string[];
  /** The per-host folder that was looked at (it may not exist). */
  hostCertsDir: string;
  clientCertSource?: string;
}

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];
let systemCache: Array<string | Buffer> | undefined;

function systemCAs(env: NodeJS.ProcessEnv): Array<string | Buffer> {
  if (!systemCache) {
    const list: Array<string | Buffer> = [...rootCertificates];
    for (const f of SYSTEM_BUNDLES) {
      if (existsSync(f)) {
        try {
          list.push(readFileSync(f));
          break;
        } catch {
          /* unreadable: skip */
        }
      }
    }
    systemCache = list;
  }
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (extra && existsSync(extra)) return [...systemCache, readFileSync(extra)];
  return systemCache;
}

/** Docker's folder name for a host: "127.0.0.1:5000", "registry.example.com". */
export function defaultCertsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKHAND_CERTS_DIR || '/etc/docker/certs.d';
}

export function resolveTls(host: string, settings: TlsSettings = {}, env: NodeJS.ProcessEnv = process.env): ResolvedTls {
  const ca = [...systemCAs(env)];
  const caSources: string[] = [];
  if (settings.caFile) {
    ca.push(readFileSync(settings.caFile));
    caSources.push(settings.caFile);
  }
  if (settings.ca !== undefined) {
    const list = Array.isArray(settings.ca) ? settings.ca : [settings.ca];
    ca.push(...list);
    caSources.push('the configured CA');
  }
  const hostCertsDir = join(settings.certsDir ?? defaultCertsDir(env), host);
  let cert = settings.clientCert;
  let key = settings.clientKey;
  let clientCertSource: string | undefined = cert ? 'the configured client certificate' : undefined;
  if (existsSync(hostCertsDir)) {
    let names: string[] = [];
    try {
      names = readdirSync(hostCertsDir).sort();
    } catch {
      names = [];
    }
    for (const n of names) {
      if (n.endsWith('.crt')) {
        ca.push(readFileSync(join(hostCertsDir, n)));
        caSources.push(join(hostCertsDir, n));
      }
    }
    if (!cert) {
      for (const n of names) {
        if (!n.endsWith('.cert')) continue;
        const keyFile = join(hostCertsDir, n.slice(0, -5) + '.key');
        if (!existsSync(keyFile)) continue;
        cert = readFileSync(join(hostCertsDir, n));
        key = readFileSync(keyFile);
        clientCertSource = join(hostCertsDir, n);
        break;
      }
    }
  }
  return { ca, ...(cert ? { cert } : {}), ...(key ? { key } : {}), caSources, hostCertsDir, ...(clientCertSource ? { clientCertSource } : {}) };
}

/** Whether `host` is in a configured insecure list (entries: "host", "host:port", or an IPv4 CIDR). */
export function isListedInsecure(host: string, list: readonly string[] = []): boolean {
  const name = hostnameOf(host).toLowerCase();
  for (const raw of list) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, '')
      .replace(/\/$/, '');
    if (!entry) continue;
    if (entry === host.toLowerCase() || entry === name) return true;
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry);
    if (cidr && isIP(name) === 4 && inCidr(name, cidr[1]!, Number(cidr[2]))) return true;
  }
  return false;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}
function inCidr(ip: string, base: string, bits: number): boolean {
  if (bits === 0) return true;
  const mask = (~0 << (32 - bits)) >>> 0;
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask);
}
