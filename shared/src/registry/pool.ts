// RegistryClientPool: the one place the CLI, the extension, the desktop and the clean-up commands
// keep their registry clients. One client per registry host and its settings (TLS: CA, client
// certificate, insecure; the credential provider), so its ping, credentials and bearer tokens
// are reused by every caller; forget() drops a host's or an entry's client (after a login, a
// logout or an edit), close() releases them all.
//
//   const pool = new RegistryClientPool({ credentials: store, userAgent: 'dockhand-vscode/0.1.0' });
//   const c = pool.get({ host: 'ghcr.io', caFile });            // the same client for the same settings
//   const d = pool.get({ host: r.host, ... }, { id: r.id });    // an entry's client: new settings replace (and close) the old one
//   await pool.forget({ host: 'ghcr.io' }); await pool.close();
import { createHash } from 'node:crypto';
import { RegistryClient } from './client';
import { parseRegistry } from '../reference/reference';
import type { RegistryClientOptions } from './types';

export interface PoolKey {
  /** A caller's name for the entry (a stored registry's id): when its settings change, its old client is closed. */
  id?: string;
  /** More that must match for a client to be reused (e.g. the entry's URL). */
  extra?: string;
}

interface Entry {
  key: string;
  host: string;
  client: RegistryClient;
}

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;
function objectId(o: object | undefined): number {
  if (!o) return 0;
  let id = objectIds.get(o);
  if (!id) objectIds.set(o, (id = nextObjectId++));
  return id;
}

function fingerprint(v: string | Buffer | Array<string | Buffer> | undefined): string {
  if (v === undefined) return '';
  const h = createHash('sha256');
  for (const part of Array.isArray(v) ? v : [v]) h.update(part).update('\u0000');
  return h.digest('hex').slice(0, 16);
}

/** What makes two clients the same: the host and everything that changes how it is reached or who asks. */
function settingsKey(o: RegistryClientOptions, extra: string | undefined): string {
  return JSON.stringify([
    parseRegistry(o.host),
    o.insecure === true,
    o.insecureRegistries ?? [],
    o.caFile ?? '',
    fingerprint(o.ca),
    o.certsDir ?? '',
    fingerprint(o.clientCert),
    fingerprint(o.clientKey),
    o.userAgent ?? '',
    o.timeoutMs ?? 0,
    o.retry ?? {},
    objectId(o.credentials),
    objectId(o.dispatcher),
    objectId(o.env),
    extra ?? '',
  ]);
}

export class RegistryClientPool {
  private readonly entries = new Map<string, Entry>();

  /** `defaults` apply under every get()'s options (typically the credential provider, user agent, log). */
  constructor(private readonly defaults: Partial<Omit<RegistryClientOptions, 'host'>> = {}) {}

  /** The client for these settings, made on first use and kept until forget() or close(). */
  get(options: RegistryClientOptions, key: PoolKey = {}): RegistryClient {
    const opts: RegistryClientOptions = { ...this.defaults, ...options };
    const k = settingsKey(opts, key.extra);
    const slot = key.id !== undefined ? `id:${key.id}` : `key:${k}`;
    const hit = this.entries.get(slot);
    if (hit && hit.key === k) return hit.client;
    if (hit) void hit.client.close().catch(() => undefined); // the entry's settings changed
    const client = new RegistryClient(opts);
    this.entries.set(slot, { key: k, host: client.host, client });
    return client;
  }

  /** Drop (and close) the clients of a host, of an entry, or all: the next get() makes a fresh one (new credentials, new tokens). */
  async forget(which: { host?: string; id?: string } = {}): Promise<void> {
    const host = which.host !== undefined ? parseRegistry(which.host) : undefined;
    const closing: Promise<void>[] = [];
    for (const [slot, e] of this.entries) {
      const match = (which.id === undefined || slot === `id:${which.id}`) && (host === undefined || e.host === host);
      if (!match) continue;
      this.entries.delete(slot);
      closing.push(e.client.close().catch(() => undefined));
    }
    await Promise.all(closing);
  }

  /** Close every client. */
  close(): Promise<void> {
    return this.forget();
  }
}
