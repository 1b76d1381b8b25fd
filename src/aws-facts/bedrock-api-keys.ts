/**
 * Facts about Amazon Bedrock API keys (bearer tokens) that the decoder, triage, the api_key check, the listing and
 * the remediation share. Pure constants; sources next to each ([D] AWS documentation, [C] public code, [U] inference).
 */

/**
 * Long-term keys are IAM service-specific credentials; their secret (ServiceCredentialSecret) starts with ABSK
 * [D] https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html. The rest is base64 of
 * `<ServiceCredentialAlias>:<secret>` [C] (BeyondTrust/bedrock-keys-security decoder.py, and a probe against real IAM
 * that found the created secret's payload to start with `alias + ":"`).
 */
export const LONG_TERM_KEY_PREFIX = 'ABSK';

/**
 * Short-term keys: `bedrock-api-key-` + base64 of a SigV4-presigned URL without its scheme, `&Version=1` appended
 * [C] aws/aws-bedrock-token-generator-js src/token.ts (AWS's own generator).
 */
export const SHORT_TERM_KEY_PREFIX = 'bedrock-api-key-';
/** Host, path, service and action the short-term key is presigned for [C] (same source). */
export const SHORT_TERM_KEY_HOST = 'bedrock.amazonaws.com';
export const SHORT_TERM_KEY_SIGNING_SERVICE = 'bedrock';
export const SHORT_TERM_KEY_ACTION = 'CallWithBearerToken';
export const SHORT_TERM_KEY_VERSION = '1';
/** 12 hours: the longest a short-term key lives, also capped by the generating session [D][C]. */
export const SHORT_TERM_KEY_MAX_SECONDS = 43_200;

/** ServiceName of Bedrock API keys in the IAM service-specific-credential operations [D]. */
export const BEDROCK_CREDENTIAL_SERVICE_NAME = 'bedrock.amazonaws.com';
/** CredentialAgeDays bounds of CreateServiceSpecificCredential; absent = never expires [D][M]. */
export const MAX_CREDENTIAL_AGE_DAYS = 36_600;
/** At most two service-specific credentials per user per service [D]. */
export const MAX_KEYS_PER_USER = 2;

/** The IAM action every bearer-token call is authorized on, for both key types [D] api-keys-permissions.html. */
export const CALL_WITH_BEARER_TOKEN = 'bedrock:CallWithBearerToken';
/** The same action of Bedrock Mantle, which AWS's sample SCP denies as well [D][C]. */
export const MANTLE_CALL_WITH_BEARER_TOKEN = 'bedrock-mantle:CallWithBearerToken';
/** Condition key telling the two key types apart in policies [D]. */
export const BEARER_TOKEN_TYPE_KEY = 'bedrock:BearerTokenType';
export const BEARER_TOKEN_TYPE = { long_term: 'LONG_TERM', short_term: 'SHORT_TERM' } as const;

/** The environment variable the AWS SDKs read a Bedrock API key from [D]. */
export const BEARER_TOKEN_ENV = 'AWS_BEARER_TOKEN_BEDROCK';

/**
 * The console creates one IAM user per long-term key, named BedrockAPIKey-xxxx, and attaches
 * AmazonBedrockLimitedAccess to it [D] api-keys-generate.html (policy) [I] Wiz, BeyondTrust (name).
 */
export const CONSOLE_KEY_USER_PREFIX = 'BedrockAPIKey-';
export const CONSOLE_KEY_DEFAULT_POLICY_ARN = 'arn:aws:iam::aws:policy/AmazonBedrockLimitedAccess';

export type ApiKeyType = 'long_term' | 'short_term';
