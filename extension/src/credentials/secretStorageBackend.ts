// VS Code's SecretStorage as a KeychainBackend: the fallback where keytar cannot load or
// reach a keychain. SecretStorage has no "find", so an index of accounts per service is
// kept under its own key (account names only, never secrets).
import type * as vscode from 'vscode';
import type { KeychainBackend, KeychainEntry } from '@dockhand/shared/credentials';

const key = (service: string, account: string) => `${service}\u0000${account}`;
const indexKey = (service: string) => `${service}\u0000__accounts__`;

export function secretStorageBackend(secrets: vscode.SecretStorage): KeychainBackend {
  async function accounts(service: string): Promise<string[]> {
    const raw = await secrets.get(indexKey(service));
    try {
      const list: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(list) ? list.filter((a): a is string => typeof a === 'string') : [];
    } catch {
      return [];
    }
  }
  async function setAccounts(service: string, list: string[]): Promise<void> {
    await secrets.store(indexKey(service), JSON.stringify([...new Set(list)].sort()));
  }
  return {
    name: 'VS Code SecretStorage',
    get: async (service, account) => (await secrets.get(key(service, account))) ?? undefined,
    async set(service, account, secret) {
      await secrets.store(key(service, account), secret);
      await setAccounts(service, [...(await accounts(service)), account]);
    },
    async delete(service, account) {
      const had = (await secrets.get(key(service, account))) !== undefined;
      await secrets.delete(key(service, account));
      await setAccounts(
        service,
        (await accounts(service)).filter((a) => a !== account),
      );
      return had;
    },
    async find(service) {
      const out: KeychainEntry[] = [];
      for (const account of await accounts(service)) {
        const secret = await secrets.get(key(service, account));
        if (secret !== undefined) out.push({ account, secret });
      }
      return out;
    },
  };
}
