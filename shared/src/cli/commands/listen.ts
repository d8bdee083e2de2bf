// `dockhand listen [--addr 127.0.0.1:PORT] [--token T | --token-file F] [--store sqlite:PATH|postgres://…] [--retention 90d]`:
// receives the registry's notification events and stores them (shared/src/events).
import { UsageError, type Command } from '../command';
import { parseDuration } from '../../cleanup/duration';
import { parseStoreSpec } from '../../events/open-store';
import { resolveIngestToken } from '../../events/ingest-token';
import { eventsDir, eventsFiles } from '../../events/paths';
import { startReceiver } from '../../events/receiver';

export const DEFAULT_LISTEN_PORT = 5055;

export function parseAddr(value: string | undefined): { host: string; port: number } {
  if (!value) return { host: '127.0.0.1', port: DEFAULT_LISTEN_PORT };
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`--addr ${value}: use HOST:PORT, e.g. 127.0.0.1:${DEFAULT_LISTEN_PORT} (port 0 picks a free one)`);
  return { host: m[1] ?? m[2]!, port };
}

export const listenCommand: Command = {
  name: 'listen',
  summary: "Receive the registry's notification events (pushes, pulls, deletes) and store them",
  usage:
    'dockhand listen [--addr 127.0.0.1:PORT] [--token T | --token-file F] [--store sqlite:PATH|postgres://USER@HOST/DB] [--retention 90d] [--max-body BYTES]',
  options: {
    addr: { type: 'string' },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    store: { type: 'string' },
    retention: { type: 'string' },
    'max-body': { type: 'string' },
  },
  async run(args, ctx) {
    if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}: dockhand listen takes options only`);
    if (args.values.token && args.values['token-file']) throw new UsageError('give --token or --token-file, not both');
    const { host, port } = parseAddr(args.values.addr as string | undefined);
    const retention = args.values.retention ? parseDuration(String(args.values.retention)) : undefined;
    const maxBody = args.values['max-body'] ? Number(args.values['max-body']) : undefined;
    if (maxBody !== undefined && (!Number.isSafeInteger(maxBody) || maxBody < 1024)) throw new UsageError('--max-body: a number of bytes, at least 1024');
    let store;
    try {
      store = parseStoreSpec(args.values.store as string | undefined, ctx.env);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const ingestToken = (await resolveIngestToken({
      token: args.values.token as string | undefined,
      tokenFile: args.values['token-file'] as string | undefined,
      env: ctx.env,
      create: true,
    }))!;
    const log = (line: string) => ctx.stderr.write(`${new Date().toISOString()} ${line}\n`);
    const r = await startReceiver({ env: ctx.env, host, port, ingestToken, store, retentionMs: retention, maxBodyBytes: maxBody, log });
    const tokenHint = args.values.token
      ? 'the token you gave'
      : args.values['token-file']
        ? `the token in ${String(args.values['token-file'])}`
        : `the token in ${eventsFiles(eventsDir(ctx.env)).token}`;
    ctx.stderr.write(
      `Receiving registry events on http://${r.info.addr}/events (store ${r.info.store}; registry sends ${tokenHint}).\n` +
        `Configure the registry with: dockhand listen-config --url http://${r.info.addr}/events\nStop with Ctrl+C.\n`,
    );
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await r.close();
    ctx.stderr.write('Receiver stopped.\n');
    return 0;
  },
};
