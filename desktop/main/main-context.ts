// What the main-process handlers share: the registry list, the job runner and lazily
// created shared-core clients (credential store, engine client). Built once per process
// by createMainApi; never imports electron.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialStore } from '@dockhand/shared/credentials';
import type { EngineClient } from '@dockhand/shared/engine';
import { createCredentialStore } from '@dockhand/shared/credentials';
import { createEngineClient } from '@dockhand/shared/engine';
import { JobRunner } from './jobs';
import { RegistryStore } from './registry-store';
import { ConfigFiles, type ConfirmFile } from './config-files';

export interface MainOptions {
  mode: 'electron' | 'served';
  /** Where registries.json lives. Default $DOCKHAND_DESKTOP_STATE_DIR, else $XDG_CONFIG_HOME/dockhand, else ~/.config/dockhand. */
  stateDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Native file picker, supplied by the Electron glue. */
  pickFile?: () => Promise<string | undefined>;
  /** Electron: confirm a typed config path through the native dialog (config-files.ts). */
  confirmFile?: ConfirmFile;
  /** Config files the user named when starting the app (`--config FILE`). */
  configFiles?: string[];
  log?: (line: string) => void;
}

export class MainContext {
  readonly mode: 'electron' | 'served';
  readonly env: NodeJS.ProcessEnv;
  readonly stateDir: string;
  /** The registries the user added (the desktop's list; credentials are in credentials()). */
  readonly registries: RegistryStore;
  readonly jobs = new JobRunner();
  readonly pickFile?: () => Promise<string | undefined>;
  readonly log: (line: string) => void;
  readonly configFiles: ConfigFiles;
  private credentialStore?: CredentialStore;
  private engineClient?: Promise<EngineClient>;
  private readonly disposers: Array<() => void> = [];

  constructor(opts: MainOptions) {
    this.mode = opts.mode;
    this.env = opts.env ?? process.env;
    this.stateDir = opts.stateDir ?? defaultStateDir(this.env);
    this.registries = new RegistryStore(this.stateDir);
    this.pickFile = opts.pickFile;
    this.log = opts.log ?? (() => {});
    const home = this.env.HOME || homedir();
    this.configFiles = new ConfigFiles({
      stateDir: this.stateDir,
      home,
      trusted: [defaultConfigPath(this.env), ...(opts.configFiles ?? [])],
      confirm: opts.confirmFile,
    });
  }

  credentials(): CredentialStore {
    this.credentialStore ??= createCredentialStore({ env: this.env });
    return this.credentialStore;
  }

  engine(): Promise<EngineClient> {
    if (!this.engineClient) {
      this.engineClient = createEngineClient({ env: this.env });
      this.engineClient.catch(() => {
        this.engineClient = undefined;
      });
    }
    return this.engineClient;
  }

  /** Run `fn` when the app closes (the event receiver this app started stops with it). */
  onDispose(fn: () => void): void {
    this.disposers.push(fn);
  }

  dispose(): void {
    this.jobs.cancelAll();
    for (const fn of this.disposers.splice(0)) fn();
  }
}

/** The config editor's default file: $DOCKHAND_DESKTOP_CONFIG, else ~/config.yml. */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
  return env.DOCKHAND_DESKTOP_CONFIG ?? join(env.HOME ?? '/', 'config.yml');
}

export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  if (env.DOCKHAND_DESKTOP_STATE_DIR) return env.DOCKHAND_DESKTOP_STATE_DIR;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'dockhand');
}
