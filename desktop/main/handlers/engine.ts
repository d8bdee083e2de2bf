// engine:* — local images from the Docker engine, and one-click retag + push with per-layer
// progress (a job: poll it with jobs:poll, cancel with jobs:cancel).
import type { DockhandApi, EngineStatus } from '../../common';
import type { MainContext } from '../main-context';
import { BadInputError } from '../bad-input';
import { errorText } from '../error-info';

export function engineHandlers(ctx: MainContext): DockhandApi['engine'] {
  return {
    async status(): Promise<EngineStatus> {
      try {
        const engine = await ctx.engine();
        await engine.ping();
        return { available: true, endpoint: engine.endpoint.host };
      } catch (err) {
        return { available: false, message: errorText(err) };
      }
    },
    async images() {
      const engine = await ctx.engine();
      const images = await engine.listImages();
      return images
        .map((i) => ({ id: i.id, repoTags: i.repoTags.filter((t) => t !== '<none>:<none>'), size: i.size, created: i.created }))
        .sort((a, b) => (b.created ?? '').localeCompare(a.created ?? ''));
    },
    async retagAndPush(input) {
      const r = await ctx.registries.get(String(input?.registryId));
      const repo = String(input.repository ?? '')
        .trim()
        .replace(/^\/+/, '');
      const tag = String(input.tag ?? '').trim();
      if (!repo || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repo)) {
        throw new BadInputError(`"${repo}" is not a valid repository name (lowercase letters, digits, . _ - and / between parts).`);
      }
      if (!/^[\w][\w.-]{0,127}$/.test(tag))
        throw new BadInputError(`"${tag}" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -).`);
      const localRef = String(input.localRef ?? '').trim();
      if (!localRef) throw new BadInputError('Choose a local image to push.');
      const dest = `${r.host}/${repo}:${tag}`;
      const engine = await ctx.engine();
      const credentials = ctx.credentials();
      return ctx.jobs.start(`Push ${localRef} → ${dest}`, async (job) => {
        job.emit({ kind: 'status', message: `Tagging ${localRef} as ${dest}` });
        const result = await engine.retagAndPush(localRef, dest, {
          credentials,
          signal: job.signal,
          removeTempTag: true, // like the extension and the CLI: the engine keeps no registry-named tag behind
          onProgress: (e) => {
            if (e.kind === 'layer') job.emit({ kind: 'layer', id: e.id, state: e.state, current: e.current, total: e.total });
            else if (e.kind === 'status') job.emit({ kind: 'status', message: e.message });
            else job.emit({ kind: 'digest', digest: e.digest });
          },
        });
        return { digest: result.digest, ref: result.ref, message: `Pushed ${result.ref}` };
      });
    },
  };
}
