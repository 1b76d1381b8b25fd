/** One block per entity kind, each with the look-alikes that must not be taken for it. */
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

const entities = (text: string) => triage(text).entities;

describe('accessKeyId, accessKeyType, keyAccountId', () => {
  it('reads a modern key id, its type and its account', () => {
    expect(entities('aws_access_key_id = AKIASP2TPHJSQH3FJXYZ')).toMatchObject({
      accessKeyId: 'AKIASP2TPHJSQH3FJXYZ',
      accessKeyType: 'long_term',
      keyAccountId: '171436882533',
    });
    expect(entities('Credential=ASIAY34FZKBOKMUTVV7A/20250101/us-east-1/bedrock/aws4_request')).toMatchObject({
      accessKeyId: 'ASIAY34FZKBOKMUTVV7A',
      accessKeyType: 'temporary',
      keyAccountId: '609629065308',
      region: 'us-east-1',
    });
  });

  it('does not decode the old-format documentation key', () => {
    const e = entities('key AKIAIOSFODNN7EXAMPLE was rejected');
    expect(e.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(e.keyAccountId).toBeUndefined();
  });

  it('prefers the key the client was configured with over other keys mentioned', () => {
    expect(entities('old key AKIATV2A36L5EJGEKZEP\nAWS_ACCESS_KEY_ID=AKIASP2TPHJSQH3FJXYZ').accessKeyId).toBe(
      'AKIASP2TPHJSQH3FJXYZ',
    );
  });

  it('does not take IAM unique ids, redaction markers or longer tokens for keys', () => {
    expect(entities('"UserId": "AIDAQWERTYUIOPASDFGHJ"').accessKeyId).toBeUndefined();
    expect(entities('"UserId": "AROAQWERTYUIOPASDFGHJ:botocore-session"').accessKeyId).toBeUndefined();
    expect(entities('credentials.Value={AKINDA_REDACTED VERY_REDACTED}').accessKeyId).toBeUndefined();
    expect(entities('xAKIASP2TPHJSQH3FJXYZ AKIASP2TPHJSQH3FJXYZ9').accessKeyId).toBeUndefined();
  });
});

describe('accountId', () => {
  it('comes from ARNs, caller identity output and account mentions', () => {
    expect(entities('User: arn:aws:iam::123456789012:user/alice is not authorized').accountId).toBe('123456789012');
    expect(
      entities(
        '{"UserId": "AIDAQWERTYUIOPASDFGHJ", "Account": "210987654321", "Arn": "arn:aws:iam::210987654321:user/x"}',
      ).accountId,
    ).toBe('210987654321');
    expect(entities('|  Account |  555566667777  |').accountId).toBe('555566667777');
    expect(entities('STS is not activated in this region for account:444455556666.').accountId).toBe('444455556666');
    expect(entities('Account ID: 1234-5678-9012').accountId).toBe('123456789012');
  });

  it('ignores timestamps, masked accounts and bare 12-digit numbers', () => {
    expect(
      entities('Token expired: current date/time 1624482533 must be before 202501302038').accountId,
    ).toBeUndefined();
    expect(entities('arn:aws:sts::0482xxxxxxxx:assumed-role/r/s').accountId).toBeUndefined();
    expect(entities('order 123456789012 failed').accountId).toBeUndefined();
    expect(entities('for account:XYZ. Your account administrator').accountId).toBeUndefined();
  });
});

describe('principalArn', () => {
  it('reads user, role, assumed-role and root ARNs in every partition', () => {
    expect(entities('User: arn:aws:iam::123456789012:user/path/alice is not authorized').principalArn).toBe(
      'arn:aws:iam::123456789012:user/path/alice',
    );
    expect(entities('arn:aws-cn:iam::412345678901:role/deploy.').principalArn).toBe(
      'arn:aws-cn:iam::412345678901:role/deploy',
    );
    expect(entities('(arn:aws-us-gov:sts::123456789012:assumed-role/Gov/s1)').principalArn).toBe(
      'arn:aws-us-gov:sts::123456789012:assumed-role/Gov/s1',
    );
    expect(entities('root user arn:aws:iam::123456789012:root called').principalArn).toBe(
      'arn:aws:iam::123456789012:root',
    );
  });

  it('prefers the denied principal, keeps masked accounts, and rejoins a wrapped session name', () => {
    const text =
      'role arn:aws:iam::111111111111:role/Other; User: arn:aws:sts::0482xxxxxxxx:assumed-role/ Team_Role/jane@corp.com is not authorized';
    expect(entities(text).principalArn).toBe('arn:aws:sts::0482xxxxxxxx:assumed-role/Team_Role/jane@corp.com');
  });

  it('still prefers the denied principal when a word-wrap put its ARN on the line after "User:"', () => {
    const text =
      'IAM Role (arn:aws:iam::222222222222:role/deploy) cannot be assumed.\napi error AccessDenied: User:\narn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole';
    expect(entities(text).principalArn).toBe('arn:aws:iam::111111111111:user/bob');
    expect(entities(text.replace('User:\n', 'Role:\n')).principalArn).toBe('arn:aws:iam::222222222222:role/deploy');
  });

  it('does not take resource ARNs or a bare role prefix for a principal', () => {
    expect(entities('arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0').principalArn).toBeUndefined();
    expect(entities('arn:aws:iam::123456789012:role/').principalArn).toBeUndefined();
  });
});

describe('region', () => {
  it('reads endpoints, region settings, ARNs and credential scopes', () => {
    expect(entities('POST https://bedrock-runtime.eu-west-1.amazonaws.com/model/x/invoke').region).toBe('eu-west-1');
    expect(entities('client(region_name="ap-northeast-1")').region).toBe('ap-northeast-1');
    expect(entities('--region ca-central-1').region).toBe('ca-central-1');
    expect(entities('(region: eu-west-2)').region).toBe('eu-west-2');
    expect(entities('arn:aws:bedrock:us-east-2::foundation-model/x-v1').region).toBe('us-east-2');
    expect(entities('https://console.aws.amazon.com/bedrock/home?region=us-east-1#/').region).toBe('us-east-1');
    expect(entities('https://example.com/docs/us-west-2/guide').region).toBe('us-west-2');
  });

  it('prefers the endpoint of the call over other mentions, and the failing region over one named as working', () => {
    expect(entities('works in us-east-1. calling bedrock-runtime.eu-south-1.amazonaws.com').region).toBe('eu-south-1');
    expect(entities('access was granted in us-east-1 but the app runs in eu-west-3').region).toBe('eu-west-3');
  });

  it('does not read an availability zone, and flags region-shaped names that do not exist', () => {
    expect(entities('instance in us-east-1a').region).toBeUndefined();
    const t = triage('getaddrinfo ENOTFOUND bedrock-runtime.eu-west-4.amazonaws.com');
    expect(t.entities.region).toBe('eu-west-4');
    expect(t.findings.join(' ')).toContain('"eu-west-4" is not an AWS region name');
  });
});

describe('modelId', () => {
  it('reads foundation-model ids, inference-profile ids and ARNs', () => {
    expect(entities('Invocation of model ID anthropic.claude-3-5-sonnet-20240620-v1:0 with on-demand').modelId).toBe(
      'anthropic.claude-3-5-sonnet-20240620-v1:0',
    );
    for (const id of [
      'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      'eu.amazon.nova-pro-v1:0',
      'apac.anthropic.claude-sonnet-4-20250514-v1:0',
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]) {
      expect(entities(`modelId: "${id}"`).modelId).toBe(id);
    }
    expect(
      entities(
        'resource: arn:aws:bedrock:eu-central-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-6 because',
      ).modelId,
    ).toBe('eu.anthropic.claude-sonnet-4-6');
    expect(entities('on resource: arn:aws:bedrock:::foundation-model/meta.llama3-1-70b-instruct-v1:0.').modelId).toBe(
      'meta.llama3-1-70b-instruct-v1:0',
    );
    const app = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    expect(entities(`model_id = "${app}"`).modelId).toBe(app);
  });

  it('keeps a URL-encoded id from a request path as written', () => {
    expect(entities('/model/us.anthropic.claude-sonnet-4-20250514-v1%253A0/converse-stream').modelId).toBe(
      'us.anthropic.claude-sonnet-4-20250514-v1%253A0',
    );
  });

  it('does not take domain names or service namespaces for model ids', () => {
    expect(
      entities('x-amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/').modelId,
    ).toBeUndefined();
    expect(entities('see https://docs.anthropic.com and api.anthropic.com').modelId).toBeUndefined();
  });
});

describe('action and operation', () => {
  it('takes the denied IAM action, and keeps the operation apart', () => {
    const e = entities(
      'An error occurred (AccessDeniedException) when calling the Converse operation: User: arn:aws:iam::123456789012:user/a is not authorized to perform: bedrock:InvokeModel on resource: x',
    );
    expect(e.action).toBe('bedrock:InvokeModel');
    expect(e.operation).toBe('Converse');
  });

  it('falls back to the API operation when no IAM action is named', () => {
    expect(entities('An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: x')).toMatchObject({
      action: 'GetCallerIdentity',
      operation: 'GetCallerIdentity',
      service: 'sts',
    });
    expect(
      entities('operation error Bedrock Runtime: ConverseStream, https response error StatusCode: 400'),
    ).toMatchObject({
      action: 'ConverseStream',
      operation: 'ConverseStream',
      service: 'Bedrock Runtime',
    });
    expect(entities('DEBUG error calling GetCallerIdentity(): InvalidClientTokenId').operation).toBe(
      'GetCallerIdentity',
    );
    expect(entities('at InvokeModelCommand.resolveMiddleware').operation).toBe('InvokeModel');
    expect(entities('POST /model/amazon.nova-lite-v1:0/invoke-with-response-stream').operation).toBe(
      'InvokeModelWithResponseStream',
    );
  });

  it('picks the acting action when several are listed without "perform:"', () => {
    expect(
      entities('required AWS Marketplace actions (aws-marketplace:ViewSubscriptions, aws-marketplace:Subscribe)')
        .action,
    ).toBe('aws-marketplace:Subscribe');
  });

  it('does not take ARN fragments or header names for actions', () => {
    expect(entities('arn:aws:bedrock:us-east-1::foundation-model/x-v1').action).toBeUndefined();
    expect(entities('x-amzn-ErrorType: AccessDeniedException').action).toBeUndefined();
  });
});

describe('requestId', () => {
  it('reads request ids from every flavour', () => {
    const id = '192e5da6-7b6d-11e7-9732-bfca38aca6c2';
    for (const text of [
      `status code: 403, request id: ${id}`,
      `RequestID: ${id}, UnrecognizedClientException`,
      `x-amzn-RequestId: ${id}`,
      `'$metadata': { httpStatusCode: 403, requestId: '${id}' }`,
      `(Service: X; Status Code: 403; Error Code: Y; Request ID: ${id}; Proxy: null)`,
      `'ResponseMetadata': {'RequestId': '${id}'}`,
    ]) {
      expect(entities(text).requestId, text).toBe(id);
    }
    expect(entities('<RequestId>4442587FB7D0A2F9</RequestId>').requestId).toBe('4442587FB7D0A2F9');
  });

  it('ignores placeholders and nil', () => {
    expect(entities('request id: xx-xx-xx-xx').requestId).toBeUndefined();
    expect(entities('requestID: nil, RequestId: XYZ').requestId).toBeUndefined();
    expect(entities('"aws_request_id": "zzzzzzzz-XXXX-XXXX-XXXX-YYyyyyYYYyyy"').requestId).toBeUndefined();
  });
});

describe('httpStatus', () => {
  it('reads the status from every flavour', () => {
    const cases: Array<[string, number]> = [
      ['(Service: X; Status Code: 403; Error Code: Y)', 403],
      ['https response error StatusCode: 400, RequestID: x', 400],
      ['status code: 403, request id: x', 403],
      ["'$metadata': { httpStatusCode: 403 }", 403],
      ["'HTTPStatusCode': 404,", 404],
      ['HTTP/1.1 403 Forbidden', 403],
      ['PermissionDeniedError: 403 The security token', 403],
      ['API Request Failed:\n400 Invocation of model ID', 400],
      ['Status Code: http_status_403 x-amzn-ErrorType', 403],
      ['raw: Response { status: StatusCode(400),', 400],
      ['{ "code": "invalid_param", "status": 400 }', 400],
      [
        'could not push logs to OpenSearch cluster: [403] {"message":"The security token included in the request is invalid."}',
        403,
      ],
      ['400: litellm.BadRequestError: BedrockException - {"message":"Invocation of model ID x"}', 400],
    ];
    for (const [text, status] of cases) expect(entities(text).httpStatus, text).toBe(status);
  });

  it('does not read lengths, years or success codes as a status', () => {
    expect(entities('Content-Length: 403').httpStatus).toBeUndefined();
    expect(entities('Error: 2017/08/07 failed').httpStatus).toBeUndefined();
    expect(entities('HTTP/1.1 200 OK').httpStatus).toBeUndefined();
    // A bracketed footnote or a clock time is not a status.
    expect(entities('see the docs [404] for details').httpStatus).toBeUndefined();
    expect(entities('retried 3 times\n403:12 elapsed').httpStatus).toBeUndefined();
  });
});

describe('errorCode', () => {
  it('reads the code from every SDK flavour', () => {
    const cases: Array<[string, string]> = [
      [
        'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: x',
        'UnrecognizedClientException',
      ],
      [
        '(Service: AWSSecurityTokenService; Status Code: 403; Error Code: InvalidClientTokenId; Request ID: x)',
        'InvalidClientTokenId',
      ],
      [
        'https response error StatusCode: 403, RequestID: abc, api error ExpiredToken: The security token',
        'ExpiredToken',
      ],
      [
        'InvalidClientTokenId: The security token included in the request is invalid.\n\tstatus code: 403',
        'InvalidClientTokenId',
      ],
      ["name: 'AccessDeniedException',\n  '$fault': 'client'", 'AccessDeniedException'],
      [
        '{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"x"}',
        'UnrecognizedClientException',
      ],
      [
        'x-amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/',
        'AccessDeniedException',
      ],
      ['<Error><Code>SignatureDoesNotMatch</Code>', 'SignatureDoesNotMatch'],
      ['ErrorMetadata { code: Some("ValidationException"), message: Some("x")', 'ValidationException'],
      ['unhandled error (UnrecognizedClientException)', 'UnrecognizedClientException'],
      ['botocore.exceptions.NoCredentialsError: Unable to locate credentials', 'NoCredentialsError'],
      ['CredentialsProviderError: Could not load credentials from any providers', 'CredentialsProviderError'],
      ["{'Error': {'Message': 'x', 'Code': 'ResourceNotFoundException'}}", 'ResourceNotFoundException'],
    ];
    for (const [text, code] of cases) expect(entities(text).errorCode, text).toBe(code);
  });

  it('does not take arbitrary code fields or header type names for an AWS code', () => {
    expect(entities('{ "code": "invalid_param", "message": "something" }').errorCode).toBeUndefined();
    expect(entities('"errorType": "Error"').errorCode).toBeUndefined();
    expect(entities('"x-amzn-errortype": HeaderValue { _private: "x" }').errorCode).toBeUndefined();
  });
});

describe('service', () => {
  it('names the service from the endpoint, the operation or the SDK', () => {
    expect(entities('https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke').service).toBe('bedrock-runtime');
    expect(entities('https://bedrock.us-east-1.amazonaws.com/foundation-models').service).toBe('bedrock');
    expect(entities('when calling the AssumeRole operation').service).toBe('sts');
    // An SDK's own name for the service is kept as printed; serviceFromSdkName gives its endpoint prefix.
    expect(entities('(Service: AWSSecurityTokenService; Status Code: 403)').service).toBe('AWSSecurityTokenService');
  });
});

describe('denyingPolicyArn', () => {
  it('reads the policy an enhanced AccessDenied message names after its type', () => {
    const t = triage(
      'User: arn:aws:sts::111122223333:assumed-role/dev/alice is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0 with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-a1b2c3d4e5/service_control_policy/p-efgh5678.',
    );
    expect(t.entities.denyingPolicyArn).toBe(
      'arn:aws:organizations::987654321098:policy/o-a1b2c3d4e5/service_control_policy/p-efgh5678',
    );
    expect(t.entities.accountId).toBe('111122223333');
  });

  it('reads an identity policy named by an implicit-deny message, and nothing when no policy is named', () => {
    const named = triage(
      'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: bedrock:InvokeModel with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/DenyBedrock',
    );
    expect(named.entities.denyingPolicyArn).toBe('arn:aws:iam::111122223333:policy/DenyBedrock');
    const unnamed = triage(
      'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: bedrock:InvokeModel because no identity-based policy allows the bedrock:InvokeModel action',
    );
    expect(unnamed.entities.denyingPolicyArn).toBeUndefined();
  });
});
