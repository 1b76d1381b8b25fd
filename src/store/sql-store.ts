/**
 * The Store over any SqlDriver. Every state change is one conditional UPDATE (`WHERE state = <expected>`) whose
 * changed-row count decides who won, written together with its audit event in one transaction. Nothing here
 * relies on memory shared between callers, so two processes over one database get the same guarantees.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock.js';
import {
  type AuditEvent,
  type AuditEventName,
  type AuditOutcome,
  type ExecutionOutcome,
  type ExecutionStep,
  type KeySnapshot,
  type NewAuditEvent,
  type NewRequest,
  OPEN_STATES,
  type RemediationAction,
  type RemediationRequest,
  type RemediationResult,
  type RequestState,
  type SlackMessageRef,
  type Transition,
} from '../remediation/model.js';
import {
  decidedDetail,
  executionStartedDetail,
  expiredDetail,
  interruptedFailure,
  requestedDetail,
} from '../remediation/transition-text.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL, type Migration, migrationSql } from './migrations.js';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from './sql-driver.js';
import type { AuditQuery, CreateRequestResult, DecideResult, RateBudget, RateDecision, Store } from './types.js';

/** Thrown inside the budget transaction to roll back the units already taken from the other budgets. */
class BudgetSpent extends Error {
  constructor(
    readonly key: string,
    readonly retryAfterMs: number,
  ) {
    super(`rate budget ${key} spent`);
  }
}

/**
 * How long until one more unit fits, with `used` units in the current window (`elapsed` ms into it) and
 * `previous` in the one before, which still counts for the part of it inside the last `windowMs`.
 */
export function retryAfterMs(previous: number, used: number, limit: number, elapsed: number, windowMs: number): number {
  if (used + 1 <= limit) {
    // Fits in this window once enough of the previous one has slid out.
    const wait = previous > 0 ? windowMs * (1 - (limit - used - 1) / previous) - elapsed : 0;
    if (wait <= windowMs - elapsed) return Math.max(0, Math.ceil(Math.round(wait * 1000) / 1000));
  }
  // Next window: this one becomes the previous and slides out in turn.
  const intoNext = used > 0 ? Math.max(0, windowMs * (1 - (limit - 1) / used)) : 0;
  return Math.ceil(Math.round((windowMs - elapsed + intoNext) * 1000) / 1000);
}

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
}

export interface SqlStoreOptions {
  clock?: Clock;
  migrations?: readonly Migration[];
}

const COLUMNS = `id, action, state, account_id, account_label, user_name, access_key_id, region, key_snapshot,
  requested_by, requested_at, expires_at, decided_by, decided_at, execution_started_at, finished_at,
  slack_channel, slack_thread_ts, slack_message_ts, progress, result, failure, notified_state, updated_at`;

const AUDIT_COLUMNS = 'id, at, event, actor, request_id, action, account_id, access_key_id, outcome, detail, data';

function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined =>
  value === null || value === undefined ? undefined : Number(value as number | string);

function toRequest(row: SqlRow): RemediationRequest {
  const request: RemediationRequest = {
    id: String(row.id),
    action: row.action as RemediationAction,
    state: row.state as RequestState,
    accountId: String(row.account_id),
    userName: String(row.user_name),
    accessKeyId: String(row.access_key_id),
    region: String(row.region),
    key: parseJson<KeySnapshot>(row.key_snapshot, {}),
    requestedBy: String(row.requested_by),
    requestedAt: Number(row.requested_at),
    expiresAt: Number(row.expires_at),
    progress: parseJson<ExecutionStep[]>(row.progress, []),
    updatedAt: Number(row.updated_at),
  };
  const label = str(row.account_label);
  if (label) request.accountLabel = label;
  const decidedBy = str(row.decided_by);
  if (decidedBy) request.decidedBy = decidedBy;
  const decidedAt = num(row.decided_at);
  if (decidedAt !== undefined) request.decidedAt = decidedAt;
  const started = num(row.execution_started_at);
  if (started !== undefined) request.executionStartedAt = started;
  const finished = num(row.finished_at);
  if (finished !== undefined) request.finishedAt = finished;
  const channel = str(row.slack_channel);
  if (channel) {
    const slack: SlackMessageRef = { channel };
    const thread = str(row.slack_thread_ts);
    if (thread) slack.threadTs = thread;
    const message = str(row.slack_message_ts);
    if (message) slack.messageTs = message;
    request.slack = slack;
  }
  const result = parseJson<RemediationResult | undefined>(row.result, undefined);
  if (result) request.result = result;
  const failure = str(row.failure);
  if (failure) request.failure = failure;
  const notified = str(row.notified_state);
  if (notified) request.notifiedState = notified as RequestState;
  return request;
}

