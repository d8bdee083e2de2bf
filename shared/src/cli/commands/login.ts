// `dockhand login REGISTRY [--username U] [--password-stdin] [--store keychain|docker|docker-plaintext]`:
// verify a credential against the registry (verifyCredential: GET /v2/ through the registry client:
// Basic or the bearer token flow), then store it in Dockhand's keychain (default) or
// through docker's configured credential helper. The password comes from stdin or a
// prompt with echo off, never from an argument.
import { createCredentialStore } from '../../credentials/store';
import { redactError, rememberSecret } from '../../credentials/redact';
import type { Credential, CredentialStoreTarget } from '../../credentials/types';
import { verifyCredential } from '../../registry/verify';
import { isRegistryError } from '../../transport/registry-error';
import { UsageError, printJson, type CliContext, type Command } from '../command';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

type TtyIn = NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (on: boolean) => unknown };

/** Read one line from the terminal; with `hidden`, echo is off (raw mode) and nothing is printed. */
export function promptLine(ctx: CliContext, question: string, hidden: boolean): Promise<string> {
  const input = ctx.stdin as TtyIn;
  if (!input.isTTY)
    throw new UsageError(`no terminal to ask for the ${hidden ? 'password' : 'username'}: pass ${hidden ? '--password-stdin (and pipe it in)' : '--username'}`);
  ctx.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const raw = hidden && typeof input.setRawMode === 'function';
    if (raw) input.setRawMode!(true);
    input.setEncoding?.('utf8');
    const done = (err?: Error) => {
      input.removeListener('data', onData);
      if (raw) input.setRawMode!(false);
      input.pause();
      ctx.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new Error('cancelled'));
        if (ch === '\u0004') return done();
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}

/** The verify function the CLI hands to the store: verifyCredential (an authenticated GET /v2/), a refusal worded for the terminal. */
export function registryVerifier(host: string, opts: { env: NodeJS.ProcessEnv; caFile?: string; insecure?: boolean; signal?: AbortSignal }) {
  return async (credential: Credential): Promise<void> => {
    try {
      await verifyCredential(credential, {
        host,
        env: opts.env,
        caFile: opts.caFile,
        insecure: opts.insecure,
        signal: opts.signal,
        what: `logging in to ${host}`,
        source: 'dockhand login',
      });
    } catch (err) {
      if (isRegistryError(err) && (err.status === 401 || err.status === 403 || err.code === 'UNAUTHORIZED' || err.code === 'DENIED')) {
        throw new Error(`wrong username or password (${err.code}, HTTP ${err.status ?? '?'})${err.detail ? `: ${err.detail}` : ''}`);
      }
      throw err;
    }
  };
}

export const loginCommand: Command = {
  name: 'login',
  summary: "Log in to a registry: verify the credential, then store it in the keychain (or docker's credential helper)",
  usage: 'dockhand login REGISTRY [--username U] [--password-stdin] [--store keychain|docker|docker-plaintext] [--ca FILE] [--insecure] [--json]',
  options: {
    username: { type: 'string', short: 'u' },
    'password-stdin': { type: 'boolean' },
    store: { type: 'string' },
    ca: { type: 'string' },
    // The old spelling, still accepted; --ca is the name every other command uses.
    'ca-file': { type: 'string' },
    insecure: { type: 'boolean' },
    json: { type: 'boolean' },
    password: { type: 'string', short: 'p' },
  },
  async run(args, ctx) {
    if (args.values.password !== undefined) {
      throw new UsageError('a password on the command line ends up in shell history and process lists; use --password-stdin or the prompt');
    }
    if (args.positionals.length !== 1) throw new UsageError('give exactly one REGISTRY (e.g. registry.example.com or 127.0.0.1:5000)');
    const registry = args.positionals[0];
    const storeIn = (args.values.store ?? 'keychain') as string;
    if (storeIn !== 'keychain' && storeIn !== 'docker' && storeIn !== 'docker-plaintext')
      throw new UsageError(`--store must be "keychain", "docker" or "docker-plaintext", not "${storeIn}"`);
    let username = typeof args.values.username === 'string' ? args.values.username : undefined;
    let password: string;
    if (args.values['password-stdin']) {
      if (!username) throw new UsageError('--password-stdin needs --username');
      password = (await readAll(ctx.stdin)).replace(/\r?\n$/, '');
    } else {
      username ??= (await promptLine(ctx, 'Username: ', false)).trim();
      password = await promptLine(ctx, 'Password: ', true);
    }
    if (!username) throw new UsageError('the username is empty');
    if (!password) throw new UsageError('the password is empty');
    rememberSecret(password, username);
    try {
      const store = createCredentialStore({ env: ctx.env });
      const verify = registryVerifier(registry, {
        env: ctx.env,
        caFile: typeof args.values.ca === 'string' ? args.values.ca : typeof args.values['ca-file'] === 'string' ? args.values['ca-file'] : undefined,
        insecure: Boolean(args.values.insecure),
        signal: ctx.signal,
      });
      if (storeIn === 'docker-plaintext')
        ctx.stderr.write("WARNING: the password is stored unencrypted (base64) in docker's config.json, as `docker login` does without a credential helper.\n");
      const result = await store.login(registry, { username, password }, { verify, storeIn: storeIn as CredentialStoreTarget });
      if (args.values.json) printJson(ctx, { host: result.host, username, source: result.source });
      else ctx.stdout.write(`Login Succeeded: ${username} @ ${result.host}, stored in ${result.source.detail}\n`);
      return 0;
    } catch (err) {
      throw redactError(err, [password]);
    }
  },
};
