/**
 * The small surface the SQL store needs from a database engine. One implementation per engine (SQLite through
 * better-sqlite3 here; PostgreSQL through pg later); the SQL itself is shared and written for both:
 * `$1..$n` placeholders, `INSERT ... ON CONFLICT`, `UPDATE ... RETURNING`, partial unique indexes.
 */

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

export interface SqlExecutor {
  /** Runs one statement with `$1..$n` placeholders and returns its rows (RETURNING rows for writes). */
  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs one statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type SqlDialect = 'sqlite' | 'postgres';

export interface SqlDriver extends SqlExecutor {
  readonly dialect: SqlDialect;
  /**
   * Runs `fn` in one write transaction: all or nothing, and no other work of this driver interleaves with it.
   * BIGINT columns must come back as JS numbers (the pg driver sets a type parser for int8).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Called first inside the migration transaction so that replicas starting together migrate one at a time
   * (PostgreSQL: pg_advisory_xact_lock; SQLite: BEGIN IMMEDIATE already serializes writers).
   */
  lockForMigration?(tx: SqlExecutor): Promise<void>;
  close(): Promise<void>;
}
