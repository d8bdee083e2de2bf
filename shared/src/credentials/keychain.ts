// Dockhand's own secret store: a small `KeychainBackend` interface and its keytar
// implementation (the OS keychain: libsecret/gnome-keyring on Linux, Keychain on macOS,
// Credential Manager on Windows).
//
// Who plugs in what:
// - the CLI and the desktop's main process use `loadKeytarBackend()` (keytar is an N-API
//   module: one build serves Node and Electron). The renderer never touches it.
// - the VS Code extension tries keytar first and plugs VS Code's SecretStorage in as a
//   fallback backend (an object implementing `KeychainBackend`, `name` saying so).
// Both front ends use the same service name (KEYCHAIN_SERVICE), so a login made in one is
// seen by the other and by the CLI.
//
// keytar is loaded lazily, on first use. When it cannot load or cannot reach a keychain
// (no D-Bus session, no secret service, locked keychain), the error says so and lists the
// alternatives. Nothing ever falls back to a plaintext file.
import { execFile } from 'node:child_process';
import { KeychainUnavailableError, KeychainOperationError } from './errors';

/** The keychain service under which Dockhand stores registry credentials (account = registry key). */
export const KEYCHAIN_SERVICE = 'Dockhand Registry Credentials';

export interface KeychainEntry {
  account: string;
  secret: string;
}

/** A secret store keyed by (service, account). Implemented by keytar here, by VS Code SecretStorage in the extension. */
export interface KeychainBackend {
  /** Shown to users in sources and errors, e.g. "OS keychain (keytar)" or "VS Code SecretStorage". */
  readonly name: string;
  get(service: string, account: string): Promise<string | undefined>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** Returns true when an entry was removed. */
  delete(service: string, account: string): Promise<boolean>;
  /** Every entry of the service (used to list known registries; callers drop the secrets). */
  find(service: string): Promise<KeychainEntry[]>;
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const KEYCHAIN_ALTERNATIVES =
  'Alternatives: start a keyring (on Linux a D-Bus session with gnome-keyring or another secret service, unlocked), ' +
  'or store the credential with docker\'s credential helper (`dockhand login REGISTRY --store docker`, needs "credsStore" or "credHelpers" in ~/.docker/config.json), ' +
  'or keep using credentials from `docker login` / `podman login`. Dockhand never writes passwords to a plaintext file.';

/** Turn a raw keytar/libsecret failure into an error that says what is wrong and what to do. */
export function describeKeychainFailure(op: string, err: unknown, backendName = 'OS keychain (keytar)'): Error {
  const raw = err instanceof Error ? err.message : String(err);
  if (
    /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|address is empty|org\.freedesktop\.DBus|Failed to connect|No such interface|ServiceUnknown|was not provided by any \.service files|Could not connect/i.test(
      raw,
    )
  ) {
    return new KeychainUnavailableError(
      `${backendName} is not available (${op}): no D-Bus session or no secret service is running (${raw.split('\n')[0]}). ${KEYCHAIN_ALTERNATIVES}`,
    );
  }
  if (/locked|prompt|dismissed|unlock/i.test(raw)) {
    return new KeychainOperationError(
      `${backendName} is locked (${op}): unlock your keyring (e.g. log in to the desktop session, or \`gnome-keyring-daemon --unlock\`) and try again (${raw.split('\n')[0]}). ${KEYCHAIN_ALTERNATIVES}`,
    );
  }
  return new KeychainOperationError(`${backendName} failed (${op}): ${raw.split('\n')[0]}. ${KEYCHAIN_ALTERNATIVES}`);
}

let keytarLoad: Promise<KeytarModule> | undefined;

function loadKeytarModule(): Promise<KeytarModule> {
  keytarLoad ??= (async () => {
    try {
      const mod = (await import('keytar')) as unknown as KeytarModule & { default?: KeytarModule };
      const keytar = mod.default ?? mod;
      if (typeof keytar.getPassword !== 'function') throw new Error('keytar has no getPassword export');
      return keytar;
    } catch (err) {
      keytarLoad = undefined;
      throw new KeychainUnavailableError(
        `The OS keychain module (keytar) could not be loaded: ${(err as Error).message.split('\n')[0]}. ` +
          `On Linux it needs libsecret (apt-get install libsecret-1-0). ${KEYCHAIN_ALTERNATIVES}`,
      );
    }
  })();
  return keytarLoad;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string, backendName: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new KeychainOperationError(
            `${backendName} did not answer within ${Math.round(ms / 1000)} s (${what}): the keyring may be locked and waiting for a prompt nobody can see. ${KEYCHAIN_ALTERNATIVES}`,
          ),
        ),
      ms,
    );
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Is the Secret Service's default collection locked? (Linux only; undefined when it cannot
 * be told.) Needed because libsecret through keytar answers "nothing stored" for a locked
 * collection on reads, and findCredentials crashes the process (SIGSEGV) on locked items.
 */
