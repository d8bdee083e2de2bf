// createCredentialStore: the one credential resolver of Dockhand.
//
// Resolution order for a registry host (first source holding a credential wins; the
// result's `source` says which, never the secret):
//   1. Dockhand's keychain      keytar (or the backend given), service KEYCHAIN_SERVICE, account = host
//   2. DOCKER_AUTH_CONFIG       the environment variable docker reads since v28.3 (env-auth-config.ts)
//   3. credHelpers[host]        ~/.docker/config.json -> docker-credential-<name> get
//   4. credsStore               ~/.docker/config.json -> docker-credential-<name> get
//   5. auths[host]              ~/.docker/config.json (base64 `auth` or username/password, identitytoken, registrytoken)
//   6. containers auth.json     $REGISTRY_AUTH_FILE | $XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json
//                               (its credHelpers[host] first, then its auths)
// The sources are objects in sources.ts, walked in this order by get(), list() and logout().
// Keys are matched as docker matches them (registry-key.ts). Given a repository, the auths
// of 2, 5 and 6 also match podman's namespaced keys ("docker.io/library", "quay.io/org/app"),
// the most specific key of a source winning within that source. A configured source that fails
// (helper missing or crashing, keychain locked, file malformed) throws a CredentialError
// rather than silently going anonymous. Only a keychain that cannot load at all in 'auto'
// mode (no keytar, no D-Bus) is skipped on reads, and list() reports it as a problem.
//
// login() verifies first (the caller's verify), then stores in the keychain (default) or
// through docker's configured helper (credHelpers[host], else credsStore), adding the empty
// auths entry docker adds; it never writes a password into a plaintext file. logout()
// removes the credential from the keychain, the docker helper and config.json auths; a
// containers auth.json entry is reported as remaining (it belongs to podman).
import { CredentialError, CredentialVerificationError, KeychainUnavailableError } from './errors';
import { KEYCHAIN_SERVICE, loadKeytarBackend, type KeychainBackend } from './keychain';
import { readAuthConfigFile, entryHasCredential } from './auth-config-file';
import { dockerConfigPath, authJsonPaths, updateDockerConfig } from './docker-config';
import { helperStore, helperProgram, type HelperContext } from './credential-helper';
import {
  dockerConfigKey,
  findKeyForHost,
  keyMatchesHost,
  normalizeRegistryHost,
  convertToHostname,
  splitCredentialKey,
  splitLookupTarget,
} from './registry-key';
import { redact } from './redact';
import { createSessionKeychain } from './session-keychain';
import { encodeKeychainValue, remember } from './keychain-value';
import { credentialSources, keychainSource, type Listing, type SourceContext } from './sources';
import type {
  Credential,
  CredentialListing,
  CredentialSource,
  CredentialStore,
  CredentialStoreOptions,
  CredentialStoreProblem,
  KnownRegistry,
  LoginOptions,
  LoginResult,
  LogoutResult,
  ResolvedCredential,
  StorageOptions,
} from './types';

export { encodeKeychainValue, decodeKeychainValue } from './keychain-value';

