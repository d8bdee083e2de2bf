// pushArchive: daemonless push of a `docker save` tar or an OCI layout folder to a registry.
// See types.ts for the public contract.
import type { PushArchiveOptions, PushArchiveResult } from './types';

export async function pushArchive(source: string, destRef: string, opts: PushArchiveOptions = {}): Promise<PushArchiveResult> {
  void source; void destRef; void opts;
  throw new Error('pushArchive: not implemented yet');
}
