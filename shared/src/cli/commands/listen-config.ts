// `dockhand listen-config [--url URL] [--token T | --token-file F] [--no-pulls] [--blobs] [--target 2.8|3.0|3.1]`:
// prints the registry's notifications: block for `dockhand listen`.
import { UsageError, type Command } from '../command';
import { resolveIngestToken } from '../../events/ingest-token';
import { findReceiver } from '../../events/events-client';
import { NOTIFICATION_TARGETS, notificationsBlock, type NotificationsTarget } from '../../events/notifications-config';
import { DEFAULT_LISTEN_PORT } from './listen';

export const listenConfigCommand: Command = {
  name: 'listen-config',
  summary: 'Print the registry config notifications: block that sends events to dockhand listen',
  usage: 'dockhand listen-config [--url http://127.0.0.1:PORT/events] [--token T | --token-file F] [--no-pulls] [--blobs] [--target 2.8|3.0|3.1]',
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    'no-pulls': { type: 'boolean' },
    blobs: { type: 'boolean' },
    target: { type: 'string' },
  },
  async run(args, ctx) {
    if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}`);
    const target = (args.values.target as string | undefined) ?? '3.1';
    if (!NOTIFICATION_TARGETS.includes(target as NotificationsTarget)) throw new UsageError(`--target ${target}: use ${NOTIFICATION_TARGETS.join(', ')}`);
    if (args.values.token && args.values['token-file']) throw new UsageError('give --token or --token-file, not both');
    const token = await resolveIngestToken({
      token: args.values.token as string | undefined,
      tokenFile: args.values['token-file'] as string | undefined,
      env: ctx.env,
      create: true,
    });
    let url = args.values.url as string | undefined;
    if (!url) {
      const running = await findReceiver(ctx.env);
      url = `http://${running?.addr ?? `127.0.0.1:${DEFAULT_LISTEN_PORT}`}/events`;
    }
    let text: string;
    try {
      text = notificationsBlock({
        url,
        token: token!,
        noPulls: Boolean(args.values['no-pulls']),
        blobs: Boolean(args.values.blobs),
        target: target as NotificationsTarget,
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    ctx.stdout.write(text);
    return 0;
  },
};
