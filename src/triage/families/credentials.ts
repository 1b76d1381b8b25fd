/** Families of messages about the credentials themselves: unknown, expired, missing, SSO and web-identity tokens. */

import type { ContextSignalId } from '../rules.js';
import { CREDENTIAL_MESSAGES, DENIAL_MESSAGES, SIGNING_MESSAGES } from './groups.js';
import type { Family, FamilyId } from './types.js';

const COMMON_ERRORS = 'https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html';

/**
 * What tells apart the causes of a key AWS refused: the key's kind against the session token, the region it was
 * used in, the key's life, and where the credentials came from.
 */
const KEY_CONTEXT: readonly ContextSignalId[] = [
  'long_term_key_with_token',
  'temp_key_without_token',
  'temp_key',
  'long_term_key',
  'opt_in_region',
  'fails_only_in_opt_in_region',
  'key_just_created',
  'key_status_inactive',
  'key_deleted_mention',
  'env_keys_over_profile',
];

/** Families whose message says why no credentials could be had: the chain's summary yields to them. */
const NO_CREDENTIALS_YIELDS_TO: readonly FamilyId[] = [
  ...CREDENTIAL_MESSAGES,
  'sso_role_no_access',
  'region_disabled',
  ...SIGNING_MESSAGES,
  ...DENIAL_MESSAGES,
  // langchain-aws's summary, which words every failed client build as credentials (its own family).
  'client_init_failed',
];

