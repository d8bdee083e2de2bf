// `dockhand events [--repo R] [--since 24h|DATE] [--action push|pull|mount|delete] [--limit N] [--blobs] [--json]`:
// the registry events `dockhand listen` stored, newest first (from the running receiver, else the SQLite file).
import { UsageError, printJson, type Command } from '../command';
import { parseDuration } from '../../cleanup/duration';
import { EVENT_ACTIONS, type EventAction, type EventsQuery, type StoredEvent } from '../../events/api-types';
import { readFromEvents } from '../../events/read-source';

export function parseSince(value: string, now = Date.now()): string {
  if (/^\d{4}-\d\d-\d\d/.test(value)) {
    const t = Date.parse(value);
    if (Number.isNaN(t)) throw new UsageError(`--since ${value} is not a date`);
    return new Date(t).toISOString();
  }
  try {
    return new Date(now - parseDuration(value)).toISOString();
  } catch {
    throw new UsageError(`--since ${value}: give a duration (24h, 7d) or a date (2026-01-31 or 2026-01-31T12:00:00Z)`);
  }
}

export async function readEvents(q: EventsQuery, env: NodeJS.ProcessEnv, storeArg?: string): Promise<{ events: StoredEvent[]; source: string }> {
  const r = await readFromEvents({
    env,
    storeArg,
    missing: (path) => `no events yet: ${path} does not exist (start the receiver with \`dockhand listen\`)`,
    viaReceiver: async (c) => (await c.listEvents(q)).events,
    viaStore: (s) => s.query(q),
  });
  return { events: r.value, source: r.source };
}

const short = (d?: string) => (d ? d.replace(/^(sha256:)?([0-9a-f]{12})[0-9a-f]*$/, '$1$2') : '');

export const eventsCommand: Command = {
  name: 'events',
  summary: 'List the registry events dockhand listen received (pushes, pulls, mounts, deletes)',
  usage: 'dockhand events [--repo R] [--since 24h|DATE] [--action push|pull|mount|delete] [--limit N] [--blobs] [--store sqlite:PATH|postgres://…] [--json]',
  options: {
    repo: { type: 'string' },
    since: { type: 'string' },
    action: { type: 'string' },
    limit: { type: 'string' },
    blobs: { type: 'boolean' },
    store: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, ctx) {
    if (args.positionals.length) throw new UsageError(`unexpected argument ${args.positionals[0]}: use --repo`);
    const q: EventsQuery = {};
    if (args.values.repo) q.repo = String(args.values.repo);
    if (args.values.since) q.since = parseSince(String(args.values.since));
    if (args.values.action) {
      if (!EVENT_ACTIONS.includes(args.values.action as EventAction)) throw new UsageError(`--action: use ${EVENT_ACTIONS.join(', ')}`);
      q.action = args.values.action as EventAction;
    }
    if (args.values.limit) {
      const n = Number(args.values.limit);
      if (!Number.isSafeInteger(n) || n < 1 || n > 1000) throw new UsageError('--limit: a number from 1 to 1000');
      q.limit = n;
    }
    if (args.values.blobs) q.blobs = true;
    const { events } = await readEvents(q, ctx.env, args.values.store as string | undefined);
    if (args.values.json) {
      printJson(ctx, events);
      return 0;
    }
    if (!events.length) {
      ctx.stdout.write('No events match.\n');
      return 0;
    }
    const rows = events.map((e) => [
      e.timestamp.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      e.action,
      e.repository,
      e.tag ?? short(e.digest),
      e.actor ?? '-',
      e.requestAddr ?? '-',
      e.userAgent ?? '-',
    ]);
    const head = ['TIME', 'ACTION', 'REPOSITORY', 'TAG/DIGEST', 'ACTOR', 'ADDRESS', 'USER AGENT'];
    const widths = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
    for (const r of [head, ...rows]) ctx.stdout.write(r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ') + '\n');
    return 0;
  },
};
