/**
 * Entities in the shapes each SDK and tool prints an AWS error (docs/shared error taxonomy, section 0): one block per
 * format, with the values that format carries and the look-alikes it must not be mistaken for.
 */
import { describe, expect, it } from 'vitest';
import { serviceFromSdkName } from '../../src/triage/entities.js';
import { triage } from '../../src/triage/index.js';

const entities = (text: string) => triage(text).entities;

describe('Go SDK v2', () => {
  it('reads the service, operation, status, request id and code of `operation error`', () => {
    expect(
      entities(
        "operation error Bedrock Runtime: InvokeModel, https response error StatusCode: 403, RequestID: 6b4b2f8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f, AccessDeniedException: You don't have access to the model with the specified model ID.",
      ),
    ).toMatchObject({
      service: 'Bedrock Runtime',
      operation: 'InvokeModel',
      httpStatus: 403,
      requestId: '6b4b2f8e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
      errorCode: 'AccessDeniedException',
    });
  });

  it('names the service of the call as the SDK spells it (EC2, STS), literally as in the text', () => {
    const e = entities(
      'describing subnets: operation error EC2: DescribeSubnets, https response error StatusCode: 401, RequestID: 02edd786-11aa-4b12-948b-90e806aded6d, api error AuthFailure: AWS was not able to validate the provided access credentials',
    );
    expect(e).toMatchObject({
      service: 'EC2',
      operation: 'DescribeSubnets',
      errorCode: 'AuthFailure',
      httpStatus: 401,
    });
    expect(entities('operation error STS: GetCallerIdentity, https response error StatusCode: 403').service).toBe(
      'STS',
    );
  });

  it('reads the operation of `operation error` that Terraform wrapped onto the next line of its diagnostic box', () => {
    const text =
      '│ Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds:\n│ GetMetadata, request canceled, context deadline exceeded';
    expect(entities(text).operation).toBe('GetMetadata');
    expect(entities('operation error ec2imds:\n\nsomething else, retrying').operation).toBeUndefined();
  });
});

describe('S3 URLs', () => {
  it('reads s3 as the service of a virtual-hosted bucket URL, not the bucket name', () => {
    expect(
      entities('PermissionDenied at stat, uri: https://logs-bucket.s3.eu-west-1.amazonaws.com/a/b, status: 403')
        .service,
    ).toBe('s3');
    expect(
      entities('PermissionDenied at https://data.example-s3.eu-west-1.amazonaws.com/a, status: 403').service,
    ).toBeUndefined();
  });
});

describe('Go SDK v1', () => {
  it('reads `<Code>: <message>` and the tab-indented status line', () => {
    expect(
      entities(
        'IncompleteSignatureException: Credential must have exactly 5 slash-delimited elements\n\tstatus code: 400, request id: f4d107c1-fb3b-45ed-ba34-f1179354d3c2',
      ),
    ).toMatchObject({
      errorCode: 'IncompleteSignatureException',
      httpStatus: 400,
      requestId: 'f4d107c1-fb3b-45ed-ba34-f1179354d3c2',
    });
  });
});

