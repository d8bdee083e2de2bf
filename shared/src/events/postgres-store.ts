// The shared event store on PostgreSQL (for several registry replicas or receivers): the schema is
// created and migrated here under an advisory lock, and events are deduplicated by their id
// (ON CONFLICT DO NOTHING), so two receivers may take the same envelope.
import type { StoredEvent } from './api-types';
import { SqlEventStore } from './sql-store';
import { COLUMNS, INDEXES_SQL, fromRow, toRowValues, type EventRow, type InsertResult } from './store';
import type { NewEvent } from './validate';

interface PgResult<R> {
  rows: R[];
  rowCount: number | null;
}
interface PgClient {
  query<R = unknown>(sql: string, params?: unknown[]): Promise<PgResult<R>>;
  release(): void;
}
interface PgPool {
  connect(): Promise<PgClient>;
  query<R = unknown>(sql: string, params?: unknown[]): Promise<PgResult<R>>;
  end(): Promise<void>;
  on(ev: 'error', fn: (err: Error) => void): void;
}
type PgModule = { Pool: new (cfg: Record<string, unknown>) => PgPool; types?: { setTypeParser(oid: number, fn: (v: string) => unknown): void } };

const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, ts BIGINT NOT NULL, received BIGINT NOT NULL,
     action TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT, digest TEXT, media_type TEXT, size BIGINT,
     from_repository TEXT, url TEXT, actor TEXT, request_addr TEXT, request_host TEXT, request_method TEXT,
     user_agent TEXT, request_id TEXT, source_addr TEXT, source_instance TEXT);`,
  INDEXES_SQL,
];
const MIGRATION_LOCK = 0x646f636b; // "dock"
const ROWS_PER_STATEMENT = 500;
const MODULE = 'pg';

export async function openPostgresStore(url: string): Promise<SqlEventStore> {
  let mod: PgModule;
  try {
    const m = (await import(MODULE)) as PgModule & { default?: PgModule };
    mod = m.default ?? m;
  } catch (err) {
    throw new Error(
      `the PostgreSQL client (the pg package) cannot be loaded: ${(err as Error).message.split('\n')[0]}; reinstall Dockhand's dependencies (npm ci)`,
    );
  }
  const pool = new mod.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 15_000, statement_timeout: 60_000, application_name: 'dockhand-events' });
  pool.on('error', () => {
    /* an idle client died; the pool replaces it */
  });
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw new Error(`cannot prepare the PostgreSQL event store: ${(err as Error).message}`);
  }
  const u = new URL(url);
  u.password = '';
  u.search = '';
  return new PostgresStore(pool, u.toString());
}

/** Runs `fn` in one transaction on one pooled connection: COMMIT after it, ROLLBACK if it throws. */
async function inTransaction<T>(pool: PgPool, fn: (c: PgClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

async function migrate(pool: PgPool): Promise<void> {
  await inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query('CREATE TABLE IF NOT EXISTS dockhand_schema_version (version INTEGER NOT NULL)');
    const r = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM dockhand_schema_version');
    const current = r.rows[0]?.v ?? 0;
    if (current > MIGRATIONS.length)
      throw new Error(`the database was written by a newer Dockhand (schema ${current}; this one knows ${MIGRATIONS.length}): update Dockhand`);
    for (let v = current; v < MIGRATIONS.length; v++) {
      await c.query(MIGRATIONS[v]!);
      await c.query('INSERT INTO dockhand_schema_version (version) VALUES ($1)', [v + 1]);
    }
  });
}

class PostgresStore extends SqlEventStore {
  constructor(
    private readonly pool: PgPool,
    readonly description: string,
  ) {
    super();
  }

  async insert(events: NewEvent[]): Promise<InsertResult> {
    if (!events.length) return { inserted: [], duplicates: 0 };
    const received = Date.now();
    const inserted: StoredEvent[] = [];
    await inTransaction(this.pool, async (c) => {
      for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
        const chunk = events.slice(i, i + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        const tuples = chunk.map((e) => {
          const vals = toRowValues(e, received);
          const base = params.length;
          params.push(...vals);
          return `(${vals.map((_, j) => `$${base + j + 1}`).join(', ')})`;
        });
        const r = await c.query<EventRow>(
          `INSERT INTO events (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING *`,
          params,
        );
        inserted.push(...r.rows.map(fromRow));
      }
    });
    inserted.sort((a, b) => a.seq - b.seq);
    return { inserted, duplicates: events.length - inserted.length };
  }

  protected async all<R>(sql: string, params: unknown[]): Promise<R[]> {
    return (await this.pool.query<R>(sql, params)).rows;
  }

  protected async run(sql: string, params: unknown[]): Promise<number> {
    return (await this.pool.query(sql, params)).rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
