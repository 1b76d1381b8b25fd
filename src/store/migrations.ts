/**
 * Ordered schema migrations, shared by every engine. Each one runs once, in order, inside a transaction, and is
 * recorded in `schema_migrations`. Only one construct differs between SQLite and PostgreSQL, an auto-increment
 * key, written `{{serial_pk}}` and expanded by `migrationSql`. Never edit a released migration: add a new one.
 *
 * Timestamps are BIGINT milliseconds since the epoch; structured values are JSON in TEXT columns.
 */
import type { SqlDialect } from './sql-driver.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const DIALECT_TOKENS: Record<SqlDialect, Record<string, string>> = {
  sqlite: { serial_pk: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: { serial_pk: 'BIGSERIAL PRIMARY KEY' },
};

export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'remediation requests, audit events, idempotency keys, channel settings',
    sql: `
CREATE TABLE remediation_requests (
  id TEXT PRIMARY KEY,
  action TEXT NOT NULL,
  state TEXT NOT NULL,
  account_id TEXT NOT NULL,
  account_label TEXT,
  user_name TEXT NOT NULL,
  access_key_id TEXT NOT NULL,
  region TEXT NOT NULL,
  key_snapshot TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  execution_started_at BIGINT,
  finished_at BIGINT,
  slack_channel TEXT,
  slack_thread_ts TEXT,
  slack_message_ts TEXT,
  progress TEXT NOT NULL,
  result TEXT,
  failure TEXT,
  notified_state TEXT,
  updated_at BIGINT NOT NULL,
  CHECK (state IN ('requested', 'approved', 'rejected', 'expired', 'executing', 'done', 'failed')),
  CHECK (action IN ('rotate', 'deactivate', 'delete'))
);
CREATE UNIQUE INDEX remediation_requests_one_open_per_key
  ON remediation_requests (account_id, access_key_id)
  WHERE state IN ('requested', 'approved', 'executing');
CREATE INDEX remediation_requests_state ON remediation_requests (state, expires_at);

CREATE TABLE audit_events (
  id {{serial_pk}},
  at BIGINT NOT NULL,
  event TEXT NOT NULL,
  actor TEXT NOT NULL,
  request_id TEXT,
  action TEXT,
  account_id TEXT,
  access_key_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  data TEXT
);
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_request ON audit_events (request_id);

CREATE TABLE idempotency_keys (
  key TEXT PRIMARY KEY,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);

CREATE TABLE channel_settings (
  channel_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_by TEXT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (channel_id, key)
);
`,
  },
  {
    id: 2,
    name: 'rate limit windows',
    sql: `
CREATE TABLE rate_limit_windows (
  key TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  window_ms BIGINT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limit_windows_start ON rate_limit_windows (window_start);
`,
  },
];

/** The migration's SQL for one engine. Throws on an unknown token so a typo cannot reach a database. */
export function migrationSql(migration: Migration, dialect: SqlDialect): string {
  return migration.sql.replace(/\{\{(\w+)\}\}/g, (_whole, token: string) => {
    const value = DIALECT_TOKENS[dialect][token];
    if (value === undefined) throw new Error(`migration ${migration.id}: unknown token {{${token}}}`);
    return value;
  });
}

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;
