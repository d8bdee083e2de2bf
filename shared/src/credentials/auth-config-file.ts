// Parsing and validating the two credential files that share one format: docker's
// config.json and the containers auth.json (podman, skopeo, buildah).
//
//   { "auths": { "<key>": { "auth": base64("user:pass") | "username": .., "password": ..,
//                           "identitytoken": .., "registrytoken": .. } },
//     "credsStore": "<helper suffix>", "credHelpers": { "<key>": "<helper suffix>" }, ...other keys }
//
// Errors name the file and the line/column and never quote the file's text (it holds secrets).
import { readFile } from 'node:fs/promises';
import { parseTree, findNodeAtLocation, printParseErrorCode, type ParseError, type Node } from 'jsonc-parser';
import { CredentialConfigError } from './errors';
import type { Credential } from './types';

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
  registrytoken?: string;
  email?: string;
}

export interface AuthConfigFile {
  path: string;
  /** false when the file does not exist (then every field is empty). */
  exists: boolean;
  /** The file's text as read (for byte-preserving rewrites); '' when missing. */
  text: string;
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

const PARSE_HINTS: Record<string, string> = {
  PropertyNameExpected: 'a property name in double quotes was expected (a trailing comma?)',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a ":" was expected',
  CommaExpected: 'a "," was expected',
  CloseBraceExpected: 'a "}" was expected',
  CloseBracketExpected: 'a "]" was expected',
  EndOfFileExpected: 'text after the end of the JSON document',
  InvalidSymbol: 'an invalid symbol',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfComment: 'a comment is not closed',
  InvalidCharacter: 'an invalid character in a string',
};

function positioned(path: string, text: string, offset: number, what: string): CredentialConfigError {
  const { line, column } = lineCol(text, offset);
  return new CredentialConfigError(`${path}:${line}:${column}: ${what}. Fix the file (nothing was changed); docker would reject it too.`, path, line, column);
}

/** Parse the text of a config.json / auth.json. Throws CredentialConfigError with the position of the first problem. */
export function parseAuthConfigText(path: string, text: string): AuthConfigFile {
  const base: AuthConfigFile = { path, exists: true, text, auths: {}, credHelpers: {} };
  if (text.trim() === '') return base; // docker treats an empty file as an empty config
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length || !tree) {
    const e = errors[0];
    const code = e ? printParseErrorCode(e.error) : 'ValueExpected';
    return throwIt(positioned(path, text, e?.offset ?? 0, `not valid JSON: ${PARSE_HINTS[code] ?? code}`));
  }
  if (tree.type !== 'object') return throwIt(positioned(path, text, tree.offset, 'the top level must be a JSON object'));

  const at = (p: (string | number)[]): Node | undefined => findNodeAtLocation(tree, p);
  const auths = at(['auths']);
  if (auths && auths.type !== 'null') {
    if (auths.type !== 'object') return throwIt(positioned(path, text, auths.offset, '"auths" must be an object'));
    for (const prop of auths.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      const key = String(keyNode?.value ?? '');
      if (!valueNode || valueNode.type === 'null') continue;
      if (valueNode.type !== 'object') return throwIt(positioned(path, text, valueNode.offset, `auths["${key}"] must be an object`));
      const entry: AuthEntry = {};
      for (const field of valueNode.children ?? []) {
        const [fk, fv] = field.children ?? [];
        const name = String(fk?.value ?? '');
        const lower = name.toLowerCase();
        if (!['auth', 'username', 'password', 'identitytoken', 'registrytoken', 'email'].includes(lower)) continue;
        if (!fv || fv.type === 'null') continue;
        if (fv.type !== 'string') return throwIt(positioned(path, text, fv.offset, `auths["${key}"].${name} must be a string`));
        entry[lower as keyof AuthEntry] = fv.value as string;
      }
      base.auths[key] = entry;
    }
  }
  const credsStore = at(['credsStore']);
  if (credsStore && credsStore.type !== 'null') {
    if (credsStore.type !== 'string')
      return throwIt(positioned(path, text, credsStore.offset, '"credsStore" must be a string (the helper suffix, e.g. "pass")'));
    if (credsStore.value) base.credsStore = credsStore.value as string;
  }
  const helpers = at(['credHelpers']);
  if (helpers && helpers.type !== 'null') {
    if (helpers.type !== 'object') return throwIt(positioned(path, text, helpers.offset, '"credHelpers" must be an object mapping registry to helper suffix'));
    for (const prop of helpers.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!v || v.type !== 'string')
        return throwIt(positioned(path, text, (v ?? prop).offset, `credHelpers["${String(k?.value)}"] must be a string (the helper suffix)`));
      if (v.value) base.credHelpers[String(k?.value)] = v.value as string;
    }
  }
  return base;
}

function throwIt(err: Error): never {
  throw err;
}

/** Read and parse a credential file; a missing file is an empty config, an unreadable one an error. */
export async function readAuthConfigFile(path: string): Promise<AuthConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { path, exists: false, text: '', auths: {}, credHelpers: {} };
    throw new CredentialConfigError(`${path}: cannot be read (${code ?? (err as Error).message}). Check its permissions.`, path);
  }
  return parseAuthConfigText(path, text);
}

/** Does this entry hold a credential (docker writes `{}` for hosts kept in a credsStore)? */
export function entryHasCredential(entry: AuthEntry): boolean {
  return !!(entry.auth || entry.username || entry.password || entry.identitytoken || entry.registrytoken);
}

/**
 * Decode an auths entry as docker does: `auth` is base64("user:password") (standard
 * alphabet, split at the first ":", NULs trimmed from the password) and wins over
 * username/password; identitytoken and registrytoken are kept as they are.
 */
export function decodeAuthEntry(entry: AuthEntry, where: { path: string; key: string }): Credential {
  const cred: Credential = {};
  if (entry.auth) {
    const b64 = entry.auth.trim();
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) {
      throw new CredentialConfigError(
        `${where.path}: auths["${where.key}"].auth is not valid base64 (expected base64 of "username:password"). Run \`docker login ${where.key}\` again.`,
        where.path,
      );
    }
    const decoded = Buffer.from(b64, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new CredentialConfigError(
        `${where.path}: auths["${where.key}"].auth does not decode to "username:password". Run \`docker login ${where.key}\` again.`,
        where.path,
      );
    }
    cred.username = decoded.slice(0, colon);
    cred.password = decoded.slice(colon + 1).replace(/\0+$/, '');
  } else {
    if (entry.username) cred.username = entry.username;
    if (entry.password) cred.password = entry.password;
  }
  if (entry.identitytoken) cred.identityToken = entry.identitytoken;
  if (entry.registrytoken) cred.registryToken = entry.registrytoken;
  return cred;
}
