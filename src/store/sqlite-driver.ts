/**
 * SqlDriver over better-sqlite3. The database file's directory is created; WAL mode and a busy timeout let two
 * connections (two processes, or a test's "restart") share one file, with SQLite serializing writers so the
 * store's conditional updates stay exactly-once across them. Within one process, every connection to the same file
 * runs its calls through one queue: an async transaction never interleaves with other work, and a second
 * connection never spins on the busy timeout (which blocks the event loop) while the first holds the write lock.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

function namedParams(params: readonly SqlValue[] | undefined): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  params?.forEach((value, index) => {
    out[String(index + 1)] = value === undefined ? null : value;
  });
  return out;
}

/** One queue per database file in this process (a private queue for ":memory:"). */
class WorkQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
  idle(): Promise<unknown> {
    return this.tail;
  }
}
const queues = new Map<string, { queue: WorkQueue; users: number }>();

export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly queue: WorkQueue;
  private readonly queueKey: string | undefined;
  private closed = false;
  private readonly direct: SqlExecutor;

  /** `path` is a file path or ":memory:". */
  constructor(readonly path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('foreign_keys = ON');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new StoreOpenError(`cannot open SQLite database at ${path} (DATABASE_URL): ${message}`);
    }
    this.queueKey = path === ':memory:' ? undefined : resolve(path);
    if (this.queueKey) {
      const shared = queues.get(this.queueKey) ?? { queue: new WorkQueue(), users: 0 };
      shared.users += 1;
      queues.set(this.queueKey, shared);
      this.queue = shared.queue;
    } else {
      this.queue = new WorkQueue();
    }
    const db = this.db;
    this.direct = {
      async query<T extends SqlRow>(sql: string, params?: readonly SqlValue[]) {
        const statement = db.prepare(sql);
        if (!statement.reader) {
          statement.run(namedParams(params));
          return [] as T[];
        }
        return statement.all(namedParams(params)) as T[];
      },
      async run(sql: string, params?: readonly SqlValue[]) {
        return db.prepare(sql).run(namedParams(params)).changes;
      },
      async exec(sql: string) {
        db.exec(sql);
      },
    };
  }

  /** Runs `work` after everything queued before it; the queue survives failures. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    return this.queue.run(work);
  }

  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.serialize(() => this.direct.query<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serialize(() => this.direct.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.serialize(() => this.direct.exec(sql));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.serialize(async () => {
      // IMMEDIATE takes the write lock up front: two connections never both read then fail to upgrade.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.idle();
    this.db.close();
    if (this.queueKey) {
      const shared = queues.get(this.queueKey);
      if (shared && --shared.users <= 0) queues.delete(this.queueKey);
    }
  }
}
