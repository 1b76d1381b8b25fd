/**
 * What the bot persists (DESIGN sections 5 and 7): remediation requests and their state machine, audit events,
 * idempotency keys and per-channel settings. Every method is async and every rule that must hold across replicas
 * (exactly once, first decision wins, expiry) is enforced by the database with conditional updates on `state`,
 * never by memory: the SQLite store of one process and a PostgreSQL store shared by N replicas behave the same.
 */

/** Milliseconds since the epoch; passed in so tests and replicas control time. */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();

export const REMEDIATION_ACTIONS = ['rotate', 'deactivate', 'delete'] as const;
export type RemediationAction = (typeof REMEDIATION_ACTIONS)[number];

export const REQUEST_STATES = ['requested', 'approved', 'rejected', 'expired', 'executing', 'done', 'failed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** requested -> approved | rejected | expired; approved -> executing; executing -> done | failed. */
export const TRANSITIONS: Readonly<Record<RequestState, readonly RequestState[]>> = {
  requested: ['approved', 'rejected', 'expired'],
  approved: ['executing'],
  rejected: [],
  expired: [],
  executing: ['done', 'failed'],
  done: [],
  failed: [],
};

/** States in which a request still holds its key: at most one such request per key. */
export const OPEN_STATES: readonly RequestState[] = ['requested', 'approved', 'executing'];
export const FINAL_STATES: readonly RequestState[] = ['rejected', 'expired', 'done', 'failed'];

export function canTransition(from: RequestState, to: RequestState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** IAM's record of a key's last use (GetAccessKeyLastUsed); service and region are "N/A" when never used. */
export interface KeyLastUsed {
  /** ISO 8601; absent when the key was never used. */
  date?: string;
  service: string;
  region: string;
}

/** What was known about the key when the request was made. Ids and dates only, never a secret. */
export interface KeySnapshot {
  status?: 'Active' | 'Inactive' | 'Expired' | string;
  createDate?: string;
  lastUsed?: KeyLastUsed;
  /** The user's other keys (id and status) at request time. */
  otherKeys?: { accessKeyId: string; status: string }[];
}

/** Where the approval message lives in Slack. */
export interface SlackMessageRef {
  channel: string;
  /** The thread the approval message was posted in. */
  threadTs?: string;
  /** The approval message itself (chat.update target). */
  messageTs?: string;
}

/** One completed step of an execution, recorded before the next step starts. */
export interface ExecutionStep {
  step: string;
  at: number;
  detail: string;
}

/** The outcome of an execution: ids, ARNs and statuses only. */
export interface RemediationResult {
  newAccessKeyId?: string;
  /** What became of the new key: Active, or deleted again after a failure. */
  newKeyState?: 'Active' | 'deleted' | 'orphaned';
  secretArn?: string;
  secretName?: string;
  /** The old (requested) key's status after the execution. */
  oldKeyStatus?: 'Active' | 'Inactive' | 'Deleted' | 'unknown';
  /** ARN that STS returned for the new key. */
  confirmedArn?: string;
  nextSteps?: string[];
}

export interface RemediationRequest {
  id: string;
  action: RemediationAction;
  state: RequestState;
  accountId: string;
  accountLabel?: string;
  userName: string;
  accessKeyId: string;
  /** Region for Secrets Manager and the STS confirmation. */
  region: string;
  key: KeySnapshot;
  requestedBy: string;
  requestedAt: number;
  expiresAt: number;
  decidedBy?: string;
  decidedAt?: number;
  executionStartedAt?: number;
  finishedAt?: number;
  slack?: SlackMessageRef;
  progress: ExecutionStep[];
  result?: RemediationResult;
  /** Why the execution failed and what state it left, in words a person acts on. */
  failure?: string;
  /** The last state rendered into the Slack message (claimed by exactly one renderer). */
  notifiedState?: RequestState;
  updatedAt: number;
}

export interface NewRequest {
  action: RemediationAction;
  accountId: string;
  accountLabel?: string;
  userName: string;
  accessKeyId: string;
  region: string;
  key: KeySnapshot;
  requestedBy: string;
  ttlMs: number;
  slack?: SlackMessageRef;
}

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** An audit event: who, what, account, key id, when, outcome. Never a secret. */
export interface AuditEvent {
  id: number;
  at: number;
  /** requested, request_refused, approved, rejected, decision_refused, expired, executing, step, done, failed. */
  event: string;
  /** Slack user id, or "system" for the sweeper and executor. */
  actor: string;
  requestId?: string;
  action?: RemediationAction;
  accountId?: string;
  accessKeyId?: string;
  outcome: AuditOutcome;
  detail: string;
  data?: Record<string, unknown>;
}

export type NewAuditEvent = Omit<AuditEvent, 'id' | 'at'> & { at?: number };

/** A state change that happened, with the audit event written in the same transaction. */
export interface Transition {
  request: RemediationRequest;
  event: AuditEvent;
}

export type CreateRequestResult =
  | { created: true; request: RemediationRequest; event: AuditEvent; expired: Transition[] }
  | { created: false; existing: RemediationRequest; expired: Transition[] };

export type DecideResult =
  | { ok: true; transition: Transition }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'expired'; request: RemediationRequest; transition?: Transition }
  | { ok: false; reason: 'already_decided'; request: RemediationRequest };

export type ExecutionOutcome =
  | { state: 'done'; result: RemediationResult; detail: string }
  | { state: 'failed'; result: RemediationResult; failure: string };

export interface AuditQuery {
  since?: number;
  until?: number;
  requestId?: string;
  limit?: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';

  /** Inserts a request in state `requested`, unless the key already has an open one (returned instead). */
  createRequest(input: NewRequest, actor?: string): Promise<CreateRequestResult>;
  getRequest(id: string): Promise<RemediationRequest | undefined>;
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

  appendAudit(event: NewAuditEvent): Promise<AuditEvent>;
  listAudit(query?: AuditQuery): Promise<AuditEvent[]>;

  /** True for the first caller with this key within its lifetime (Slack deliveries, action clicks). */
  claimIdempotencyKey(key: string, ttlMs: number): Promise<boolean>;
  pruneIdempotencyKeys(): Promise<number>;

  getChannelSetting(channelId: string, key: string): Promise<string | undefined>;
  setChannelSetting(channelId: string, key: string, value: string, updatedBy?: string): Promise<void>;

  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