export function secretServiceLocked(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<boolean | undefined> {
  if (process.platform !== 'linux' || !env.DBUS_SESSION_BUS_ADDRESS) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    execFile(
      'dbus-send',
      [
        '--session',
        '--dest=org.freedesktop.secrets',
        '--print-reply',
        '/org/freedesktop/secrets/aliases/default',
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ],
      { env, timeout: timeoutMs },
      (err, stdout) => {
        if (err) return resolve(undefined);
        if (/boolean true/.test(stdout)) return resolve(true);
        if (/boolean false/.test(stdout)) return resolve(false);
        resolve(undefined);
      },
    );
  });
}

function lockedError(op: string, backendName: string): KeychainOperationError {
  return new KeychainOperationError(
    `${backendName} is locked (${op}): unlock your keyring (log in to the desktop session, or run \`gnome-keyring-daemon --unlock\` / your keyring's unlock command) and try again. ${KEYCHAIN_ALTERNATIVES}`,
  );
}

let keytarQueue: Promise<unknown> = Promise.resolve();

/**
 * One keytar call at a time in this process: the Secret Service (gnome-keyring through
 * libsecret) mishandles concurrent creates, deletes and searches ("already registered",
 * "No such secret item"). Each slot is bounded by the call's time-out, so a hung call
 * cannot block the queue for longer than that.
 */
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = keytarQueue.then(fn, fn);
  keytarQueue = run.catch(() => undefined);
  return run;
}

/**
 * The keytar backend. Loading keytar happens on the first call; every call has a time-out
 * (a locked keyring can wait forever for a GUI prompt).
 */
export function loadKeytarBackend(opts: { timeoutMs?: number } = {}): KeychainBackend {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const name = 'OS keychain (keytar)';
  async function call<T>(op: string, fn: (k: KeytarModule) => Promise<T>): Promise<T> {
    const keytar = await loadKeytarModule();
    try {
      return await oneAtATime(() => withTimeout(fn(keytar), timeoutMs, op, name));
    } catch (err) {
      if (err instanceof KeychainOperationError || err instanceof KeychainUnavailableError) throw err;
      throw describeKeychainFailure(op, err, name);
    }
  }
  return {
    name,
    get: (service, account) =>
      call('get', async (k) => {
        const v = await k.getPassword(service, account);
        if (v !== null) return v;
        if (await secretServiceLocked()) throw lockedError('get', name);
        return undefined;
      }),
    set: (service, account, secret) => call('set', (k) => k.setPassword(service, account, secret)),
    delete: (service, account) =>
      call('delete', async (k) => {
        if (await secretServiceLocked()) throw lockedError('delete', name);
        return k.deletePassword(service, account);
      }),
    find: (service) =>
      call('find', async (k) => {
        if (await secretServiceLocked()) throw lockedError('find', name);
        return (await k.findCredentials(service)).map((c) => ({ account: c.account, secret: c.password }));
      }),
  };
}
