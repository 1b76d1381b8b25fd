import { describe, expect, it } from 'vitest';
import { classifyAwsError, deniedBy, describeAwsError, isCallerPermissionDenial } from '../../src/aws/errors.js';

const sdkError = (name: string, message: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), {
    name,
    $fault: status && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1 },
    ...extra,
  });

describe('classifyAwsError', () => {
  it.each([
    ['InvalidClientTokenId', 'auth'],
    ['UnrecognizedClientException', 'auth'],
    ['SignatureDoesNotMatch', 'auth'],
    ['ExpiredToken', 'expired'],
    ['AccessDenied', 'access_denied'],
    ['AccessDeniedException', 'access_denied'],
    ['NoSuchEntityException', 'not_found'],
    ['ResourceNotFoundException', 'not_found'],
    ['Throttling', 'throttling'],
    ['ThrottlingException', 'throttling'],
    ['TimeoutError', 'timeout'],
    ['AbortError', 'aborted'],
    ['ValidationException', 'validation'],
    ['RegionDisabledException', 'region_disabled'],
    ['CredentialsProviderError', 'no_credentials'],
  ])('%s -> %s', (name, kind) => {
    expect(classifyAwsError(sdkError(name, 'x', 400)).kind).toBe(kind);
  });

  it('classifies network failures and unknown server errors', () => {
    expect(
      classifyAwsError(Object.assign(new Error('getaddrinfo ENOTFOUND bedrock.xx'), { code: 'ENOTFOUND' })).kind,
    ).toBe('network');
    expect(classifyAwsError(sdkError('Unknown', 'oops', 502)).kind).toBe('server');
    expect(classifyAwsError('a string').kind).toBe('unknown');
  });

  it('keeps status, request id and attempts, and scrubs secrets from messages', () => {
    const info = classifyAwsError(
      sdkError('AccessDenied', 'denied; leaked aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY', 403),
    );
    expect(info).toMatchObject({ httpStatus: 403, requestId: 'req-1', attempts: 1 });
    expect(info.message).not.toContain('wJalrXUtnFEMI');
    expect(describeAwsError(info)).toMatch(/^AccessDenied \(HTTP 403\): denied; .*\[request id req-1\]$/);
  });
});

describe('AccessDenied wording', () => {
  const info = (message: string) => classifyAwsError(sdkError('AccessDenied', message, 403));

  it('tells the caller lacking a permission from a bare denial', () => {
    expect(isCallerPermissionDenial(info('User: arn:x is not authorized to perform: iam:ListAccessKeys'))).toBe(true);
    expect(isCallerPermissionDenial(info('Access denied'))).toBe(false);
  });

  it('reads which policy type denied', () => {
    expect(
      deniedBy(info('... with an explicit deny in a service control policy: arn:aws:organizations::1:policy/p')),
    ).toBe('service control policy');
    expect(deniedBy(info('... with an explicit deny in a permissions boundary'))).toBe('permissions boundary');
    expect(deniedBy(info('... because no identity-based policy allows the bedrock:InvokeModel action'))).toBe(
      'implicit',
    );
    expect(deniedBy(info('Access denied'))).toBeUndefined();
  });
});
