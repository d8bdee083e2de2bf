// Per-tag push and pull dates for purge --not-pulled-for: from the running receiver, else read
// from the store directly (the CLI may open SQLite; front ends use the receiver only).
import type { TagDatesResponse } from './api-types';
import { readFromEvents } from './read-source';

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
  const r = await readFromEvents({
    env,
    storeArg,
    missing: (path) =>
      `--not-pulled-for needs the registry's pull events, and none were recorded (${path} does not exist): run \`dockhand listen\` with the registry configured by \`dockhand listen-config\` for at least that long`,
    viaReceiver: (c) => c.tagDates(repository, { signal, registry }),
    viaStore: async (store) => {
      const [tags, knownSince] = await Promise.all([store.tagDates(repository, registry), store.oldest()]);
      return { repository, tags, ...(knownSince ? { knownSince } : {}) };
    },
  });
  return { ...r.value, source: r.source };
}