function toAudit(row: SqlRow): AuditEvent {
  const event: AuditEvent = {
    id: Number(row.id),
    at: Number(row.at),
    event: String(row.event) as AuditEventName,
    actor: String(row.actor),
    outcome: row.outcome as AuditOutcome,
    detail: String(row.detail),
  };
  const requestId = str(row.request_id);
  if (requestId) event.requestId = requestId;
  const action = str(row.action);
  if (action) event.action = action as RemediationAction;
  const accountId = str(row.account_id);
  if (accountId) event.accountId = accountId;
  const keyId = str(row.access_key_id);
  if (keyId) event.accessKeyId = keyId;
  const data = parseJson<Record<string, unknown> | undefined>(row.data, undefined);
  if (data) event.data = data;
  return event;
}

const inList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  private readonly clock: Clock;

  private constructor(
    private readonly driver: SqlDriver,
    options: SqlStoreOptions,
  ) {
    this.kind = driver.dialect;
    this.clock = options.clock ?? systemClock;
  }

  /** Opens a store over `driver`, applying pending migrations first. */
  static async open(driver: SqlDriver, options: SqlStoreOptions = {}): Promise<SqlStore> {
    const store = new SqlStore(driver, options);
    try {
      await store.migrate(options.migrations ?? MIGRATIONS);
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  private async migrate(migrations: readonly Migration[]): Promise<void> {
    const known = Math.max(0, ...migrations.map((m) => m.id));
    await this.driver.transaction(async (tx) => {
      await this.driver.lockForMigration?.(tx);
      await tx.exec(MIGRATIONS_TABLE_SQL);
      const applied = new Set(
        (await tx.query<{ id: unknown }>('SELECT id FROM schema_migrations')).map((row) => Number(row.id)),
      );
      const newest = Math.max(0, ...applied);
      if (newest > known) {
        throw new SchemaTooNewError(
          `the database schema is at migration ${newest}, newer than this version of bedrock-403 knows (${known}); ` +
            'run a newer version or point DATABASE_URL at another database',
        );
      }
      for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
        if (applied.has(migration.id)) continue;
        await tx.exec(migrationSql(migration, this.driver.dialect));
        await tx.run('INSERT INTO schema_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [
          migration.id,
          migration.name,
          this.clock(),
        ]);
      }
    });
  }

  // ---- audit -------------------------------------------------------------------------------------------------

  private async insertAudit(tx: SqlExecutor, event: NewAuditEvent): Promise<AuditEvent> {
    const rows = await tx.query(
      `INSERT INTO audit_events (at, event, actor, request_id, action, account_id, access_key_id, outcome, detail, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${AUDIT_COLUMNS}`,
      [
        event.at ?? this.clock(),
        event.event,
        event.actor,
        event.requestId ?? null,
        event.action ?? null,
        event.accountId ?? null,
        event.accessKeyId ?? null,
        event.outcome,
        event.detail,
        event.data ? JSON.stringify(event.data) : null,
      ],
    );
    return toAudit(rows[0] as SqlRow);
  }

  private auditFor(
    tx: SqlExecutor,
    request: RemediationRequest,
    event: AuditEventName,
    actor: string,
    outcome: AuditOutcome,
    detail: string,
    data?: Record<string, unknown>,
  ): Promise<AuditEvent> {
    return this.insertAudit(tx, {
      at: request.updatedAt,
      event,
      actor,
      requestId: request.id,
      action: request.action,
      accountId: request.accountId,
      accessKeyId: request.accessKeyId,
      outcome,
      detail,
      ...(data ? { data } : {}),
    });
  }

  appendAudit(event: NewAuditEvent): Promise<AuditEvent> {
    return this.driver.transaction((tx) => this.insertAudit(tx, event));
  }

  async listAudit(query: AuditQuery = {}): Promise<AuditEvent[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.since !== undefined) {
      params.push(query.since);
      where.push(`at >= $${params.length}`);
    }
    if (query.until !== undefined) {
      params.push(query.until);
      where.push(`at < $${params.length}`);
    }
    if (query.requestId !== undefined) {
      params.push(query.requestId);
      where.push(`request_id = $${params.length}`);
    }
    params.push(Math.max(1, Math.min(query.limit ?? 10_000, 100_000)));
    const rows = await this.driver.query(
      `SELECT ${AUDIT_COLUMNS} FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY at, id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toAudit);
  }

  // ---- requests ----------------------------------------------------------------------------------------------

  private async selectRequest(tx: SqlExecutor, id: string): Promise<RemediationRequest | undefined> {
    const rows = await tx.query(`SELECT ${COLUMNS} FROM remediation_requests WHERE id = $1`, [id]);
    return rows[0] ? toRequest(rows[0]) : undefined;
  }

  async getRequest(id: string): Promise<RemediationRequest | undefined> {
    return this.selectRequest(this.driver, id);
  }

  async listRequests(filter: { states?: readonly RequestState[]; limit?: number } = {}): Promise<RemediationRequest[]> {
    const where = filter.states?.length ? `WHERE state IN (${inList(filter.states)})` : '';
    const rows = await this.driver.query(
      `SELECT ${COLUMNS} FROM remediation_requests ${where} ORDER BY requested_at, id LIMIT $1`,
      [Math.max(1, Math.min(filter.limit ?? 1000, 100_000))],
    );
    return rows.map(toRequest);
  }

  /** requested -> expired for due requests matching `extraWhere`, with their audit events. */
  private async expireWhere(tx: SqlExecutor, extraWhere: string, params: SqlValue[]): Promise<Transition[]> {
    const now = this.clock();
    const rows = await tx.query(
      `UPDATE remediation_requests SET state = 'expired', updated_at = $1
       WHERE state = 'requested' AND expires_at <= $1 ${extraWhere} RETURNING ${COLUMNS}`,
      [now, ...params],
    );
    const transitions: Transition[] = [];
    for (const row of rows) {
      const request = toRequest(row);
      const event = await this.auditFor(tx, request, 'expired', 'system', 'ok', expiredDetail(request));
      transitions.push({ request, event });
    }
    return transitions;
  }

  createRequest(input: NewRequest, actor = input.requestedBy): Promise<CreateRequestResult> {
    return this.driver.transaction(async (tx) => {
      const expired = await this.expireWhere(tx, 'AND account_id = $2 AND access_key_id = $3', [
        input.accountId,
        input.accessKeyId,
      ]);
      const now = this.clock();
      const id = randomUUID();
      const inserted = await tx.run(
        `INSERT INTO remediation_requests (id, action, state, account_id, account_label, user_name, access_key_id,
           region, key_snapshot, requested_by, requested_at, expires_at, slack_channel, slack_thread_ts,
           slack_message_ts, progress, updated_at)
         VALUES ($1, $2, 'requested', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '[]', $10)
         ON CONFLICT DO NOTHING`,
        [
          id,
          input.action,
          input.accountId,
          input.accountLabel ?? null,
          input.userName,
          input.accessKeyId,
          input.region,
          JSON.stringify(input.key),
          input.requestedBy,
          now,
          now + input.ttlMs,
          input.slack?.channel ?? null,
          input.slack?.threadTs ?? null,
          input.slack?.messageTs ?? null,
        ],
      );
      if (inserted === 0) {
        const rows = await tx.query(
          `SELECT ${COLUMNS} FROM remediation_requests
           WHERE account_id = $1 AND access_key_id = $2 AND state IN (${inList(OPEN_STATES)})`,
          [input.accountId, input.accessKeyId],
        );
        if (!rows[0]) throw new Error('request insert conflicted but no open request was found');
        return { created: false, existing: toRequest(rows[0]), expired };
      }
      const request = (await this.selectRequest(tx, id)) as RemediationRequest;
      const event = await this.auditFor(tx, request, 'requested', actor, 'ok', requestedDetail(input));
      return { created: true, request, event, expired };
    });
  }

  async findOpenRequest(accountId: string, accessKeyId: string): Promise<RemediationRequest | undefined> {
    const rows = await this.driver.query(
      `SELECT ${COLUMNS} FROM remediation_requests
       WHERE account_id = $1 AND access_key_id = $2
         AND (state IN ('approved', 'executing') OR (state = 'requested' AND expires_at > $3))
       LIMIT 1`,
      [accountId, accessKeyId, this.clock()],
    );
    return rows[0] ? toRequest(rows[0]) : undefined;
  }

  async attachSlackMessage(id: string, ref: SlackMessageRef): Promise<void> {
    await this.driver.run(
      `UPDATE remediation_requests SET slack_channel = $2, slack_thread_ts = $3, slack_message_ts = $4 WHERE id = $1`,
      [id, ref.channel, ref.threadTs ?? null, ref.messageTs ?? null],
    );
  }

  decide(id: string, decision: 'approved' | 'rejected', by: string): Promise<DecideResult> {
    return this.driver.transaction(async (tx): Promise<DecideResult> => {
      const now = this.clock();
      const rows = await tx.query(
        `UPDATE remediation_requests SET state = $2, decided_by = $3, decided_at = $4, updated_at = $4
         WHERE id = $1 AND state = 'requested' AND expires_at > $4 RETURNING ${COLUMNS}`,
        [id, decision, by, now],
      );
      if (rows[0]) {
        const request = toRequest(rows[0]);
        const event = await this.auditFor(tx, request, decision, by, 'ok', decidedDetail(decision, by));
        return { ok: true, transition: { request, event } };
      }
      const current = await this.selectRequest(tx, id);
      if (!current) return { ok: false, reason: 'not_found' };
      if (current.state === 'requested') {
        const [transition] = await this.expireWhere(tx, 'AND id = $2', [id]);
        return transition
          ? { ok: false, reason: 'expired', request: transition.request, transition }
          : { ok: false, reason: 'expired', request: current };
      }
      if (current.state === 'expired') return { ok: false, reason: 'expired', request: current };
      return { ok: false, reason: 'already_decided', request: current };
    });
  }

  claimExecution(id: string, actor: string): Promise<Transition | undefined> {
    return this.driver.transaction(async (tx) => {
      const now = this.clock();
      const rows = await tx.query(
        `UPDATE remediation_requests SET state = 'executing', execution_started_at = $2, updated_at = $2
         WHERE id = $1 AND state = 'approved' RETURNING ${COLUMNS}`,
        [id, now],
      );
      if (!rows[0]) return undefined;
      const request = toRequest(rows[0]);
      const event = await this.auditFor(tx, request, 'executing', actor, 'ok', executionStartedDetail(request));
      return { request, event };
    });
  }

  recordStep(id: string, step: string, detail: string, data?: Record<string, unknown>): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const current = await this.selectRequest(tx, id);
      if (current?.state !== 'executing') return false;
      const now = this.clock();
      const progress: ExecutionStep[] = [...current.progress, { step, at: now, detail }];
      const changed = await tx.run(
        `UPDATE remediation_requests SET progress = $2, updated_at = $3 WHERE id = $1 AND state = 'executing'`,
        [id, JSON.stringify(progress), now],
      );
      if (changed === 0) return false;
      await this.auditFor(tx, { ...current, updatedAt: now }, 'step', 'system', 'ok', detail, { step, ...data });
      return true;
    });
  }

  finishExecution(id: string, outcome: ExecutionOutcome): Promise<Transition | undefined> {
    return this.driver.transaction(async (tx) => {
      const now = this.clock();
      const rows = await tx.query(
        `UPDATE remediation_requests SET state = $2, finished_at = $3, updated_at = $3, result = $4, failure = $5
         WHERE id = $1 AND state = 'executing' RETURNING ${COLUMNS}`,
        [id, outcome.state, now, JSON.stringify(outcome.result), outcome.state === 'failed' ? outcome.failure : null],
      );
      if (!rows[0]) return undefined;
      const request = toRequest(rows[0]);
      const event =
        outcome.state === 'done'
          ? await this.auditFor(tx, request, 'done', 'system', 'ok', outcome.detail, { ...outcome.result })
          : await this.auditFor(tx, request, 'failed', 'system', 'failed', outcome.failure, { ...outcome.result });
      return { request, event };
    });
  }

  expireDue(): Promise<Transition[]> {
    return this.driver.transaction((tx) => this.expireWhere(tx, '', []));
  }

  failStaleExecutions(startedBefore: number): Promise<Transition[]> {
    return this.driver.transaction(async (tx) => {
      const candidates = await tx.query(
        `SELECT ${COLUMNS} FROM remediation_requests WHERE state = 'executing' AND execution_started_at < $1`,
        [startedBefore],
      );
      const transitions: Transition[] = [];
      for (const row of candidates) {
        const stale = toRequest(row);
        const failure = interruptedFailure(stale);
        const now = this.clock();
        const rows = await tx.query(
          `UPDATE remediation_requests SET state = 'failed', finished_at = $2, updated_at = $2, failure = $3
           WHERE id = $1 AND state = 'executing' RETURNING ${COLUMNS}`,
          [stale.id, now, failure],
        );
        if (!rows[0]) continue;
        const request = toRequest(rows[0]);
        const event = await this.auditFor(tx, request, 'failed', 'system', 'failed', failure, {
          interrupted: true,
        });
        transitions.push({ request, event });
      }
      return transitions;
    });
  }

  async claimNotification(id: string, state: RequestState): Promise<boolean> {
    const changed = await this.driver.run(
      `UPDATE remediation_requests SET notified_state = $2
       WHERE id = $1 AND state = $2 AND (notified_state IS NULL OR notified_state <> $2)`,
      [id, state],
    );
    return changed === 1;
  }

  async listUnnotified(changedBefore: number, limit = 100): Promise<RemediationRequest[]> {
    const rows = await this.driver.query(
      `SELECT ${COLUMNS} FROM remediation_requests
       WHERE slack_channel IS NOT NULL AND slack_message_ts IS NOT NULL
         AND (notified_state IS NULL OR notified_state <> state) AND updated_at <= $1
       ORDER BY updated_at, id LIMIT $2`,
      [changedBefore, limit],
    );
    return rows.map(toRequest);
  }

  // ---- rate budgets --------------------------------------------------------------------------------------------

  async consumeRateBudget(budgets: readonly RateBudget[]): Promise<RateDecision> {
    if (budgets.length === 0) return { ok: true };
    try {
      return await this.driver.transaction(async (tx): Promise<RateDecision> => {
        const now = this.clock();
        for (const budget of budgets) {
          const windowMs = Math.max(1, Math.floor(budget.windowMs));
          const start = now - (now % windowMs);
          // One atomic upsert: concurrent replicas serialize on the row, so no two of them take the last unit.
          const rows = await tx.query<{ count: unknown }>(
            `INSERT INTO rate_limit_windows (key, window_start, window_ms, count) VALUES ($1, $2, $3, 1)
             ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
             RETURNING count`,
            [budget.key, start, windowMs],
          );
          const current = Number(rows[0]?.count ?? 1);
          const before = await tx.query<{ count: unknown }>(
            'SELECT count FROM rate_limit_windows WHERE key = $1 AND window_start = $2',
            [budget.key, start - windowMs],
          );
          const previous = Number(before[0]?.count ?? 0);
          const elapsed = now - start;
          if (previous * (1 - elapsed / windowMs) + current > budget.limit) {
            throw new BudgetSpent(budget.key, retryAfterMs(previous, current - 1, budget.limit, elapsed, windowMs));
          }
        }
        return { ok: true };
      });
    } catch (error) {
      if (error instanceof BudgetSpent) return { ok: false, key: error.key, retryAfterMs: error.retryAfterMs };
      throw error;
    }
  }

  pruneRateBudgets(): Promise<number> {
    return this.driver.run('DELETE FROM rate_limit_windows WHERE window_start + 2 * window_ms <= $1', [this.clock()]);
  }

  // ---- idempotency keys and channel settings -----------------------------------------------------------------

  claimIdempotencyKey(key: string, ttlMs: number): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const now = this.clock();
      await tx.run('DELETE FROM idempotency_keys WHERE key = $1 AND expires_at <= $2', [key, now]);
      const inserted = await tx.run(
        'INSERT INTO idempotency_keys (key, created_at, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [key, now, now + Math.max(1, ttlMs)],
      );
      return inserted === 1;
    });
  }

  async releaseIdempotencyKey(key: string): Promise<void> {
    await this.driver.run('DELETE FROM idempotency_keys WHERE key = $1', [key]);
  }

  pruneIdempotencyKeys(): Promise<number> {
    return this.driver.run('DELETE FROM idempotency_keys WHERE expires_at <= $1', [this.clock()]);
  }

  async getChannelSetting(channelId: string, key: string): Promise<string | undefined> {
    const rows = await this.driver.query<{ value: unknown }>(
      'SELECT value FROM channel_settings WHERE channel_id = $1 AND key = $2',
      [channelId, key],
    );
    return str(rows[0]?.value);
  }

  async setChannelSetting(channelId: string, key: string, value: string, updatedBy?: string): Promise<void> {
    await this.driver.run(
      `INSERT INTO channel_settings (channel_id, key, value, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel_id, key) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by,
         updated_at = excluded.updated_at`,
      [channelId, key, value, updatedBy ?? null, this.clock()],
    );
  }

  async ping(): Promise<void> {
    await this.driver.query('SELECT 1 AS ok');
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
