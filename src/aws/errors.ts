/**
 * Classification of errors thrown by AWS SDK v3 clients. Matches on `err.name` (aws-facts section 7): STS/IAM
 * unmodeled codes become the name, modeled errors carry the shape name, Bedrock uses JSON-protocol names.
 */
import { scrubSecrets } from '../secrets.js';

export type AwsErrorKind =
  /** The credentials that signed the call are unknown, malformed or badly signed. */
  | 'auth'
  /** The credentials that signed the call have expired. */
  | 'expired'
  | 'access_denied'
  | 'not_found'
  | 'throttling'
  /** The request exceeded its connection or request timeout. */
  | 'timeout'
  /** The caller aborted (deadline or shutdown). */
  | 'aborted'
  /** DNS, connection refused/reset: the endpoint could not be reached. */
  | 'network'
  | 'validation'
  /** STS not activated in that region for the account. */
  | 'region_disabled'
  /** The SDK credential chain found nothing to sign with. */
  | 'no_credentials'
  | 'server'
  | 'unknown';

export interface AwsErrorInfo {
  kind: AwsErrorKind;
  /** SDK error name (= AWS error code for unmodeled errors). */
  name: string;
  /** Scrubbed, single-line message. */
  message: string;
  httpStatus?: number;
  requestId?: string;
  /** Attempts the SDK made (retries included), when it says. */
  attempts?: number;
}

const BY_NAME: Record<string, AwsErrorKind> = {
  InvalidClientTokenId: 'auth',
  UnrecognizedClientException: 'auth',
  SignatureDoesNotMatch: 'auth',
  InvalidSignatureException: 'auth',
  IncompleteSignature: 'auth',
  IncompleteSignatureException: 'auth',
  MissingAuthenticationToken: 'auth',
  MissingAuthenticationTokenException: 'auth',
  InvalidAccessKeyId: 'auth',
  AuthFailure: 'auth',
  ExpiredToken: 'expired',
  ExpiredTokenException: 'expired',
  RequestExpired: 'expired',
  AccessDenied: 'access_denied',
  AccessDeniedException: 'access_denied',
  UnauthorizedOperation: 'access_denied',
  NoSuchEntity: 'not_found',
  NoSuchEntityException: 'not_found',
  ResourceNotFoundException: 'not_found',
  Throttling: 'throttling',
  ThrottlingException: 'throttling',
  TooManyRequestsException: 'throttling',
  RequestLimitExceeded: 'throttling',
  TimeoutError: 'timeout',
  RequestTimeout: 'timeout',
  RequestTimeoutException: 'timeout',
  AbortError: 'aborted',
  ValidationError: 'validation',
  ValidationException: 'validation',
  InvalidInput: 'validation',
  InvalidInputException: 'validation',
  InvalidParameterValue: 'validation',
  RegionDisabledException: 'region_disabled',
  CredentialsProviderError: 'no_credentials',
  ServiceFailure: 'server',
  ServiceFailureException: 'server',
  InternalFailure: 'server',
  InternalServerException: 'server',
  ServiceUnavailable: 'server',
  ServiceUnavailableException: 'server',
};

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown };
}

export function classifyAwsError(error: unknown): AwsErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorShape;
  const name =
    typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.code === 'string' ? e.code : 'Error';
  const rawMessage = typeof e.message === 'string' ? e.message : String(error);
  const message = scrubSecrets(rawMessage.replace(/\s+/g, ' ').trim()).slice(0, 600);
  const httpStatus = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = typeof e.$metadata?.requestId === 'string' ? e.$metadata.requestId : undefined;
  const attempts = typeof e.$metadata?.attempts === 'number' ? e.$metadata.attempts : undefined;
  let kind: AwsErrorKind = BY_NAME[name] ?? 'unknown';
  if (kind === 'unknown') {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code) || NETWORK_CODES.has(name) || /getaddrinfo|ECONNREFUSED|ENOTFOUND/.test(message)) {
      kind = 'network';
    } else if (/Could not load credentials|Unable to locate credentials/i.test(message)) {
      kind = 'no_credentials';
    } else if (/aborted/i.test(message) && name === 'Error') {
      kind = 'aborted';
    } else if (e.$fault === 'server' || (httpStatus !== undefined && httpStatus >= 500)) {
      kind = 'server';
    }
  }
  return { kind, name, message, httpStatus, requestId, attempts };
}

/** `AccessDenied (HTTP 403): User: ... is not authorized ... [request id abc]` */
export function describeAwsError(info: AwsErrorInfo): string {
  const status = info.httpStatus ? ` (HTTP ${info.httpStatus})` : '';
  const request = info.requestId ? ` [request id ${info.requestId}]` : '';
  const message = info.message && info.message !== info.name ? `: ${info.message}` : '';
  return `${info.name}${status}${message}${request}`;
}

/**
 * True when an AccessDenied names the caller's own missing permission (the "not authorized to perform" sentence),
 * as opposed to the target resource being absent or belonging to someone else.
 */
export function isCallerPermissionDenial(info: AwsErrorInfo): boolean {
  return info.kind === 'access_denied' && /is not authorized to perform/i.test(info.message);
}

/** The IAM policy type an AccessDenied message blames, when it says. */
export function deniedBy(info: AwsErrorInfo): string | undefined {
  const m = /with an explicit deny in (?:a|an) ([a-z -]+?)(?:[:.]|$)/i.exec(info.message);
  if (m) return m[1]?.trim();
  if (/because no ([a-z -]+?) allows/i.test(info.message)) return 'implicit';
  return undefined;
}
