/**
 * The evidence table: each context signal moves the causes it bears on by a number of evidence points, with the
 * reason shown to the person. Points are log-odds: +1 is a hint, +2 to +3 a strong hint, +4 and more all but
 * decides; negative points make a cause less likely (an ASIA key cannot be "inactive", a key that just answered
 * get-caller-identity is not unknown to AWS). Message families get their points from base-rates.ts.
 */
import type { CauseId } from '../report.js';

export type ContextSignalId =
  | 'long_term_key_with_token'
  | 'temp_key_without_token'
  | 'temp_key'
  | 'long_term_key'
  | 'long_term_key_but_expired'
  | 'temp_key_with_token_invalid'
  | 'iam_call_token_invalid'
  | 'sso_session_unread'
  | 'iam_call_session_token_credentials'
  | 'opt_in_region'
  | 'region_not_opt_in'
  | 'elevated_shell'
  | 'worked_before'
  | 'fails_only_in_opt_in_region'
  | 'region_being_validated'
  | 'v1_session_token'
  | 'key_just_created'
  | 'works_on_retry'
  | 'key_status_inactive'
  | 'key_disabled_mention'
  | 'key_disabled_question'
  | 'key_deleted_mention'
  | 'env_keys_over_profile'
  | 'env_keys'
  | 'env_mention'
  | 'profile_mention'
  | 'masked_key_mismatch'
  | 'emulator_credentials'
  | 's3_compatible_service'
  | 'custom_endpoint'
  | 'no_credentials_listed'
  | 'credentials_verified'
  | 'identity_account_mismatch'
  | 'key_account_mismatch'
  | 'partition_mismatch'
  | 'ambient_session_runtime'
  | 'third_party_signer'
  | 'custom_signer'
  | 'aws_sdk_signer'
  | 'signed_extra_headers'
  | 'works_elsewhere'
  | 'client_regression'
  | 'client_crash'
  | 'bearer_token_present'
  | 'bearer_and_sigv4'
  | 'bedrock_not_in_region'
  | 'unknown_region'
  | 'secret_copy_hint'
  | 'model_access_hint'
  | 'model_id_as_region'
  | 'region_left_out'
  | 'api_key_not_sent'
  | 'key_id_not_a_key'
  | 'expiry_stated'
  | 'other_service_call'
  | 'other_region_works'
  | 'clock_hint'
  | 'clock_wrong'
  | 'temporary_source'
  | 'short_lived_source'
  | 'skew_measured'
  | 'cross_region_profile_denied'
  | 'permissions_boundary_named'
  | 'anonymous_request'
  | 'unintended_identity'
  | 'node_role_identity'
  | 'cognito_unauth_session_policy'
  | 'network_path'
  | 'endpoint_region_valid'
  | 'model_region_mismatch'
  | 'profile_id_invalid'
  | 'profile_id_in_geography'
  | 'documented_model_profile'
  | 'profile_only_model'
  | 'model_not_offered_in_region'
  | 'model_offered_in_region'
  | 'model_profile_only_in_region'
  | 'model_on_demand_in_region'
  | 'region_in_model_id'
  | 'model_alias'
  | 'model_arn_with_slash'
  | 'bedrock_call_without_sigv4'
  | 'topic_expiry'
  | 'topic_credentials'
  | 'topic_region'
  | 'topic_model'
  | 'topic_permission';

/** Signals that only rule causes out (every weight negative): they support no cause and give no reason. */
export const RULE_OUT_SIGNALS: ReadonlySet<ContextSignalId> = new Set<ContextSignalId>(['other_service_call']);

export type Rule = Partial<Record<CauseId, readonly [weight: number, because: string]>>;