export function createCredentialStore(options: CredentialStoreOptions = {}): CredentialStore {
  const env = options.env ?? process.env;
  const configPath = dockerConfigPath(env, options.dockerConfigDir);
  const authPaths = authJsonPaths(env, options.authJsonPath);
  const helperTimeoutMs = options.helperTimeoutMs ?? 15_000;
  const keychainOpt = options.keychain ?? 'auto';
  let keytar: KeychainBackend | undefined;
  const session = createSessionKeychain();

  function keychain(): KeychainBackend | undefined {
    if (keychainOpt === 'none') return undefined;
    if (keychainOpt === 'auto') return (keytar ??= loadKeytarBackend({ timeoutMs: helperTimeoutMs }));
    return keychainOpt;
  }

  /** Run a keychain operation; in 'auto' mode an unavailable keychain counts as empty for reads. */
  async function keychainRead<T>(fn: (b: KeychainBackend) => Promise<T>, problems?: CredentialStoreProblem[]): Promise<T | undefined> {
    const b = keychain();
    if (!b) return undefined;
    try {
      return await fn(b);
    } catch (err) {
      if (keychainOpt === 'auto' && err instanceof KeychainUnavailableError) {
        problems?.push({ source: 'keychain', message: err.message });
        return undefined;
      }
      throw err;
    }
  }

  function helperCtx(configuredBy: string): HelperContext {
    return { env, timeoutMs: helperTimeoutMs, configuredBy };
  }

  const ctx: SourceContext = { env, configPath, authPaths, helperCtx, keychain, keychainRead, session };
  const sources = credentialSources(ctx);

  async function get(hostInput: string, repositoryInput?: string): Promise<ResolvedCredential | undefined> {
    const { host, repository } = splitLookupTarget(hostInput, repositoryInput);
    for (const source of sources) {
      const found = await source.get(host, repository);
      if (found) return found;
    }
    return undefined;
  }

  async function list(): Promise<CredentialListing> {
    const registries: KnownRegistry[] = [];
    const problems: CredentialStoreProblem[] = [];
    const out: Listing = {
      problems,
      add(key, source, username) {
        const split = splitCredentialKey(key);
        const host = split?.host ?? convertToHostname(key);
        registries.push({ host, ...(split?.namespace ? { namespace: split.namespace } : {}), key, source, ...(username ? { username } : {}) });
      },
    };
    for (const source of sources) await source.list(out);
    return { registries, problems };
  }

  async function login(hostInput: string, credential: Credential, opts: LoginOptions): Promise<LoginResult> {
    const host = normalizeRegistryHost(hostInput);
    const storeIn = opts.storeIn ?? 'keychain';
    if (!(credential.password || credential.identityToken || credential.registryToken)) {
      throw new CredentialError(`No password or token given for ${host}.`);
    }
    if (credential.password && !credential.username) throw new CredentialError(`A username is needed with the password for ${host}.`);
    remember(credential);
    const secrets = [credential.password, credential.identityToken, credential.registryToken];

    // Check the destination before asking the registry, so a doomed login fails fast.
    let helper: { name: string; key: string; by: string; kind: 'credHelper' | 'credsStore' } | undefined;
    let backend: KeychainBackend | undefined;
    if (storeIn === 'docker') {
      const config = await readAuthConfigFile(configPath); // malformed -> positioned error, nothing changed
      const hk = findKeyForHost(Object.keys(config.credHelpers), host);
      if (hk) helper = { name: config.credHelpers[hk], key: hk, by: `credHelpers["${hk}"] in ${configPath}`, kind: 'credHelper' };
      else if (config.credsStore) helper = { name: config.credsStore, key: dockerConfigKey(host), by: `credsStore in ${configPath}`, kind: 'credsStore' };
      else {
        throw new CredentialError(
          `${configPath} names no credential helper ("credsStore" or "credHelpers"), and Dockhand does not write passwords into config.json in plaintext. ` +
            'Add e.g. "credsStore": "secretservice" (or "pass") to it, or store in the keychain (--store keychain).',
        );
      }
    } else if (storeIn === 'docker-plaintext') {
      await readAuthConfigFile(configPath); // malformed -> positioned error, nothing changed
    } else if (storeIn === 'session') {
      backend = session;
    } else {
      backend = keychain();
      if (!backend)
        throw new KeychainUnavailableError(
          "The keychain is disabled in this configuration; store through docker's credential helper instead (--store docker).",
        );
    }

    try {
      await opts.verify(credential);
    } catch (err) {
      const why = redact(err instanceof Error ? err.message : String(err), secrets).replace(/[.\s]+$/, '');
      throw new CredentialVerificationError(
        `${host} did not accept the credential${credential.username ? ` for user "${credential.username}"` : ''}: ${why}. Nothing was stored.`,
      );
    }

    if (helper) {
      await helperStore(helper.name, helper.key, credential, helperCtx(helper.by));
      // docker keeps an empty auths entry for hosts whose secret lives in a helper; drop any plaintext one.
      const key = helper.key;
      await updateDockerConfig(configPath, (json) => {
        const auths = (json.auths && typeof json.auths === 'object' ? json.auths : (json.auths = {})) as Record<string, Record<string, unknown>>;
        let changed = false;
        for (const k of Object.keys(auths)) {
          if (k !== key && keyMatchesHost(k, host) && auths[k] && entryHasCredential(auths[k])) {
            delete auths[k];
            changed = true;
          }
        }
        const cur = auths[key];
        if (!cur || entryHasCredential(cur)) {
          auths[key] = cur?.email ? { email: cur.email } : {};
          changed = true;
        }
        return changed;
      });
      return { host, source: { kind: helper.kind, detail: `${helperProgram(helper.name)} "${helper.key}" (${helper.by})` } };
    }
    if (storeIn === 'docker-plaintext') {
      if (!credential.username || !credential.password)
        throw new CredentialError(`docker's config.json keeps a username and password; ${host} got a token only. Keep it in the keychain or for this session.`);
      const key = dockerConfigKey(host);
      const auth = Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
      await updateDockerConfig(configPath, (json) => {
        const auths = (json.auths && typeof json.auths === 'object' ? json.auths : (json.auths = {})) as Record<string, Record<string, unknown>>;
        auths[key] = { ...(auths[key]?.email ? { email: auths[key]!.email } : {}), auth };
        return true;
      });
      return { host, source: { kind: 'auths', detail: `${configPath} auths["${key}"] (plaintext, base64)` } };
    }
    const b = backend as KeychainBackend;
    await b.set(KEYCHAIN_SERVICE, host, encodeKeychainValue(credential));
    return { host, source: b === session ? { kind: 'session', detail: session.name } : keychainSource(b, host) };
  }

  async function storageOptions(hostInput: string): Promise<StorageOptions> {
    const host = normalizeRegistryHost(hostInput);
    const b = keychain();
    let kc: StorageOptions['keychain'];
    if (!b) kc = { available: false, name: 'OS keychain', problem: 'The keychain is turned off in this configuration.' };
    else {
      try {
        await b.find(KEYCHAIN_SERVICE);
        kc = { available: true, name: b.name };
      } catch (err) {
        kc = { available: false, name: b.name, problem: redact((err as Error).message) };
      }
    }
    let dockerHelper: string | undefined;
    try {
      const config = await readAuthConfigFile(configPath);
      const hk = findKeyForHost(Object.keys(config.credHelpers), host);
      const name = hk ? config.credHelpers[hk] : config.credsStore;
      if (name) dockerHelper = helperProgram(name);
    } catch {
      dockerHelper = undefined;
    }
    return { keychain: kc, ...(dockerHelper ? { dockerHelper } : {}), dockerConfig: configPath };
  }

  async function logout(hostInput: string): Promise<LogoutResult> {
    const host = normalizeRegistryHost(hostInput);
    // Validate config.json first: a malformed file stops the logout before anything changes.
    await readAuthConfigFile(configPath);
    // Look everywhere first (a locked keychain or a broken helper stops here, with nothing changed)...
    const steps = [];
    for (const source of sources) steps.push(await source.prepareLogout(host));
    // ...then remove.
    const removed: CredentialSource[] = [];
    for (const step of steps) removed.push(...(await step.remove()));
    return { host, removed, remaining: steps.flatMap((s) => s.remaining) };
  }

  return { get, list, login, logout, storageOptions };
}
