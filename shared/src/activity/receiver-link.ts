// Binds ReceiverSession to the receiver's own client (shared/src/events: events-client over
// loopback HTTP, receiver.json, the kept ingest token). No SQLite: this runs in the extension
// host and the desktop main process.
import { EventsClient, findReceiver } from '../events/events-client';
import { resolveIngestToken } from '../events/ingest-token';
import type { StoredEvent } from '../events/api-types';
import { notificationsBlock, type NotificationsTarget } from '../events/notifications-config';
import type { ActivityEvent } from './activity-query';
import type { ReceiverEndpoint, ReceiverLink } from './receiver-session';

/** The registry host an event came from: the host of its URL, else the request's Host. */
export function eventRegistry(e: Pick<StoredEvent, 'url' | 'requestHost'>): string | undefined {
  if (e.url) {
    try {
      return new URL(e.url).host;
    } catch {
      /* not a URL: fall back */
    }
  }
  return e.requestHost || undefined;
}

export function toActivityEvent(e: StoredEvent): ActivityEvent {
  const registry = eventRegistry(e);
  return {
    id: e.id,
    time: e.timestamp,
    action: e.action,
    repository: e.repository,
    ...(registry ? { registry } : {}),
    ...(e.tag ? { tag: e.tag } : {}),
    ...(e.digest ? { digest: e.digest } : {}),
    ...(e.mediaType ? { mediaType: e.mediaType } : {}),
    ...(e.actor ? { actor: e.actor } : {}),
    ...(e.requestAddr ? { sourceAddr: e.requestAddr } : {}),
    ...(e.userAgent ? { userAgent: e.userAgent } : {}),
  };
}

const client = (ep: ReceiverEndpoint) =>
  new EventsClient({ addr: ep.addr, clientToken: ep.clientToken, pid: ep.pid ?? 0, store: ep.store ?? '', startedAt: '' });

export const receiverLink: ReceiverLink = {
  ingestPath: '/events',
  ingestToken: (env) => resolveIngestToken({ env, create: true }).then((t) => t!),
  async findRunning(env) {
    const info = await findReceiver(env);
    if (!info) return undefined;
    const ingestToken = await resolveIngestToken({ env, create: false }).catch(() => undefined);
    return { addr: info.addr, clientToken: info.clientToken, pid: info.pid, store: info.store, ...(ingestToken ? { ingestToken } : {}) };
  },
  async alive(ep, signal) {
    try {
      return (await client(ep).health({ signal, timeoutMs: 5000 })).ok === true;
    } catch {
      return false;
    }
  },
  async events(ep, q, signal) {
    // The receiver filters (text included) before its limit; pages of up to 1000 until q.limit rows.
    const out: ActivityEvent[] = [];
    let before: number | undefined;
    do {
      const query = { repo: q.repository, since: q.since, action: q.action, text: q.text, limit: Math.min(q.limit - out.length, 1000), before };
      const page = await client(ep).listEvents(query, { signal });
      out.push(...page.events.map(toActivityEvent));
      before = page.nextBefore;
    } while (before !== undefined && out.length < q.limit);
    return out;
  },
  follow(ep, onEvent, signal, onState) {
    return new Promise<void>((resolve) => {
      const sub = client(ep).subscribe({
        onEvent: (e) => onEvent(toActivityEvent(e)),
        onStatus: (s, err) => {
          onState?.(s === 'open', err);
          if (s === 'closed') resolve();
        },
      });
      signal.addEventListener('abort', () => sub.close(), { once: true });
    });
  },
  async tagUsage(ep, repository, registry, signal) {
    const r = await client(ep).tagDates(repository, { signal, registry });
    return r.tags.map((t) => ({ tag: t.tag, ...(t.pushedAt ? { pushedAt: t.pushedAt } : {}), ...(t.lastPulled ? { lastPulled: t.lastPulled } : {}) }));
  },
  async shutdown(ep) {
    // No shutdown endpoint: the receiver stops cleanly on SIGTERM. Only a pid the receiver itself reports.
    const health = await client(ep).health({ timeoutMs: 5000 });
    if (health.pid !== ep.pid) throw new Error('The receiver does not answer as the process receiver.json names; not stopping it.');
    process.kill(health.pid, 'SIGTERM');
  },
};

/** The `notifications:` block for a receiver (events-core's generator), for the registry version the config is for. */
export function notificationsBlockFor(o: { url: string; token: string; pulls: boolean; target?: NotificationsTarget }): string {
  return notificationsBlock({ url: o.url, token: o.token, noPulls: !o.pulls, target: o.target });
}
