/**
 * SqlDriver over PostgreSQL (pg Pool), for N replicas sharing one database (DESIGN section 7). The SQL and the
 * migrations are the SQLite ones: `$n` placeholders, ON CONFLICT, RETURNING and partial unique indexes behave the
 * same. Specifics handled here:
 * - BIGINT (int8) comes back as a JS number (pg returns strings by default), refusing values beyond 2^53.
 * - A transaction runs on one pooled client from BEGIN to COMMIT; a deadlock or serialization failure retries it.
 * - Migrations take a transaction-scoped advisory lock, so replicas starting together migrate one at a time.
 * - `?schema=NAME` in DATABASE_URL keeps the tables in that schema (created on first start).
 * - Bad URL, unreachable server, refused login and missing database become one StoreOpenError sentence that
 *   names host, port, database and user, never the password.
 */
import pg from 'pg';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';
import { StoreOpenError } from './sqlite-driver.js';

const INT8_OID = 20;
/** Arbitrary constant naming "bedrock-403 schema migrations" among the database's advisory locks. */
const MIGRATION_LOCK_KEY = '7236502416053141504';
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 3;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresDriverOptions {
  /** Pool size per process (default 10). */
  maxConnections?: number;
  /** How long to wait for a connection, at open and later (default 5000 ms). */
  connectTimeoutMs?: number;
  /** Server-side limit for one statement (default 30000 ms), so nothing waits forever on a lock. */
  statementTimeoutMs?: number;
  /** Called with errors of idle pooled connections (e.g. the server restarted); they are replaced on next use. */
  onIdleError?: (error: Error) => void;
}

/** What may be said about a DATABASE_URL: everything but the password. */
export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
  schema?: string;
}

/** Parses a postgres:// URL into its displayable parts; throws StoreOpenError naming what is wrong. */
export function describePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreOpenError(
      'DATABASE_URL is not a valid PostgreSQL URL; expected postgres://USER:PASSWORD@HOST:PORT/DATABASE ' +
        '(percent-encode special characters in the password)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreOpenError(`DATABASE_URL must start with postgres:// for PostgreSQL, not ${parsed.protocol}//`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || parsed.searchParams.get('host') || '';
  const problems: string[] = [];
  if (!host) problems.push('no host');
  if (!database) problems.push('no database name after the host');
  if (database.includes('/')) problems.push(`"${database}" is not a database name`);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    problems.push(`schema "${schema}" must be letters, digits and _ (at most 63)`);
  }
  if (problems.length > 0) {
    throw new StoreOpenError(
      `DATABASE_URL is not a usable PostgreSQL URL (${problems.join('; ')}); expected ` +
        'postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    );
  }
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 5432,
    database,
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || 'the default user',
    ...(schema !== undefined ? { schema } : {}),
  };
}

function passwordOf(url: string): string | undefined {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password.length > 0 ? password : undefined;
  } catch {
    return undefined;
  }
}

function toNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`BIGINT value ${text} does not fit a JavaScript number`);
  return value;
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? toNumber
      : pg.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** One sentence for a failure to connect, naming what to check. Never contains the password. */
export function explainConnectError(error: unknown, target: PostgresTarget, password?: string): string {
  const where = `PostgreSQL at ${target.host}:${target.port}`;
  const code = errorCode(error);
  const raw = error instanceof Error ? error.message : String(error);
  const detail = password ? raw.split(password).join('***') : raw;
  switch (code) {
    case '28P01':
    case '28000':
      return `${where} refused user "${target.user}" (${detail}); check the user and password in DATABASE_URL`;
    case '3D000':
      return `database "${target.database}" does not exist on ${where}; create it (CREATE DATABASE) or fix DATABASE_URL`;
    case '42501':
      return `user "${target.user}" lacks a privilege on database "${target.database}" at ${where} (${detail})`;
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'ECONNRESET':
      return `cannot reach ${where} (${code}); is the server running, and are DATABASE_URL's host and port right?`;
    default:
      if (/timeout/i.test(detail)) {
        return `cannot reach ${where} (connection timed out); is the server running, and are DATABASE_URL's host and port right?`;
      }
      return `cannot open ${where}, database "${target.database}" as "${target.user}": ${detail}`;
  }
}

function executorFor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      const result = await client.query<T>(sql, params ? [...params] : undefined);
      return result.rows ?? [];
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      const result = await client.query(sql, params ? [...params] : undefined);
      return result.rowCount ?? 0;
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private closed = false;
  private readonly direct: SqlExecutor;

  private constructor(
    private readonly pool: pg.Pool,
    readonly target: PostgresTarget,
  ) {
    this.direct = executorFor(pool);
  }

  /**
   * Validates the URL, creates the pool and makes one round trip, so a wrong URL, an unreachable server or a
   * refused login fails here with a StoreOpenError rather than on the first Slack request.
   */
  static async connect(url: string, options: PostgresDriverOptions = {}): Promise<PostgresDriver> {
    const target = describePostgresUrl(url);
    const password = passwordOf(url);
    const schema = target.schema;
    const pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      statement_timeout: options.statementTimeoutMs ?? 30_000,
      idle_in_transaction_session_timeout: 60_000,
      idleTimeoutMillis: 30_000,
      application_name: 'bedrock-403',
      types: typeParsers,
      ...(schema ? { onConnect: async (client: pg.ClientBase) => void (await client.query(searchPath(schema))) } : {}),
    });
    // Without a listener, an idle connection's error (server restart, network drop) would crash the process.
    pool.on('error', (error) => options.onIdleError?.(error));
    const driver = new PostgresDriver(pool, target);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new StoreOpenError(explainConnectError(error, target, password));
    }
    return driver;
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }

  async query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    this.ensureOpen();
    return this.direct.query<T>(sql, params);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    this.ensureOpen();
    return this.direct.run(sql, params);
  }

  async exec(sql: string): Promise<void> {
    this.ensureOpen();
    return this.direct.exec(sql);
  }

  /**
   * BEGIN .. COMMIT on one client. The store's work is all-or-nothing and decides winners by conditional updates,
   * so re-running it after a deadlock or serialization failure (rolled back, nothing kept) is safe.
   */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.ensureOpen();
    for (let attempt = 1; ; attempt += 1) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await fn(executorFor(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            // The connection is unusable: drop it from the pool instead of handing it out again.
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
          if (attempt < MAX_ATTEMPTS && RETRYABLE.has(errorCode(error) ?? '') && !broken) continue;
          throw error;
        }
      } finally {
        client.release(broken);
      }
    }
  }

  async lockForMigration(tx: SqlExecutor): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    if (this.target.schema) await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.target.schema)}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function searchPath(schema: string): string {
  return `SET search_path TO ${quoteIdent(schema)}`;
}
