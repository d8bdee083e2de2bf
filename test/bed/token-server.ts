// Placeholder until the token server lands (step 4 of the test bed).
import type { TokenOptions, TokenServerHandle } from './types';

export async function startTokenServer(_opts: TokenOptions): Promise<TokenServerHandle> {
  throw new Error('test bed: token auth is not implemented yet');
}
