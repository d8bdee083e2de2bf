// The docker-credential-* helper protocol (docker/docker-credential-helpers):
//   get    stdin: server URL            stdout: {"ServerURL","Username","Secret"}
//   store  stdin: {"ServerURL","Username","Secret"}
//   erase  stdin: server URL
//   list   stdin: (nothing)             stdout: {"<server URL>": "<username>", ...}
// "Not found" is stdout "credentials not found in native keychain" with exit 1; pass 0.6.x
// answers exit 0 with empty fields instead: both mean "no credential". A username of
// "<token>" means the secret is an identity token (as in docker's native store).
// Every call runs a child process with a time-out; a missing, crashing, hanging or
// garbled helper becomes a CredentialHelperError naming the helper and the fix.
import { spawn, type ChildProcess } from 'node:child_process';
import { CredentialHelperError } from './errors';
import { redact, rememberSecret } from './redact';
import type { Credential } from './types';

export const TOKEN_USERNAME = '<token>';
const NOT_FOUND = /credentials not found/i;

export interface HelperContext {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Where the helper was configured, for messages, e.g. 'credsStore in /root/.docker/config.json'. */
  configuredBy: string;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function helperProgram(suffix: string): string {
  return `docker-credential-${suffix}`;
}

function run(program: string, action: string, input: string, ctx: HelperContext): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      // Its own process group (detached), so that a time-out can kill the helper and everything it started:
      // a grandchild that inherited the pipes would otherwise keep them, and this process, open.
      child = spawn(program, [action], { env: ctx.env, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (err) {
      reject(spawnError(program, err, ctx));
      return;
    }
    let stdout = '';
    let stderr = '';
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      killGroup(child);
      reject(
        new CredentialHelperError(
          `${program} ${action} did not answer within ${Math.round(ctx.timeoutMs / 1000)} s (${ctx.configuredBy}). ` +
            'A locked keyring or a gpg passphrase prompt may be waiting; unlock it, or fix or remove the helper in the config.',
          program,
        ),
      );
    }, ctx.timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < 1 << 20) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < 1 << 16) stderr += d;
    });
    child.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(spawnError(program, err, ctx));
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a helper that exits without reading stdin
    child.stdin.end(input);
  });
}

/** SIGKILL the helper's process group (the helper and what it started), then let go of its pipes. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL'); // the group is already gone
  }
  child.stdin?.destroy();
  child.stdout?.destroy();
  child.stderr?.destroy();
}

function spawnError(program: string, err: unknown, ctx: HelperContext): CredentialHelperError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new CredentialHelperError(
      `${program} is not installed or not on PATH (${ctx.configuredBy}). Install it (e.g. apt-get install golang-docker-credential-helpers) or remove it from the config.`,
      program,
    );
  }
  if (code === 'EACCES') return new CredentialHelperError(`${program} is not executable (${ctx.configuredBy}). Fix its permissions.`, program);
  return new CredentialHelperError(`${program} could not be started (${ctx.configuredBy}): ${redact((err as Error).message)}`, program);
}

const SECRET_KEY = /^(secret|password|passwd|auth|token|identitytoken|registrytoken|access_token|refresh_token)$/i;

/** Remember every secret-named string inside parsed JSON (and the user:password inside an `auth` field). */
function rememberJsonSecrets(value: unknown, depth = 0): void {
  if (!value || typeof value !== 'object' || depth > 8) return;
  const o = value as Record<string, unknown>;
  const username = typeof o.Username === 'string' ? o.Username : typeof o.username === 'string' ? o.username : undefined;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string' && SECRET_KEY.test(k)) {
      rememberSecret(v, username);
      if (/^auth$/i.test(k)) {
        const decoded = Buffer.from(v, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) rememberSecret(decoded.slice(colon + 1), decoded.slice(0, colon));
      }
    } else if (v && typeof v === 'object') rememberJsonSecrets(v, depth + 1);
  }
}

/**
 * What a failed helper printed, safe to quote: JSON answers (where a secret lives) are never
 * quoted, but their secret fields are remembered for every later redaction; a line that is one
 * long word (a bare token) is not quoted either; the rest goes through redact() with the
 * secrets of this call and every secret the process has seen.
 */
