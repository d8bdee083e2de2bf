// "Keep for this session only": a keychain backend in memory. Credentials stored here are
// used like any other until the process ends, and are never written anywhere. Where the OS
// keychain cannot be reached (a headless server, a container, an SSH session) this is the
// safe choice that still lets a user sign in.
import type { KeychainBackend, KeychainEntry } from './keychain';

export const SESSION_STORE_NAME = 'this session only (forgotten when Dockhand stops)';

export function createSessionKeychain(): KeychainBackend {
  const entries = new Map<string, string>();
  const k = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    name: SESSION_STORE_NAME,
    async get(service, account) {
      return entries.get(k(service, account));
    },
    async set(service, account, secret) {
      entries.set(k(service, account), secret);
    },
    async delete(service, account) {
      return entries.delete(k(service, account));
    },
    async find(service): Promise<KeychainEntry[]> {
      const out: KeychainEntry[] = [];
      for (const [key, secret] of entries) {
        const [s, account] = key.split('\u0000');
        if (s === service && account !== undefined) out.push({ account, secret });
      }
      return out;
    },
  };
}