describe('Java SDK v1 and v2', () => {
  it('reads the (Service: ...; Status Code: ...; Error Code: ...; Request ID: ...) slot of v1', () => {
    expect(
      entities(
        "com.amazonaws.services.bedrockruntime.model.AccessDeniedException: You don't have access to the model with the specified model ID. (Service: AmazonBedrockRuntime; Status Code: 403; Error Code: AccessDeniedException; Request ID: 3e4f5a6b-7c8d-9e0f-a1b2-c3d4e5f6a7b8; Proxy: null)",
      ),
    ).toMatchObject({
      service: 'AmazonBedrockRuntime',
      httpStatus: 403,
      errorCode: 'AccessDeniedException',
      requestId: '3e4f5a6b-7c8d-9e0f-a1b2-c3d4e5f6a7b8',
    });
  });

  it('reads the slot when a narrow log wraps it across lines', () => {
    expect(
      entities(
        'com.amazonaws.services.dynamodbv2.model.AmazonDynamoDBException: The\nsecurity token included in the request is invalid. (Service:\nAmazonDynamoDBv2; Status Code: 400; Error Code:\nUnrecognizedClientException; Request ID:\nMFDSUJUS7BGSTVBHQ6PG70BT3RVV4KQNSO5AEMVJF66Q9ASUAAJG)',
      ),
    ).toMatchObject({
      service: 'AmazonDynamoDBv2',
      httpStatus: 400,
      errorCode: 'UnrecognizedClientException',
      requestId: 'MFDSUJUS7BGSTVBHQ6PG70BT3RVV4KQNSO5AEMVJF66Q9ASUAAJG',
    });
  });

  it('reads v2 (commas, no Error Code) and does not take the Extended Request ID', () => {
    const e = entities(
      'software.amazon.awssdk.services.transcribestreaming.model.BadRequestException: The security token included in the request is expired (Service: transcribe, Status Code: 400, Request ID: 00ccda63-c59f-43ac-8f2e-70181e85e7c2, Extended Request ID: null)',
    );
    expect(e).toMatchObject({
      service: 'transcribe',
      httpStatus: 400,
      requestId: '00ccda63-c59f-43ac-8f2e-70181e85e7c2',
    });
    expect(
      entities(
        'Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 1B2C3D4E5F6A7B8C; S3 Extended Request ID: Q2hlY2sgdGhlIGJ1Y2tldCBwb2xpY3k0MjQyNDI0MjQy)',
      ),
    ).toMatchObject({ service: 'Amazon S3', requestId: '1B2C3D4E5F6A7B8C', errorCode: 'AccessDenied' });
  });

  it('does not take the SDK base exception of v2 for a code', () => {
    const e = entities(
      'software.amazon.awssdk.services.sts.model.StsException: The security token included in the request is invalid. (Service: Sts, Status Code: 403, Request ID: 2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e)',
    );
    expect(e.service).toBe('Sts');
    expect(e.errorCode).toBeUndefined();
  });
});

describe('.NET SDK', () => {
  it('reads ErrorCode and a status printed by name', () => {
    expect(
      entities(
        'Amazon.SecurityToken.AmazonSecurityTokenServiceException: The security token included in the request is invalid.\nErrorCode: InvalidClientTokenId, StatusCode: Forbidden, RequestId: 4c5d6e7f-8a9b-0c1d-2e3f-4a5b6c7d8e9f',
      ),
    ).toMatchObject({
      errorCode: 'InvalidClientTokenId',
      httpStatus: 403,
      requestId: '4c5d6e7f-8a9b-0c1d-2e3f-4a5b6c7d8e9f',
    });
    expect(
      entities(
        'Amazon.S3.AmazonS3Exception: Error making request with Error Code Forbidden and Http Status Code Forbidden. No further error information was returned by the service.',
      ).httpStatus,
    ).toBe(403);
  });
});

