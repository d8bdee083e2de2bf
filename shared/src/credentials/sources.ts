// The credential sources, in the order they are asked (like go-containerregistry's authn
// multi-keychain): each one can look a host up, list what it holds, and plan a logout.
//   session -> Dockhand's keychain -> DOCKER_AUTH_CONFIG -> docker's config.json (credHelpers,
//   credsStore, auths) -> containers auth.json files
// store.ts walks this list for get(), list() and logout().
import { KEYCHAIN_SERVICE, type KeychainBackend } from './keychain';
import { readAuthConfigFile, decodeAuthEntry, entryHasCredential, type AuthConfigFile, type AuthEntry } from './auth-config-file';
import { updateDockerConfig } from './docker-config';
import { helperGet, helperErase, helperList, helperProgram, type HelperContext } from './credential-helper';
import { dockerConfigKey, findKeyForHost, findKeyForRepository, keyMatchesHost } from './registry-key';
import { readEnvAuthConfig, DOCKER_AUTH_CONFIG } from './env-auth-config';
import { redact, rememberSecret } from './redact';
import { decodeKeychainValue, hasSecret, remember } from './keychain-value';
import type { CredentialSource, CredentialStoreProblem, ResolvedCredential } from './types';

/** What the sources share: where the files are, how to run helpers, the keychains. */
export interface SourceContext {
  env: NodeJS.ProcessEnv;
  configPath: string;
  authPaths: string[];
  helperCtx(configuredBy: string): HelperContext;
  /** Dockhand's keychain; undefined when turned off. */
  keychain(): KeychainBackend | undefined;
  /** Run a keychain operation; in 'auto' mode an unavailable keychain counts as empty (and is reported to `problems`). */
  keychainRead<T>(fn: (b: KeychainBackend) => Promise<T>, problems?: CredentialStoreProblem[]): Promise<T | undefined>;
  session: KeychainBackend;
}

/** Where list() collects. */
export interface Listing {
  add(key: string, source: CredentialSource, username?: string): void;
  problems: CredentialStoreProblem[];
}

/** A logout planned by one source (looked up first, so that a failing source stops it before anything is removed). */
export interface LogoutStep {
  remove(): Promise<CredentialSource[]>;
  /** Entries the logout leaves (not Dockhand's or docker's to remove). */
  remaining: CredentialSource[];
}

export interface CredentialSourceReader {
  get(host: string, repository: string | undefined): Promise<ResolvedCredential | undefined>;
  list(out: Listing): Promise<void>;
  prepareLogout(host: string): Promise<LogoutStep>;
}

const nothing = async (): Promise<CredentialSource[]> => [];

export function keychainSource(b: KeychainBackend, host: string): CredentialSource {
  return { kind: 'keychain', detail: `${b.name}, service "${KEYCHAIN_SERVICE}", account "${host}"` };
}

/** The key of `auths` (entries with a credential only) for this host and repository: the most specific wins. */
function authsKey(auths: Record<string, AuthEntry>, host: string, repository: string | undefined): string | undefined {
  return findKeyForRepository(
    Object.keys(auths).filter((k) => entryHasCredential(auths[k])),
    host,
    repository,
  );
}

/** The server URLs to ask a helper for: docker's key first, then older spellings found in auths. */
export function helperKeys(config: AuthConfigFile, host: string): string[] {
  const keys = [dockerConfigKey(host)];
  for (const k of Object.keys(config.auths)) if (!keys.includes(k) && keyMatchesHost(k, host)) keys.push(k);
  return keys;
}

/** Each `auths` entry with a credential, listed with its username (an undecodable entry is listed without one, and reported). */
function listAuths(out: Listing, file: AuthConfigFile, path: string, kind: 'auths' | 'authJson'): void {
  for (const [key, entry] of Object.entries(file.auths)) {
    if (!entryHasCredential(entry)) continue;
    let username: string | undefined;
    try {
      const cred = decodeAuthEntry(entry, { path, key });
      remember(cred); // listed without the secret, but redacted wherever it shows up later
      username = cred.username;
    } catch (err) {
      out.problems.push({ source: kind, message: redact((err as Error).message) });
    }
    out.add(key, { kind, detail: `${path} auths["${key}"]` }, username);
  }
}

/** 0. This session's logins (memory). */
function sessionSource(ctx: SourceContext): CredentialSourceReader {
  const { session } = ctx;
  return {
    async get(host) {
      const text = await session.get(KEYCHAIN_SERVICE, host);
      if (text === undefined) return undefined;
      const cred = decodeKeychainValue(text, `The session entry for ${host}`);
      return hasSecret(cred) ? { ...cred, source: { kind: 'session', detail: session.name } } : undefined;
    },
    async list(out) {
      for (const e of await session.find(KEYCHAIN_SERVICE)) {
        out.add(e.account, { kind: 'session', detail: session.name }, decodeKeychainValue(e.secret, 'A session entry').username);
      }
    },
    async prepareLogout(host) {
      return { remaining: [], remove: async () => ((await session.delete(KEYCHAIN_SERVICE, host)) ? [{ kind: 'session', detail: session.name }] : []) };
    },
  };
}

