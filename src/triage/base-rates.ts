/**
 * Base rates: for each error message family, how often each cause turned out to be the confirmed one in public
 * reports. They rank the causes of a message when the text gives no context that separates them (the bare
 * "The security token included in the request is invalid"), and they are the starting weights that context
 * evidence (rules.ts) moves.
 *
 * Sources of the numbers (error-taxonomy.md, aws-facts.md section 1.6, and the 39 confirmed threads of
 * shared/corpus/errors.jsonl, which is a sample, not the whole world). They are judgement calls written down so
 * they can be argued with, not measurements: each family says why its order is what it is.
 */
import type { CauseId } from '../report.js';

export type FamilyId =
  | 'token_invalid'
  | 'key_id_not_exist'
  | 'token_expired'
  | 'sso_expired'
  | 'sso_session_invalid'
  | 'web_identity_invalid'
  | 'signature_mismatch'
  | 'signature_expired'
  | 'credential_scope_region'
  | 'credential_scope_service'
  | 'no_credentials'
  | 'endpoint_unreachable'
  | 'no_region'
  | 'denied_implicit'
  | 'denied_explicit'
  | 'denied_principal'
  | 'access_denied_bare'
  | 'model_access_denied'
  | 'marketplace'
  | 'use_case_form'
  | 'legacy_model'
  | 'on_demand_unsupported'
  | 'model_id_invalid'
  | 'operation_not_allowed'
  | 'account_blocked'
  | 'region_disabled'
  | 'api_key_rejected'
  | 'generic_auth'
  | 'not_auth_error';

export interface FamilyBaseRate {
  /** Share of confirmed reports of this message per cause; each row sums to about 1. */
  rates: Partial<Record<CauseId, number>>;
  /** Why the order is what it is. */
  reasoning: string;
}

