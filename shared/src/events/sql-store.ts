// What the SQLite and PostgreSQL event stores share: every query but the insert, written once over
// `$1..$n` placeholders (PostgreSQL's; SQLite takes them as named parameters). A store supplies
// how to run a statement (rows, or the count of changed rows), its insert and its close.
import type { EventsQuery, StoredEvent, TagDates } from './api-types';
import { KEEP_SEQS_SQL, fromRow, tagDatesQuery, toTagDates, whereClause, type EventRow, type EventStore, type InsertResult, type TagDatesRow } from './store';
import type { NewEvent } from './validate';

export abstract class SqlEventStore implements EventStore {
  abstract readonly description: string;
  abstract insert(events: NewEvent[]): Promise<InsertResult>;
  abstract close(): Promise<void>;
  /** The rows a statement returns. */
  protected abstract all<R>(sql: string, params: unknown[]): Promise<R[]>;
  /** How many rows a statement changed. */
  protected abstract run(sql: string, params: unknown[]): Promise<number>;

  async query(q: EventsQuery & { afterSeq?: number }): Promise<StoredEvent[]> {
    const w = whereClause(q, (i) => `$${i}`);
    const order = q.afterSeq !== undefined ? 'ASC' : 'DESC';
    const rows = await this.all<EventRow>(`SELECT * FROM events ${w.sql} ORDER BY seq ${order} LIMIT ${w.limit}`, w.params);
    return rows.map(fromRow);
  }

  async tagDates(repository: string, registry?: string): Promise<TagDates[]> {
    const t = tagDatesQuery(repository, registry);
    return toTagDates(await this.all<TagDatesRow>(t.sql, t.params));
  }

  async oldest(): Promise<string | undefined> {
    const [r] = await this.all<{ ts: number | string | null }>('SELECT MIN(ts) AS ts FROM events', []);
    return r?.ts === null || r?.ts === undefined ? undefined : new Date(Number(r.ts)).toISOString();
  }

  async count(): Promise<number> {
    const [r] = await this.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM events', []);
    return Number(r?.n ?? 0);
  }

  compact(olderThan: Date): Promise<number> {
    return this.run(`DELETE FROM events WHERE ts < $1 AND seq NOT IN (${KEEP_SEQS_SQL})`, [olderThan.getTime()]);
  }
}

/** `$1..$n` values for better-sqlite3, which binds `$1` as the named parameter "1". */
export function numberedParams(params: unknown[]): Record<string, unknown> {
  return Object.fromEntries(params.map((v, i) => [String(i + 1), v]));
}
