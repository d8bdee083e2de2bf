// `dockhand pull REF`: pull an image into the local engine, with progress.
import { createEngineClient } from '../../engine/engine-client';
import { ProgressPrinter } from '../../engine/progress-printer';
import { UsageError, printJson, type Command } from '../command';
import { engineOptionFlags, engineOptionsFrom, lazyCredentials } from './engine-flags';

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Pull an image from a registry into the local Docker engine',
  usage: 'dockhand pull REF [--json] [--host H | --context NAME]',
  options: { json: { type: 'boolean' }, ...engineOptionFlags },
  async run(args, ctx) {
    if (args.positionals.length !== 1) throw new UsageError('give exactly one image reference');
    const engine = await createEngineClient(engineOptionsFrom(args, ctx));
    const printer = new ProgressPrinter(args.values.json ? ctx.stderr : ctx.stdout);
    const result = await engine.pullImage(args.positionals[0], { credentials: lazyCredentials(ctx), onProgress: printer.handle, signal: ctx.signal });
    printer.finish();
    if (args.values.json) printJson(ctx, result);
    else ctx.stdout.write(`Pulled ${result.ref}${result.digest ? ` (${result.digest})` : ''}\n`);
    return 0;
  },
};