export const CREDENTIAL_FAMILIES: readonly Family[] = [
  {
    id: 'token_invalid',
    meaning:
      'The access key id, or the session token sent with it, is not one AWS recognises (InvalidClientTokenId on ' +
      'query services, UnrecognizedClientException on JSON services such as Bedrock, 403).',
    doc: COMMON_ERRORS,
    wordings: [
      'security token included in the request is invalid',
      'the security token is invalid',
      'invalid security token',
      'the security token included in the request is not valid',
      // A third-party service that checked the AWS keys it was given (MongoDB Atlas, SaaS integrations).
      'invalid aws credentials',
    ],
    codes: ['UnrecognizedClientException', 'InvalidClientTokenId'],
    codeYieldsTo: ['key_id_not_exist', 'region_disabled', 'sso_session_invalid', 'token_expired', 's3_token_invalid'],
    prior: {
      session_token_mismatch: 0.27,
      key_not_found: 0.27,
      wrong_profile_or_env: 0.14,
      opt_in_region_token: 0.12,
      key_inactive: 0.07,
      key_not_propagated: 0.06,
      temp_credentials_expired: 0.07,
    },
    priorWhy:
      'AWS documents the text for an access key id or token it does not recognise. Which one is not in the ' +
      'message: a session token that does not belong to the key (stale AWS_SESSION_TOKEN next to AKIA keys, ASIA ' +
      'keys sent without their token by third-party clients) and unknown keys (typo, deleted or rotated, other ' +
      'partition) are the common confirmed fixes; other credentials picked up than intended next; v1 global-STS ' +
      'tokens in opt-in regions, deactivated keys, keys used seconds after creation and very old tokens are rarer.',
    evidence: [
      ...KEY_CONTEXT,
      'ambient_session_runtime',
      'third_party_signer',
      'partition_mismatch',
      'emulator_credentials',
      'key_account_mismatch',
    ],
    commands: ['aws sts get-caller-identity', 'env | grep ^AWS_ | cut -d= -f1'],
  },
  {
    id: 's3_token_invalid',
    meaning:
      'S3 InvalidToken ("The provided token is malformed or otherwise invalid", 400): the session token sent with ' +
      'the request (x-amz-security-token) is not one S3 can accept. S3 answers an unknown access key id with ' +
      'InvalidAccessKeyId and an expired token with ExpiredToken, so this one is about the token itself: not the ' +
      "key's, a v1 token from the global STS endpoint in a Region not enabled by default, or a token from another " +
      'partition (IAM credentials of one partition are not valid in another).',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
    wordings: ['the provided token is malformed or otherwise invalid'],
    codes: ['InvalidToken'],
    codeYieldsTo: ['key_id_not_exist', 'token_expired', 'region_disabled', 'no_credentials'],
    prior: {
      session_token_mismatch: 0.35,
      opt_in_region_token: 0.25,
      key_not_found: 0.2,
      wrong_profile_or_env: 0.15,
      temp_credentials_expired: 0.05,
    },
    priorWhy:
      'AWS documents the code for a session token S3 cannot accept, and documents two ways a well-formed token is ' +
      'refused: v1 session tokens from the global STS endpoint are valid only in Regions enabled by default ' +
      '(IAM User Guide, "Manage AWS STS in an AWS Region"), and IAM credentials from one partition cannot be used ' +
      'in another (China, GovCloud keys sent to a commercial endpoint: no such key there). A token that does not ' +
      'belong to the key (a stale AWS_SESSION_TOKEN, a token cut or mangled in copying) is the commonest; other ' +
      'credentials than intended follow; expired tokens are answered ExpiredToken, so they are rare here.',
    evidence: [
      'long_term_key_with_token',
      'temp_key',
      'opt_in_region',
      'fails_only_in_opt_in_region',
      'region_not_opt_in',
      'v1_session_token',
      'env_keys_over_profile',
      'ambient_session_runtime',
      'third_party_signer',
      'partition_mismatch',
    ],
    commands: ['aws sts get-caller-identity', 'env | grep ^AWS_ | cut -d= -f1'],
  },
  {
    id: 'auth_failure',
    meaning:
      'EC2 AuthFailure ("AWS was not able to validate the provided access credentials", also other query APIs and ' +
      'the Alexa / Product Advertising APIs): the credentials could not be validated; AWS asks to check that the ' +
      'account is authorized to use the service and its payment details are in order, and that the credentials are ' +
      'the right ones. EC2 in a region the account has not enabled answers the same way.',
    doc: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html',
    wordings: ['aws was not able to validate the provided access credentials'],
    codes: ['AuthFailure'],
    codeYieldsTo: ['key_id_not_exist', 'region_disabled', 'token_expired'],
    prior: {
      key_not_found: 0.3,
      account_issue: 0.25,
      opt_in_region_token: 0.15,
      wrong_profile_or_env: 0.1,
      clock_skew: 0.08,
      session_token_mismatch: 0.07,
      key_not_propagated: 0.03,
      key_inactive: 0.02,
    },
    priorWhy:
      'AWS documents AuthFailure as credentials it could not validate and names the checks: the account authorized ' +
      'for the service and its credit card details (a suspended, unpaid or not yet activated account), then the ' +
      'credentials in use. An unknown key is the usual credential reason; a region not enabled for the account, ' +
      'other credentials than intended, a ' +
      'token that does not match the key, a key used seconds after creation and a deactivated key follow. A client ' +
      'clock off by minutes is answered AuthFailure too: the AWS SDKs count AuthFailure among the clock-skew error ' +
      'codes they correct the clock for and retry (JS v3 service-error-classification CLOCK_SKEW_ERROR_CODES, Java ' +
      "v1 RetryUtils, .NET RetryPolicy's possible clock-skew codes), so a tool that does not correct it shows it.",
    evidence: [
      ...KEY_CONTEXT,
      'partition_mismatch',
      'emulator_credentials',
      'key_account_mismatch',
      'clock_wrong',
      'clock_hint',
    ],
    commands: [
      'aws sts get-caller-identity',
      'aws account list-regions --region-opt-status-contains ENABLED',
      'date -u',
    ],
  },
  {
    id: 'key_id_not_exist',
    meaning:
      'The access key id is not in AWS records (S3 InvalidAccessKeyId, "does not exist in our records"): a wrong, ' +
      'deleted or other-partition key, or a temporary key sent without its token.',
    doc: 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
    wordings: ['does not exist in our records'],
    codes: ['InvalidAccessKeyId'],
    prior: {
      key_not_found: 0.5,
      session_token_mismatch: 0.18,
      wrong_profile_or_env: 0.14,
      key_inactive: 0.1,
      key_not_propagated: 0.08,
    },
    priorWhy:
      'The message names the key id itself: mostly a wrong or deleted key; S3 also answers this for a temporary ' +
      'key sent without its token.',
    evidence: [
      'long_term_key',
      'temp_key_without_token',
      'key_just_created',
      'key_deleted_mention',
      'emulator_credentials',
    ],
  },
  {
    id: 'token_expired',
    meaning:
      'The temporary credentials (STS, SSO or assumed-role session token) are past their expiry ' +
      '(ExpiredToken / ExpiredTokenException, 403).',
    doc: COMMON_ERRORS,
    wordings: [
      'security token included in the request is expired',
      'the provided token has expired',
      'security token has expired',
      'security token expired',
      'refreshed credentials are still expired',
      'credentials have expired',
      'token expired: current date/time',
      'session token has expired',
      'the security token included in the request has expired',
      'credentials are expired',
      'expired credentials',
      // botocore's RefreshWithMFAUnsupportedError: assumed-role credentials that needed an MFA code lapsed.
      'cannot refresh credentials: mfa token required',
      // Amazon ECR's answer to a registry login token (aws ecr get-login-password) past its 12 hours.
      'your authorization token has expired',
    ],
    codes: ['ExpiredToken', 'ExpiredTokenException'],
    codeYieldsTo: ['sso_expired'],
    prior: {
      temp_credentials_expired: 0.78,
      wrong_profile_or_env: 0.1,
      session_token_mismatch: 0.1,
      clock_skew: 0.02,
    },
    priorWhy:
      'AWS documents ExpiredToken as a session past its expiry: STS/SSO credentials cached for the life of the ' +
      'process or not refreshed. With long-term keys, a stale token from the environment rides along.',
    evidence: ['long_term_key_but_expired', 'ambient_session_runtime', 'env_keys', 'client_crash'],
    commands: ['aws sts get-caller-identity', 'aws configure list'],
  },
  {
    id: 'sso_expired',
    meaning:
      'The IAM Identity Center (SSO) session in the local token cache expired or was never started, so the client ' +
      'cannot get role credentials; `aws sso login` starts a new one.',
    doc: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
    wordings: [
      'token has expired and refresh failed',
      'sso session associated with this profile has expired',
      'sso session associated with this profile is invalid',
      'error when retrieving token from sso',
      'the sso session has expired',
      'error loading sso token',
      'sso token has expired',
      'sso token is expired',
      'sso session has expired',
      'refresh cached sso token failed',
      'unable to refresh sso token',
      'invalidgrantexception',
      'to refresh this sso session run aws sso login',
      'ssoproviderinvalidtoken',
      'the sso token provided was invalid',
      'no valid sso token',
      'sso session is expired',
      'sso token expired',
      'sso access token has expired',
      'cached sso token is expired',
      'the sso session has expired or is invalid',
      'sso login session has expired',
      'identity center session has expired',
      'to refresh this sso session',
      'cached sso login is expired',
      'sso login is expired',
      // Amazon Q Developer CLI when its sign-in lapsed mid-session ("dispatch failure (other): No token").
      'dispatch failure (other): no token',
      // The IAM Identity Center portal itself, and SSO OIDC refusing the cached refresh token (Kiro, Toolkit logs).
      'aws access portal session has expired',
      'invalid refresh token provided',
      // aws-sdk-php CredentialProvider::sso() reading the token cache; aws-sdk-ruby SSOTokenProvider.
      'cached sso credentials returned expired credentials',
      'cached sso credentials returned an invalid expiration',
      'must contain an access token and an expiration',
      'token is invalid and failed to refresh',
      // Java SDK v2 services/ssooidc SsoOidcTokenProvider: no cached token for the sso-session.
      'unable to load sso token',
      // Go SDK v2 credentials/ssocreds/sso_cached_token.go (no token cached for the session: never logged in).
      'failed to read cached sso token file',
      'failed to parse cached sso token file',
      'cached sso token must contain accesstoken and expiresat fields',
      // JS SDK v2 lib/credentials/sso_credentials.js.
      'please log in using "aws sso login"',
      'please make sure you log in with aws sso login',
    ],
    // The advice AWS tools print with an expired SSO session: "run 'aws sso login' with the corresponding profile";
    // not Goose's hint for any credential failure, "Make sure to run 'aws sso login ...' if using SSO"
    // (block/goose crates/goose/src/providers/bedrock.rs).
    patterns: [
      /token for [^ ]{1,200} does not exist/,
      // Java SDK v2 SsoOidcTokenProvider.resolveToken: SdkClientException "Token is expired" (the sso-session token).
      /\bsdkclientexception: token is expired\b/,
      // aws-sdk-php: "Unable to read token file at ~/.aws/sso/cache/<sha1>.json" (never logged in, or logged out).
      /\bunable to read token file at [^\s]{0,200}\/sso\/cache\//,
      /\b(?:run|use|try)\b[^.\n]{0,80}\baws sso login\b(?![^.\n]{0,60}\bif using sso\b)/,
    ],
    codes: [
      'TokenRetrievalError',
      'UnauthorizedSSOTokenError',
      'SSOTokenLoadError',
      'SSOTokenProviderFailure',
      'InvalidSSOToken',
    ],
    prior: { temp_credentials_expired: 0.88, wrong_profile_or_env: 0.12 },
    priorWhy:
      'These are raised by the client before any AWS call when the SSO token cache expired; a wrong profile ' +
      '(one that points at another SSO session) is the other confirmed fix.',
    evidence: ['profile_mention', 'works_elsewhere', 'client_crash'],
    commands: ['aws sso login', 'aws configure list'],
  },
  {
    id: 'sso_session_invalid',
    meaning:
      'IAM Identity Center GetRoleCredentials refused the access token (UnauthorizedException "Session token not ' +
      'found or invalid"): the SSO session expired or was signed out, or the client sends a bad token.',
    doc: 'https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html',
    wordings: ['session token not found or invalid'],
    prior: { temp_credentials_expired: 0.6, unknown: 0.22, wrong_profile_or_env: 0.18 },
    priorWhy:
      'The portal API documents UnauthorizedException for an invalid access token: usually an expired or ' +
      'logged-out SSO session, but confirmed threads also show client credential-resolution regressions.',
    evidence: ['client_regression', 'works_elsewhere'],
    commands: ['aws sso login', 'aws configure list'],
  },
  {
    id: 'sso_role_no_access',
    meaning:
      'IAM Identity Center GetRoleCredentials answered ForbiddenException "No access": the SSO session is valid, but ' +
      "the profile's sso_account_id / sso_role_name is not an account and permission set this user is assigned.",
    doc: 'https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html',
    wordings: ['when calling the getrolecredentials operation: no access'],
    // Go SDK v2: "operation error SSO: GetRoleCredentials, https response error StatusCode: 403, ..., ForbiddenException: No access".
    patterns: [/\bgetrolecredentials\b[^\n]{0,200}\bforbiddenexception: no access\b/],
    prior: { wrong_profile_or_env: 0.65, missing_iam_permission: 0.3, temp_credentials_expired: 0.05 },
    priorWhy:
      'The portal refuses a role the user has no assignment for: most often the profile names another account or a ' +
      'mistyped permission set (other credentials than intended); a missing assignment for this user is the other fix.',
    evidence: ['profile_mention'],
    commands: ['aws configure get sso_account_id', 'aws configure get sso_role_name'],
  },
  {
    id: 'web_identity_invalid',
    meaning:
      'AssumeRoleWithWebIdentity refused the OIDC token itself (InvalidIdentityToken, IDPRejectedClaim): AWS asks ' +
      'for a new token from the identity provider; a rejected claim can also mean it expired or was revoked.',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
    wordings: [],
    codes: ['InvalidIdentityToken', 'IDPRejectedClaim'],
    codeYieldsTo: ['web_identity_setup'],
    prior: { temp_credentials_expired: 0.5, wrong_profile_or_env: 0.3, unknown: 0.2 },
    priorWhy: 'The OIDC token file is stale, or it is for another audience or identity provider.',
    evidence: ['ambient_session_runtime'],
  },
  {
    id: 'web_identity_setup',
    meaning:
      'AssumeRoleWithWebIdentity cannot check the token against this account: no IAM OIDC provider for its issuer ' +
      '("No OpenIDConnect provider found in your account", an EKS cluster whose provider was never created, or a ' +
      'role in another account), an audience the provider does not list, a token without the claims STS needs, an ' +
      'identity provider whose keys STS cannot fetch, or a role ARN that is not valid. A new token would not help.',
    doc: 'https://repost.aws/knowledge-center/eks-troubleshoot-irsa-errors',
    wordings: [
      "couldn't retrieve verification key from your identity provider",
      'incorrect token audience',
      'missing a required claim',
      // STS ValidationError for a malformed role ARN (an IRSA service-account annotation with an extra ':').
      'request arn is invalid',
    ],
    // "No OpenIDConnect provider found in your account for <issuer>" (STS), quoted by some clients as "... in account".
    patterns: [/\bno openidconnect provider found in (?:your )?account\b/],
    codes: ['IDPCommunicationError'],
    prior: { missing_iam_permission: 0.5, wrong_profile_or_env: 0.25, unknown: 0.2, temp_credentials_expired: 0.05 },
    priorWhy:
      "AWS's IRSA troubleshooting names these for IAM setup, not expiry: no IAM OIDC provider (or client id) for the " +
      "token's issuer and audience in the role's account, so IAM grants the token nothing (create or fix the " +
      'provider and trust policy); the token sent to a role in another account or a malformed role ARN (other ' +
      'identity than intended) next; an identity provider STS cannot reach or a token without the required claims is ' +
      'a setup problem the text cannot place (unknown).',
    evidence: ['ambient_session_runtime'],
    commands: ['aws iam list-open-id-connect-providers', 'aws sts get-caller-identity'],
  },
  {
    id: 'web_identity_denied',
    meaning:
      'STS refused AssumeRoleWithWebIdentity with AccessDenied ("Not authorized to perform ' +
      'sts:AssumeRoleWithWebIdentity"): the token was valid, but the role\'s trust policy does not allow this ' +
      'identity provider, audience or subject (IRSA service account, GitHub repo/branch), or the client asks for ' +
      'another role than the one that trusts it.',
    doc: 'https://repost.aws/knowledge-center/iam-idp-access-error',
    wordings: [
      'not authorized to perform sts:assumerolewithwebidentity',
      // Cognito identity pools (GetCredentialsForIdentity) answer InvalidIdentityPoolConfigurationException when the
      // pool has no role for the auth type or STS refused to assume it: "Your role trust policy must grant
      // AssumeRoleWithWebIdentity permissions to cognito-identity.amazonaws.com"
      // (docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html).
      'invalid identity pool configuration',
    ],
    codes: ['InvalidIdentityPoolConfigurationException'],
    prior: { missing_iam_permission: 0.6, wrong_profile_or_env: 0.3, explicit_deny: 0.05, unknown: 0.05 },
    priorWhy:
      'AWS documents the error for a role trust policy that does not match the token (provider, aud or sub ' +
      'condition) or a wrong role configured in the identity provider or workload (service-account annotation, ' +
      'role-to-assume): the trust policy is the usual fix, the role ARN the next.',
    evidence: ['profile_mention', 'env_mention'],
    commands: ['aws sts get-caller-identity'],
  },
  {
    id: 'sts_caller_not_allowed',
    meaning:
      'STS refused the call because of the kind of credentials that made it: root user keys cannot call AssumeRole ' +
      '("Roles may not be assumed by root accounts"), and temporary credentials cannot call GetSessionToken or ' +
      'GetFederationToken ("Cannot call GetSessionToken with session credentials"): other credentials than the ' +
      'IAM user or role meant for it were picked up.',
    doc: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html',
    wordings: ['roles may not be assumed by root accounts', 'cannot call getsessiontoken with session credentials'],
    prior: { wrong_profile_or_env: 0.85, session_token_mismatch: 0.1, unknown: 0.05 },
    priorWhy:
      'AWS documents both limits on the caller: root user credentials cannot assume a role (use an IAM user or ' +
      'role), and GetSessionToken / GetFederationToken need long-term credentials; the fix is the intended ' +
      'credentials (a profile, not the root keys or a session left in the environment), sometimes a stale ' +
      'AWS_SESSION_TOKEN riding along.',
    evidence: ['profile_mention', 'env_mention', 'env_keys_over_profile'],
    commands: ['aws sts get-caller-identity', 'aws configure list', 'env | grep ^AWS_ | cut -d= -f1'],
  },
  {
    id: 'sso_config_invalid',
    meaning:
      'The profile is set up for IAM Identity Center (SSO) but its settings are incomplete or point at nothing (a ' +
      'missing sso_start_url / sso_region / sso_account_id / sso_role_name, an sso_session section that does not ' +
      'exist): the client stops before any SSO call, so no login would help until the config is fixed.',
    doc: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html',
    wordings: [
      // botocore InvalidConfigError (credentials.py, tokens.py), AWS CLI v2 InvalidSSOConfigError (sso/utils.py).
      'is configured to use sso but is missing required configuration',
      'the specified sso-session does not exist',
      'missing the following required sso configuration values',
      'is configured to use the sso token provider but',
      // JS SDK v3 credential-provider-sso (fromSSO.ts, validateSsoProfile.ts) and token-providers (fromSso.ts).
      'is not configured with sso credentials',
      'is configured with invalid sso credentials',
      "is missing required property 'sso_",
      // aws-sdk-ruby shared_config.rb: "sso-session x must be defined in the config file. Referenced by profile y".
      'must be defined in the config file. referenced by profile',
      // JS SDK v2 lib/credentials/sso_credentials.js.
      'does not have valid sso credentials',
    ],
    // token-providers: "Sso session 'x' could not be found in shared credentials file."
    patterns: [/\bsso session '[^'\n]{1,80}' could not be found\b/],
    prior: { wrong_profile_or_env: 0.9, unknown: 0.1 },
    priorWhy:
      'The SDK names the missing or unknown setting: the profile read is not the complete SSO profile intended (a ' +
      'typo, a profile copied without its sso-session section, another config file); a tool that writes its own ' +
      'config wrong is the rest. The SSO session itself was never reached, so it did not expire.',
    evidence: ['profile_mention', 'env_mention'],
    commands: ['aws configure list', 'aws configure sso'],
  },
  {
    id: 'console_login_expired',
    meaning:
      'The AWS CLI / SDK console-credentials session (`aws login`: temporary credentials from a browser sign-in, ' +
      'refreshed for up to 12 hours) expired, the password changed, or its cached token is missing: the client ' +
      'asks to run `aws login` again.',
    doc: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html',
    wordings: [
      // botocore exceptions.py LoginRefreshRequired, LoginRefreshPasswordChanged, LoginTokenLoadError.
      'error loading login session token',
      'unable to refresh login credentials',
      'error loading or redeeming a login authorization code',
    ],
    patterns: [
      /\breauthenticate\b[^\n]{0,60}\baws login\b/,
      // AWS Sign-In's own answer to the refresh (the CreateOAuth2Token call the CLI and SDKs make for `aws login`).
      /\bcreateoauth2token operation\b[^\n]{0,80}\btoken (?:has )?expired\b/,
    ],
    codes: ['LoginRefreshRequired', 'LoginRefreshTokenExpired', 'LoginRefreshPasswordChanged', 'LoginTokenLoadError'],
    prior: { temp_credentials_expired: 0.8, wrong_profile_or_env: 0.12, clock_skew: 0.08 },
    priorWhy:
      'AWS documents console-credential sessions as temporary (refreshed for up to 12 hours): the session lapsed or ' +
      'was invalidated by a password change; a profile that points at another login session is the other reading. ' +
      'The refresh is signed with a DPoP proof (RFC 9449; the login provider of the Rust SDK aws-config has a dpop module), whose issue ' +
      'time the server checks against its clock: a client clock far off (a VM or WSL after sleep) fails it too.',
    evidence: ['profile_mention', 'works_elsewhere', 'clock_hint', 'clock_wrong'],
    commands: ['aws login', 'aws configure list', 'date -u'],
  },
  {
    id: 'console_login_denied',
    meaning:
      'The `aws login` session could not be created or refreshed because the signed-in principal lacks the AWS ' +
      'Sign-In permissions (signin:AuthorizeOAuth2Access, signin:CreateOAuth2Token; AWS managed policy ' +
      'SignInLocalDevelopmentAccess).',
    doc: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html',
    wordings: [
      // botocore exceptions.py LoginInsufficientPermissions.
      'unable to create or refresh login credentials due to insufficient permissions',
      "missing permission for the 'signin:createoauth2token' action",
    ],
    codes: ['LoginInsufficientPermissions'],
    prior: { missing_iam_permission: 0.8, explicit_deny: 0.15, wrong_profile_or_env: 0.05 },
    priorWhy:
      'The SDK names the missing sign-in action: no policy of the principal allows it (attach ' +
      'SignInLocalDevelopmentAccess); an SCP or boundary that denies signin:* is the other documented reason.',
    evidence: ['unintended_identity'],
    commands: ['aws sts get-caller-identity'],
  },
  {
    id: 'credentials_other_account',
    meaning:
      'The tool found credentials and checked whose they are before calling: they belong to another account than ' +
      'the one the stack or provider is configured for (CDK "Need to perform AWS calls for account X, but the ' +
      'current credentials are for Y", Terraform allowed_account_ids "AWS account ID not allowed").',
    doc: 'https://docs.aws.amazon.com/cdk/v2/guide/configure-access.html',
    wordings: ['but the current credentials are for', 'aws account id not allowed'],
    prior: { wrong_profile_or_env: 0.85, temp_credentials_expired: 0.1, unknown: 0.05 },
    priorWhy:
      'The credentials work but are for another account: another profile or exported keys were picked up; an SSO ' +
      'login to the other account is the same fix (log in with the intended profile).',
    evidence: ['profile_mention', 'env_mention', 'env_keys_over_profile'],
    commands: ['aws sts get-caller-identity', 'aws configure list'],
  },
  {
    id: 'profile_check_failed',
    meaning:
      'An IDE toolkit checked a credentials profile before using it (it calls STS GetCallerIdentity with it) and ' +
      'the check failed: AWS Toolkit for VS Code and JetBrains say "Credentials profile <name> is invalid". The ' +
      'check fails for a key AWS does not know (a typo, a deleted key, a key of another partition such as China ' +
      'or GovCloud), a wrong secret, or a profile the toolkit reads differently from the CLI.',
    doc: 'https://docs.aws.amazon.com/toolkit-for-vscode/latest/userguide/setup-credentials.html',
    wordings: [],
    patterns: [/\bcredentials profile [^\s]{1,80} is (?:invalid|not valid)\b/],
    prior: { key_not_found: 0.4, wrong_profile_or_env: 0.3, secret_key_mismatch: 0.2, region_unsupported: 0.1 },
    priorWhy:
      'The toolkit validates the profile by calling STS with it: an unknown key (including a key of another ' +
      'partition) is the common failure, a profile resolved differently next, a wrong secret after that.',
    evidence: ['partition_mismatch', 'profile_mention', 'credentials_verified'],
    commands: ['aws sts get-caller-identity --profile <profile>', 'aws configure list --profile <profile>'],
  },
  {
    id: 'unsigned_request',
    meaning:
      'The request reached AWS with no signature at all ("Missing Authentication Token", ' +
      'MissingAuthenticationTokenException): the client sent it unsigned (it found no credentials, or a Bedrock API ' +
      'key it should have sent as a bearer token was not sent), or the URL is not an operation of the API: API ' +
      'Gateway answers the same words for a path or method that does not exist.',
    doc: 'https://repost.aws/knowledge-center/api-gateway-authentication-token-errors',
    wordings: ['missing authentication token'],
    codes: ['MissingAuthenticationToken', 'MissingAuthenticationTokenException'],
    // Two documented meanings with nothing in the words to tell them apart: stated no higher than the cap.
    namesNoReason: true,
    prior: { unknown: 0.45, wrong_profile_or_env: 0.35, bedrock_api_key: 0.15, temp_credentials_expired: 0.05 },
    priorWhy:
      'AWS documents the message both for a request with no signature and (API Gateway) for a path or method that ' +
      'does not exist, where credentials play no part; an unsigned request is a client that loaded no credentials ' +
      'or did not send its Bedrock API key.',
    evidence: ['bearer_token_present', 'bedrock_call_without_sigv4', 'profile_mention', 'env_mention'],
    commands: ['aws configure list', 'env | grep ^AWS_ | cut -d= -f1'],
  },
  {
    id: 'sdk_module_missing',
    meaning:
      'The Java SDK v2 found a profile or token file that needs an optional module it was not packaged with ("To ' +
      "use Sso related properties in the 'x' profile, the 'sso' service module must be on the class path\", the " +
      "'sts' module for web identity; the Rust SDK built without a cargo feature such as sso, or the one for aws login profiles): the " +
      "credentials are fine, the application's build is not.",
    doc: 'https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/setup-additional.html',
    wordings: [
      'service module must be on the class path',
      'module must be on the classpath',
      // aws-sdk-rust aws-config profile credentials (ProfileFileError::FeatureNotEnabled): a profile kind (sso,
      // the one for `aws login` profiles) the application was built without.
      'this behavior requires following cargo feature(s) enabled',
    ],
    prior: { unknown: 0.85, wrong_profile_or_env: 0.15 },
    priorWhy:
      'The SDK says which module is missing: adding the sso / ssooidc / sts dependency is the fix, not other ' +
      'credentials; a profile that was not meant to be read is the other reading.',
    evidence: [],
  },
  {
    id: 'credential_object_invalid',
    meaning:
      "The JS SDK v3 signer's check of the credentials it was handed (@smithy/signature-v4 " +
      'validateResolvedCredentials: "Resolved credential object is not valid" when accessKeyId or secretAccessKey is ' +
      "not a string). The SDK's own providers never resolve to such an object (they throw CredentialsProviderError), " +
      "so the value came from the application's code: a provider that returned {} or undefined fields.",
    doc: 'https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html',
    wordings: ['resolved credential object is not valid'],
    prior: { unknown: 0.55, wrong_profile_or_env: 0.35, temp_credentials_expired: 0.1 },
    priorWhy:
      'The application built the credentials object itself: a bug in that code (an empty object where undefined was ' +
      'meant, so the SDK does not fall back to its own chain) is the first reading; a key variable or setting it read ' +
      'that was empty in this runtime the next; a custom refresh that lost the keys the third.',
    evidence: ['env_mention', 'profile_mention', 'works_elsewhere'],
    commands: ['env | grep ^AWS_ | cut -d= -f1'],
  },
  {
    id: 'client_init_failed',
    meaning:
      "langchain-aws's summary of any exception raised while it built the boto3 client (utils.py create_aws_client): " +
      '"Could not load credentials to authenticate with AWS client. Please check that credentials in the specified ' +
      'profile name are valid", followed by the error it caught ("Service error: You must specify a region").',
    doc: 'https://python.langchain.com/docs/integrations/chat/bedrock/',
    wordings: ['could not load credentials to authenticate with aws client'],
    // The error it caught, when the text shows it, is the message: no region is not missing credentials.
    yieldsTo: ['no_region'],
    prior: { wrong_profile_or_env: 0.5, region_unsupported: 0.3, unknown: 0.2 },
    priorWhy:
      'The wrapper names credentials whatever failed: a profile or keys that do not load is the first reading, a ' +
      'client built without a region (boto3 raises NoRegionError inside the same call) the next, a version of the ' +
      'library that builds the client wrongly the third.',
    evidence: ['profile_mention', 'env_mention', 'region_left_out'],
    commands: ['aws configure list', 'aws configure get region'],
  },
  {
    id: 'no_credentials',
    meaning:
      'The client found no credentials in any source of its provider chain (environment, profile, SSO, container, ' +
      'instance metadata) before calling AWS.',
    doc: 'https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html',
    wordings: [
      'unable to locate credentials',
      'could not find any valid aws credentials',
      'could not load credentials from any providers',
      'missing credentials in config',
      'no valid providers in chain',
      'unable to load aws credentials from any provider',
      'unable to load credentials from any of the providers',
      'failed to retrieve credentials',
      'partial credentials found',
      'no credentials found',
      'credentials not found',
      'no ec2 imds role found',
      'failed to refresh cached credentials',
      // S3's AuthorizationHeaderMalformed for a request signed with an empty access key id: no credentials loaded.
      'a non-empty access key (akid) must be provided in the credential',
      // aws-config (Rust): the default chain fell through to instance metadata, whose token call failed.
      'source: failedtoloadtoken',
      'no valid credential sources',
      'no credentials have been configured',
      'unable to find credentials',
      'failed to resolve aws credentials',
      'unable to get iam security credentials',
      'the credential provider was not enabled',
      'no credentials in the property bag',
      // Amazon Q / AWS Toolkit language servers log the missing Identity Center connection this way.
      'no credentials provided',
      'failed to load credentials',
      'unable to resolve aws account to use',
      'aws provider credentials not found',
      'could not find aws credentials',
      'credentials could not be loaded',
      'unable to load credentials',
      'no aws credentials',
      'not an aws instance',
      'unable to sign request without credentials set',
      'contained no credentials for profile',
      'unable to find environment variable credentials',
      // JS SDK v3 built for the browser (or bundled without a node provider): its default provider rejects so.
      'credential is missing',
      // The .NET SDK failing inside its instance-metadata provider (no role attached): the frame names the source.
      'defaultinstanceprofileawscredentials.fetchcredentials',
      // botocore's InfiniteLoopConfigError (source_profile chains), Go v1's SharedCredsLoad, .NET's profile store.
      'infinite loop in credential configuration',
      'failed to load shared credentials file',
      'profile in credentialprofilestorechain',
      // botocore's MetadataRetrievalError from the container credentials endpoint (ECS, EKS Pod Identity).
      'received error when attempting to retrieve container metadata',
      'error when retrieving credentials from',
      'no providers in chain provided credentials',
      'an error occurred while loading credentials',
      'failed to get shared config profile',
      'could not find source profile',
      'nocredentialprovider',
      'access key id setting is missing',
      'secret access key setting is missing',
      'error retrieving credentials from the instance profile metadata server',
      // Clients that got half a key pair: langchain-aws (libs/aws/langchain_aws/utils.py), the Anthropic SDK's Bedrock
      // Mantle / AWS clients (packages/bedrock-sdk/src/mantle-client.ts), Dify's Bedrock plugin (models/llm/llm.py).
      'both aws_access_key_id and aws_secret_access_key must be specified',
      'awssecretaccesskey must be provided together',
      'invalid or incomplete credentials for auth_method',
      // LibreChat (packages/api/src/endpoints/bedrock/credentials.ts): user-provided keys missing, or half a pair.
      'bedrock credentials not provided',
      'secret_access_key must be provided together',
      // OpenAI Codex's Bedrock provider (openai/codex codex-rs/aws-auth/src/lib.rs, AwsAuthError).
      'did not resolve a credentials provider',
      // Amazon Bedrock Copilot Chat (tinovyatkin/amazon-bedrock-copilot-chat src/provider.ts): no profile, keys or API key set.
      'aws bedrock authentication not configured',
      // AnythingLLM (Mintplex-Labs/anything-llm server/utils/AiProviders/bedrock/index.js): a key setting left empty.
      'no aws bedrock llm profile id was set',
      'no aws bedrock llm access key was set',
      // Haystack (haystack-core-integrations .../common/amazon_bedrock/utils.py): boto3.Session raised BotoCoreError.
      'failed to initialize the session with provided aws credentials',
      // LiteLLM (litellm/llms/bedrock.py): the web-identity token it was told to read from its secret manager is absent.
      'oidc token could not be retrieved from secret manager',
      // botocore InvalidConfigError / NoAuthTokenError / MetadataRetrievalError (botocore/credentials.py, utils.py).
      'contains both source_profile and credential_source',
      'but no source provider was configured',
      'configured to assume role with web identity but has no role arn configured',
      'unable to locate authorization token',
      'unable to retrieve token for use in imdsv2 call',
      'from container metadata',
      // Go SDK v1 (aws/credentials/*.go, aws/session/*.go) and v2 (config/resolve_credentials.go).
      'static credentials are empty',
      'aws_access_key_id or aws_access_key not found in environment',
      'aws_secret_access_key or aws_secret_key not found in environment',
      'did not contain aws_access_key_id',
      'did not contain aws_secret_access_key',
      'no ec2 instance role found',
      'empty ec2 role list',
      'has no shared credentials',
      'error in credential_process',
      'parse failed of credential_process output',
      'assume role with mfa enabled, but assumeroletokenprovider session option not set',
      'was specified as the credential_source, but',
      'credential_source values must be',
      // AWS Toolkit for JetBrains (credentials.profile.unsupported): a profile of a kind the IDE does not read, such as
      // an `aws login` login_session profile.
      'is not using role-based, session-based, process-based, or basic credentials',
      // Go SDK v2 config/shared_config.go SharedConfigAssumeRoleError ("failed to load assume role %s, of profile %s,
      // %v"; v1 aws/session/shared_config.go "failed to load assume role for %s, source profile ..."): the profile's
      // role chain could not be built, e.g. from a source_profile of a kind that SDK does not read (`aws login`).
      'failed to load assume role',
      // The container credentials endpoint refused by SDKs older than EKS Pod Identity (169.254.170.23): Go v1
      // aws/defaults/defaults.go and Go v2 config/resolve_credentials.go "invalid endpoint host, %q, only loopback
      // hosts are allowed"; Java v2 ContainerCredentialsProvider "The full URI (%s) contained within environment
      // variable %s has an invalid host. Host should resolve to a loopback address or have the full URI be HTTPS."
      // The source is skipped and the chain goes on to the next one (or none).
      'only loopback hosts are allowed',
      'host should resolve to a loopback address or have the full uri be https',
      // botocore utils.py ContainerMetadataFetcher._validate_allowed_url ("Unsupported host '%s'.  Can only retrieve
      // metadata from these hosts: ..." before Pod Identity, "... from a loopback address or one of these hosts: ...").
      'can only retrieve metadata from',
      // JS SDK v3 @aws-sdk/credential-provider-http checkUrl (AWS_CONTAINER_CREDENTIALS_FULL_URI of another host).
      'url not accepted. it must either be https or match one of the following',
      // aws-sdk-rust aws-config src/ecs.rs validate_full_uri (InvalidFullUriErrorKind::DisallowedIP, its warning).
      'uri did not refer to an allowed ip address',
      'http credential provider cannot be used',
      // JS SDK v3 (credential-provider-ini, -process, -imds).
      'requires a role to be assumed, but no role assumption callback was provided',
      'detected a cycle attempting to resolve credentials for profile',
      'requires multi-factor authentication, but no mfa code callback was provided',
      'unsupported credential source in profile',
      'credential_process returned invalid json',
      'did not contain credential_process',
      'metadata v1 fallback has been blocked',
      'received from instance metadata service',
      'json from instance metadata service',
      'is not a valid container metadata service hostname',
      // aws-sdk-rust / Kotlin CredentialsError (aws-credential-types provider/error.rs).
      'credentials provider was not properly configured',
      'credentials provider timed out after',
      'unexpected credentials error',
      'a non-recoverable error occurred while loading credentials',
      // The same errors printed with {:?} (derive(Debug) variant names), as Rust pastes usually show them.
      'credentialsnotloaded',
      'providertimedout',
      // aws-sdk-ruby Aws::Errors (aws-sdk-core errors.rb, shared_config.rb).
      'nosuchprofileerror',
      'nosourceprofileerror',
      'invalidcredentialsourceerror',
      'credentialsourceconflicterror',
      'nosourcecredentialserror',
      'the source_profile does not have credentials',
      'has a role_arn, but no source_profile',
      'could not get source credentials from provider',
      'unsupported credential_source:',
      // Java SDK v1 (EC2CredentialsUtils, ProfilesConfigFile) and v2 (ContainerCredentialsProvider,
      // WebIdentityTokenCredentialsProvider, ProfileCredentialsProvider) chain entries.
      'the requested metadata is not found at',
      'no aws profile named',
      'cannot fetch credentials from container - neither',
      'or the javaproperty aws.webidentitytokenfile must be set',
      'but that source profile has no credentials configured',
      // .NET (EnvironmentVariablesAWSCredentials, the web-identity and profile sources of the fallback chain).
      'were not set with aws credentials',
      'the webidentitytokenfile must be an absolute path',
      // .NET Amazon.Util.ProfileManager (SDK store profiles).
      'has not been registered or contains invalid data',
      // aws-sdk-php (src/Credentials/CredentialProvider.php, InstanceProfileProvider.php).
      'not found in credentials file',
      'no credentials present in ini profile',
      'invalid credentials file:',
      'role assumption profiles are disabled',
      'no credential_process present in ini profile',
      'credential_process does not return',
      'either source_profile or credential_source must be set',
      'circular source_profile reference found',
      'a role_arn must be provided with credential_source',
      'cannot read process credentials from',
      'no rolearn or webidentitytokenfile specified',
      'metadata server access disabled',
      'unexpected instance profile response code',
      // JS SDK v2 (aws/aws-sdk-js lib/credentials/*.js, lib/metadata_service.js).
      'credentials not set for profile',
      'credentials not set in',
      'did not include credential process',
      'source_profile is not set using profile',
      'ec2 metadata rolename request returned error',
      'ec2 metadata creds request returned error',
      'ec2 metadata token request returned',
      'must be set to use aws.remotecredentials',
      'no process info or environment variables available',
      'ec2 instance metadata service access disabled',
    ],
    patterns: [
      // A client that fell through its chain to instance metadata, off EC2 (a laptop, CI): the metadata call fails.
      /169\.254\.169\.254\/latest\/(?:api\/token|meta-data)[^\n]{0,160}\b(?:error|failed|timed? ?out|refused|host is down|unreachable|no route)\b/,
      /the config profile \([^)]{1,80}\) could not be found/,
      /\bprofile\b[^.\n]{0,60}\b(?:could not be found|not found|does not exist|doesn't exist|was not defined|is not defined)\b/,
      // The same said verb first, the profile's name after it (s3fs: "Could not find profile: dev in file: ...").
      /\b(?:could not|couldn't|cannot|can't|unable to|failed to) (?:find|locate|load|read) (?:the )?(?:(?:aws|config|named|shared) )?profile(?: named)?(?:[ \t]{1,3}|[ \t]{0,3}[:=][ \t]{0,3})["'[]?[\w.@+-]{1,64}/,
      /\berror (?:retrieving|loading|fetching|getting) credentials\b/,
      /\bcredential_process\b[^.\n]{0,80}\b(?:exited|failed|returned)\b/,
      // botocore's InvalidConfigError for a role profile whose source_profile holds no keys.
      /\bthe source profile "[^"\n]{1,80}" must have credentials\b/,
      // botocore: 'The credential source "x" referenced in profile "y" is not valid.', ConfigNotFound.
      /\bthe credential source "[^"\n]{1,80}" referenced in profile\b/,
      /\bthe specified config file \([^)\n]{1,200}\) could not be found\b/,
      // Go SDK v1 stscreds: "WebIdentityErr: unable to read file at <token file>" (the token file is not mounted).
      /\bwebidentityerr: unable to read file at\b/,
      // .NET fallback chain: 'Unable to find the "default" profile.'
      /\bunable to find the "[^"\n]{1,80}" profile\b/,
      /\b(?:could not|couldn't|cannot|can't|unable to|failed to) (?:find|locate|load|resolve|retrieve|get|access|read) (?:any |valid |the |your )?(?:aws )?credentials\b/,
      // The chain fell through to instance or container metadata, which did not answer: no credentials anywhere.
      /\b(?:etimedout|econnrefused|ehostunreach|enetunreach|connect timeout|timed out|connection refused)\b[^\n]{0,60}\b169\.254\.(?:169\.254|170\.2)\b/,
    ],
    codes: [
      'NoCredentialsError',
      'PartialCredentialsError',
      'CredentialsProviderError',
      'NoCredentialProviders',
      'ProfileNotFound',
      'CredentialsError',
      'MissingCredentialsError',
      'CredentialRetrievalError',
      'SharedConfigProfileNotExistError',
      // Go SDK v1 awserr codes for credential loading.
      'EnvAccessKeyNotFound',
      'EnvSecretNotFound',
      'SharedCredsLoad',
      'SharedCredsAccessKey',
      'SharedCredsSecret',
      'EmptyStaticCreds',
      'EC2RoleRequestError',
      'EmptyEC2RoleList',
      'SharedConfigAssumeRoleError',
      'CredentialRequiresARNError',
      'SharedConfigProfileNotExistsError',
      'SharedConfigLoadError',
      'ProcessProviderExecutionError',
      'ProcessProviderParseError',
      'CredentialsEndpointError',
      'NoAuthTokenError',
      'MetadataRetrievalError',
      // aws-sdk-php Aws\\Exception\\CredentialsException (every provider's rejection).
      'CredentialsException',
      // JS SDK v2 provider failure codes.
      'SharedIniFileCredentialsProviderFailure',
      'ProcessCredentialsProviderFailure',
      'ECSCredentialsProviderFailure',
      'EnvironmentCredentialsProviderFailure',
      'FileSystemCredentialsProviderFailure',
      'TokenFileWebIdentityCredentialsProviderFailure',
    ],
    // Go and Java wrap the real failure: "failed to refresh cached credentials, ... RegionDisabledException: ...".
    yieldsTo: NO_CREDENTIALS_YIELDS_TO,
    prior: { wrong_profile_or_env: 0.85, temp_credentials_expired: 0.1, unknown: 0.05 },
    priorWhy:
      'The process found no credentials where it looked: the profile was not passed, the environment is not set in ' +
      'that runtime, or the client reads another source than the one configured; an expired SSO cache sometimes ' +
      'surfaces this way.',
    evidence: ['profile_mention', 'env_mention', 'works_elsewhere', 'no_credentials_listed', 'client_crash'],
    commands: ['aws configure list', 'env | grep ^AWS_ | cut -d= -f1'],
  },
];
