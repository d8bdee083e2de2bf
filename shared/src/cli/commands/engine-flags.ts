// Flags shared by the engine commands (images, pull, push): which engine, which credentials.
import { createCredentialStore } from '../../credentials/store';
import type { CredentialProvider, CredentialStore } from '../../credentials/types';
import type { EngineClientOptions } from '../../engine/types';
import type { CliContext, ParsedArgs } from '../command';

export const engineOptionFlags = {
  host: { type: 'string' },
  context: { type: 'string' },
} as const;

export function engineOptionsFrom(args: ParsedArgs, ctx: CliContext): EngineClientOptions {
  const host = typeof args.values.host === 'string' ? args.values.host : undefined;
  const context = typeof args.values.context === 'string' ? args.values.context : undefined;
  return { env: ctx.env, host, context };
}

/** The user's credential store, opened on first use. */
export function lazyCredentials(ctx: CliContext): CredentialProvider {
  let store: CredentialStore | undefined;
  return {
    get(host: string, repository?: string) {
      store ??= createCredentialStore({ env: ctx.env });
      return store.get(host, repository);
    },
  };
}