/** 1. Dockhand's keychain. */
function keychainSourceReader(ctx: SourceContext): CredentialSourceReader {
  return {
    get(host) {
      return ctx.keychainRead(async (b) => {
        const text = await b.get(KEYCHAIN_SERVICE, host);
        if (text === undefined) return undefined;
        const cred = decodeKeychainValue(text, `The ${b.name} entry for ${host}`);
        remember(cred);
        return hasSecret(cred) ? { ...cred, source: keychainSource(b, host) } : undefined;
      });
    },
    async list(out) {
      try {
        await ctx.keychainRead(async (b) => {
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
            out.add(e.account, keychainSource(b, e.account), username);
          }
        }, out.problems);
      } catch (err) {
        out.problems.push({ source: 'keychain', message: redact((err as Error).message) });
      }
    },
    async prepareLogout(host) {
      const b = ctx.keychain();
      const inKeychain = (await ctx.keychainRead(async (kb) => (await kb.get(KEYCHAIN_SERVICE, host)) !== undefined)) ?? false;
      return { remaining: [], remove: async () => (inKeychain && b && (await b.delete(KEYCHAIN_SERVICE, host)) ? [keychainSource(b, host)] : []) };
    },
  };
}

/** 2. DOCKER_AUTH_CONFIG (a malformed one is ignored, as docker does; list() reports it). Read only. */
function envSource(ctx: SourceContext): CredentialSourceReader {
  return {
    async get(host, repository) {
      const fromEnv = readEnvAuthConfig(ctx.env).auths;
      const envKey = findKeyForRepository(Object.keys(fromEnv), host, repository);
      if (!envKey) return undefined;
      const cred = fromEnv[envKey];
      remember(cred);
      return hasSecret(cred) ? { ...cred, source: { kind: 'dockerAuthConfig', detail: `${DOCKER_AUTH_CONFIG} auths["${envKey}"]` } } : undefined;
    },
    async list(out) {
      const envConfig = readEnvAuthConfig(ctx.env);
      if (envConfig.problem) out.problems.push({ source: 'dockerAuthConfig', message: envConfig.problem });
      for (const [key, cred] of Object.entries(envConfig.auths))
        out.add(key, { kind: 'dockerAuthConfig', detail: `${DOCKER_AUTH_CONFIG} auths["${key}"]` }, cred.username);
    },
    async prepareLogout(host) {
      const remaining: CredentialSource[] = [];
      for (const k of Object.keys(readEnvAuthConfig(ctx.env).auths)) {
        if (keyMatchesHost(k, host))
          remaining.push({ kind: 'dockerAuthConfig', detail: `${DOCKER_AUTH_CONFIG} auths["${k}"] (unset ${DOCKER_AUTH_CONFIG} or remove the entry from it)` });
      }
      return { remaining, remove: nothing };
    },
  };
}

