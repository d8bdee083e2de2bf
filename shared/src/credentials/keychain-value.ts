// A Dockhand keychain entry's value (JSON, versioned), and the checks every source applies to a credential it found.
import { CredentialError } from './errors';
import { rememberSecret } from './redact';
import type { Credential } from './types';

/** What a keychain entry holds: the credential's fields, versioned. */
interface KeychainValue extends Credential {
  v: 1;
}

export function hasSecret(c: Credential | undefined): c is Credential {
  return !!c && !!(c.password || c.identityToken || c.registryToken);
}

export function remember(c: Credential): void {
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