describe('JavaScript SDKs', () => {
  it('reads v3 `<Code>: <message>` and its $metadata', () => {
    expect(
      entities(
        "AccessDeniedException: You don't have access to the model with the specified model ID.\n    at de_AccessDeniedExceptionRes (/app/node_modules/@aws-sdk/client-bedrock-runtime/dist-cjs/index.js:1123:21) {\n  '$fault': 'client',\n  '$metadata': {\n    httpStatusCode: 403,\n    requestId: '8f3a1c2e-4b5d-4e6f-9a7b-1c2d3e4f5a6b',\n    extendedRequestId: undefined,\n    attempts: 1\n  }\n}",
      ),
    ).toMatchObject({
      errorCode: 'AccessDeniedException',
      httpStatus: 403,
      requestId: '8f3a1c2e-4b5d-4e6f-9a7b-1c2d3e4f5a6b',
      service: 'bedrock-runtime',
    });
  });

  it('reads a code no list knows from the start of a line, but not a wrapper class', () => {
    expect(entities('ModelStreamErrorException: The model stream was interrupted.').errorCode).toBe(
      'ModelStreamErrorException',
    );
    expect(entities('BedrockRuntimeServiceException: UnknownError').errorCode).toBeUndefined();
    expect(entities('SdkClientException: Unable to execute HTTP request').errorCode).toBeUndefined();
    expect(entities('java.util.concurrent.CompletionException: boom').errorCode).toBeUndefined();
  });

  it("reads Cognito's InvalidIdentityPoolConfigurationException quoted inside a sentence, not its prose", () => {
    expect(
      entities(
        'I keep getting the `InvalidIdentityPoolConfigurationException: Invalid identity pool configuration.` error.',
      ).errorCode,
    ).toBe('InvalidIdentityPoolConfigurationException');
    expect(entities('I keep getting an invalid identity pool configuration error.').errorCode).toBeUndefined();
  });

  it("reads S3's redirect status for a bucket in another region, but a 4xx or 5xx wins over it", () => {
    expect(entities('HTTP Error: Request returned HTTP 301').httpStatus).toBe(301);
    expect(entities('status code: 301, request id: , host id: ').httpStatus).toBe(301);
    expect(entities('first try: status code: 301, then 403 Forbidden').httpStatus).toBe(403);
    expect(entities('HTTP Error: Request returned HTTP 302').httpStatus).toBeUndefined();
  });

  it('reads the call from client code (Clojure aws-api, Elixir ExAws) and from Java v1 client frames', () => {
    expect(entities('(aws/invoke s3 {:op :ListObjectsV2 :request {:Bucket "b"}})').operation).toBe('ListObjectsV2');
    expect(entities('ExAws.Dynamo.get_item("t", %{id: 1}) |> ExAws.request()').operation).toBe('get_item');
    expect(
      entities(
        'com.amazonaws.services.s3.model.AmazonS3Exception: Forbidden\n\tat com.amazonaws.http.AmazonHttpClient.execute(AmazonHttpClient.java:212)\n\tat com.amazonaws.services.s3.AmazonS3Client.invoke(AmazonS3Client.java:4659)\n\tat com.amazonaws.services.s3.AmazonS3Client.getObject(AmazonS3Client.java:1472)',
      ).operation,
    ).toBe('getObject');
    // Not a keyword map's other keys, not the SDK's own plumbing frames.
    expect(entities('{:api :athena :region "us-east-1"}').operation).toBeUndefined();
    expect(
      entities('at com.amazonaws.services.s3.AmazonS3Client.invoke(AmazonS3Client.java:4659)').operation,
    ).toBeUndefined();
  });

  it("reads the Kinesis Producer Library's attempt status, not a code that is no status", () => {
    expect(
      entities(
        'Delay after prev attempt: 212 ms, Duration: 9 ms, Code: 403, Message: {"__type":"AccessDeniedException"}',
      ).httpStatus,
    ).toBe(403);
    expect(entities('Code: 4001, Message: unsupported codec').httpStatus).toBeUndefined();
  });

  it('reads v2 `code:` and `statusCode:` fields', () => {
    expect(
      entities(
        "UnrecognizedClientException: The security token included in the request is invalid.\n  code: 'UnrecognizedClientException',\n  requestId: '5d7c3a1b-9e2f-4a6b-8c0d-1e2f3a4b5c6d',\n  statusCode: 400,\n  retryable: false",
      ),
    ).toMatchObject({ errorCode: 'UnrecognizedClientException', httpStatus: 400 });
  });
});

describe('Rust SDK', () => {
  it('reads the operation from the error type the SDK names it in', () => {
    expect(
      entities(
        'aws_sdk_bedrockruntime::operation::converse::ConverseError: AccessDeniedException(AccessDeniedException { message: Some("You don\'t have access to the model with the specified model ID."), meta: ErrorMetadata { code: Some("AccessDeniedException"), extras: Some({"aws_request_id": "0f1c1c0e-2f2a-4d8e-9d8b-1a2b3c4d5e6f"}) } })',
      ),
    ).toMatchObject({ operation: 'Converse', errorCode: 'AccessDeniedException', service: 'bedrock-runtime' });
    expect(
      entities('aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError: unhandled error').operation,
    ).toBe('GetCallerIdentity');
  });
});

describe('Ruby and PHP SDKs', () => {
  it('reads the Ruby error class under Errors::', () => {
    expect(
      entities(
        "Aws::BedrockAgent::Errors::ResourceInUseException: The knowledge base is being deleted\n\tfrom /usr/local/bundle/gems/aws-sdk-core-3.201.0/lib/seahorse/client/plugins/raise_response_errors.rb:17:in `call'",
      ).errorCode,
    ).toBe('ResourceInUseException');
  });

  it('reads PHP `<Code> (client):`, the status it printed and the escaped model id of the URL', () => {
    expect(
      entities(
        'Uncaught Aws\\BedrockRuntime\\Exception\\BedrockRuntimeException: Error executing "InvokeModel" on "https://bedrock-runtime.eu-central-1.amazonaws.com/model/eu.anthropic.claude-3-7-sonnet-20250219-v1%3A0/invoke"; AWS HTTP error: Client error: `POST https://bedrock-runtime.eu-central-1.amazonaws.com/model/eu.anthropic.claude-3-7-sonnet-20250219-v1%3A0/invoke` resulted in a `403 Forbidden` response:\n ServiceQuotaExceededException (client): too many',
      ),
    ).toMatchObject({
      errorCode: 'ServiceQuotaExceededException',
      httpStatus: 403,
      region: 'eu-central-1',
      modelId: 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0',
      operation: 'InvokeModel',
    });
  });
});

