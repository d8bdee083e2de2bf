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
import { readAuthConfigFile, decodeAuthEntry, entryHasCredential, type AuthConfigFile, type AuthEntry } from './auth-config-file';
import { dockerConfigPath, authJsonPaths, updateDockerConfig } from './docker-config';
import { helperGet, helperStore, helperErase, helperList, helperProgram, type HelperContext } from './credential-helper';
import { dockerConfigKey, findKeyForHost, findKeyForRepository, keyMatchesHost, normalizeRegistryHost, convertToHostname, splitCredentialKey, splitLookupTarget } from './registry-key';
import { readEnvAuthConfig, DOCKER_AUTH_CONFIG } from './env-auth-config';
import { redact, rememberSecret } from './redact';
import { createSessionKeychain } from './session-keychain';
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

/** What a keychain entry holds: the credential's fields, versioned. */
interface KeychainValue extends Credential {
  v: 1;
}

function hasSecret(c: Credential | undefined): c is Credential {
  return !!c && !!(c.password || c.identityToken || c.registryToken);
}

function remember(c: Credential): void {
  rememberSecret(c.password, c.username);
  rememberSecret(c.identityToken);
  rememberSecret(c.registryToken);
}

export function encodeKeychainValue(c: Credential): string {
  const v: KeychainValue = { v: 1 };
  if (c.username) v.username = c.username;
  if (c.password) v.password = c.password;
  if (c.identityToken) v.identityToken = c.identityToken;
  if (c.registryToken) v.registryToken = c.registryToken;
  return JSON.stringify(v);
}

