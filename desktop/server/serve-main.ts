// `npm run serve` (node desktop/dist/server.js): start the served mode and print its URL.
//   --port N        fixed port (default: a free one)
//   --host H        127.0.0.1 (default), ::1 or localhost
//   --state-dir D   where registries.json lives (default ~/.config/dockhand)
//   --config FILE   a registry config.yml the editor may open and save (repeatable; the
//                   browser has no file picker, so other paths are refused)
import { parseArgs } from 'node:util';
import { createMainApi } from '../main/create-main-api';
import { createDispatcher } from '../main/dispatcher';
import { startServedMode } from './http-server';

export async function serveMain(argv: string[], rendererDir: string, reason?: string): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'state-dir': { type: 'string' }, config: { type: 'string', multiple: true } },
    strict: true,
  });
  const log = (line: string) => process.stderr.write(line + '\n');
  const { api, context } = createMainApi({ mode: 'served', stateDir: values['state-dir'], log, configFiles: values.config ?? [] });
  const served = await startServedMode({
    dispatch: createDispatcher(api, log),
    rendererDir,
    host: values.host,
    port: values.port ? Number(values.port) : 0,
    log,
  });
  if (reason) process.stdout.write(`${reason}\n`);
  process.stdout.write(`Dockhand is served at ${served.url}\n`);
  process.stdout.write('Open that URL in a browser on this machine (the #token part is required). Press Ctrl+C to stop.\n');
  const stop = () => {
    context.dispose();
    void served.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