describe('other clients and raw HTTP', () => {
  it('reads the request id of an Erlang header tuple', () => {
    expect(
      entities(
        '{<<"x-amzn-RequestId">>,\n          <<"39c52d8a-a39c-42bb-a269-ec2735bdccc6">>},\n {<<"x-amzn-ErrorType">>,\n  <<"InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/">>}',
      ),
    ).toMatchObject({ requestId: '39c52d8a-a39c-42bb-a269-ec2735bdccc6', errorCode: 'InvalidSignatureException' });
  });

  it('reads a status introduced by words or carried as a JSON code', () => {
    expect(entities('Error: API request failed with status 403.\nBody: "{}"').httpStatus).toBe(403);
    expect(entities('regular `aws` commands fail with 401 `Session token not found or invalid`').httpStatus).toBe(401);
    expect(
      entities('{"error": {"code": 403, "message": "Permission denied", "status": "PERMISSION_DENIED"}}').httpStatus,
    ).toBe(403);
  });

  it("reads a status told in prose and .NET's `(403) Forbidden`", () => {
    expect(entities('Every call to InvokeModel returned a 403 error since yesterday').httpStatus).toBe(403);
    expect(entities('I keep getting 401 from the proxy').httpStatus).toBe(401);
    expect(entities('it throws an HTTP 400 when the model id has the us. prefix').httpStatus).toBe(400);
    expect(entities('The remote server returned an error: (403) Forbidden.').httpStatus).toBe(403);
    expect(entities('it got 450 ms of latency and received 429 bytes').httpStatus).toBeUndefined();
    expect(entities('does anyone know how to get 403 tickets for the show?').httpStatus).toBeUndefined();
  });

  it('does not take a port, a line number or a length for a status', () => {
    const e = entities(
      'Starting new HTTPS connection (1): oidc.eu-central-1.amazonaws.com:443\n  at Request.extractError (/var/runtime/node_modules/aws-sdk/lib/protocol/json.js:403:27)\nContent-Length: 404',
    );
    expect(e.httpStatus).toBeUndefined();
  });

  it('decodes an application inference profile ARN escaped in the URL path', () => {
    expect(
      entities(
        'POST https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fa1b2c3d4e5f6/converse',
      ).modelId,
    ).toBe('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6');
  });

  it('reads a quoted model id in a model slot whatever its provider', () => {
    expect(entities("AI_APICallError: The model 'kimi.k3-preview' does not exist").modelId).toBe('kimi.k3-preview');
    expect(entities('Model ID: `us.anthropic.claude-opus-4-6-v1`').modelId).toBe('us.anthropic.claude-opus-4-6-v1');
    expect(entities("I read the model 'config.yaml' file").modelId).toBeUndefined();
  });

  it("reads any id in Bedrock's URL path as a last resort, and a failureCode as the status", () => {
    expect(entities('POST /model/claude-haiku-4-5/converse-stream -> 400 ValidationException').modelId).toBe(
      'claude-haiku-4-5',
    );
    // A real id elsewhere in the text wins over a broken path.
    expect(
      entities(
        'parse "https://gw.example/aws-bedrock/model/us-east1/invoke" for anthropic.claude-3-haiku-20240307-v1:0',
      ).modelId,
    ).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    expect(entities('{"failureCode": 403, "failureReason": "Access denied when calling Bedrock."}').httpStatus).toBe(
      403,
    );
  });

  it('reads a Bedrock model id printed without its provider, by its -vN:N version suffix', () => {
    expect(entities('ValueError: unknown model meta-llama3-70b-instruct-v1:0 for this route').modelId).toBe(
      'meta-llama3-70b-instruct-v1:0',
    );
    // The prefixed id wins over the unprefixed mention of the same model.
    expect(
      entities('model claude-3-haiku-20240307-v1:0 resolved to anthropic.claude-3-haiku-20240307-v1:0').modelId,
    ).toBe('anthropic.claude-3-haiku-20240307-v1:0');
    // A version tag alone or a path is not a model id.
    expect(entities('image build-v2:1 pushed to repo/app-v1:0').modelId).toBeUndefined();
  });

  it('reads the call of a CloudTrail event', () => {
    expect(
      entities('{"eventSource": "bedrock.amazonaws.com", "eventName": "GetAsyncInvoke", "errorCode": "AccessDenied"}'),
    ).toMatchObject({ operation: 'GetAsyncInvoke', errorCode: 'AccessDenied' });
  });

  it('reads the action a denial names for a service no list knows', () => {
    expect(
      entities(
        'User: arn:aws:iam::123456789012:user/proxy is not authorized to perform: s3vectors:QueryVectors on resource: arn:aws:s3vectors:us-east-1:123456789012:bucket/kb',
      ).action,
    ).toBe('s3vectors:QueryVectors');
  });

  it('reads the action and status of a denial whose reason clause is pasted alone, after an Anthropic error type', () => {
    expect(
      entities('403 `permission_error` — `no session policy allows the aws-external-anthropic:CreateInference action`'),
    ).toMatchObject({ action: 'aws-external-anthropic:CreateInference', httpStatus: 403 });
    expect(entities('because no identity-based policy allows the bedrock:InvokeModel action').action).toBe(
      'bedrock:InvokeModel',
    );
  });

  it('reads a region closing a hyphenated stack or bucket name, known regions only', () => {
    expect(
      entities('AWSAccelerator-LoggingStack-############-ap-southeast-4 | CREATE_FAILED | UnrecognizedClientException')
        .region,
    ).toBe('ap-southeast-4');
    expect(entities('s3://cdk-hnb659fds-assets-123456789012-eu-west-2/asset.zip').region).toBe('eu-west-2');
    expect(entities('bucket my-logs-us-east-9 denied').region).toBeUndefined();
  });
});

