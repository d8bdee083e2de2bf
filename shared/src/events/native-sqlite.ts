// Loads better-sqlite3, the optional native SQLite binding, with a clear error when it is missing.
// Only the receiver process and the CLI load it: an extension host or Electron (other Node ABIs)
// never does (they use events-client.ts over HTTP).
/** The part of better-sqlite3's API the store uses. */
export interface SqliteStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(sql: string, opts?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}
type SqliteConstructor = new (path: string, opts?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => SqliteDatabase;

export class SqliteUnavailableError extends Error {
  override name = 'SqliteUnavailableError';
}

let cached: SqliteConstructor | undefined;

const MODULE = 'better-sqlite3';

export async function loadSqlite(): Promise<SqliteConstructor> {
  if (cached) return cached;
  try {
    const mod = (await import(MODULE)) as { default?: SqliteConstructor } & SqliteConstructor;
    cached = mod.default ?? mod;
    return cached;
  } catch (err) {
    const detail = (err as Error).message.split('\n')[0];
    throw new SqliteUnavailableError(
      `the SQLite binding (better-sqlite3, an optional dependency) cannot be loaded: ${detail}. ` +
        "Install it with `npm install better-sqlite3` in Dockhand's folder (it builds from source: needs python3, make and g++), " +
        'or use a PostgreSQL store: --store postgres://USER@HOST/DB',
    );
  }
}
