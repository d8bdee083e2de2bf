// Per-tag push and pull dates for purge --not-pulled-for: from the running receiver, else read
// from the store directly (the CLI may open SQLite; front ends use the receiver only).
import { existsSync } from 'node:fs';
import type { TagDatesResponse } from './api-types';
import { EventsClient } from './events-client';
import { openStore, parseStoreSpec } from './open-store';

export interface TagUsageResult extends TagDatesResponse {
  source: string;
}

/** Dates of `repository` on `registry` (host[:port]; events from other registries with the same repository name do not count). */
export async function loadTagUsage(
  repository: string,
  env: NodeJS.ProcessEnv,
  storeArg?: string,
  signal?: AbortSignal,
  registry?: string,
): Promise<TagUsageResult> {
  const client = storeArg ? undefined : await EventsClient.find(env);
  if (client) return { ...(await client.tagDates(repository, { signal, registry })), source: `receiver ${client.info.addr}` };
  const spec = parseStoreSpec(storeArg, env);
  if (spec.kind === 'sqlite' && !existsSync(spec.path)) {
    throw new Error(
      `--not-pulled-for needs the registry's pull events, and none were recorded (${spec.path} does not exist): run \`dockhand listen\` with the registry configured by \`dockhand listen-config\` for at least that long`,
    );
  }
  const store = await openStore(spec, { readonly: spec.kind === 'sqlite' });
  try {
    const [tags, knownSince] = await Promise.all([store.tagDates(repository, registry), store.oldest()]);
    return { repository, tags, ...(knownSince ? { knownSince } : {}), source: store.description };
  } finally {
    await store.close();
  }
}
