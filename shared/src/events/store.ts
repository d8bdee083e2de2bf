// The event store interface, with an SQLite (embedded default) and a PostgreSQL implementation.
// Both dedupe by the registry's event id and commit a batch in one transaction before returning.
import type { EventsQuery, StoredEvent, TagDates } from './api-types';
import type { NewEvent } from './validate';
import { dockhandUserAgentSql } from '../transport/user-agent';

export interface InsertResult {
  /** The newly stored events (with seq), in envelope order; duplicates are left out. */
  inserted: StoredEvent[];
  duplicates: number;
}

export interface EventStore {
  /** `sqlite:/path` or `postgres://host:port/db` (no password). */
  readonly description: string;
  insert(events: NewEvent[]): Promise<InsertResult>;
  query(q: EventsQuery & { afterSeq?: number }): Promise<StoredEvent[]>;
  /** Per-tag dates in one repository; with `registry` (host[:port]) only that registry's events. */
  tagDates(repository: string, registry?: string): Promise<TagDates[]>;
  /** The oldest event time held, if any. */
  oldest(): Promise<string | undefined>;
  count(): Promise<number>;
  /** Deletes events older than the cut-off, keeping the newest push and pull per tag and per digest. */
  compact(olderThan: Date): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 1000;

/** One row as both stores return it (snake_case columns). */
export interface EventRow {
  seq: number | string;
  id: string;
  ts: number | string;
  received: number | string;
  action: string;
  repository: string;
  tag: string | null;
  digest: string | null;
  media_type: string | null;
  size: number | string | null;
  from_repository: string | null;
  url: string | null;
  actor: string | null;
  request_addr: string | null;
  request_host: string | null;
  request_method: string | null;
  user_agent: string | null;
  request_id: string | null;
  source_addr: string | null;
  source_instance: string | null;
}

export const COLUMNS = [
  'id',
  'ts',
  'received',
  'action',
  'repository',
  'tag',
  'digest',
  'media_type',
  'size',
  'from_repository',
  'url',
  'actor',
  'request_addr',
  'request_host',
  'request_method',
  'user_agent',
  'request_id',
  'source_addr',
  'source_instance',
] as const;

export function toRowValues(e: NewEvent, received: number): (string | number | null)[] {
  return [
    e.id,
    Date.parse(e.timestamp),
    received,
    e.action,
    e.repository,
    e.tag ?? null,
    e.digest ?? null,
    e.mediaType ?? null,
    e.size ?? null,
    e.fromRepository ?? null,
    e.url ?? null,
    e.actor ?? null,
    e.requestAddr ?? null,
    e.requestHost ?? null,
    e.requestMethod ?? null,
    e.userAgent ?? null,
    e.requestId ?? null,
    e.sourceAddr ?? null,
    e.sourceInstanceId ?? null,
  ];
}

export function fromRow(r: EventRow): StoredEvent {
  const e: StoredEvent = {
    seq: Number(r.seq),
    id: r.id,
    timestamp: new Date(Number(r.ts)).toISOString(),
    receivedAt: new Date(Number(r.received)).toISOString(),
    action: r.action as StoredEvent['action'],
    repository: r.repository,
  };
  const opt: [keyof StoredEvent, unknown][] = [
    ['tag', r.tag],
    ['digest', r.digest],
    ['mediaType', r.media_type],
    ['size', r.size === null ? null : Number(r.size)],
    ['fromRepository', r.from_repository],
    ['url', r.url],
    ['actor', r.actor],
    ['requestAddr', r.request_addr],
    ['requestHost', r.request_host],
    ['requestMethod', r.request_method],
    ['userAgent', r.user_agent],
    ['requestId', r.request_id],
    ['sourceAddr', r.source_addr],
    ['sourceInstanceId', r.source_instance],
  ];
  for (const [k, v] of opt) if (v !== null && v !== undefined) (e as unknown as Record<string, unknown>)[k] = v;
  return e;
}

/** `text` lower-cased with LIKE's own wildcards escaped (for `LIKE ... ESCAPE '\\'`). */
export function escapeLike(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The columns the free-text filter searches (what the Activity views show). */
const TEXT_COLUMNS = ['tag', 'digest', 'actor', 'request_addr', 'user_agent', 'repository', 'request_host', 'url'];

/** SQL WHERE parts for a query; `p(i)` renders the i-th placeholder. */
export function whereClause(q: EventsQuery & { afterSeq?: number }, p: (i: number) => string): { sql: string; params: (string | number)[]; limit: number } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  const add = (cond: (ph: string) => string, v: string | number) => {
    params.push(v);
    parts.push(cond(p(params.length)));
  };
  if (q.repo) add((ph) => `repository = ${ph}`, q.repo);
  if (q.since) add((ph) => `ts >= ${ph}`, Date.parse(q.since));
  if (q.until) add((ph) => `ts < ${ph}`, Date.parse(q.until));
  if (q.action) add((ph) => `action = ${ph}`, q.action);
  if (q.before !== undefined) add((ph) => `seq < ${ph}`, q.before);
  if (q.afterSeq !== undefined) add((ph) => `seq > ${ph}`, q.afterSeq);
  if (q.text) add((ph) => `(${TEXT_COLUMNS.map((c) => `lower(${c}) LIKE ${ph} ESCAPE '\\'`).join(' OR ')})`, `%${escapeLike(q.text.slice(0, 200))}%`);
  if (!q.blobs) parts.push(`(tag IS NOT NULL OR action = 'delete' OR media_type IS NULL OR media_type LIKE '%manifest%' OR media_type LIKE '%index%')`);
  const limit = Math.min(Math.max(1, Math.floor(q.limit ?? DEFAULT_LIMIT)), MAX_LIMIT);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params, limit };
}

