/**
 * The spine of the project: the data types that the triage engine, the diagnosis engine,
 * the CLI and the Slack surface exchange. Shapes marked "contract" in DESIGN.md live here.
 */
import type { AccessKeyType } from './aws-facts/access-key-ids.js';
import type { DenyingPolicyType } from './aws-facts/policy-arns.js';

import type { ApiKeyFacts, ApiKeyType } from './bedrock-api-keys/types.js';

/** Cause ids (DESIGN section 2, contract). */
export const CAUSE_IDS = [
  'key_not_found',
  'key_inactive',
  'session_token_mismatch',
  'temp_credentials_expired',
  'secret_key_mismatch',
  'clock_skew',
  'wrong_profile_or_env',
  'region_unsupported',
  'opt_in_region_token',
  'missing_iam_permission',
  'explicit_deny',
  'model_access_not_granted',
  'inference_profile_required',
  'invalid_model_id',
  'account_issue',
  'key_not_propagated',
  'bedrock_api_key',
  'unknown',
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

/** A ranked hypothesis: most likely first in every list. */
export interface Cause {
  id: CauseId;
  /** 0..1; never above 0.5 when the text cannot tell the candidates apart. */
  confidence: number;
  title: string;
  why: string;
  fix: string[];
}

/** Kinds of AWS identifiers an access key id prefix tells apart (error-taxonomy section 3): AKIA, ASIA, ABIA, ACCA. */
export type { AccessKeyType };

/** Entities read from pasted text (DESIGN section 2, contract: all optional). */
export interface Entities {
  accessKeyId?: string;
  /** Derived from the prefix of accessKeyId. */
  accessKeyType?: AccessKeyType;
  /** The account that owns accessKeyId, decoded offline from a modern key id. */
  keyAccountId?: string;
  accountId?: string;
  region?: string;
  modelId?: string;
  action?: string;
  principalArn?: string;
  requestId?: string;
  errorCode?: string;
  operation?: string;
  service?: string;
  httpStatus?: number;
  /** A Bedrock API key in the text: `long_term` (ABSK...) or `short_term` (bedrock-api-key-...). The key is never kept. */
  apiKeyType?: 'long_term' | 'short_term';
  /** The IAM user a long-term API key belongs to (decoded offline from the key). */
  apiKeyUser?: string;
  /** ISO 8601 time a short-term API key stops working at the latest (decoded offline from the key). */
  apiKeyExpiresAt?: string;
  /** The only region a short-term API key works in. */
  apiKeyRegion?: string;
  /** The account of the API key: named by a long-term key, decoded from the presigning key id of a short-term one. */
  apiKeyAccountId?: string;
  /** The ARN of the policy an AccessDenied message names ("with an explicit deny in a ...: ARN"; DESIGN section 8). */
  denyingPolicyArn?: string;
  /** The type of policy an AccessDenied message names, with or without an ARN. */
  denyingPolicyType?: DenyingPolicyType;
  /** ISO 8601: the latest time with a zone the text shows (log lines, Date headers): roughly when the call failed. */
  errorTime?: string;
}

/** Result of triage(text) (DESIGN section 2, contract). */
export interface Triage {
  entities: Entities;
  causes: Cause[];
  secretsFound: boolean;
  /** Client-side commands the person should run, chosen for the causes found. */
  commands: string[];
  /** Observations that are facts rather than hypotheses (account mismatch, leaked secret, truncated input...). */
  findings: string[];
  /** True when the input was longer than the triage limit and only its head and tail were read. */
  truncated: boolean;
  /**
   * True when the text cannot separate the leading causes: they are ranked by base rates, every confidence is at
   * most 0.5, and a finding says what would tell them apart.
   */
  ambiguous?: boolean;
  /**
   * True when the text carries a recognised AWS error message (a code or sentence AWS or an AWS SDK prints, not only
   * a bare status, a generic "denied" or an error of any kind): what automatic triage counts as an error signal.
   */
  awsMessage?: boolean;
}

/** Check ids (DESIGN section 3, contract). */
export const CHECK_IDS = [
  'diag_role',
  'key_owner',
  'key_status',
  'credential_type',
  'api_key',
  'region',
  'permissions',
  'model_access',
  'control_path',
  'cloudtrail',
  'guardrails',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_STATUSES = ['pass', 'fail', 'warn', 'skip', 'error'] as const;
/** `error` = could not check (and why); `skip` = not applicable (and why not). */
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export type EvidenceValue = string | number | boolean | null | string[];
/** The facts a check saw, as label -> value, in the order they should be shown. */
export type Evidence = Record<string, EvidenceValue>;

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  summary: string;
  evidence: Evidence;
  fix: string[];
  durationMs: number;
  /** Causes this check's outcome points to (merged into Report.causes). */
  causes?: Cause[];
}

/**
 * A Bedrock API key to diagnose, as read offline from the key: what it carries (user, account, region, expiry),
 * never the key. Callers decode the key where they receive it (src/bedrock-api-keys/) and pass only this.
 */
export type ApiKeyTarget = ApiKeyFacts | { type: ApiKeyType; undecodable: string };

/** What a live diagnosis looks at (DESIGN section 3). */
export interface Target {
  accountId: string;
  accessKeyId?: string;
  region?: string;
  modelId?: string;
  principalArn?: string;
  /** The Bedrock API key of the failing call (DESIGN section 8): check `api_key`. */
  apiKey?: ApiKeyTarget;
}

/** The access key a diagnosis looked at, as IAM knows it: ids and statuses only, never a secret. */
export interface ReportKey {
  id: string;
  /** The IAM user the key belongs to (from IAM's record of the key, else an IAM user principal ARN). */
  userName?: string;
  /** IAM's status of the key: Active | Inactive | Expired, or Deleted when IAM says it no longer exists. */
  status?: string;
}

/** The long-term Bedrock API key a diagnosis found in IAM: ids and status only, never the key. */
export interface ReportApiKey {
  userName: string;
  /** ServiceSpecificCredentialId. */
  credentialId: string;
  /** Active | Inactive | Expired (an expiry date already passed counts as Expired). */
  status: string;
}

/** The one data type every surface renders (DESIGN section 3, contract; also `diagnose --json`). */
export interface Report {
  target: Target;
  /** The key of `target.accessKeyId`, when one was given (an addition to the contract; optional). */
  key?: ReportKey;
  /** The long-term Bedrock API key of `target.apiKey`, when IAM holds it (an addition to the contract; optional). */
  apiKeyRecord?: ReportApiKey;
  checks: CheckResult[];
  causes: Cause[];
  verdict: string;
  triage?: Triage;
  /** ISO 8601 */
  startedAt: string;
  durationMs: number;
}

/** Exit codes of the CLI (DESIGN section 6, contract). */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  badInput: 2,
  problemsFound: 3,
} as const;