export function decodeKeychainValue(text: string, where: string): Credential {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    throw new CredentialError(`${where} is not a Dockhand credential (not JSON). Run \`dockhand logout\` and log in again.`);
  }
  const r = (o ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' && r[k] ? (r[k] as string) : undefined);
  const c: Credential = {};
  if (str('username')) c.username = str('username');
  if (str('password')) c.password = str('password');
  if (str('identityToken')) c.identityToken = str('identityToken');
  if (str('registryToken')) c.registryToken = str('registryToken');
  return c;
}

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

  function keychainSource(b: KeychainBackend, host: string): CredentialSource {
    return { kind: 'keychain', detail: `${b.name}, service "${KEYCHAIN_SERVICE}", account "${host}"` };
  }

  /** The server URLs to ask a helper for: docker's key first, then older spellings found in auths. */
  function helperKeys(config: AuthConfigFile, host: string): string[] {
    const keys = [dockerConfigKey(host)];
    for (const k of Object.keys(config.auths)) if (!keys.includes(k) && keyMatchesHost(k, host)) keys.push(k);
    return keys;
  }

  async function readAuthJsons(): Promise<AuthConfigFile[]> {
    const out: AuthConfigFile[] = [];
    for (const p of authPaths) out.push(await readAuthConfigFile(p));
    return out;
  }

  async function get(hostInput: string, repositoryInput?: string): Promise<ResolvedCredential | undefined> {
    const { host, repository } = splitLookupTarget(hostInput, repositoryInput);
    /** The key of `auths` (entries with a credential only) for this host and repository: the most specific wins. */
    const authsKey = (auths: Record<string, AuthEntry>) => findKeyForRepository(Object.keys(auths).filter((k) => entryHasCredential(auths[k])), host, repository);
    // 0. this session's logins (memory)
    const inSession = await session.get(KEYCHAIN_SERVICE, host);
    if (inSession !== undefined) {
      const cred = decodeKeychainValue(inSession, `The session entry for ${host}`);
      if (hasSecret(cred)) return { ...cred, source: { kind: 'session', detail: session.name } };
    }
    // 1. Dockhand's keychain
    const fromKeychain = await keychainRead(async (b) => {
      const text = await b.get(KEYCHAIN_SERVICE, host);
      if (text === undefined) return undefined;
      const cred = decodeKeychainValue(text, `The ${b.name} entry for ${host}`);
      remember(cred);
      return hasSecret(cred) ? { ...cred, source: keychainSource(b, host) } : undefined;
    });
    if (fromKeychain) return fromKeychain;
    // 2. DOCKER_AUTH_CONFIG (a malformed one is ignored, as docker does; list() reports it)
    const fromEnv = readEnvAuthConfig(env).auths;
    const envKey = findKeyForRepository(Object.keys(fromEnv), host, repository);
    if (envKey) {
      const cred = fromEnv[envKey];
      remember(cred);
      if (hasSecret(cred)) return { ...cred, source: { kind: 'dockerAuthConfig', detail: `${DOCKER_AUTH_CONFIG} auths["${envKey}"]` } };
    }

    const config = await readAuthConfigFile(configPath);
    // 3. credHelpers
    const helperKey = findKeyForHost(Object.keys(config.credHelpers), host);
    if (helperKey) {
      const name = config.credHelpers[helperKey];
      const by = `credHelpers["${helperKey}"] in ${configPath}`;
      const cred = await helperGet(name, helperKey, helperCtx(by));
      if (hasSecret(cred)) return { ...cred, source: { kind: 'credHelper', detail: `${helperProgram(name)} (${by})` } };
    }
    // 4. credsStore
    if (config.credsStore) {
      const by = `credsStore in ${configPath}`;
      for (const key of helperKeys(config, host)) {
        const cred = await helperGet(config.credsStore, key, helperCtx(by));
        if (hasSecret(cred)) return { ...cred, source: { kind: 'credsStore', detail: `${helperProgram(config.credsStore)} "${key}" (${by})` } };
      }
    }
    // 5. auths
    const authKey = authsKey(config.auths);
    if (authKey) {
      const cred = decodeAuthEntry(config.auths[authKey], { path: configPath, key: authKey });
      remember(cred);
      if (hasSecret(cred)) return { ...cred, source: { kind: 'auths', detail: `${configPath} auths["${authKey}"]` } };
    }
    // 6. containers auth.json
    for (const file of await readAuthJsons()) {
      const ajHelperKey = findKeyForHost(Object.keys(file.credHelpers), host);
      if (ajHelperKey) {
        const name = file.credHelpers[ajHelperKey];
        const by = `credHelpers["${ajHelperKey}"] in ${file.path}`;
        const cred = await helperGet(name, ajHelperKey, helperCtx(by));
        if (hasSecret(cred)) return { ...cred, source: { kind: 'authJson', detail: `${helperProgram(name)} (${by})` } };
      }
      const key = authsKey(file.auths);
      if (!key) continue;
      const cred = decodeAuthEntry(file.auths[key], { path: file.path, key });
      remember(cred);
      if (hasSecret(cred)) return { ...cred, source: { kind: 'authJson', detail: `${file.path} auths["${key}"]` } };
    }
    return undefined;
  }

  async function list(): Promise<CredentialListing> {
    const registries: KnownRegistry[] = [];
    const problems: CredentialStoreProblem[] = [];
    const add = (key: string, source: CredentialSource, username?: string) => {
      const split = splitCredentialKey(key);
      const host = split?.host ?? convertToHostname(key);
      registries.push({ host, ...(split?.namespace ? { namespace: split.namespace } : {}), key, source, ...(username ? { username } : {}) });
    };
    /** Each `auths` entry with a credential, listed with its username (an undecodable entry is listed without one, and reported). */
    const addAuths = (file: AuthConfigFile, path: string, kind: 'auths' | 'authJson') => {
      for (const [key, entry] of Object.entries(file.auths)) {
        if (!entryHasCredential(entry)) continue;
        let username: string | undefined;
        try {
          const cred = decodeAuthEntry(entry, { path, key });
          remember(cred); // listed without the secret, but redacted wherever it shows up later
          username = cred.username;
        } catch (err) {
          problems.push({ source: kind, message: redact((err as Error).message) });
        }
        add(key, { kind, detail: `${path} auths["${key}"]` }, username);
      }
    };
    for (const e of await session.find(KEYCHAIN_SERVICE)) {
      add(e.account, { kind: 'session', detail: session.name }, decodeKeychainValue(e.secret, 'A session entry').username);
    }
    try {
      await keychainRead(async (b) => {
        for (const e of await b.find(KEYCHAIN_SERVICE)) {
          let username: string | undefined;
          try {
            const cred = decodeKeychainValue(e.secret, `The ${b.name} entry for ${e.account}`);
            remember(cred);
            username = cred.username;
          } catch {
            rememberSecret(e.secret); // not a Dockhand entry, but a secret all the same
            username = undefined;
          }
          add(e.account, keychainSource(b, e.account), username);
        }
      }, problems);
    } catch (err) {
      problems.push({ source: 'keychain', message: redact((err as Error).message) });
    }
    const envConfig = readEnvAuthConfig(env);
    if (envConfig.problem) problems.push({ source: 'dockerAuthConfig', message: envConfig.problem });
    for (const [key, cred] of Object.entries(envConfig.auths)) add(key, { kind: 'dockerAuthConfig', detail: `${DOCKER_AUTH_CONFIG} auths["${key}"]` }, cred.username);
    let config: AuthConfigFile | undefined;
    try {
      config = await readAuthConfigFile(configPath);
    } catch (err) {
      problems.push({ source: 'auths', message: redact((err as Error).message) });
    }
    if (config) {
      for (const [key, name] of Object.entries(config.credHelpers)) {
        add(key, { kind: 'credHelper', detail: `${helperProgram(name)} (credHelpers["${key}"] in ${configPath})` });
      }
      if (config.credsStore) {
        const by = `credsStore in ${configPath}`;
        try {
          for (const [key, username] of Object.entries(await helperList(config.credsStore, helperCtx(by)))) {
            add(key, { kind: 'credsStore', detail: `${helperProgram(config.credsStore)} "${key}" (${by})` }, username || undefined);
          }
        } catch (err) {
          problems.push({ source: 'credsStore', message: redact((err as Error).message) });
        }
      }
      addAuths(config, configPath, 'auths');
    }
    for (const p of authPaths) {
      try {
        const file = await readAuthConfigFile(p);
        for (const [key, name] of Object.entries(file.credHelpers)) {
          add(key, { kind: 'authJson', detail: `${helperProgram(name)} (credHelpers["${key}"] in ${p})` });
        }
        addAuths(file, p, 'authJson');
      } catch (err) {
        problems.push({ source: 'authJson', message: redact((err as Error).message) });
      }
    }
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
      if (!backend) throw new KeychainUnavailableError('The keychain is disabled in this configuration; store through docker\'s credential helper instead (--store docker).');
    }

    try {
      await opts.verify(credential);
    } catch (err) {
      const why = redact(err instanceof Error ? err.message : String(err), secrets).replace(/[.\s]+$/, '');
      throw new CredentialVerificationError(`${host} did not accept the credential${credential.username ? ` for user "${credential.username}"` : ''}: ${why}. Nothing was stored.`);
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
      if (!credential.username || !credential.password) throw new CredentialError(`docker's config.json keeps a username and password; ${host} got a token only. Keep it in the keychain or for this session.`);
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
    const removed: CredentialSource[] = [];
    const remaining: CredentialSource[] = [];
    // Validate config.json first: a malformed file stops the logout before anything changes.
    const config = await readAuthConfigFile(configPath);

    // Look everywhere first (a locked keychain or a broken helper stops here, with nothing changed)...
    const b = keychain();
    const inKeychain = (await keychainRead(async (kb) => (await kb.get(KEYCHAIN_SERVICE, host)) !== undefined)) ?? false;
    const hk = findKeyForHost(Object.keys(config.credHelpers), host);
    const helper = hk
      ? { name: config.credHelpers[hk], keys: [hk], by: `credHelpers["${hk}"] in ${configPath}`, kind: 'credHelper' as const }
      : config.credsStore
        ? { name: config.credsStore, keys: helperKeys(config, host), by: `credsStore in ${configPath}`, kind: 'credsStore' as const }
        : undefined;
    const helperHas: string[] = [];
    if (helper) for (const key of helper.keys) if (await helperGet(helper.name, key, helperCtx(helper.by))) helperHas.push(key);

    // ...then remove.
    if (await session.delete(KEYCHAIN_SERVICE, host)) removed.push({ kind: 'session', detail: session.name });
    if (inKeychain && b && (await b.delete(KEYCHAIN_SERVICE, host))) removed.push(keychainSource(b, host));
    if (helper) {
      for (const key of helperHas) {
        if (await helperErase(helper.name, key, helperCtx(helper.by))) removed.push({ kind: helper.kind, detail: `${helperProgram(helper.name)} "${key}" (${helper.by})` });
      }
    }

    const authKeys = Object.keys(config.auths).filter((k) => keyMatchesHost(k, host) || k === dockerConfigKey(host));
    if (authKeys.length) {
      await updateDockerConfig(configPath, (json) => {
        const auths = json.auths as Record<string, Record<string, unknown>> | undefined;
        if (!auths) return false;
        let changed = false;
        for (const k of authKeys) {
          if (k in auths) {
            if (entryHasCredential(auths[k] ?? {})) removed.push({ kind: 'auths', detail: `${configPath} auths["${k}"]` });
            delete auths[k];
            changed = true;
          }
        }
        return changed;
      });
    }

    for (const k of Object.keys(readEnvAuthConfig(env).auths)) {
      if (keyMatchesHost(k, host)) remaining.push({ kind: 'dockerAuthConfig', detail: `${DOCKER_AUTH_CONFIG} auths["${k}"] (unset ${DOCKER_AUTH_CONFIG} or remove the entry from it)` });
    }
    for (const p of authPaths) {
      try {
        const file = await readAuthConfigFile(p);
        for (const k of Object.keys(file.auths)) {
          if (keyMatchesHost(k, host) && entryHasCredential(file.auths[k])) remaining.push({ kind: 'authJson', detail: `${p} auths["${k}"] (remove with \`podman logout ${host}\`)` });
        }
      } catch {
        // A malformed auth.json is not ours to fix here; get() reports it.
      }
    }
    return { host, removed, remaining };
  }

  return { get, list, login, logout, storageOptions };
}