describe('serviceFromSdkName', () => {
  it('maps the SDKs’ names of a service to its endpoint prefix', () => {
    const names: Array<[string, string]> = [
      ['Bedrock Runtime', 'bedrock-runtime'],
      ['BedrockRuntime', 'bedrock-runtime'],
      ['AmazonBedrockRuntime', 'bedrock-runtime'],
      ['Bedrock Agent Runtime', 'bedrock-agent-runtime'],
      ['Bedrock', 'bedrock'],
      ['AWSSecurityTokenService', 'sts'],
      ['Sts', 'sts'],
      ['STS', 'sts'],
      ['EC2', 'ec2'],
      ['Amazon S3', 's3'],
      ['AmazonDynamoDBv2', 'dynamodb'],
      ['AmazonIdentityManagement', 'iam'],
      ['AWSSimpleSystemsManagement', 'ssm'],
      ['SSO OIDC', 'sso-oidc'],
      ['transcribe', 'transcribe'],
      ['AmazonCloudFront', 'cloudfront'],
      ['AWSSecretsManager', 'secretsmanager'],
      ['Elastic Load Balancing v2', 'elasticloadbalancing'],
      ['AmazonApiGateway', 'apigateway'],
      ['SFN', 'states'],
    ];
    for (const [name, service] of names) expect(serviceFromSdkName(name), name).toBe(service);
  });
});

describe('a status closing a line before the JSON error body', () => {
  it('reads "mode: 403" followed by {"Message": ...} on the next line, not a line number before a brace', () => {
    const text =
      '[info] From claude: [ERROR] Error streaming, falling back to non-streaming mode: 403\n  {"Message":"User: arn:aws:sts::123456789012:assumed-role/x/y is not authorized to perform: bedrock:InvokeModel"}';
    expect(entities(text).httpStatus).toBe(403);
    expect(entities('at handler (index.js:412)\nconst x = 1; if (a) {"use strict"}').httpStatus).toBeUndefined();
  });
});

describe('Claude Code', () => {
  it('reads the model of "API Error (<model>): 400" without its [1m] 1M-context marker, not the id it suggests', () => {
    const text =
      'API Error (claude-opus-4-8[1m]): 400 The provided model identifier is invalid.. Try /model to switch to us.anthropic.claude-opus-4-1-20250805-v1:0.';
    expect(entities(text).modelId).toBe('claude-opus-4-8');
    expect(triage(text).causes[0]?.id).toBe('invalid_model_id');
  });
});

