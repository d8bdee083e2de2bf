// The extension's keychain: keytar (the OS keychain, shared with the CLI and the desktop)
// when it loads and answers; VS Code SecretStorage only where it cannot. The choice is made
// lazily on first use (activation stays fast) and logged once.
import type * as vscode from 'vscode';
import { KEYCHAIN_SERVICE, loadKeytarBackend, type KeychainBackend } from '@dockhand/shared/credentials';
import { KeychainUnavailableError } from '@dockhand/shared/credentials';
import { secretStorageBackend } from './secretStorageBackend';

export function lazyKeychain(
  secrets: vscode.SecretStorage,
  log: (m: string) => void,
  opts: { forceFallback?: boolean } = {},
): KeychainBackend & { chosen(): Promise<KeychainBackend> } {
  let choice: Promise<KeychainBackend> | undefined;
  let current: KeychainBackend | undefined;
  function chosen(): Promise<KeychainBackend> {
    choice ??= (async () => {
      if (opts.forceFallback) return secretStorageBackend(secrets);
      const keytar = loadKeytarBackend({ timeoutMs: 10_000 });
      try {
        await keytar.find(KEYCHAIN_SERVICE);
        return keytar;
      } catch (err) {
        if (!(err instanceof KeychainUnavailableError)) throw err;
        log(`OS keychain unavailable, using VS Code SecretStorage instead: ${err.message.split('. ')[0]}`);
        return secretStorageBackend(secrets);
      }
    })().then(
      (b) => {
        current = b;
        log(`credentials keychain: ${b.name}`);
        return b;
      },
      (err) => {
        choice = undefined;
        throw err;
      },
    );
    return choice;
  }
  return {
    get name() {
      return current?.name ?? 'OS keychain (keytar)';
    },
    chosen,
    get: async (s, a) => (await chosen()).get(s, a),
    set: async (s, a, v) => (await chosen()).set(s, a, v),
    delete: async (s, a) => (await chosen()).delete(s, a),
    find: async (s) => (await chosen()).find(s),
  };
}
