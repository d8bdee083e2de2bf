// imagetools:* — the raw config JSON of a platform image, and Pull into the local Docker
// engine (a job: per-layer progress through jobs:poll, Cancel through jobs:cancel).
import type { DockhandApi, RawConfigInfo } from '../../common';
import type { MainContext } from '../main-context';
import { registryClientFor } from '../registry-access';

/** The largest config blob read (a real config is a few KiB; Docker's own limit is far below this). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const MAX_JSON_TEXT = 2 * 1024 * 1024;

export function imageToolHandlers(ctx: MainContext): DockhandApi['imagetools'] {
  return {
    async rawConfig(registryId, repository, configDigest): Promise<RawConfigInfo> {
      const r = await ctx.registries.get(String(registryId));
      const client = await registryClientFor(ctx, r);
      const raw = await client.getBlobBytes(repository, configDigest, { maxBytes: MAX_CONFIG_BYTES, signal: AbortSignal.timeout(60_000) });
      let json: string;
      try {
        json = JSON.stringify(JSON.parse(raw.toString('utf8')), null, 2);
      } catch {
        json = raw.toString('utf8');
      }
      const truncated = json.length > MAX_JSON_TEXT;
      return { digest: configDigest, size: raw.length, json: truncated ? json.slice(0, MAX_JSON_TEXT) : json, ...(truncated ? { truncated } : {}) };
    },
    async pullToEngine(registryId, repository, reference) {
      const r = await ctx.registries.get(String(registryId));
      const ref = reference.startsWith('sha256:') ? `${r.host}/${repository}@${reference}` : `${r.host}/${repository}:${reference}`;
      const engine = await ctx.engine();
      const credentials = ctx.credentials();
      return ctx.jobs.start(`Pull ${ref} into the local engine`, async (job) => {
        job.emit({ kind: 'status', message: `Pulling ${ref}` });
        const result = await engine.pullImage(ref, {
          credentials,
          signal: job.signal,
          onProgress: (e) => {
            if (e.kind === 'layer') job.emit({ kind: 'layer', id: e.id, state: e.state, current: e.current, total: e.total });
            else if (e.kind === 'status') job.emit({ kind: 'status', message: e.message });
            else job.emit({ kind: 'digest', digest: e.digest });
          },
        });
        return { digest: result.digest, ref: result.ref, message: `Pulled ${result.ref}: it is in Local images now` };
      });
    },
  };
}
