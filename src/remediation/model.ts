/**
 * The remediation domain model (DESIGN section 5): what a request is, the states it moves through and the one
 * table of allowed transitions, what an execution leaves behind, and the audit events that record it all. Pure
 * data: the store persists it (src/store/), the service moves it (./service.ts), Slack renders it (slack/blocks/).
 */

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

/** The state a request was in before reaching `to` (each state has one predecessor; none for `requested`). */
export function previousState(to: RequestState): RequestState | undefined {
  return (Object.keys(TRANSITIONS) as RequestState[]).find((from) => TRANSITIONS[from].includes(to));
}

/** IAM's record of a key's last use (GetAccessKeyLastUsed); service and region are "N/A" when never used. */
export interface KeyLastUsed {
  /** ISO 8601; absent when the key was never used. */
  date?: string;
  service: string;
  region: string;
}

/**
 * Which credential a request acts on: an IAM access key (the default, also for requests stored before this field),
 * or a long-term Bedrock API key (an IAM service-specific credential; `accessKeyId` then holds its
 * ServiceSpecificCredentialId). The same states, approvals, expiry, exactly-once claim and audit apply to both.
 */
export type CredentialKind = 'access_key' | 'bedrock_api_key';

export function credentialOf(request: Pick<RemediationRequest, 'key'>): CredentialKind {
  return request.key.credential ?? 'access_key';
}

/** What was known about the key when the request was made. Ids and dates only, never a secret. */
export interface KeySnapshot {
  /** Absent: an access key. */
  credential?: CredentialKind;
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
  /** The access key id; for a Bedrock API key (key.credential) its ServiceSpecificCredentialId. */
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

/** What a new request is made of: the request's own fields, and how long it may wait for a decision. */
export type NewRequest = Pick<
  RemediationRequest,
  'action' | 'accountId' | 'accountLabel' | 'userName' | 'accessKeyId' | 'region' | 'key' | 'requestedBy' | 'slack'
> & { ttlMs: number };

export type ExecutionOutcome =
  | { state: 'done'; result: RemediationResult; detail: string }
  | { state: 'failed'; result: RemediationResult; failure: string };

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** Every kind of audit event: the states a request reaches, refusals, and completed execution steps. */
export const AUDIT_EVENT_NAMES = [
  'requested',
  'request_refused',
  'approved',
  'rejected',
  'decision_refused',
  'expired',
  'executing',
  'step',
  'done',
  'failed',
] as const;
export type AuditEventName = (typeof AUDIT_EVENT_NAMES)[number];

/** An audit event: who, what, account, key id, when, outcome. Never a secret. */
export interface AuditEvent {
  id: number;
  at: number;
  event: AuditEventName;
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