export const CONTEXT_RULES: Readonly<Record<ContextSignalId, Rule>> = {
  long_term_key_with_token: {
    session_token_mismatch: [4.5, 'a long-term AKIA key must be sent without a session token; AWS rejects the pair'],
    wrong_profile_or_env: [1, 'the token usually comes from the environment, not from the intended credentials'],
    temp_credentials_expired: [-1.5, 'long-term keys do not expire'],
    key_not_found: [-0.5, 'the key itself may be fine: the token next to it is what AWS rejects'],
  },
  temp_key_without_token: {
    session_token_mismatch: [4, 'a temporary ASIA key is only valid together with its session token'],
    temp_credentials_expired: [0.5, 'a temporary key also expires'],
    key_inactive: [-3, 'temporary keys cannot be deactivated'],
    key_not_propagated: [-3, 'temporary keys do not wait for IAM propagation'],
    key_not_found: [-1.5, 'temporary keys are not deleted like user keys'],
  },
  temp_key: {
    session_token_mismatch: [1, 'a temporary ASIA key fails when its session token is missing or from another session'],
    temp_credentials_expired: [1, 'temporary ASIA credentials expire'],
    opt_in_region_token: [0.5, 'session tokens from the global STS endpoint do not work in opt-in regions'],
    key_inactive: [-3, 'temporary keys cannot be deactivated'],
    key_not_propagated: [-3, 'temporary keys do not wait for IAM propagation'],
    key_not_found: [-1, 'temporary keys are not deleted like user keys'],
  },
  long_term_key: {
    key_not_found: [0.7, 'an AKIA key rejected as invalid is most often deleted, rotated or mistyped'],
    key_inactive: [0.5, 'an AKIA key can be deactivated'],
    temp_credentials_expired: [-1.5, 'long-term keys do not expire'],
  },
  long_term_key_but_expired: {
    session_token_mismatch: [
      3,
      'long-term keys never expire: an "expired" answer means a stale session token rides along',
    ],
    wrong_profile_or_env: [2.5, 'a stale AWS_SESSION_TOKEN or profile from the environment is being used'],
    temp_credentials_expired: [-1.5, 'the key named is long-term, it cannot expire itself'],
  },
  temp_key_with_token_invalid: {
    temp_credentials_expired: [0.8, 'very old session tokens come back as "invalid" rather than "expired"'],
    opt_in_region_token: [0.5, 'v1 tokens from the global STS endpoint are invalid in opt-in regions'],
  },
  opt_in_region: {
    opt_in_region_token: [
      3.5,
      'the region is opt-in: it must be enabled for the account, and v1 global-STS tokens are invalid there',
    ],
  },
  region_not_opt_in: {
    opt_in_region_token: [
      -2.5,
      'the call goes to a region enabled by default in every account, where opt-in settings and v1 global-STS tokens do not matter',
    ],
    key_not_found: [0.3, 'with the region ruled out, the key itself is more often what AWS does not recognise'],
  },
  elevated_shell: {
    wrong_profile_or_env: [
      1.8,
      "sudo runs the command as root, with root's home (~/.aws) and environment: not the credentials of the user who set them up",
    ],
  },
  sso_session_unread: {
    unknown: [
      1.5,
      'tools built on SDKs older than [sso-session] support (late 2022) cannot read such profiles: upgrade the tool, or write the legacy SSO profile (sso_start_url and sso_region in the profile itself)',
    ],
  },
  iam_call_token_invalid: {
    unknown: [
      1,
      'IAM refuses credentials from GetSessionToken without MFA as an invalid token, though they work for other services',
    ],
  },
  iam_call_session_token_credentials: {
    unknown: [
      3,
      'the credentials come from GetSessionToken, which cannot call IAM unless the session was made with MFA: the key and token are fine, the session type is not',
    ],
    session_token_mismatch: [-0.5, 'a GetSessionToken session is sent with its own token'],
  },
  worked_before: {
    wrong_profile_or_env: [
      0.9,
      'the same setup worked before: something now supplies other credentials (an exported variable, another profile)',
    ],
    key_not_found: [0.5, 'a key that worked before may have been rotated or deleted since'],
    temp_credentials_expired: [0.3, 'credentials that worked before may have expired'],
  },
  fails_only_in_opt_in_region: {
    opt_in_region_token: [2, 'the same credentials work in a default region and fail in an opt-in one'],
    key_not_found: [-2, 'a key that works elsewhere exists'],
    key_inactive: [-2, 'a key that works elsewhere is active'],
  },
  region_being_validated: {
    opt_in_region_token: [
      2.5,
      'AWS says access to this region is still being validated for the account: a region just enabled (opt-in regions take minutes to hours) is not usable yet',
    ],
  },
  v1_session_token: {
    opt_in_region_token: [
      1.5,
      'the session token is short (about 360 characters), the shape of a v1 global-endpoint token',
    ],
  },
  key_just_created: {
    key_not_propagated: [
      5,
      'the key or role was used right after it was created; IAM takes seconds to propagate a new key or role',
    ],
    key_not_found: [0.5, 'a brand-new key is "not found" until it propagates'],
  },
  works_on_retry: {
    key_not_propagated: [
      3,
      'the same call succeeds when simply run again: IAM is eventually consistent, a new key, user or role propagates in seconds',
    ],
    key_not_found: [-0.5, 'a key that works on the next try exists'],
  },
  key_status_inactive: {
    key_inactive: [5, 'IAM shows the key as Inactive'],
  },
  key_disabled_mention: {
    key_inactive: [
      4.5,
      'the text says the key was disabled or deactivated: AWS answers a deactivated key like an unknown one',
    ],
  },
  key_disabled_question: {
    key_inactive: [1, 'the text asks whether the key is disabled'],
  },
  key_deleted_mention: {
    key_not_found: [2, 'the text mentions a deleted, rotated or replaced key'],
  },
  env_keys_over_profile: {
    wrong_profile_or_env: [4.5, 'access keys in environment variables win over the profile that was meant to be used'],
    session_token_mismatch: [0.5, 'environment variables often carry a stale session token as well'],
  },
  env_keys: {
    wrong_profile_or_env: [1.5, 'the credentials come from environment variables, which shadow every profile'],
    session_token_mismatch: [0.5, 'environment variables often carry a stale session token as well'],
  },
  env_mention: {
    wrong_profile_or_env: [2.2, 'the text says the credentials came from (or were meant to leave) the environment'],
  },
  profile_mention: {
    wrong_profile_or_env: [1, 'a named profile is involved: a different one may be picked up'],
  },
  masked_key_mismatch: {
    wrong_profile_or_env: [3.5, 'the key `aws configure list` shows is not the key in the error'],
  },
  emulator_credentials: {
    key_not_found: [
      2.5,
      'a dummy or placeholder key (what LocalStack and moto accept) is unknown to real AWS: the request reached AWS, not the emulator',
    ],
    region_unsupported: [
      1,
      'the endpoint override (endpoint_url, AWS_ENDPOINT_URL) was not applied: the call went to AWS',
    ],
    session_token_mismatch: [-1, 'the dummy key fails at AWS whatever session token rides along'],
  },
  no_credentials_listed: {
    wrong_profile_or_env: [3, '`aws configure list` shows no access key at all'],
  },
  credentials_verified: {
    key_not_found: [-1.5, 'the credentials were accepted by get-caller-identity, so the key exists'],
    key_inactive: [-1.5, 'the credentials were accepted by get-caller-identity, so the key is active'],
    key_not_propagated: [-1.5, 'the credentials were accepted by get-caller-identity'],
    temp_credentials_expired: [-1, 'the credentials were valid moments before'],
    session_token_mismatch: [-0.5, 'the credentials were accepted elsewhere'],
    wrong_profile_or_env: [1, 'the process that fails may resolve other credentials than the one that worked'],
    unknown: [1, 'valid credentials rejected only in this client point at the client'],
  },
  identity_account_mismatch: {
    wrong_profile_or_env: [3, 'the identity in use belongs to another account than the one the text expects'],
    key_not_found: [0.5, 'a key from another account may be the wrong key altogether'],
  },
  key_account_mismatch: {
    wrong_profile_or_env: [2, 'the key belongs to another account than the one in the text'],
    key_not_found: [2, 'a mistyped key id decodes to an unrelated account'],
  },
  partition_mismatch: {
    key_not_found: [2.5, 'keys of one partition (aws-cn, aws-us-gov) are unknown in the others'],
  },
  ambient_session_runtime: {
    session_token_mismatch: [
      2.2,
      'this runtime (Lambda, ECS, EKS, Vercel) exports its own AWS_SESSION_TOKEN, which clients mix with explicit keys',
    ],
    wrong_profile_or_env: [0.5, 'the runtime injects its own credentials'],
  },
  s3_compatible_service: {
    unknown: [
      4.5,
      'that service checks its own keys, clock and signing rules: no AWS credential, policy or setting is involved',
    ],
  },
  custom_endpoint: {
    unknown: [4, 'an S3-compatible server (MinIO, a gateway) refused the request itself: AWS never saw it'],
  },
  third_party_signer: {
    session_token_mismatch: [
      0.8,
      'clients that build credentials themselves (Anthropic SDK, Vercel AI, LiteLLM, IDE extensions) most often drop or mix the session token',
    ],
  },
  custom_signer: {
    unknown: [
      1.5,
      'this client computes SigV4 itself instead of using an AWS SDK; such signers get the canonical path, query or headers of some calls wrong (an ARN or ":" in the path, a duplicated header), which AWS answers like a wrong secret',
    ],
  },
  aws_sdk_signer: {
    secret_key_mismatch: [
      0.6,
      "an AWS SDK's signer is exercised by every call its users make: a mismatch from it is more often the secret it was given than the signing itself",
    ],
  },
  signed_extra_headers: {
    unknown: [
      2,
      'the canonical request shows headers or path encoding changed by a proxy or a custom signer: a proxy or a ' +
        'client that re-encodes the path or adds headers after signing is a bug there, not in the keys',
    ],
    clock_skew: [-1, 'the signature failed on content, not on time'],
    secret_key_mismatch: [0.5, 'the secret is still the other thing that makes the signatures differ'],
  },
  works_elsewhere: {
    wrong_profile_or_env: [
      1.5,
      'the same thing works in another place, so this process picks up other credentials or settings',
    ],
  },
  client_regression: {
    unknown: [4.5, 'the failure follows a client upgrade and goes away with a downgrade: a client bug, not AWS'],
  },
  client_crash: {
    unknown: [3, "the client's own code crashed: a client bug, whatever credential message it left behind"],
  },
  bearer_token_present: {
    bedrock_api_key: [3.5, 'a Bedrock API key (bearer token) is in use'],
    session_token_mismatch: [-1, 'a bearer-token call carries no SigV4 session token'],
    key_inactive: [-1, 'a bearer-token call does not use an access key'],
    key_not_propagated: [-1, 'a bearer-token call does not use an access key'],
  },
  api_key_not_sent: {
    unknown: [
      3.5,
      'the client never sent the Bedrock API key: it does not use one (a client bug, or a version without API-key support)',
    ],
    bedrock_api_key: [2, 'the Bedrock API key is set where this client does not read it'],
    session_token_mismatch: [-1, 'no SigV4 call was made, so no session token is involved'],
  },
  model_id_as_region: {
    unknown: [3.5, "a model id was passed where the region goes: the code's arguments are mixed up, not the region"],
    region_unsupported: [-1, 'no region was chosen at all: a model id stood in its place'],
  },
  region_left_out: {
    region_unsupported: [
      3,
      'the text says the call fails without a region and works with one: clients word a missing region as missing credentials too',
    ],
  },
  bedrock_call_without_sigv4: {
    bedrock_api_key: [
      1.3,
      'Bedrock callers set up with only a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) hit this in clients or versions that do not read it',
    ],
  },
  bearer_and_sigv4: {
    wrong_profile_or_env: [
      2.5,
      'both a Bedrock API key and SigV4 access keys are set; the client may send the wrong one',
    ],
    bedrock_api_key: [1, 'AWS_BEARER_TOKEN_BEDROCK shadows SigV4 credentials in several clients'],
  },
  bedrock_not_in_region: {
    region_unsupported: [4, 'Bedrock is not offered in this region'],
  },
  unknown_region: {
    region_unsupported: [4.5, 'this is not an AWS region name'],
  },
  secret_copy_hint: {
    secret_key_mismatch: [1.5, 'the secret was copied by hand, where whitespace and truncation creep in'],
  },
  model_access_hint: {
    model_access_not_granted: [1.5, 'the text says model access was never requested or enabled'],
  },
  other_service_call: {
    model_access_not_granted: [-4, 'the call went to another service than Bedrock: no model access is involved'],
    inference_profile_required: [-4, 'the call went to another service than Bedrock: no model is invoked'],
    invalid_model_id: [-4, 'the call went to another service than Bedrock: no model id is sent'],
    bedrock_api_key: [-4, 'the call went to another service than Bedrock, which takes no Bedrock API key'],
  },
  other_region_works: {
    region_unsupported: [1.5, 'the same call works in another region'],
  },
  clock_hint: {
    clock_skew: [1.5, 'the machine just resumed from sleep or runs in a VM whose clock drifts (WSL, Docker Desktop)'],
  },
  temporary_source: {
    session_token_mismatch: [
      1.2,
      'the credentials are temporary ones (SAML, OIDC, an assumed role): sent without their session token, AWS does not know the key',
    ],
    key_not_found: [-0.5, 'temporary keys are not deleted or mistyped like user keys'],
  },
  clock_wrong: {
    clock_skew: [
      3.5,
      'the text says the clock was wrong or out of sync; SigV4 refuses requests more than 5 minutes off',
    ],
  },
  expiry_stated: {
    temp_credentials_expired: [
      2.8,
      'the text says the credentials expire or expired; AWS answers a lapsed session token as invalid as often as expired',
    ],
  },
  key_id_not_a_key: {
    key_not_found: [3, 'AWS received a placeholder or a setting name as the key id: no such key exists'],
    wrong_profile_or_env: [1, 'the setting meant to hold the key was not read, so its name or a default was sent'],
    session_token_mismatch: [-2, 'no temporary key was sent at all, so no session token is missing'],
  },
  short_lived_source: {
    temp_credentials_expired: [
      2.4,
      'the credentials come from a source that hands out short-lived ones (SSO / IAM Identity Center, credential_process, aws-vault); when they lapse, clients report no credentials',
    ],
  },
  skew_measured: {
    clock_skew: [1, 'the two timestamps AWS quotes give the skew directly'],
  },
  unintended_identity: {
    wrong_profile_or_env: [3.5, 'the identity in use is not the one meant to make this call'],
  },
  node_role_identity: {
    // Calibrated on the corpus: of the 8 denials naming a node or runner instance role, 3 were the pod's or job's
    // own role not picked up (5 December 2026), so the reading gets about a third.
    wrong_profile_or_env: [
      2.7,
      "the caller is the instance role of a Kubernetes node or CI runner: a pod or job meant to use its own role (IRSA, EKS Pod Identity, OIDC web identity) falls through to the host's when its SDK or setup does not provide that source",
    ],
  },
  network_path: {
    unknown: [3, 'the endpoint exists; a proxy, firewall or DNS on the way blocks it'],
    region_unsupported: [-1.5, 'the region offers Bedrock'],
  },
  endpoint_region_valid: {
    unknown: [1, 'the endpoint exists, so the network path (proxy, DNS, firewall) may be at fault'],
    region_unsupported: [-0.5, 'the region offers Bedrock'],
  },
  model_region_mismatch: {
    region_unsupported: [3, 'a model or inference-profile ARN can only be called in its own region'],
  },
  model_arn_with_slash: {
    invalid_model_id: [
      1.8,
      'a model ARN with a "/" must be URL-encoded in the request path; sent unescaped, Bedrock receives another id',
    ],
    unknown: [0.5, 'only a client that builds the path itself gets this wrong: upgrading it is the fix'],
  },
  model_alias: {
    invalid_model_id: [2.5, "a name without the provider prefix is a friendly alias or another API's model name"],
    region_unsupported: [-1, 'the id is not a Bedrock id in any region'],
  },
  profile_id_in_geography: {
    invalid_model_id: [
      1,
      'the profile is called from its own geography, so the id itself is what Bedrock does not know',
    ],
  },
  region_in_model_id: {
    invalid_model_id: [
      2,
      'a model id with a region in front of it ("us-west-2/anthropic...") is not a Bedrock id anywhere',
    ],
    region_unsupported: [-0.5, 'the region is in the id, not in the call'],
  },
  profile_only_model: {
    inference_profile_required: [
      2.5,
      'the model is documented for cross-Region inference only: its bare id is refused, an inference profile id is needed',
    ],
    invalid_model_id: [-1, 'the id is a documented model id'],
  },
  documented_model_profile: {
    region_unsupported: [
      2.5,
      'the id is the inference profile of a model Bedrock documents: it is "invalid" where that profile is not offered (the region called, or a client that sent it to another region)',
    ],
    invalid_model_id: [-1, 'the id names a real model through a real geography prefix'],
  },
  profile_id_invalid: {
    region_unsupported: [
      3,
      'a us./eu./apac./global. profile id is only valid where its geography routes; called from another region it is "invalid"',
    ],
    invalid_model_id: [-0.5, 'the id has the shape of a real inference profile'],
  },
  model_not_offered_in_region: {
    region_unsupported: [
      2.5,
      'the user guide lists the Regions that offer this model, on demand or through an inference profile, and this Region is not one of them',
    ],
    invalid_model_id: [-1, 'the id is a documented model id'],
  },
  model_offered_in_region: {
    model_access_not_granted: [
      0.5,
      "the model is offered in this Region, so what is missing is the account's access to it there",
    ],
    region_unsupported: [-1, 'the user guide lists this Region among those that offer the model'],
  },
  model_profile_only_in_region: {
    inference_profile_required: [
      1,
      'the user guide offers this model in this Region only through cross-Region inference profiles, not by its bare id',
    ],
    region_unsupported: [-1, 'the user guide lists this Region among those that offer the model'],
  },
  model_on_demand_in_region: {
    invalid_model_id: [
      0.3,
      'the id and the Region match the user guide, so what Bedrock received was another string (a suffix, an encoding, another version)',
    ],
    region_unsupported: [-1, 'the user guide lists this Region among those that offer the model on demand'],
  },
  anonymous_request: {
    wrong_profile_or_env: [3, 'the client sent no credentials: it did not find (or did not use) the ones meant for it'],
    bedrock_api_key: [1.5, 'a client configured for a Bedrock API key that did not send it calls anonymously too'],
    missing_iam_permission: [
      -2.5,
      'no policy is evaluated for an unsigned request: the missing part is the credentials',
    ],
    explicit_deny: [-2, 'no policy is evaluated for an unsigned request'],
  },
  cognito_unauth_session_policy: {
    explicit_deny: [
      3,
      'unauthenticated Cognito identities of the enhanced flow get a scope-down session policy (AmazonCognitoUnAuthedIdentitiesSessionPolicy): a service it does not list is refused whatever the role allows; use the basic flow or authenticated identities for it',
    ],
  },
  permissions_boundary_named: {
    explicit_deny: [
      3,
      'a permissions boundary is in play: an action it does not allow is refused whatever the identity policies allow',
    ],
  },
  cross_region_profile_denied: {
    explicit_deny: [0.5, 'the denied resource has no region: the call went through a cross-region inference profile'],
  },
  // Topics of an error no family knows (signals/topics.ts): weak hints, below the fallback's `unknown`, so the
  // plausible causes are listed without any of them being named as the answer.
  topic_expiry: {
    temp_credentials_expired: [1.6, 'the text is about something expiring; temporary credentials expire'],
  },
  topic_credentials: {
    wrong_profile_or_env: [1.2, 'the text is about credentials: the process may resolve other ones than intended'],
    temp_credentials_expired: [0.9, 'the text is about credentials: temporary ones expire'],
    key_not_found: [0.4, 'the text is about credentials: the key may not exist (typo, deleted, other partition)'],
  },
  topic_region: {
    region_unsupported: [1.2, 'the text is about regions or endpoints: the call may go to the wrong region'],
    opt_in_region_token: [0.3, 'opt-in regions must be enabled for the account'],
  },
  topic_model: {
    region_unsupported: [0.9, 'the text is about a model: models are offered in some regions only'],
    model_access_not_granted: [0.9, 'the text is about a model: its access or Marketplace subscription may be missing'],
    invalid_model_id: [0.9, 'the text is about a model: the id may be wrong'],
    inference_profile_required: [0.6, 'newer models are only called through an inference profile'],
  },
  topic_permission: {
    missing_iam_permission: [1.2, 'the text is about permissions: no policy may allow the action'],
    explicit_deny: [0.4, 'an explicit deny (SCP, boundary) also refuses the action'],
  },
};
