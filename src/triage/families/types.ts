/**
 * An error family: one kind of message (what AWS or a client says), declared once as data: the wordings SDKs, CLIs
 * and tools print for it, the error codes that stand for it, what AWS documents it to mean (with the link), the
 * causes it supports with a documented prior, the context signals that move them, and what to run. A new wording
 * is one line in the family's `wordings`.
 *
 * Matching (signals/families.ts): every wording is a lower-case phrase looked up as whole words in the flattened
 * lower-case text; patterns are bounded regular expressions over the same text; codes are AWS error codes that
 * stand for the family when no more specific family claims the text.
 */
import type { CauseId } from '../../report.js';
import type { ContextSignalId } from '../rules.js';

export const FAMILY_IDS = [
  'token_invalid',
  's3_token_invalid',
  'auth_failure',
  'key_id_not_exist',
  'token_expired',
  'sso_expired',
  'sso_session_invalid',
  'sso_role_no_access',
  'sso_config_invalid',
  'console_login_expired',
  'console_login_denied',
  'web_identity_invalid',
  'web_identity_setup',
  'web_identity_denied',
  'sts_caller_not_allowed',
  'service_role_not_assumable',
  'service_role_lacks_permission',
  'cfn_handler_denied',
  'signature_mismatch',
  'signature_expired',
  'request_expired',
  'credential_scope_region',
  'credential_scope_service',
  'unsigned_request',
  'no_credentials',
  'client_init_failed',
  'sdk_module_missing',
  'credential_object_invalid',
  'credentials_other_account',
  'profile_check_failed',
  'endpoint_unreachable',
  'operation_unresolved',
  'account_endpoint_required',
  'no_region',
  'bucket_other_region',
  'denied_implicit',
  'denied_explicit',
  'denied_principal',
  'access_denied_bare',
  'search_data_denied',
  'model_access_denied',
  'operation_not_offered',
  'model_access_advice',
  'model_access_summary',
  'marketplace',
  'use_case_form',
  'legacy_model',
  'on_demand_unsupported',
  'on_demand_not_offered',
  'model_data_retention',
  'model_end_of_life',
  'prompt_caching_refused',
  'model_id_invalid',
  'operation_not_allowed',
  'account_blocked',
  'daily_token_quota',
  'token_limit_summary',
  'region_disabled',
  'api_key_rejected',
  'api_key_format',
  'bearer_token_invalid',
  'auth_header_missing',
  'credential_malformed',
  'auth_header_incomplete',
  'credential_whitespace',
  'not_in_region',
  'guardrail_not_found',
  'other_provider_key',
  'proxy_auth',
  'client_model_check',
  'generic_auth',
  'not_auth_error',
  'service_error_code',
  'unrecognized_error',
] as const;

export type FamilyId = (typeof FAMILY_IDS)[number];

/** An AWS error code standing for the family; `when` narrows it to texts that also match (lower-case text). */
export type CodeRule = string | { code: string; when: RegExp };

export interface Family {
  id: FamilyId;
  /** What the message means, as AWS documents it (one or two sentences, for explanations and reviewers). */
  meaning: string;
  /** The AWS page that documents the message (or, where AWS documents nothing, the best public source). */
  doc: string;
  /** Lower-case phrases, each matched as whole words in the flattened lower-case text. */
  wordings: readonly string[];
  /** Bounded patterns over the flattened lower-case text, for wordings with variable parts. */
  patterns?: readonly RegExp[];
  /** Error codes that stand for this family when no wording of a family in `codeYieldsTo` matched. */
  codes?: readonly CodeRule[];
  /** A code match is dropped when one of these families was found (their message is more specific). */
  codeYieldsTo?: readonly FamilyId[];
  /** A wording match is dropped when one of these families was found (a wrapper's summary of a specific one). */
  yieldsTo?: readonly FamilyId[];
  /**
   * Errors that did not come from AWS: who sends each wording (also matched like `wordings`). The family is dropped
   * whenever an AWS family matched: a wrapper's own words around an AWS error are not another sender.
   */
  senders?: readonly Sender[];
  /** Only when no other family matched (generic and fallback families). */
  lastResort?: boolean;
  /**
   * The message names no reason (a bare AccessDenied): when the text says nothing else, its first cause is never
   * stated above AMBIGUOUS_CAP, however lopsided the confirmed reports of it are.
   */
  namesNoReason?: boolean;
  /**
   * The documented prior: share of each cause before the corpus counts (shares sum to 1). The shares in use are
   * derived from it and the corpus by bench/derive-base-rates.ts (families/base-rates.ts, checked by a test).
   */
  prior: Partial<Record<CauseId, number>>;
  /** Why the prior is what it is. */
  priorWhy: string;
  /** Context signals that move this family's causes (the points are in rules.ts). */
  evidence: readonly ContextSignalId[];
  /** Client-side commands that tell this family's causes apart, before the per-cause ones. */
  commands?: readonly string[];
}

/** Families of errors that did not come from AWS name what sent them. */
export interface Sender {
  /** Lower-case phrase (whole words) found in the text. */
  wording: string;
  /** Who produced the error, for the finding ("OpenAI's API"). */
  name: string;
}
