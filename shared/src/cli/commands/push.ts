// `dockhand push LOCAL_IMAGE DEST_REF`: retag a local image and push it through the engine.
// `dockhand push --archive FILE DEST_REF`: push a `docker save` tar or an OCI layout folder
// straight to the registry, no engine needed.
import { pushArchive } from '../../engine/archive-push';
import { createEngineClient } from '../../engine/engine-client';
import { ProgressPrinter } from '../../engine/progress-printer';
import { UsageError, printJson, type Command } from '../command';
import { engineOptionFlags, engineOptionsFrom, lazyCredentials } from './engine-flags';

export const pushCommand: Command = {
  name: 'push',
  summary: 'Retag a local image and push it to a registry (or push an archive without an engine)',
  usage:
    'dockhand push LOCAL_IMAGE DEST_REF [--remove-tag] [--json] | dockhand push --archive FILE DEST_REF [--gzip|--no-gzip] [--ca FILE] [--insecure] [--json]',
  options: {
    archive: { type: 'string' },
    'remove-tag': { type: 'boolean' },
    'no-gzip': { type: 'boolean' },
    ca: { type: 'string' },
    // The old spelling, still accepted; --ca is the name every other command uses.
    'ca-file': { type: 'string' },
    insecure: { type: 'boolean' },
    json: { type: 'boolean' },
    ...engineOptionFlags,
  },
  async run(args, ctx) {
    const json = Boolean(args.values.json);
    const printer = new ProgressPrinter(json ? ctx.stderr : ctx.stdout);
    const credentials = lazyCredentials(ctx);
    const archive = typeof args.values.archive === 'string' ? args.values.archive : undefined;
    if (archive !== undefined) {
      if (args.positionals.length !== 1) throw new UsageError('with --archive FILE give exactly one destination reference');
      const result = await pushArchive(archive, args.positionals[0], {
        credentials,
        onProgress: printer.handle,
        signal: ctx.signal,
        layerCompression: args.values['no-gzip'] ? 'none' : 'gzip',
        caFile: typeof args.values.ca === 'string' ? args.values.ca : typeof args.values['ca-file'] === 'string' ? args.values['ca-file'] : undefined,
        insecure: Boolean(args.values.insecure),
        env: ctx.env,
      });
      printer.finish();
      if (json) printJson(ctx, result);
      else ctx.stdout.write(`Pushed ${result.ref}@${result.digest}\n`);
      return 0;
    }
    if (args.positionals.length !== 2) throw new UsageError('give the local image and the destination reference');
    const [local, dest] = args.positionals;
    const engine = await createEngineClient(engineOptionsFrom(args, ctx));
    const result = await engine.retagAndPush(local, dest, {
      credentials,
      onProgress: printer.handle,
      signal: ctx.signal,
      removeTempTag: Boolean(args.values['remove-tag']),
    });
    printer.finish();
    if (json) printJson(ctx, result);
    else ctx.stdout.write(`Pushed ${result.ref}@${result.digest}\n`);
    return 0;
  },
};