/**
 * Tag dates from the newest push per tag and the newest pull per tag and per digest (same SQL on both
 * stores, placeholders $1..$4). With a registry host, only that registry's events count (the host of
 * the event's URL, else the request's Host): two registries may hold the same repository name.
 * Pulls by Dockhand's own User-Agent (its tag lists, inspect, manifest reads) are not pulls.
 */
export function tagDatesQuery(repository: string, registry?: string): { sql: string; params: string[] } {
  const params = [repository];
  let mine = `repository = $1`;
  if (registry) {
    const host = registry.toLowerCase();
    params.push(`http://${escapeLike(host)}/%`, `https://${escapeLike(host)}/%`, host);
    mine += ` AND (lower(url) LIKE $2 ESCAPE '\\' OR lower(url) LIKE $3 ESCAPE '\\' OR (url IS NULL AND lower(request_host) = $4))`;
  }
  const pull = `${mine} AND action = 'pull' AND NOT ${dockhandUserAgentSql('user_agent')}`;
  const sql = `WITH pushes AS (
      SELECT tag, digest, ts, ROW_NUMBER() OVER (PARTITION BY tag ORDER BY ts DESC, seq DESC) AS rn
      FROM events WHERE ${mine} AND action = 'push' AND tag IS NOT NULL),
    latest AS (SELECT tag, digest, ts FROM pushes WHERE rn = 1),
    tagpulls AS (SELECT tag, MAX(ts) AS ts FROM events WHERE ${pull} AND tag IS NOT NULL GROUP BY tag),
    digestpulls AS (SELECT digest, MAX(ts) AS ts FROM events WHERE ${pull} AND digest IS NOT NULL GROUP BY digest),
    names AS (SELECT tag FROM latest UNION SELECT tag FROM tagpulls)
    SELECT n.tag AS tag, l.digest AS digest, l.ts AS pushed, tp.ts AS tagpull, dp.ts AS digestpull
    FROM names n LEFT JOIN latest l ON l.tag = n.tag LEFT JOIN tagpulls tp ON tp.tag = n.tag
    LEFT JOIN digestpulls dp ON dp.digest = l.digest ORDER BY n.tag`;
  return { sql, params };
}

export type TagDatesRow = { tag: string; digest: string | null; pushed: number | string | null; tagpull: number | string | null; digestpull: number | string | null };

export function toTagDates(rows: TagDatesRow[]): TagDates[] {
  const iso = (v: number | string | null) => (v === null || v === undefined ? undefined : new Date(Number(v)).toISOString());
  return rows.map((r) => {
    const pulls = [r.tagpull, r.digestpull].filter((v) => v !== null && v !== undefined).map(Number);
    const t: TagDates = { tag: r.tag };
    if (r.digest) t.digest = r.digest;
    const pushed = iso(r.pushed);
    if (pushed) t.pushedAt = pushed;
    if (pulls.length) t.lastPulled = iso(Math.max(...pulls));
    return t;
  });
}

/** Rows to keep at compaction: the newest push and pull per (repository, tag) and per (repository, digest). */
export const KEEP_SEQS_SQL = `SELECT MAX(seq) FROM events WHERE action IN ('push','pull') AND tag IS NOT NULL GROUP BY repository, tag, action
  UNION SELECT MAX(seq) FROM events WHERE action IN ('push','pull') AND digest IS NOT NULL GROUP BY repository, digest, action`;

/** The indexes both stores create (queries by repository, by time, tag dates). */
export const INDEXES_SQL = `CREATE INDEX events_repo_seq ON events (repository, seq);
  CREATE INDEX events_ts ON events (ts);
  CREATE INDEX events_repo_tag ON events (repository, action, tag, ts);
  CREATE INDEX events_repo_digest ON events (repository, action, digest, ts);`;
