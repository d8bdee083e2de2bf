// Flags and client construction shared by the registry commands (ls, tags, inspect,
// manifest, digest, tag, cp, rm): TLS (--insecure, --ca, --certs-dir) and credentials
// (--username + --password-stdin, DOCKHAND_USERNAME/DOCKHAND_PASSWORD, else the user's
// credential store: keychain, docker config, helpers, auth.json).
import { createCredentialStore } from '../../credentials/store';
import { rememberSecret } from '../../credentials/redact';
import type { CredentialProvider, CredentialStore, ResolvedCredential } from '../../credentials/types';
import type { RegistryClient } from '../../registry/client';
import { RegistryClientPool } from '../../registry/pool';
import { UsageError, type CliContext, type ParsedArgs } from '../command';

export const registryOptionFlags = {
  insecure: { type: 'boolean' },
  ca: { type: 'string' },
  'certs-dir': { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

export const REGISTRY_FLAGS_USAGE = '[--insecure] [--ca FILE] [--certs-dir DIR] [--username U --password-stdin]';

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The credential provider the flags ask for. */
export async function credentialsFrom(args: ParsedArgs, ctx: CliContext): Promise<CredentialProvider> {
  const username = typeof args.values.username === 'string' ? args.values.username : undefined;
  if (args.values['password-stdin'] && !username) throw new UsageError('--password-stdin needs --username');
  if (username !== undefined) {
    if (!args.values['password-stdin']) throw new UsageError('--username needs --password-stdin (the password is never taken from an argument)');
    const password = await readStdin(ctx.stdin);
    rememberSecret(password, username);
    const cred: ResolvedCredential = { username, password, source: { kind: 'explicit', detail: '--username/--password-stdin' } };
    return { get: async () => cred };
  }
  if (ctx.env.DOCKHAND_USERNAME && ctx.env.DOCKHAND_PASSWORD !== undefined) {
    rememberSecret(ctx.env.DOCKHAND_PASSWORD, ctx.env.DOCKHAND_USERNAME);
    const cred: ResolvedCredential = {
      username: ctx.env.DOCKHAND_USERNAME,
      password: ctx.env.DOCKHAND_PASSWORD,
      source: { kind: 'explicit', detail: 'DOCKHAND_USERNAME/DOCKHAND_PASSWORD' },
    };
    return { get: async () => cred };
  }
  let store: CredentialStore | undefined;
  return {
    get(host: string, repository?: string) {
      store ??= createCredentialStore({ env: ctx.env });
      return store.get(host, repository);
    },
  };
}

/** A pool of clients (one per host) that share the flags and the credential provider. */
export async function clientPool(args: ParsedArgs, ctx: CliContext): Promise<RegistryClientPool> {
  const credentials = await credentialsFrom(args, ctx);
  const caFile = typeof args.values.ca === 'string' ? args.values.ca : undefined;
  const certsDir = typeof args.values['certs-dir'] === 'string' ? args.values['certs-dir'] : undefined;
  const insecure = Boolean(args.values.insecure);
  return new RegistryClientPool({
    credentials,
    insecure,
    ...(caFile ? { caFile } : {}),
    ...(certsDir ? { certsDir } : {}),
    env: ctx.env,
    ...(ctx.env.DOCKHAND_DEBUG ? { log: (l: string) => ctx.stderr.write(`debug: ${l}\n`) } : {}),
  });
}

/** Run `fn` with the pool's clients, then close every client it opened. */
export async function withClients<T>(args: ParsedArgs, ctx: CliContext, fn: (client: (host: string) => RegistryClient) => Promise<T>): Promise<T> {
  const pool = await clientPool(args, ctx);
  try {
    return await fn((host) => pool.get({ host }));
  } finally {
    await pool.close();
  }
}

export function onePositional(args: ParsedArgs, what: string): string {
  if (args.positionals.length !== 1) throw new UsageError(`give exactly one ${what}`);
  return args.positionals[0]!;
}

export { formatBytes as humanSize } from '../../format/bytes';
