// The embedded event store: one SQLite file in WAL mode with synchronous=NORMAL: a batch is
// committed to the WAL before the receiver answers 200, so a killed receiver loses nothing it
// acknowledged (a power cut may lose the last commits; FULL cost an fsync per envelope, too slow
// for a 10,000-event burst on a loaded machine). Schema versions are migrated in order at open.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoredEvent } from './api-types';
import { loadSqlite, type SqliteDatabase } from './native-sqlite';
import { SqlEventStore, numberedParams } from './sql-store';
import { COLUMNS, INDEXES_SQL, fromRow, toRowValues, type EventRow, type InsertResult } from './store';
import type { NewEvent } from './validate';

const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL, received INTEGER NOT NULL,
     action TEXT NOT NULL, repository TEXT NOT NULL, tag TEXT, digest TEXT, media_type TEXT, size INTEGER,
     from_repository TEXT, url TEXT, actor TEXT, request_addr TEXT, request_host TEXT, request_method TEXT,
     user_agent TEXT, request_id TEXT, source_addr TEXT, source_instance TEXT);`,
  INDEXES_SQL,
];

export async function openSqliteStore(path: string, opts: { readonly?: boolean } = {}): Promise<SqlEventStore> {
  const Database = await loadSqlite();
  if (!opts.readonly) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const ro = Boolean(opts.readonly);
  const db = new Database(path, { readonly: ro, fileMustExist: ro, timeout: 10_000 });
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteStore(db, path);
}

function migrate(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > MIGRATIONS.length)
    throw new Error(`the events database was written by a newer Dockhand (schema ${current}; this one knows ${MIGRATIONS.length}): update Dockhand`);
  db.transaction(() => {
    for (let v = current; v < MIGRATIONS.length; v++) {
      db.exec(MIGRATIONS[v]!);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(v + 1);
    }
  })();
}

class SqliteStore extends SqlEventStore {
  readonly description: string;
  private readonly insertStmt;
  private readonly byId;
  constructor(
    private readonly db: SqliteDatabase,
    path: string,
  ) {
    super();
    this.description = `sqlite:${path}`;
    this.insertStmt = db.prepare(`INSERT OR IGNORE INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    this.byId = db.prepare('SELECT * FROM events WHERE seq = ?');
  }

  insert(events: NewEvent[]): Promise<InsertResult> {
    const received = Date.now();
    const run = this.db.transaction((batch: NewEvent[]) => {
      const inserted: StoredEvent[] = [];
      let duplicates = 0;
      for (const e of batch) {
        const r = this.insertStmt.run(...toRowValues(e, received));
        if (r.changes === 0) duplicates++;
        else inserted.push(fromRow(this.byId.get(r.lastInsertRowid) as EventRow));
      }
      return { inserted, duplicates };
    });
    return Promise.resolve(run(events));
  }

  protected all<R>(sql: string, params: unknown[]): Promise<R[]> {
    return Promise.resolve(this.db.prepare(sql).all(numberedParams(params)) as R[]);
  }

  protected run(sql: string, params: unknown[]): Promise<number> {
    return Promise.resolve(this.db.prepare(sql).run(numberedParams(params)).changes);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
