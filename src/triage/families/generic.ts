/**
 * Last-resort families: a bare 403 / "not authorized" with no AWS message, errors that are not about
 * authentication, and text that looks like an error but matches no family (answered `unknown`, never silence).
 */
import { CREDENTIAL_MESSAGES, DENIAL_MESSAGES, SIGNING_MESSAGES } from './groups.js';
import type { Family, FamilyId } from './types.js';

/** Messages about authentication, permissions, the account, the model or the region (what triage is about). */
const AUTH_MESSAGES: readonly FamilyId[] = [
  'on_demand_unsupported',
  'model_id_invalid',
  'operation_not_allowed',
  'account_blocked',
  'daily_token_quota',
  'legacy_model',
  'model_end_of_life',
  'prompt_caching_refused',
  'model_data_retention',
  'cfn_handler_denied',
  'on_demand_not_offered',
  'use_case_form',
  'model_access_denied',
  'operation_not_offered',
  'marketplace',
  ...DENIAL_MESSAGES,
  'not_in_region',
  'guardrail_not_found',
  'account_endpoint_required',
  'credential_malformed',
  'credential_whitespace',
  'api_key_format',
  ...CREDENTIAL_MESSAGES,
  'sts_caller_not_allowed',
  'service_role_not_assumable',
  ...SIGNING_MESSAGES,
  'credential_scope_region',
  'credential_scope_service',
  'no_credentials',
  'credential_object_invalid',
  'unsigned_request',
  'region_disabled',
  'api_key_rejected',
  'bearer_token_invalid',
];

export const GENERIC_FAMILIES: readonly Family[] = [
  {
    id: 'generic_auth',
    meaning: 'A bare 403 / 401 / Forbidden / "not authorized" with no AWS error code or message.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html',
    wordings: [],
    patterns: [
      /\b(?:403|401)\b|\bforbidden\b|\bunauthori[sz]ed\b|\bnot authori[sz]ed\b|\bpermission denied\b|\baccess denied\b|\bauthentication failed\b|\bauthorization failed\b|\binvalid authentication\b|\bpermissiondeniederror\b|\bauthenticationerror\b/,
    ],
    lastResort: true,
    prior: {
      missing_iam_permission: 0.2,
      key_not_found: 0.13,
      session_token_mismatch: 0.12,
      temp_credentials_expired: 0.12,
      wrong_profile_or_env: 0.13,
      model_access_not_granted: 0.1,
      region_unsupported: 0.08,
      unknown: 0.12,
    },
    priorWhy: 'Nothing but the status survives (raw-HTTP clients lose the code): every cause is possible.',
    evidence: [],
    commands: ['aws sts get-caller-identity', 'aws configure list', 'env | grep ^AWS_ | cut -d= -f1'],
  },
  {
    id: 'not_auth_error',
    meaning: 'Throttling, malformed requests, service errors: not an authentication or permission problem.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html',
    wordings: [
      'too many requests',
      'malformed input request',
      'rate exceeded',
      'input is too long',
      'model is not ready',
      'service unavailable',
      // generative-ai-use-cases (aws-samples, packages/cdk/lambda/utils/bedrockApi.ts): its text for
      // ThrottlingException and ServiceQuotaExceededException.
      'the server is currently experiencing high access',
      // Bedrock Agents' dependencyFailedException: the action group's Lambda function failed (its own bug or input).
      'encountered a problem while processing request',
    ],
    codes: [
      'ThrottlingException',
      'ServiceQuotaExceededException',
      'ServiceUnavailableException',
      'ModelNotReadyException',
      'ModelTimeoutException',
      'ModelErrorException',
      'DependencyFailedException',
      'dependencyFailedException',
    ],
    // A throttle or a service error next to an authentication or permission message is the retry noise around it:
    // the auth message is what the person is asking about.
    codeYieldsTo: AUTH_MESSAGES,
    yieldsTo: AUTH_MESSAGES,
    prior: { unknown: 1 },
    priorWhy: 'Not an authentication or permission problem: none of the auth causes applies.',
    evidence: [],
  },
  {
    id: 'service_error_code',
    meaning:
      'A generic error code of the service (ValidationException, ResourceNotFoundException, InternalServerException) ' +
      'whose message no family knows. Bedrock and its sub-services (knowledge bases, agents, guardrails, AgentCore) ' +
      'answer with these for a request they cannot serve: a model, inference profile, guardrail or secret id that ' +
      'does not exist in that Region, a field the model does not take, a check the service makes itself.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html',
    wordings: [],
    codes: ['InternalServerException', 'ValidationException', 'ResourceNotFoundException'],
    // Known wordings under these codes (the model id, the on-demand profile, a throttle) are their own families.
    codeYieldsTo: [...AUTH_MESSAGES, 'not_auth_error'],
    namesNoReason: true,
    prior: { unknown: 0.6, region_unsupported: 0.15, invalid_model_id: 0.15, missing_iam_permission: 0.1 },
    priorWhy:
      'The code only says the service refused the request, not why: most often a request the client built wrong ' +
      '(no auth cause), else an id that exists in another Region or not at all, or a permission the service checks ' +
      'on its own. The message, not the code, tells them apart, so no reading is stated with confidence.',
    evidence: [],
    commands: ['aws configure get region', 'aws sts get-caller-identity'],
  },
  {
    id: 'unrecognized_error',
    meaning:
      'The text reads like an error (an exception, a failed call, a 4xx/5xx) but no known message family matches ' +
      'it: the cause cannot be told from the text, and the commands below tell the causes apart.',
    doc: 'https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html',
    wordings: [],
    patterns: [
      /\b(?:error|errors|exception|traceback|failed|failure|denied|invalid|refused|rejected|cannot|can't|unable to|panicked|not (?:a )?valid|not supported|unsupported|not configured|not found|not available|is missing|unknown (?:model|provider|prefix|region)|exit status|no attribute|does not support|doesn't support|may not exist)\b|\b(?:expired|forbidden|unauthori[sz]ed|not authori[sz]ed|blocked|suspended|revoked|malformed|not recognized|not allowed|not permitted|restricted|no permission|not enabled|no longer valid|refresh required|went wrong|err_[a-z_]{3,40}|panic|econnrefused|econnreset|etimedout|ehostunreach|enetunreach|socket hang up|connection refused|connection reset|fails|fail|failing|fatal|could not|couldn't|does not exist|doesn't exist|incorrect|mismatch|not working|stopped working|doesn't work|does not work|won't work|no such|timed out|aborted|aborts|(?:is|are) required|problem with|unexpected keyword argument|missing \d required positional)\b|\b[a-z]{3,40}(?:error|exception|fault)\b|\b(?:401|403) ?(?:forbidden|unauthori[sz]ed)?\b|\bhttp(?:\/[0-9.]+)? [45]\d\d\b|\bstatus(?: code)?:? [45]\d\d\b|\b(?:fehler|fehlgeschlagen|erreur|fallo)\b|[оО]шибка|报错|错误|失败|エラー|오류/,
    ],
    lastResort: true,
    prior: { unknown: 1 },
    priorWhy:
      'No message family matched, so the text names no cause; `unknown` with the checks that separate the causes ' +
      'is honest, an empty answer would be silence on a real error.',
    evidence: [],
    commands: ['aws sts get-caller-identity', 'aws configure list', 'env | grep ^AWS_ | cut -d= -f1'],
  },
];
