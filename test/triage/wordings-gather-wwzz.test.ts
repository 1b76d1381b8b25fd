/**
 * Readings added while studying the gatherWW / gatherZZ batches, each checked on examples of our own (not the corpus
 * pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { contextSignals, messageFamilies, triage } from '../../src/triage/index.js';
import { expectCauses } from './expect-causes.js';

describe("a model's data-retention gate", () => {
  it('reads "data retention mode ... is not available for this model" as the account not opted in to the model', () => {
    const text =
      "ValidationException: data retention mode 'standard' is not available for this model (us.anthropic.claude-x)";
    expect(messageFamilies(text)).toContain('model_data_retention');
    expectCauses(text, { first: 'model_access_not_granted', top3: ['account_issue'] });
  });

  it('is not a throttle or a malformed request any more, and says nothing about a mere retention setting', () => {
    expect(messageFamilies("data retention mode 'default' is not available for this model")).not.toContain(
      'not_auth_error',
    );
    expect(messageFamilies('log group retention set to 30 days')).not.toContain('model_data_retention');
  });
});

describe('an AccessDenied that names no action', () => {
  it('reads "not authorized to perform: null" as a request that did not resolve to an action', () => {
    const text =
      'An error occurred (AccessDeniedException) when calling the PutThing operation: User: arn:aws:iam::111122223333:user/ops is not authorized to perform: null';
    expect(messageFamilies(text)).toContain('operation_unresolved');
    expectCauses(text, { first: 'unknown' });
  });

  it('leaves a denial that names its action to the IAM readings', () => {
    const text =
      'User: arn:aws:iam::111122223333:user/ops is not authorized to perform: iot:CreateThing on resource: arn:aws:iot:us-east-1:111122223333:thing/x';
    expect(messageFamilies(text)).not.toContain('operation_unresolved');
    expectCauses(text, { first: 'missing_iam_permission' });
  });
});

describe("CloudFormation's resource handler denied", () => {
  it('reads "Access denied for operation \'AWS::X::Y\'" as a missing permission, propagation next', () => {
    const text =
      'CREATE_FAILED | AWS::Bedrock::KnowledgeBase | Resource handler returned message: "Access denied for operation \'AWS::Bedrock::KnowledgeBase\'." (HandlerErrorCode: AccessDenied)';
    expect(messageFamilies(text)).toContain('cfn_handler_denied');
    expectCauses(text, { first: 'missing_iam_permission', top3: ['key_not_propagated'] });
  });

  it('leaves access denied for an operation that is not a resource type', () => {
    expect(messageFamilies('Access denied for operation ListBuckets')).not.toContain('cfn_handler_denied');
  });
});

describe('entities in the WW/ZZ shapes', () => {
  it("reads Anthropic's req_ request id from a JSON error body", () => {
    const text = 'API Error: 400 {"type":"error","request_id":"req_011CXabcDEF123ghiJKL456","error":{}}';
    expect(triage(text).entities.requestId).toBe('req_011CXabcDEF123ghiJKL456');
    expect(triage('"request_id": "req_short"').entities.requestId).toBeUndefined();
  });

  it('reads a status after a reprex or console output marker', () => {
    expect(triage("#> 404: The model 'x' does not exist").entities.httpStatus).toBe(404);
    expect(triage('> 403: Forbidden by policy').entities.httpStatus).toBe(403);
    expect(triage('#> 404 items returned').entities.httpStatus).toBeUndefined();
  });

  it("takes the service from a denied action whose resource is a path of that service's own", () => {
    const text =
      'AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/task/x is not authorized to perform: sagemaker:CreateModel on resource: model/my-model-1';
    expect(triage(text).entities.service).toBe('sagemaker');
    const kms = 'is not authorized to perform: kms:Decrypt on resource: key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(triage(kms).entities.service).toBeUndefined();
  });
});

describe('a lone status next to an AWS error code', () => {
  it('reads the one 4xx/5xx an AWS error came with, whatever words surround it', () => {
    const sts =
      'error making upstream request: received error code 403 from STS: <ErrorResponse><Error><Code>InvalidClientTokenId</Code></Error></ErrorResponse>';
    expect(triage(sts).entities.httpStatus).toBe(403);
    const fluentd =
      'error={:attempts=>[{:delay=>112, :error_code=>"400", :error_message=>"UnrecognizedClientException"}]}';
    expect(triage(fluentd).entities.httpStatus).toBe(400);
  });

  it('says nothing without an error code, with two candidates, or for a count, a line or a port', () => {
    expect(triage('received error code 403 from the gateway').entities.httpStatus).toBeUndefined();
    expect(triage('InvalidClientTokenId after 403 retries; then 500 more').entities.httpStatus).toBeUndefined();
    expect(triage('ExpiredToken at handler.js:403:12 after 404 ms').entities.httpStatus).toBeUndefined();
    expect(triage('ExpiredToken, uploaded 404 files first').entities.httpStatus).toBeUndefined();
  });
});

describe('readings added while studying gatherAC / gatherAD', () => {
  it("reads AWS's permissions-boundary clause as the boundary refusing, an explicit-deny reading in the first three", () => {
    const text =
      'User: arn:aws:sts::111122223333:assumed-role/deployer/ci is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111122223333:role/app because no permissions boundary allows the iam:CreateRole action';
    const t = expectCauses(text, { top3: ['explicit_deny', 'missing_iam_permission'] });
    const plain = triage(text.replace('no permissions boundary allows', 'no identity-based policy allows'));
    const share = (r: typeof t) => r.causes.find((c) => c.id === 'explicit_deny')?.confidence ?? 0;
    expect(share(t)).toBeGreaterThan(share(plain));
  });

  it('keeps a node role in view when the session name was redacted', () => {
    const redacted =
      'AccessDenied: User: arn:aws:sts::111122223333:assumed-role/prod-eks-worker/REDACTED is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::backups" because no identity-based policy allows the s3:ListBucket action';
    expect(
      triage(redacted)
        .causes.slice(0, 2)
        .map((c) => c.id),
    ).toContain('wrong_profile_or_env');
    const app = redacted.replace('prod-eks-worker', 'backup-app');
    expect(
      triage(app)
        .causes.slice(0, 2)
        .map((c) => c.id),
    ).not.toContain('wrong_profile_or_env');
  });

  it("reads Amazon ECR's expired registry login as expired temporary credentials", () => {
    expectCauses('pull failed: DENIED: Your authorization token has expired. Reauthenticate and try again.', {
      first: 'temp_credentials_expired',
    });
  });

  it("reads a request id cut short by the person and aws-sdk-go's SSOProviderInvalidToken code", () => {
    expect(
      triage('https response error StatusCode: 403, RequestID: b7c1-4e2a-9d11-0f3e5a7c9b21, api error AccessDenied')
        .entities.requestId,
    ).toBe('b7c1-4e2a-9d11-0f3e5a7c9b21');
    expect(triage('RequestID: 2024-09-23, api error').entities.requestId).toBeUndefined();
    expect(triage('Error: SSOProviderInvalidToken: the SSO session has expired or is invalid').entities.errorCode).toBe(
      'SSOProviderInvalidToken',
    );
  });
});

describe('entities in the gatherAB shapes', () => {
  it("reads the code from a Java exception's full class name, not a wrapper's", () => {
    expect(
      triage(
        'com.example.auth.exception.InvalidBearerTokenException: Token has expired\n\tat com.example.Validator.check(Validator.java:12)',
      ).entities.errorCode,
    ).toBe('InvalidBearerTokenException');
    expect(
      triage('software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials').entities.errorCode,
    ).toBe(undefined);
  });

  it("reads Python requests' '401 Client Error' as the status", () => {
    expect(
      triage('Error refreshing token: 401 Client Error: Unauthorized for url: https://auth.example/refresh').entities
        .httpStatus,
    ).toBe(401);
    expect(triage('401 clients were notified').entities.httpStatus).toBeUndefined();
  });
});

describe("a client's own crash beside a credential message", () => {
  it('reads a ReferenceError inside the SSO refresh as a client bug before an expired session', () => {
    const text =
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.\nReferenceError: _RefreshCommand is not defined\n    at getNewSsoOidcToken (node_modules/@aws-sdk/token-providers/dist-cjs/index.js:57:24)";
    expect(contextSignals(text)).toContain('client_crash');
    expectCauses(text, { top3: ['unknown', 'temp_credentials_expired'] });
    const plain = triage(text.split('\n')[0] ?? '');
    const unknownShare = (t: ReturnType<typeof triage>) => t.causes.find((c) => c.id === 'unknown')?.confidence ?? 0;
    expect(unknownShare(triage(text))).toBeGreaterThan(unknownShare(plain));
  });

  it('leaves an expired session without a crash alone', () => {
    expect(contextSignals('ExpiredToken: The security token included in the request is expired')).not.toContain(
      'client_crash',
    );
  });
});
