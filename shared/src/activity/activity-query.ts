// The Activity views' filters (both front ends): which events to list, checked once here so
// the extension host and the desktop main process refuse the same bad input the same way.
// Pure: no I/O; unit-tested in Node (activity-query.test.ts).

export const ACTIVITY_ACTIONS = ['push', 'pull', 'delete', 'mount'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** One registry event as the Activity views show it. */
export interface ActivityEvent {
  id: string;
  /** ISO 8601 time the registry gave the event. */
  time: string;
  action: string;
  /** Registry host the event came from ("127.0.0.1:5000"), when known. */
  registry?: string;
  repository: string;
  tag?: string;
  digest?: string;
  mediaType?: string;
  actor?: string;
  /** Address of the client that made the request. */
  sourceAddr?: string;
  userAgent?: string;
}

/** What the user typed into the filter bar. Every field optional. */
export interface ActivityFilter {
  repository?: string;
  action?: string;
  /** "15m", "2h", "7d", "2w", or an ISO date. */
  since?: string;
  /** Free text matched against tag, digest, actor, address and user agent. */
  text?: string;
  limit?: number;
}

export interface ActivityQuery {
  repository?: string;
  action?: ActivityAction;
  /** ISO 8601. */
  since?: string;
  text?: string;
  limit: number;
}

export class ActivityFilterError extends Error {
  override name = 'ActivityFilterError';
}

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 5000;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "2h" -> ISO time two hours before `now`; an ISO date stays (normalized); empty -> undefined. */
export function parseSince(text: string | undefined, now = Date.now()): string | undefined {
  const t = (text ?? '').trim();
  if (!t) return undefined;
  const m = /^(\d{1,6})\s*([mhdw])$/i.exec(t);
  if (m) return new Date(now - Number(m[1]) * UNIT_MS[m[2].toLowerCase()]).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(t);
    if (!Number.isNaN(ms)) return new Date(ms).toISOString();
  }
  throw new ActivityFilterError(`Since: "${t.slice(0, 40)}" is not a time; write 15m, 2h, 7d, 2w or a date like 2026-11-28.`);
}

/** The filter checked and normalized; throws ActivityFilterError naming the field at fault. */
export function toActivityQuery(filter: ActivityFilter, now = Date.now()): ActivityQuery {
  const q: ActivityQuery = { limit: DEFAULT_LIMIT };
  const repo = (filter.repository ?? '').trim().replace(/^\/+/, '');
  if (repo) {
    if (repo.length > 255 || !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(repo)) {
      throw new ActivityFilterError(`Repository: "${repo.slice(0, 80)}" is not a repository name (lower-case, like team/app).`);
    }
    q.repository = repo;
  }
  const action = (filter.action ?? '').trim().toLowerCase();
  if (action) {
    if (!(ACTIVITY_ACTIONS as readonly string[]).includes(action))
      throw new ActivityFilterError(`Action: "${action.slice(0, 20)}" is not one of ${ACTIVITY_ACTIONS.join(', ')}.`);
    q.action = action as ActivityAction;
  }
  const since = parseSince(filter.since, now);
  if (since) q.since = since;
  const text = (filter.text ?? '').trim();
  if (text) q.text = text.slice(0, 200).toLowerCase();
  if (filter.limit !== undefined) {
    if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > MAX_LIMIT)
      throw new ActivityFilterError(`Limit: give a whole number from 1 to ${MAX_LIMIT}.`);
    q.limit = filter.limit;
  }
  return q;
}

/** Whether an event passes the free-text part of a query (the receiver applies the rest). */
export function matchesText(ev: ActivityEvent, text: string | undefined): boolean {
  if (!text) return true;
  return [ev.tag, ev.digest, ev.actor, ev.sourceAddr, ev.userAgent, ev.repository, ev.registry].some((v) => !!v && v.toLowerCase().includes(text));
}

/** Tag, else the short digest, for a table cell. */
export function eventTarget(ev: Pick<ActivityEvent, 'tag' | 'digest'>): string {
  if (ev.tag) return ev.tag;
  if (ev.digest) return ev.digest.length > 19 ? `${ev.digest.slice(0, 19)}…` : ev.digest;
  return '';
}

/** Actions that change what a repository holds: the trees and tag lists reload on them. */
export function changesRepository(action: string): boolean {
  return action === 'push' || action === 'delete' || action === 'mount';
}

/** The repositories a batch of events changed, once each: `${registry}|${repository}` keys with their parts. */
export function changedRepositories(events: readonly ActivityEvent[]): Array<{ registry?: string; repository: string }> {
  const seen = new Map<string, { registry?: string; repository: string }>();
  for (const ev of events) {
    if (!changesRepository(ev.action) || !ev.repository) continue;
    const key = `${ev.registry ?? ''}|${ev.repository}`;
    if (!seen.has(key)) seen.set(key, { ...(ev.registry ? { registry: ev.registry } : {}), repository: ev.repository });
  }
  return [...seen.values()];
}