/** 3-5. docker's config.json: credHelpers[host], then credsStore, then auths. */
function dockerConfigSource(ctx: SourceContext): CredentialSourceReader {
  const { configPath } = ctx;
  return {
    async get(host, repository) {
      const config = await readAuthConfigFile(configPath);
      const helperKey = findKeyForHost(Object.keys(config.credHelpers), host);
      if (helperKey) {
        const name = config.credHelpers[helperKey];
        const by = `credHelpers["${helperKey}"] in ${configPath}`;
        const cred = await helperGet(name, helperKey, ctx.helperCtx(by));
        if (hasSecret(cred)) return { ...cred, source: { kind: 'credHelper', detail: `${helperProgram(name)} (${by})` } };
      }
      if (config.credsStore) {
        const by = `credsStore in ${configPath}`;
        for (const key of helperKeys(config, host)) {
          const cred = await helperGet(config.credsStore, key, ctx.helperCtx(by));
          if (hasSecret(cred)) return { ...cred, source: { kind: 'credsStore', detail: `${helperProgram(config.credsStore)} "${key}" (${by})` } };
        }
      }
      const authKey = authsKey(config.auths, host, repository);
      if (!authKey) return undefined;
      const cred = decodeAuthEntry(config.auths[authKey], { path: configPath, key: authKey });
      remember(cred);
      return hasSecret(cred) ? { ...cred, source: { kind: 'auths', detail: `${configPath} auths["${authKey}"]` } } : undefined;
    },
    async list(out) {
      let config: AuthConfigFile;
      try {
        config = await readAuthConfigFile(configPath);
      } catch (err) {
        out.problems.push({ source: 'auths', message: redact((err as Error).message) });
        return;
      }
      for (const [key, name] of Object.entries(config.credHelpers)) {
        out.add(key, { kind: 'credHelper', detail: `${helperProgram(name)} (credHelpers["${key}"] in ${configPath})` });
      }
      if (config.credsStore) {
        const by = `credsStore in ${configPath}`;
        try {
          for (const [key, username] of Object.entries(await helperList(config.credsStore, ctx.helperCtx(by)))) {
            out.add(key, { kind: 'credsStore', detail: `${helperProgram(config.credsStore)} "${key}" (${by})` }, username || undefined);
          }
        } catch (err) {
          out.problems.push({ source: 'credsStore', message: redact((err as Error).message) });
        }
      }
      listAuths(out, config, configPath, 'auths');
    },
    async prepareLogout(host) {
      const config = await readAuthConfigFile(configPath);
      const hk = findKeyForHost(Object.keys(config.credHelpers), host);
      const helper = hk
        ? { name: config.credHelpers[hk], keys: [hk], by: `credHelpers["${hk}"] in ${configPath}`, kind: 'credHelper' as const }
        : config.credsStore
          ? { name: config.credsStore, keys: helperKeys(config, host), by: `credsStore in ${configPath}`, kind: 'credsStore' as const }
          : undefined;
      const helperHas: string[] = [];
      if (helper) for (const key of helper.keys) if (await helperGet(helper.name, key, ctx.helperCtx(helper.by))) helperHas.push(key);
      const authKeys = Object.keys(config.auths).filter((k) => keyMatchesHost(k, host) || k === dockerConfigKey(host));
      const remove = async (): Promise<CredentialSource[]> => {
        const removed: CredentialSource[] = [];
        if (helper) {
          for (const key of helperHas) {
            if (await helperErase(helper.name, key, ctx.helperCtx(helper.by)))
              removed.push({ kind: helper.kind, detail: `${helperProgram(helper.name)} "${key}" (${helper.by})` });
          }
        }
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
        return removed;
      };
      return { remaining: [], remove };
    },
  };
}

/** 6. containers auth.json ($REGISTRY_AUTH_FILE, $XDG_RUNTIME_DIR/containers/auth.json, ~/.config/containers/auth.json): its credHelpers[host] first, then its auths. Podman's: logout reports its entries as remaining. */
function authJsonSource(ctx: SourceContext): CredentialSourceReader {
  return {
    async get(host, repository) {
      for (const p of ctx.authPaths) {
        const file = await readAuthConfigFile(p);
        const ajHelperKey = findKeyForHost(Object.keys(file.credHelpers), host);
        if (ajHelperKey) {
          const name = file.credHelpers[ajHelperKey];
          const by = `credHelpers["${ajHelperKey}"] in ${file.path}`;
          const cred = await helperGet(name, ajHelperKey, ctx.helperCtx(by));
          if (hasSecret(cred)) return { ...cred, source: { kind: 'authJson', detail: `${helperProgram(name)} (${by})` } };
        }
        const key = authsKey(file.auths, host, repository);
        if (!key) continue;
        const cred = decodeAuthEntry(file.auths[key], { path: file.path, key });
        remember(cred);
        if (hasSecret(cred)) return { ...cred, source: { kind: 'authJson', detail: `${file.path} auths["${key}"]` } };
      }
      return undefined;
    },
    async list(out) {
      for (const p of ctx.authPaths) {
        try {
          const file = await readAuthConfigFile(p);
          for (const [key, name] of Object.entries(file.credHelpers)) {
            out.add(key, { kind: 'authJson', detail: `${helperProgram(name)} (credHelpers["${key}"] in ${p})` });
          }
          listAuths(out, file, p, 'authJson');
        } catch (err) {
          out.problems.push({ source: 'authJson', message: redact((err as Error).message) });
        }
      }
    },
    async prepareLogout(host) {
      const remaining: CredentialSource[] = [];
      for (const p of ctx.authPaths) {
        try {
          const file = await readAuthConfigFile(p);
          for (const k of Object.keys(file.auths)) {
            if (keyMatchesHost(k, host) && entryHasCredential(file.auths[k]))
              remaining.push({ kind: 'authJson', detail: `${p} auths["${k}"] (remove with \`podman logout ${host}\`)` });
          }
        } catch {
          // A malformed auth.json is not ours to fix here; get() reports it.
        }
      }
      return { remaining, remove: nothing };
    },
  };
}

/** The sources in the order they are asked. */
export function credentialSources(ctx: SourceContext): CredentialSourceReader[] {
  return [sessionSource(ctx), keychainSourceReader(ctx), envSource(ctx), dockerConfigSource(ctx), authJsonSource(ctx)];
}