describe('botocore and its wrappers', () => {
  it('reads the operation of a "when calling the ... operation" line wrapped by the terminal', () => {
    const text =
      'A client error (SignatureDoesNotMatch) occurred when calling the\nGetUser operation: The request signature we calculated does not match\nthe signature you provided.';
    expect(entities(text)).toMatchObject({ errorCode: 'SignatureDoesNotMatch', operation: 'GetUser' });
  });

  it("reads PynamoDB's request id: `on request (<id>) on table (<t>)`", () => {
    const text =
      'pynamodb.exceptions.VerboseClientError: An error occurred (UnrecognizedClientException) on request (9H9CMALLM6AC4E94UOHEQUNV2NVV4KQNSO5AEMVJF66Q9ASUAAJG) on table (Request) when calling the DescribeTable operation: The security token included in the request is invalid';
    expect(entities(text)).toMatchObject({
      requestId: '9H9CMALLM6AC4E94UOHEQUNV2NVV4KQNSO5AEMVJF66Q9ASUAAJG',
      operation: 'DescribeTable',
    });
    // "on request" in prose is not a request id.
    expect(entities('Access is granted on request (ask the platform team)').requestId).toBeUndefined();
  });
});

describe('a status opening the line', () => {
  it('reads "403 – message" with an en dash as well as a hyphen or an em dash', () => {
    for (const dash of ['-', '—', '–'])
      expect(
        entities(`403 ${dash} Model access is denied due to IAM user or service role is not authorized`).httpStatus,
      ).toBe(403);
  });
});

describe("EC2's account answers printed code first", () => {
  it('reads Blocked and PendingVerification before " - " when the line is about the account', () => {
    expect(
      entities(
        'Blocked - This account is currently blocked and not recognized as a valid account. Please contact aws-verification@amazon.com if you have questions.',
      ).errorCode,
    ).toBe('Blocked');
    expect(entities('Blocked: request blocked by CORS policy').errorCode).toBeUndefined();
  });
});

describe('less common clients', () => {
  it("reads erlcloud's status tuple, minio-go's [StatusCode], amazonka's ErrorCode and a denial wrapped after perform:", () => {
    expect(entities('{error,{http_error,401,"Unauthorized",<<"{\\"message\\":\\"denied\\"}">>}}').httpStatus).toBe(401);
    expect(entities("[Message]: 'Access Denied.', [Code]: AccessDenied, [StatusCode]: 403").httpStatus).toBe(403);
    expect(
      entities(
        'ServiceError {_serviceStatus = Status {statusCode = 400}, _serviceCode = ErrorCode "InvalidParameterValue"}',
      ).errorCode,
    ).toBe('InvalidParameterValue');
    expect(
      entities(
        'AccessDenied: User: arn:aws:iam::111122223333:user/ci is not authorized to perform:\n  codebuild:StartBuild on resource',
      ).action,
    ).toBe('codebuild:StartBuild');
    // A list of numbers and a tuple without a reason phrase carry no status.
    expect(entities('retries: [403, 3, "slow"]').httpStatus).toBeUndefined();
  });
});

describe('operations, services and accounts named outside an SDK slot', () => {
  it('"<X>Exception calling <Operation>" and "not authorized to invoke the <Operation> operation" name the call', () => {
    expect(entities('ValidationException calling CreateMemory: memory name too long').operation).toBe('CreateMemory');
    expect(entities('{"message":"You are not authorized to invoke the Retrieve operation."}').operation).toBe(
      'Retrieve',
    );
    // The person's own "calling" is not an operation.
    expect(entities('I keep calling Converse and it fails with a timeout').operation).toBe('Converse');
    expect(entities('Error: network problem when calling Home').operation).toBeUndefined();
  });

  it('a denied action that is the call itself names the service by its prefix, but not bedrock:', () => {
    const denied = (action: string, op: string) =>
      `AccessDeniedException: An error occurred (AccessDeniedException) when calling the ${op} operation: User: arn:aws:sts::111122223333:assumed-role/app/x is not authorized to perform: ${action} on resource: *`;
    expect(entities(denied('bedrock-agentcore:GetMemory', 'GetMemory')).service).toBe('bedrock-agentcore');
    expect(entities(denied('logs:PutLogEvents', 'CreateLogGroup')).service).toBeUndefined();
    expect(entities(denied('bedrock:CreateGuardrail', 'CreateGuardrail')).service).toBeUndefined();
  });

  it('an ECR registry host carries its account', () => {
    expect(entities('pull access denied for 210987654321.dkr.ecr.eu-west-1.amazonaws.com/app:latest').accountId).toBe(
      '210987654321',
    );
    expect(entities('pull access denied for public.ecr.aws/app:latest').accountId).toBeUndefined();
  });
});
