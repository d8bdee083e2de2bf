// `dockhand sandbox up|down|status [--json]`: a local registry with sample images on
// 127.0.0.1, its data in the user's state folder (shared/src/sandbox).
import { UsageError, printJson, type Command } from '../command';
import { sandboxDown, sandboxStatus, sandboxUp } from '../../sandbox/sandbox';

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'Start, stop or show a local registry with sample images to try Dockhand on',
  usage: 'dockhand sandbox up|down|status [--json]',
  options: { json: { type: 'boolean' } },
  async run(args, ctx) {
    const [action, ...rest] = args.positionals;
    if (rest.length || !action || !['up', 'down', 'status'].includes(action)) throw new UsageError('say what to do: dockhand sandbox up|down|status [--json]');
    const json = Boolean(args.values.json);
    const opts = { env: ctx.env, signal: ctx.signal };
    if (action === 'up') {
      if (!json) ctx.stderr.write('Starting the sandbox registry (the first start also pushes the sample images)...\n');
      const r = await sandboxUp(opts);
      if (json) {
        printJson(ctx, r);
        return 0;
      }
      ctx.stdout.write(`${r.started ? 'Sandbox registry started' : 'Sandbox registry already running'}: ${r.registry}\n`);
      ctx.stdout.write(`  data: ${r.dataDir} (kept by \`dockhand sandbox down\`)\n`);
      ctx.stdout.write(
        `  try:  dockhand ls ${r.registry}\n        dockhand tags ${r.registry}/samples/hello\n        dockhand inspect ${r.registry}/samples/web:latest\n`,
      );
      return 0;
    }
    if (action === 'down') {
      const r = await sandboxDown(opts);
      if (json) {
        printJson(ctx, r);
        return 0;
      }
      ctx.stdout.write(r.stopped ? `Sandbox registry stopped; its data stays in ${r.dataDir}.\n` : 'The sandbox registry was not running.\n');
      return 0;
    }
    const r = await sandboxStatus(opts);
    if (json) {
      printJson(ctx, r);
      return r.running ? 0 : 3;
    }
    ctx.stdout.write(
      r.running
        ? `Sandbox registry running: ${r.registry} (${r.kind}${r.pid ? `, pid ${r.pid}` : ''})\n`
        : 'The sandbox registry is not running. Start it with `dockhand sandbox up`.\n',
    );
    return r.running ? 0 : 3;
  },
};
