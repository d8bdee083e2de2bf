// The desktop's list of registries, persisted as JSON in the state folder
// (registries.json). It holds NO secrets: passwords live in the OS keychain (keytar,
// through the credential layer), this file only remembers URL, name, CA file, username.
import { mkdir, readFile } from 'node:fs/promises';
import { writeExclusiveThenRename } from '@dockhand/shared/files';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { InvalidRegistryUrlError, hasUrlScheme, parseRegistryUrl as parseAddress } from '@dockhand/shared/reference';
import type { RegistrySummary } from '../common';
import { BadInputError } from './bad-input';

/** A registry of the list: the fields of the IPC contract's RegistrySummary it keeps, and the mTLS key file. */
export interface StoredRegistry extends Pick<
  RegistrySummary,
  'id' | 'name' | 'url' | 'host' | 'caFile' | 'insecure' | 'username' | 'discovered' | 'sandbox' | 'clientCertFile'
> {
  /** mTLS: the PEM client key file (a path only; the key is read when connecting, never copied). */
  clientKeyFile?: string;
}

/** Ids of registries found in existing logins: "discovered:" + host. */
export const DISCOVERED_PREFIX = 'discovered:';

export class RegistryStore {
  private cache?: StoredRegistry[];
  private dismissedHosts: string[] = [];
  constructor(private readonly stateDir: string) {}

  get file(): string {
    return join(this.stateDir, 'registries.json');
  }

  async list(): Promise<StoredRegistry[]> {
    if (!this.cache) {
      try {
        const parsed = JSON.parse(await readFile(this.file, 'utf8')) as { registries?: unknown; dismissed?: unknown };
        this.cache = Array.isArray(parsed.registries) ? parsed.registries.filter(isStoredRegistry) : [];
        this.dismissedHosts = Array.isArray(parsed.dismissed) ? parsed.dismissed.filter((h): h is string => typeof h === 'string').slice(0, 1000) : [];
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`Cannot read ${this.file}: ${(err as Error).message}. Fix or delete the file.`);
        this.cache = [];
      }
    }
    return this.cache.map((r) => ({ ...r }));
  }

  /** Hosts of discovered logins the user removed from the list. */
  async dismissed(): Promise<string[]> {
    await this.list();
    return [...this.dismissedHosts];
  }

  /** A registry found in an existing login, as an entry the handlers can use (not saved). */
  discovered(host: string): StoredRegistry {
    const { url, host: h } = parseRegistryUrl(host);
    return { id: `${DISCOVERED_PREFIX}${h}`, name: h, url, host: h, discovered: true };
  }

  /** Save a discovered registry as the user's own (on sign-in, sign-out); others as they are. */
  async adopt(id: string): Promise<StoredRegistry> {
    const r = await this.get(id);
    if (!r.discovered) return r;
    const saved = await this.add({ name: r.name, url: r.url, host: r.host });
    return saved;
  }

  async get(id: string): Promise<StoredRegistry> {
    if (typeof id === 'string' && id.startsWith(DISCOVERED_PREFIX)) {
      const host = id.slice(DISCOVERED_PREFIX.length);
      const own = (await this.list()).find((r) => r.host === host);
      if (own) return own;
      return this.discovered(host);
    }
    const found = (await this.list()).find((r) => r.id === id);
    if (!found)
      throw Object.assign(new Error(`Unknown registry id ${JSON.stringify(String(id)).slice(0, 60)}; reload the registry list.`), { name: 'RegistryNotFound' });
    return found;
  }

  async add(entry: Omit<StoredRegistry, 'id'>): Promise<StoredRegistry> {
    const all = await this.list();
    const existing = all.find((r) => r.url === entry.url);
    if (existing) {
      Object.assign(existing, entry);
      await this.save(all);
      return { ...existing };
    }
    this.dismissedHosts = this.dismissedHosts.filter((h) => h !== entry.host);
    const created = { ...entry, id: randomUUID() };
    all.push(created);
    await this.save(all);
    return { ...created };
  }

  async update(id: string, patch: Partial<Omit<StoredRegistry, 'id'>>): Promise<StoredRegistry> {
    const all = await this.list();
    const found = all.find((r) => r.id === id);
    if (!found) throw Object.assign(new Error(`Unknown registry id ${id}.`), { name: 'RegistryNotFound' });
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete (found as unknown as Record<string, unknown>)[k];
      else (found as unknown as Record<string, unknown>)[k] = v;
    }
    await this.save(all);
    return { ...found };
  }

  async remove(id: string): Promise<void> {
    if (typeof id === 'string' && id.startsWith(DISCOVERED_PREFIX)) {
      const host = id.slice(DISCOVERED_PREFIX.length);
      await this.list();
      if (!this.dismissedHosts.includes(host)) this.dismissedHosts.push(host);
      await this.save(await this.list());
      return;
    }
    await this.save((await this.list()).filter((r) => r.id !== id));
  }

  private async save(all: StoredRegistry[]): Promise<void> {
    this.cache = all.map((r) => ({ ...r }));
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
    const saved = all.map(({ discovered: _d, ...r }) => r);
    await writeExclusiveThenRename(
      this.file,
      JSON.stringify({ registries: saved, ...(this.dismissedHosts.length ? { dismissed: this.dismissedHosts } : {}) }, null, 2) + '\n',
      0o600,
    );
  }
}

function isStoredRegistry(v: unknown): v is StoredRegistry {
  const r = v as StoredRegistry;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.url === 'string' && typeof r.host === 'string' && typeof r.name === 'string';
}

/** Whether the user typed a scheme (else the scheme is learnt from the registry when it is added). */
export function hasScheme(input: string): boolean {
  return hasUrlScheme(input);
}

/** Normalise what a user typed ("127.0.0.1:5000", "https://reg.example/") into url + host (the one parser: shared reference/registry-url.ts). */
export function parseRegistryUrl(input: string): { url: string; host: string } {
  try {
    const { url, host } = parseAddress(input);
    return { url, host };
  } catch (err) {
    if (!(err instanceof InvalidRegistryUrlError)) throw err;
    if (err.reason === 'credentials')
      throw new BadInputError('Do not put credentials in the URL; use the login fields (the password goes to the OS keychain).');
    throw new BadInputError(err.message);
  }
}
