// Loads N registry-shaped push events into an event store's table in one SQL statement (SQLite: a
// recursive CTE; PostgreSQL: generate_series), after Dockhand created the schema. The benchmark's
// million events are loaded this way (stated in its rows): through the HTTP path they would take
// longer than the bench may run on a loaded 2-core machine; the burst rows measure that path.
import type { StoreSpec } from '../../shared/src/events/open-store';
import { loadSqlite } from '../../shared/src/events/native-sqlite';

const PG = 'pg'; // untyped here, as in postgres-store.ts
type PgModule = { Pool: new (cfg: Record<string, unknown>) => { query(sql: string): Promise<unknown>; end(): Promise<void> } };

const BASE_MS = Date.UTC(2026, 0, 1);

/** The event columns as SQL expressions of the row number `n` (same for both engines but the string functions). */
function columns(n: string, hex: (n: string) => string, repos: number): string {
  return [
    `'fill-' || ${n}`,
    `${BASE_MS} + ${n} * 1000`,
    `${Date.now()}`,
    `'push'`,
    `'team/r' || (${n} % ${repos})`,
    `'t' || ${n}`,
    `'sha256:' || ${hex(n)}`,
    `'application/vnd.docker.distribution.manifest.v2+json'`,
    `528`,
    `NULL`,
    `'http://127.0.0.1:5000/v2/team/r' || (${n} % ${repos}) || '/manifests/t' || ${n}`,
    `'alice'`,
    `'127.0.0.1:40000'`,
    `'127.0.0.1:5000'`,
    `'PUT'`,
    `'skopeo/1.9.3'`,
    `'req-' || ${n}`,
    `'registry:5000'`,
    `'inst-1'`,
  ].join(', ');
}

const COLS =
  'id, ts, received, action, repository, tag, digest, media_type, size, from_repository, url, actor, request_addr, request_host, request_method, user_agent, request_id, source_addr, source_instance';

export async function bulkFill(spec: StoreSpec, total: number, repos: number): Promise<void> {
  if (spec.kind === 'sqlite') {
    const Database = await loadSqlite();
    const db = new Database(spec.path, { timeout: 10_000 });
    try {
      db.exec(
        `WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${total - 1})
         INSERT INTO events (${COLS}) SELECT ${columns('n', (x) => `printf('%064x', ${x})`, repos)} FROM seq`,
      );
    } finally {
      db.close();
    }
    return;
  }
  const mod = (await import(PG)) as PgModule & { default?: PgModule };
  const pool = new (mod.default ?? mod).Pool({ connectionString: spec.url, max: 1 });
  try {
    await pool.query(
      `INSERT INTO events (${COLS}) SELECT ${columns('n', (x) => `lpad(to_hex(${x}), 64, '0')`, repos)} FROM generate_series(0, ${total - 1}) AS n`,
    );
    await pool.query('ANALYZE events');
  } finally {
    await pool.end();
  }
}
