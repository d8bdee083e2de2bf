// Scrubs secrets out of any text headed for a log, an error message or the screen.
//
// Two layers:
// 1. Known secrets: every secret the credential store reads or is given is remembered
//    (`rememberSecret`) for the life of the process, with its derived forms (base64 of
//    "user:secret", URL-encoded), and replaced wherever it appears.
// 2. Shapes: `Authorization: Basic|Bearer ...` headers, JSON/query fields named like
//    secrets ("auth", "password", "Secret", "identitytoken", "registrytoken", "token",
//    "access_token", "refresh_token"), and `user:password@` in URLs.
//
// Use `redact(text)` on foreign text (helper output, server bodies, exception messages)
// before it reaches a user, and `redactError(err)` to get a safe copy of an error.

export const REDACTED = '[REDACTED]';

const known = new Set<string>();

/** Secrets shorter than this are not substituted as bare strings (they would mangle ordinary words); the shape rules still apply. */
const MIN_SECRET_LENGTH = 4;

/** Encoded forms shorter than this are not remembered (a 3-character base64 run would match ordinary text). */
const MIN_ENCODED_LENGTH = 6;

/**
 * The base64 runs (standard and URL-safe alphabets) that `bytes` leaves in any base64 text
 * that contains it, wherever it starts: one per alignment (offset 0, 1, 2 within a 3-byte
 * group), keeping only the characters determined by `bytes` alone.
 */
function base64Forms(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    const b64 = padded.toString('base64');
    const start = shift === 0 ? 0 : shift + 1; // characters that hold bits of the padding bytes
    const end = Math.floor((padded.length * 8) / 6); // characters whose bits all come from `bytes`
    const run = b64.slice(start, end);
    if (run.length < MIN_ENCODED_LENGTH) continue;
    out.push(run);
    const url = run.replace(/\+/g, '-').replace(/\//g, '_');
    if (url !== run) out.push(url);
  }
  return out;
}

/** Remember a secret (and optionally its username) so that redact() removes it and its encoded forms everywhere. */
export function rememberSecret(secret: string | undefined, username?: string): void {
  if (!secret || secret.length < MIN_SECRET_LENGTH) return;
  known.add(secret);
  const enc = encodeURIComponent(secret);
  if (enc !== secret) known.add(enc);
  for (const form of base64Forms(Buffer.from(secret, 'utf8'))) known.add(form);
  if (username !== undefined) {
    known.add(Buffer.from(`${username}:${secret}`, 'utf8').toString('base64').replace(/=+$/, ''));
    for (const form of base64Forms(Buffer.from(`${username}:${secret}`, 'utf8'))) known.add(form);
  }
  // JSON-escaped form (a secret with quotes or backslashes inside a JSON string).
  const json = JSON.stringify(secret).slice(1, -1);
  if (json !== secret) known.add(json);
}

/** Forget every remembered secret (tests only). */
export function forgetSecretsForTests(): void {
  known.clear();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SECRET_FIELD =
  '(?:auth|password|passwd|secret|identitytoken|identity_token|registrytoken|registry_token|token|access_token|refresh_token|x-registry-auth)';

const SHAPES: Array<[RegExp, string]> = [
  // Authorization: Basic abc= / Bearer abc
  [/\b(authorization|proxy-authorization)(["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',;]+/gi, `$1$2$3 ${REDACTED}`],
  [/\b(basic|bearer)\s+[A-Za-z0-9+/_\-.~]{8,}={0,2}/g, `$1 ${REDACTED}`],
  // Basic/Bearer in any case outside a header, when the token is long enough not to be a word
  [/\b(basic|bearer)\s+[A-Za-z0-9+/_\-.~]{16,}={0,2}/gi, `$1 ${REDACTED}`],
  // "password": "x"  'Secret':'x'
  [new RegExp(`(["']${SECRET_FIELD}["']\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  [new RegExp(`(["']${SECRET_FIELD}["']\\s*:\\s*)'(?:[^'\\\\]|\\\\.)*'`, 'gi'), `$1'${REDACTED}'`],
  // password=x in queries and forms
  [new RegExp(`((?:^|[?&\\s])${SECRET_FIELD}=)[^&\\s"']+`, 'gim'), `$1${REDACTED}`],
  // https://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)[^\s/@]+@/gi, `$1${REDACTED}@`],
];

/** Return `text` with every known secret and every secret-shaped field replaced by [REDACTED]. */
export function redact(text: string, extraSecrets: Iterable<string | undefined> = []): string {
  let out = text;
  const all = [...known];
  for (const s of extraSecrets) if (s && s.length >= MIN_SECRET_LENGTH) all.push(s);
  // Longest first, so a secret that contains another is removed whole.
  all.sort((a, b) => b.length - a.length);
  for (const s of all) {
    if (out.includes(s)) out = out.replace(new RegExp(escapeRegExp(s), 'g'), REDACTED);
  }
  for (const [re, rep] of SHAPES) out = out.replace(re, rep);
  return out;
}

/** Redacts `err`'s message and stack in place (keeping its class, name, code and fields) and returns it. */
export function redactError<E>(err: E, extraSecrets: Iterable<string | undefined> = []): E {
  if (!(err instanceof Error)) return new Error(redact(String(err), extraSecrets)) as unknown as E;
  const extras = [...extraSecrets];
  const message = redact(err.message, extras);
  if (message === err.message && (!err.stack || redact(err.stack, extras) === err.stack)) return err;
  err.message = message;
  if (err.stack) err.stack = redact(err.stack, extras);
  return err;
}
