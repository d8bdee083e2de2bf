// verifyCredential: does the registry accept this credential? An authenticated GET /v2/ with exactly
// that credential (nothing else is looked up), on a client of its own that is closed afterwards.
// The one check behind `dockhand login`, the extension's Log In and the desktop's sign-in form.
//
//   await store.login(host, credential, { verify: (c) => verifyCredential(c, { host, caFile, insecure }) });
import type { Credential } from '../credentials/types';
import { RegistryClient } from './client';
import type { RegistryClientOptions } from './types';

export interface VerifyCredentialOptions extends Omit<RegistryClientOptions, 'credentials'> {
  signal?: AbortSignal;
  /** For errors: "logging in to HOST" (default "signing in to HOST"). */
  what?: string;
  /** Where the credential came from, for messages: "dockhand login", "the sign-in form". */
  source?: string;
}

/** Resolves when `opts.host` accepts `credential`; else throws its RegistryError (UNAUTHORIZED, DENIED, TLS, ...). One retry at most unless `opts.retry` says otherwise. */
export async function verifyCredential(credential: Credential, opts: VerifyCredentialOptions): Promise<void> {
  const { signal, what, source, ...clientOptions } = opts;
  const client = new RegistryClient({
    retry: { retries: 1 },
    ...clientOptions,
    credentials: { get: async () => ({ ...credential, source: { kind: 'explicit', detail: source ?? 'the login' } }) },
  });
  try {
    await client.verifyAccess({ signal, ...(what ? { what } : {}) });
  } finally {
    await client.close();
  }
}