export const FAMILY_BASE_RATES: Readonly<Record<FamilyId, FamilyBaseRate>> = {
  token_invalid: {
    rates: {
      session_token_mismatch: 0.28,
      key_not_found: 0.26,
      opt_in_region_token: 0.14,
      wrong_profile_or_env: 0.13,
      key_inactive: 0.07,
      key_not_propagated: 0.06,
      temp_credentials_expired: 0.06,
    },
    reasoning:
      'UnrecognizedClientException / InvalidClientTokenId: the taxonomy cites the most confirmed threads for a ' +
      'session token that does not belong to the key (stale AWS_SESSION_TOKEN next to AKIA keys in Lambda, Vercel, ' +
      'shells; ASIA keys sent without their token by third-party clients), then unknown keys (typo, deleted or ' +
      'rotated key, other partition). Opt-in regions are 16 of the 33 Bedrock regions, a large share of the ' +
      'surface. Inactive keys give the same text but are rarely the confirmed cause; keys used seconds after ' +
      'creation and very old session tokens are rarer still.',
  },
  key_id_not_exist: {
    rates: {
      key_not_found: 0.5,
      session_token_mismatch: 0.18,
      wrong_profile_or_env: 0.14,
      key_inactive: 0.1,
      key_not_propagated: 0.08,
    },
    reasoning:
      'S3 InvalidAccessKeyId / EC2 "does not exist in our records" names the key id itself: mostly a wrong or ' +
      'deleted key; S3 also answers this for a temporary key sent without its token.',
  },
  token_expired: {
    rates: {
      temp_credentials_expired: 0.76,
      wrong_profile_or_env: 0.12,
      session_token_mismatch: 0.1,
      clock_skew: 0.02,
    },
    reasoning:
      'ExpiredToken(Exception) says the session is over: usually STS/SSO credentials past their expiry or cached ' +
      'for the life of the process. When the person uses long-term keys, a stale token from the environment is ' +
      'riding along (wrong_profile_or_env / session_token_mismatch).',
  },
  sso_expired: {
    rates: { temp_credentials_expired: 0.9, wrong_profile_or_env: 0.1 },
    reasoning: 'TokenRetrievalError / UnauthorizedSSOTokenError are raised by the client when the SSO cache expired.',
  },
  sso_session_invalid: {
    rates: { temp_credentials_expired: 0.55, unknown: 0.25, wrong_profile_or_env: 0.2 },
    reasoning:
      '"Session token not found or invalid" is the IAM Identity Center GetRoleCredentials error: usually an expired ' +
      'or logged-out SSO session, but confirmed threads also show client credential-resolution regressions.',
  },
  web_identity_invalid: {
    rates: { temp_credentials_expired: 0.5, wrong_profile_or_env: 0.3, unknown: 0.2 },
    reasoning: 'InvalidIdentityToken: the OIDC token file is stale or for another audience / provider.',
  },
  signature_mismatch: {
    rates: { secret_key_mismatch: 0.82, clock_skew: 0.08, wrong_profile_or_env: 0.06, region_unsupported: 0.04 },
    reasoning:
      'SignatureDoesNotMatch / InvalidSignatureException: the key id is known, so the secret or the signing is ' +
      'wrong (bad copy, whitespace, duplicated credentials line, proxy headers or path encoding changed after ' +
      'signing). Clock problems mostly say "Signature expired" instead, but long threads report them here too.',
  },
  signature_expired: {
    rates: { clock_skew: 0.95, unknown: 0.05 },
    reasoning: '"Signature expired / not yet current" and RequestExpired: the request time is off by over 5 minutes.',
  },
  credential_scope_region: {
    rates: { region_unsupported: 0.85, wrong_profile_or_env: 0.1, secret_key_mismatch: 0.05 },
    reasoning: '"Credential should be scoped to a valid region": the request was signed for another region.',
  },
  credential_scope_service: {
    rates: { secret_key_mismatch: 0.75, region_unsupported: 0.25 },
    reasoning: '"Credential should be scoped to correct service": a hand-rolled signer used the wrong signing name.',
  },
  no_credentials: {
    rates: { wrong_profile_or_env: 0.85, temp_credentials_expired: 0.1, unknown: 0.05 },
    reasoning:
      'NoCredentialsError / CredentialsProviderError / "Unable to load credentials": the process found no ' +
      'credentials where it looked (profile not passed, env not set in that runtime); an expired SSO cache ' +
      'sometimes surfaces this way.',
  },
  endpoint_unreachable: {
    rates: { region_unsupported: 0.8, unknown: 0.2 },
    reasoning:
      'EndpointConnectionError / ENOTFOUND: no endpoint for that region (typo, Bedrock not offered there), less ' +
      'often a proxy or DNS problem on the network path.',
  },
  no_region: {
    rates: { region_unsupported: 0.7, wrong_profile_or_env: 0.3 },
    reasoning: 'NoRegionError: no region configured for the client, often because another profile was read.',
  },
  denied_implicit: {
    rates: { missing_iam_permission: 0.92, explicit_deny: 0.04, wrong_profile_or_env: 0.04 },
    reasoning: '"because no ... policy allows": an implicit deny, the named action is simply not granted.',
  },
  denied_explicit: {
    rates: { explicit_deny: 0.96, missing_iam_permission: 0.04 },
    reasoning: '"with an explicit deny in a ...": AWS names the policy type that denies.',
  },
  denied_principal: {
    rates: {
      missing_iam_permission: 0.65,
      explicit_deny: 0.2,
      wrong_profile_or_env: 0.1,
      model_access_not_granted: 0.05,
    },
    reasoning: '"is not authorized to perform" without the reason clause (older services, STS, cross-account calls).',
  },
  access_denied_bare: {
    rates: {
      missing_iam_permission: 0.4,
      model_access_not_granted: 0.25,
      explicit_deny: 0.12,
      region_unsupported: 0.1,
      wrong_profile_or_env: 0.08,
      account_issue: 0.05,
    },
    reasoning: 'AccessDenied(Exception) with no message: IAM denials dominate, then model access.',
  },
  model_access_denied: {
    rates: { region_unsupported: 0.5, model_access_not_granted: 0.45, account_issue: 0.05 },
    reasoning:
      '"You don\'t have access to the model" / "Your account is not authorized to invoke this API operation": ' +
      'grants are per model and per region, and since 2025 access is on by default in commercial regions, so the ' +
      'confirmed fix is as often "call the region where access was granted" as "enable access". All confirmed ' +
      'corpus threads with these messages were fixed by changing region.',
  },
  marketplace: {
    rates: { model_access_not_granted: 0.8, missing_iam_permission: 0.2 },
    reasoning: 'AWS Marketplace subscription for the model could not be made by this caller.',
  },
  use_case_form: {
    rates: { model_access_not_granted: 0.97, account_issue: 0.03 },
    reasoning: 'FTUFormNotFilled: the Anthropic use-case form was not submitted for the account.',
  },
  legacy_model: {
    rates: { model_access_not_granted: 0.85, invalid_model_id: 0.15 },
    reasoning: 'Legacy-model lock-out: access lapsed for a model marked Legacy.',
  },
  on_demand_unsupported: {
    rates: { inference_profile_required: 0.97, invalid_model_id: 0.03 },
    reasoning: '"with on-demand throughput isn\'t supported": the model must be called through an inference profile.',
  },
  model_id_invalid: {
    rates: { invalid_model_id: 0.58, region_unsupported: 0.37, inference_profile_required: 0.05 },
    reasoning:
      '"The provided model identifier is invalid" does not echo the id: friendly aliases and non-Bedrock ids are ' +
      'the most common, but the same text comes back for a valid id in a region that does not offer the model.',
  },
  operation_not_allowed: {
    rates: { account_issue: 0.8, model_access_not_granted: 0.15, region_unsupported: 0.05 },
    reasoning: '"Operation not allowed": account-level block (new or unverified account) lifted by AWS Support.',
  },
  account_blocked: {
    rates: { account_issue: 0.9, model_access_not_granted: 0.1 },
    reasoning: 'Support-case wording, BadCScoreException, suspended or unverified account.',
  },
  region_disabled: {
    rates: { opt_in_region_token: 0.92, region_unsupported: 0.08 },
    reasoning: 'RegionDisabledException: STS (or the region) is not enabled for the account.',
  },
  api_key_rejected: {
    rates: { bedrock_api_key: 0.75, region_unsupported: 0.2, wrong_profile_or_env: 0.05 },
    reasoning:
      'Bedrock API key (bearer token) refused: expired, malformed, revoked, or a short-term key used outside the ' +
      'region it was created in.',
  },
  generic_auth: {
    rates: {
      missing_iam_permission: 0.2,
      key_not_found: 0.14,
      session_token_mismatch: 0.12,
      temp_credentials_expired: 0.12,
      wrong_profile_or_env: 0.12,
      model_access_not_granted: 0.1,
      region_unsupported: 0.08,
      unknown: 0.12,
    },
    reasoning: 'A bare 403 / Forbidden / "not authorized" with no AWS code or message: every cause is possible.',
  },
  not_auth_error: {
    rates: { unknown: 1 },
    reasoning: 'Throttling, malformed requests, service errors: not an authentication or permission problem.',
  },
};

/** Evidence points given to the most frequent cause of a family; the others get less by ln(rate / top rate). */
export const FAMILY_WEIGHT = 3;
/** The generic family is weak evidence: it must not outvote a specific message elsewhere in the text. */
export const GENERIC_FAMILY_WEIGHT = 1.5;

export function familyWeights(family: FamilyId): Array<{ cause: CauseId; weight: number; rate: number }> {
  const rates = FAMILY_BASE_RATES[family].rates;
  const entries = Object.entries(rates) as Array<[CauseId, number]>;
  const top = Math.max(...entries.map(([, rate]) => rate));
  const base = family === 'generic_auth' ? GENERIC_FAMILY_WEIGHT : FAMILY_WEIGHT;
  return entries.map(([cause, rate]) => ({ cause, rate, weight: base + Math.log(rate / top) }));
}