export function quoteHelperOutput(stdout: string, stderr: string, secrets: string[]): string {
  const lines = `${stdout}\n${stderr}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const said: string[] = [];
  for (const line of lines) {
    if (/^[[{"]/.test(line)) {
      try {
        rememberJsonSecrets(JSON.parse(line));
      } catch {
        /* not JSON after all: still not quoted */
      }
      said.push('(a JSON answer, not quoted)');
    } else if (!/\s/.test(line) && line.length >= 8) {
      said.push('(one word, not quoted: it may be a secret)');
    } else {
      said.push(line);
    }
  }
  // Redact only after every JSON line was read, so a secret printed twice is caught both times.
  return redact(said.slice(0, 3).join(' ').slice(0, 300), secrets);
}

function failure(program: string, action: string, r: RunResult, ctx: HelperContext, secrets: string[]): CredentialHelperError {
  const said = quoteHelperOutput(r.stdout, r.stderr, secrets);
  const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.code}`;
  return new CredentialHelperError(
    `${program} ${action} failed: it ${how}${said ? ` and said: ${said}` : ' without a message'} (${ctx.configuredBy}). ` +
      'Check that the helper works (`echo SERVER | ' +
      program +
      ' get`), unlock its store, or fix the config.',
    program,
  );
}

/** Ask the helper for `serverUrl`; undefined when it has none. */
export async function helperGet(suffix: string, serverUrl: string, ctx: HelperContext): Promise<Credential | undefined> {
  const program = helperProgram(suffix);
  const r = await run(program, 'get', serverUrl, ctx);
  if (r.code !== 0 || r.signal) {
    if (!r.signal && NOT_FOUND.test(r.stdout + r.stderr)) return undefined;
    throw failure(program, 'get', r, ctx, []);
  }
  if (NOT_FOUND.test(r.stdout)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout);
  } catch {
    // Never quote stdout here: it may be the secret.
    throw new CredentialHelperError(
      `${program} get answered something that is not JSON (${ctx.configuredBy}). The helper may be broken or a different program.`,
      program,
    );
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  const username = typeof o.Username === 'string' ? o.Username : '';
  const secret = typeof o.Secret === 'string' ? o.Secret : '';
  if (!username && !secret) return undefined; // pass's "empty fields" answer
  rememberSecret(secret, username);
  if (username === TOKEN_USERNAME) return { identityToken: secret };
  return { username, password: secret };
}

/** Store a credential through the helper. */
export async function helperStore(suffix: string, serverUrl: string, cred: Credential, ctx: HelperContext): Promise<void> {
  const program = helperProgram(suffix);
  const useToken = !cred.password && !!cred.identityToken;
  const secret = (useToken ? cred.identityToken : cred.password) ?? '';
  const payload = JSON.stringify({ ServerURL: serverUrl, Username: useToken ? TOKEN_USERNAME : (cred.username ?? ''), Secret: secret });
  const r = await run(program, 'store', payload, ctx);
  if (r.code !== 0 || r.signal) throw failure(program, 'store', r, ctx, [secret]);
}

/** Erase the helper's credential for `serverUrl`; false when it had none. */
export async function helperErase(suffix: string, serverUrl: string, ctx: HelperContext): Promise<boolean> {
  const program = helperProgram(suffix);
  const r = await run(program, 'erase', serverUrl, ctx);
  if (r.code !== 0 || r.signal) {
    if (!r.signal && NOT_FOUND.test(r.stdout + r.stderr)) return false;
    throw failure(program, 'erase', r, ctx, []);
  }
  return true;
}

/** The helper's server URLs and usernames (no secrets). */
export async function helperList(suffix: string, ctx: HelperContext): Promise<Record<string, string>> {
  const program = helperProgram(suffix);
  const r = await run(program, 'list', '', ctx);
  if (r.code !== 0 || r.signal) throw failure(program, 'list', r, ctx, []);
  let parsed: Record<string, string>;
  try {
    const o = JSON.parse(r.stdout.trim() || '{}') as unknown;
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('not an object');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) out[k] = typeof v === 'string' ? v : '';
    parsed = out;
  } catch {
    throw new CredentialHelperError(`${program} list answered something that is not a JSON object (${ctx.configuredBy}).`, program);
  }
  // docker-credential-secretservice answers {"": "account not defined"} (exit 0) when the Secret
  // Service it talks to has gone away: that is a failure, not a registry called "".
  if ('' in parsed) {
    delete parsed[''];
    if (!Object.keys(parsed).length) {
      throw new CredentialHelperError(
        `${program} list answered an entry without a server address (${ctx.configuredBy}): its keyring service is probably not running or not unlocked. ` +
          'Start or unlock the keyring (on Linux gnome-keyring or another Secret Service) and try again.',
        program,
      );
    }
  }
  return parsed;
}
