// The long-lived objects the views and commands share, built once in activate(). Nothing
// here touches the network or the keychain until first used (activation stays fast).
import * as vscode from 'vscode';
import { createCredentialStore } from '@dockhand/shared/credentials';
import type { CredentialStore } from '@dockhand/shared/credentials';
import type { EngineClient } from '@dockhand/shared/engine';
import type { Log } from './log';
import { lazyKeychain } from './credentials/keychainChoice';
import { createSharedRegistry } from './registry/sharedRegistry';
import type { RegistryApi } from './registry/registryApi';
import { RegistryClientPool } from '@dockhand/shared/registry';
import { dockhandUserAgent } from '@dockhand/shared/transport';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  store: CredentialStore;
  registry: RegistryApi;
  /** The registry clients (one per host and TLS settings), shared by the tree, the details panel and the commands. */
  clients: RegistryClientPool;
  /** The local engine client, created on first use. */
  engine(): Promise<EngineClient>;
  /** Name of the keychain backend in use (resolved on first use). */
  keychainName(): Promise<string>;
}

export function createServices(context: vscode.ExtensionContext, log: Log): Services {
  const keychain = lazyKeychain(context.secrets, (m) => log.info(m), { forceFallback: process.env.DOCKHAND_FORCE_SECRET_STORAGE === '1' });
  const store = createCredentialStore({ keychain });
  const clients = new RegistryClientPool({ credentials: store, log: (line) => log.info(line), userAgent: dockhandUserAgent('vscode') });
  const registry = createSharedRegistry(clients);
  let engine: Promise<EngineClient> | undefined;
  return {
    context,
    log,
    store,
    registry,
    clients,
    engine() {
      engine ??= Promise.resolve()
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded on first use
        .then(() => require('./engine.js') as typeof import('./engine/engineEntry'))
        .then((m) => m.createEngineClient({ env: process.env }));
      engine.catch(() => {
        engine = undefined;
      });
      return engine;
    },
    keychainName: async () => (await keychain.chosen()).name,
  };
}
