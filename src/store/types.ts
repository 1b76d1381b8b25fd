/**
 * What the bot persists (DESIGN sections 5 and 7): remediation requests and their state machine, audit events,
 * delivery claims (idempotency keys) and per-channel settings. Every method is async and every rule that must hold
 * across replicas (exactly once, first decision wins, expiry) is enforced by the database with conditional updates
 * on `state`, never by memory: the SQLite store of one process and a PostgreSQL store shared by N replicas behave
 * the same. The model itself (requests, states, transitions, audit events) is src/remediation/model.ts.
 *
 * Each user sees only the narrow interface it needs: the remediation service `RequestStore & AuditStore`, the
 * sweeper `RequestStore & ClaimStore`, the Slack delivery de-duplication `ClaimStore`, the channel switch
 * `SettingStore`, the audit CLI `AuditStore`, the Slack budgets `RateLimitStore`. `Store` is all of them plus the connection itself.
 */
import type {
  AuditEvent,
  ExecutionOutcome,
  NewAuditEvent,
  NewRequest,
  RemediationRequest,
  RequestState,
  SlackMessageRef,
  Transition,
} from '../remediation/model.js';

export type CreateRequestResult =
  | { created: true; request: RemediationRequest; event: AuditEvent; expired: Transition[] }
  | { created: false; existing: RemediationRequest; expired: Transition[] };

export type DecideResult =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'expired'; request: RemediationRequest; transition?: Transition }
  | { ok: false; reason: 'already_decided'; request: RemediationRequest };

export interface AuditQuery {
  since?: number;
  until?: number;
  requestId?: string;
  limit?: number;
}

/** Remediation requests and their state machine. */
export interface RequestStore {
  /** Inserts a request in state `requested`, unless the key already has an open one (returned instead). */
  createRequest(input: NewRequest, actor?: string): Promise<CreateRequestResult>;
  getRequest(id: string): Promise<RemediationRequest | undefined>;
  /**
   * The open request of a key (requested and not yet past its expiry, approved or executing), if any: the cheap
   * look-up made before any AWS call, so repeated clicks on a key that already has a request cost no IAM call.
   */
  findOpenRequest(accountId: string, accessKeyId: string): Promise<RemediationRequest | undefined>;
  /** Lists requests, oldest first. */
  listRequests(filter?: { states?: readonly RequestState[]; limit?: number }): Promise<RemediationRequest[]>;
  /** Remembers where the approval message was posted. */
  attachSlackMessage(id: string, ref: SlackMessageRef): Promise<void>;
  /** requested -> approved | rejected, only if still requested and not expired at the store's clock: first wins. */
  decide(id: string, decision: 'approved' | 'rejected', by: string): Promise<DecideResult>;
  /** approved -> executing. Returns the request only to the one caller that wins; everyone else gets undefined. */
  claimExecution(id: string, actor: string): Promise<Transition | undefined>;
  /** Appends a completed step to an executing request (and an audit event). False if it is no longer executing. */
  recordStep(id: string, step: string, detail: string, data?: Record<string, unknown>): Promise<boolean>;
  /** executing -> done | failed. Undefined if the request was not executing (e.g. the sweeper failed it). */
  finishExecution(id: string, outcome: ExecutionOutcome): Promise<Transition | undefined>;
  /** requested -> expired for every request past its expiry. */
  expireDue(): Promise<Transition[]>;
  /** executing -> failed for executions started before `startedBefore` (the process died mid-way). */
  failStaleExecutions(startedBefore: number): Promise<Transition[]>;
  /** Claims the right to render `state` into Slack: true for exactly one caller per state reached. */
  claimNotification(id: string, state: RequestState): Promise<boolean>;
  /** Requests with a Slack message whose current state was not rendered yet and changed before `changedBefore`. */
  listUnnotified(changedBefore: number, limit?: number): Promise<RemediationRequest[]>;
}

/** The audit trail: append-only. */
export interface AuditStore {
  appendAudit(event: NewAuditEvent): Promise<AuditEvent>;
  listAudit(query?: AuditQuery): Promise<AuditEvent[]>;
}

/** Delivery claims (idempotency keys): Slack deliveries and clicks handled once across replicas. */
export interface ClaimStore {
  /** True for the first caller with this key within its lifetime (Slack deliveries, action clicks). */
  claimIdempotencyKey(key: string, ttlMs: number): Promise<boolean>;
  /** Ends a claim before its lifetime (a lease whose work is over); no-op when it is not held. */
  releaseIdempotencyKey(key: string): Promise<void>;
  pruneIdempotencyKeys(): Promise<number>;
}

/** One budget: at most `limit` units per `windowMs` under `key` (e.g. `user:U123`, `channel:C123`). */
export interface RateBudget {
  key: string;
  limit: number;
  windowMs: number;
}

export type RateDecision = { ok: true } | { ok: false; key: string; retryAfterMs: number };

/**
 * Shared rate limits (RATE_LIMIT_PER_USER / _PER_CHANNEL): counted in the database so every replica spends the
 * same budget. A sliding window, approximated by two fixed windows (the previous one weighted by how much of it
 * still overlaps the last `windowMs`), updated with one atomic upsert per budget.
 */
export interface RateLimitStore {
  /** Takes one unit from every budget, all or none. Refused: which budget, and when a unit is free again. */
  consumeRateBudget(budgets: readonly RateBudget[]): Promise<RateDecision>;
  /** Deletes windows too old to matter. */
  pruneRateBudgets(): Promise<number>;
}

/** Per-channel settings (the auto-triage switch). */
export interface SettingStore {
  getChannelSetting(channelId: string, key: string): Promise<string | undefined>;
  setChannelSetting(channelId: string, key: string, value: string, updatedBy?: string): Promise<void>;
}

/** The whole store over one database connection. */
export interface Store extends RequestStore, AuditStore, ClaimStore, SettingStore, RateLimitStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
