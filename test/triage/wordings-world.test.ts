/**
 * Wordings AWS and the tools around it really print, quoted whole or in part (a stack line, a log field, a tool's own
 * "Code - message" line), each checked against what AWS documents the message to mean. Each case fails when its
 * wording or signal is taken out.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const signals = (text: string) => triage(text).causes.flatMap((c) => c.why);

describe('AWS wordings quoted in part', () => {
  it('the "Signature expired" comparison without its head is still a clock off, with the skew measured', () => {
    const t = triage('20150307T194740Z is now earlier than 20150309T203545Z (20150309T204045Z - 5 min.)');
    expect(t.causes[0]?.id).toBe('clock_skew');
    expect(
      signals('20150307T194740Z is now earlier than 20150309T203545Z (20150309T204045Z - 5 min.)').join(' '),
    ).toContain('AWS quotes signing time 20150307T194740Z');
    // ECR quotes a 15-minute window.
    expect(
      signals(
        'Signature expired: 20170111T204052Z is now earlier than 20170111T225449Z (20170111T230949Z - 15 min.)',
      ).join(' '),
    ).toContain('AWS quotes signing time 20170111T204052Z');
  });
});

describe('account-level answers', () => {
  it('OptInRequired worded as AWS documents it, and EC2 blocked or unverified accounts, are account issues', () => {
    const texts = [
      'SubscriptionRequiredException: The AWS Access Key Id needs a subscription for the service\n\tstatus code: 400',
      'Blocked - This account is currently blocked and not recognized as a valid account. Please contact aws-verification@amazon.com if you have questions.',
      'Until verification completes you cannot launch resources. If this persists, write to aws-verification@amazon.com.',
    ];
    for (const text of texts) expect(triage(text).causes[0]?.id).toBe('account_issue');
    expect(triage('Error: (PendingVerification) when calling the RunInstances operation').entities.errorCode).toBe(
      'PendingVerification',
    );
  });
});

describe('a malformed Credential in the Authorization header', () => {
  it('split by a blank (missing equal-sign) is a credential copied with whitespace, not a swapped key', () => {
    const blank =
      "IncompleteSignature: '/20150620/us-east-1/cloudformation/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential=AKIAXXXXXXXXXX /20150620/us-east-1/cloudformation/aws4_request, SignedHeaders=host;x-amz-date, Signature=240c93ba'.";
    expect(triage(blank).causes[0]?.id).toBe('secret_key_mismatch');
    // Extra "/" elements mean the secret sat in the key id slot: no such key.
    const swapped =
      "IncompleteSignature: Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'XXXXXXXX/XXXX/20190814/us-west-2/es/aws4_request'";
    expect(triage(swapped).causes[0]?.id).toBe('key_not_found');
  });
});

describe('model identifiers Bedrock refuses', () => {
  it('an invalid model ARN (Rerank and other model-ARN APIs) is a model id problem, not "not an auth error"', () => {
    const t = triage(
      'An error occurred (ValidationException) when calling the Rerank operation: The provided model ARN for reranking is invalid. Please, use a valid model ARN.',
    );
    expect(t.causes[0]?.id).toBe('invalid_model_id');
    expect(triage('ValidationException: The provided model ARN is invalid').causes[0]?.id).toBe('invalid_model_id');
  });
});

describe('never silent on an account or request refusal no family knows', () => {
  it('blocked, suspended, revoked, malformed, not recognized, not allowed read as an error: unknown, not silence', () => {
    const texts = [
      'Request blocked: the upload was not recognized as a member of the group',
      'Your subscription was suspended by the provider',
      'Operation not permitted for this tenant',
    ];
    for (const text of texts) expect(triage(text).causes[0]?.id).toBe('unknown');
    expect(triage('Lunch is at noon, see you there').causes).toEqual([]);
  });

  it("a client's own refusal or failure notice (ERR_ codes, restricted, no permission, went wrong) is not silence", () => {
    for (const text of [
      'ERR_BAD_REQUEST',
      'Access to this resource is restricted',
      'No permission to access this model',
      'This model is not enabled for your account',
      'Your credentials are no longer valid',
      'Token refresh required',
      'Something went wrong. Please try again.',
    ])
      expect(triage(text).causes[0]?.id).toBe('unknown');
    expect(triage('Hi team, the deploy went fine, thanks!').causes).toEqual([]);
  });

  it('a network failure or a runtime panic on the way to AWS is not silence either', () => {
    for (const text of [
      'socket hang up while calling bedrock-runtime',
      'read ECONNRESET',
      'connect ETIMEDOUT 52.94.0.1:443',
      'panic: runtime: out of memory',
    ])
      expect(triage(text).causes[0]?.id).toBe('unknown');
  });

  it('an error a localized client reports in German, French, Spanish or Russian is not silence either', () => {
    for (const text of [
      'Fehler beim Aufruf des Modells',
      "Erreur lors de l'appel du modèle",
      'Se produjo un fallo al llamar al modelo',
      'Ошибка при вызове модели',
    ])
      expect(triage(text).causes[0]?.id).toBe('unknown');
  });
});

describe('a request that reached AWS unsigned', () => {
  it('"Missing Authentication Token" is not the client finding no credentials: a wrong path is as likely', () => {
    const t = triage('{"message":"Missing Authentication Token"}');
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.causes.map((c) => c.id).slice(0, 3)).toEqual(
      expect.arrayContaining(['wrong_profile_or_env', 'bedrock_api_key']),
    );
    for (const c of t.causes) expect(c.confidence).toBeLessThanOrEqual(0.5);
    expect(t.causes.find((c) => c.id === 'unknown')?.fix.join(' ')).toContain('a path or method that does not exist');
    // The client's own "no credentials" message still points at its credential chain.
    expect(triage('NoCredentialsError: Unable to locate credentials').causes[0]?.id).toBe('wrong_profile_or_env');
  });
});

describe('AWS Marketplace', () => {
  it('is the error when a denial names a Marketplace action, not when a policy or the person mentions one', () => {
    const denial =
      'User: arn:aws:sts::123456789012:assumed-role/x/y is not authorized to perform: aws-marketplace:ViewSubscriptions on resource: * because no identity-based policy allows the aws-marketplace:ViewSubscriptions action';
    expect(triage(denial).causes[0]?.id).toBe('model_access_not_granted');
    const bedrockDenial =
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/x because no identity-based policy allows the bedrock:InvokeModel action. Model access is enabled in the console (marketplace subscription active, aws-marketplace:Subscribe allowed).';
    expect(triage(bedrockDenial).causes[0]?.id).toBe('missing_iam_permission');
  });
});

describe('the Anthropic use-case form', () => {
  it('is the error when it is missing or asked for, not when the person says it was filled out', () => {
    expect(
      triage('AccessDeniedException: Please complete the use case form for Anthropic models in the Bedrock console.')
        .causes[0]?.id,
    ).toBe('model_access_not_granted');
    const expired =
      'ExpiredTokenException: The security token included in the request is expired. I already finished the use case form last week.';
    expect(triage(expired).causes[0]?.id).toBe('temp_credentials_expired');
    expect(triage(expired).causes[0]?.confidence).toBeGreaterThan(0.7);
  });
});

describe('a region not enabled for the account', () => {
  it('is read when the sentence names a region, not from "MFA is not enabled for this account"', () => {
    expect(triage('The AWS Region ap-east-1 is not enabled for this account.').causes[0]?.id).toBe(
      'opt_in_region_token',
    );
    const text =
      'An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: The security token included in the request is invalid. Note: MFA is not enabled for this account.';
    expect(triage(text).causes[0]?.confidence).toBeLessThanOrEqual(0.5);
  });
});

describe('throttling next to an authentication error', () => {
  it('is the retry noise around it: the auth message decides', () => {
    const text =
      'Retrying after too many requests... then: An error occurred (ExpiredTokenException) when calling the InvokeModel operation: The security token included in the request is expired';
    expect(triage(text).causes[0]?.id).toBe('temp_credentials_expired');
    expect(triage(text).causes[0]?.confidence).toBeGreaterThan(0.7);
    // Alone it is still not an auth problem.
    expect(triage('ThrottlingException: Rate exceeded').causes[0]?.id).toBe('unknown');
  });
});

describe('an explicit deny said in prose', () => {
  it('counts when something is explicitly denied, not when the person says nothing is', () => {
    expect(
      triage('AccessDeniedException: Access to Bedrock is explicitly denied by your organization administrator')
        .causes[0]?.id,
    ).toBe('explicit_deny');
    const implicit =
      'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: bedrock:InvokeModel on resource: arn:aws:bedrock:us-east-1::foundation-model/x because no identity-based policy allows the bedrock:InvokeModel action. Nothing is explicitly denied in our SCPs.';
    expect(triage(implicit).causes[0]?.id).toBe('missing_iam_permission');
    expect(triage(implicit).causes[0]?.confidence).toBeGreaterThan(0.7);
  });

  it('counts AWS\'s "explicit deny in a ... policy" clause quoted without its "with an" head', () => {
    const cut =
      'controller: failed to create queue, sqs:CreateQueue refused (... explicit deny in a permissions boundary ...)';
    expect(triage(cut).causes[0]?.id).toBe('explicit_deny');
    const none =
      'failed to create queue: not authorized to perform: sqs:CreateQueue. I checked, there is no explicit deny in a service control policy for this account.';
    expect(triage(none).causes[0]?.id).toBe('missing_iam_permission');
  });
});

describe('advice to contact AWS Support', () => {
  it('is about the account only when the sentence says so, not at the end of a quota or server error', () => {
    for (const text of [
      'InternalServerException: An internal server error occurred. Retry your request. If the problem persists, contact AWS Support.',
      'ServiceQuotaExceededException: You have exceeded the quota. Please create a support case to request an increase.',
    ])
      expect(triage(text).causes[0]?.id).toBe('unknown');
    expect(
      triage(
        'Your account must be verified before you can add new CloudFront resources. To verify your account, please contact AWS Support.',
      ).causes[0]?.id,
    ).toBe('account_issue');
  });
});

describe('an account still being set up for a region', () => {
  it("EC2's PendingVerification for one region lists the region not enabled yet next to the account check", () => {
    const text =
      'Your account is pending verification by Amazon.: Your request for accessing resources in this region is being validated, and you will not be able to launch additional resources in this region until the validation is complete. (PendingVerification)';
    const causes = triage(text).causes.map((c) => c.id);
    expect(causes.slice(0, 2)).toEqual(expect.arrayContaining(['account_issue', 'opt_in_region_token']));
    // The account-wide wording says nothing about a region: the region cause stays far behind the account.
    const account =
      'Your account is currently being verified. Verification normally takes less than 2 hours. (PendingVerification)';
    const optIn = (t: string) => triage(t).causes.find((c) => c.id === 'opt_in_region_token')?.confidence ?? 0;
    expect(optIn(account)).toBeLessThan(0.1);
    // A real second reading: the account-block family's base rates are derived from the corpus (0.26 with 23 cases,
    // 0.25 with 24, 0.14 once cases explained by their own evidence count half); the order above is what matters.
    expect(optIn(text)).toBeGreaterThanOrEqual(0.1);
    expect(optIn(text)).toBeGreaterThan(optIn(account) * 2);
  });
});

describe("a message's rarer confirmed causes", () => {
  it('are listed when their share clears the probability floor, even far behind the leader', () => {
    const text =
      'ValidationException: Invocation of model ID anthropic.claude-3-5-sonnet-20240620-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.';
    const causes = triage(text).causes.map((c) => c.id);
    expect(causes[0]).toBe('inference_profile_required');
    // Some models are on demand in one region and profile-only in another: the region called is the other fix.
    expect(causes).toContain('region_unsupported');
  });

  it('say why they are listed: their share of the confirmed reports, not an empty reason', () => {
    for (const c of triage('ValidationException: Operation not allowed').causes) {
      expect(c.why).toMatch(/^The error says/);
      expect(c.why).not.toMatch(/^\./);
    }
  });
});

describe('quota answers that are about the account', () => {
  it("Bedrock's daily token quota throttle is the account's limit, not retry noise", () => {
    const text =
      'botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the Converse operation (reached max retries: 4): Too many tokens per day, please wait before trying again.';
    expect(triage(text).causes[0]?.id).toBe('account_issue');
    // A plain throttle stays "not an auth problem".
    expect(triage('ThrottlingException: Too many requests, please wait before trying again.').causes[0]?.id).toBe(
      'unknown',
    );
  });
});

describe('Bedrock Mantle (OpenAI-shaped) answers', () => {
  it('a model its route does not serve is a model id problem, not an unrecognised error', () => {
    const text =
      '→ 400 {"error":{"code":"validation_error","message":"model `xai.grok-4.3` isn\'t supported on this route"}}';
    expect(triage(text).causes[0]?.id).toBe('invalid_model_id');
    expect(triage(text).causes[0]?.confidence).toBeGreaterThan(0.5);
  });
});

describe('EC2-style query API answers', () => {
  const conf = (text: string, cause: string) => triage(text).causes.find((c) => c.id === cause)?.confidence ?? 0;

  it('RequestExpired is a clock off or expired temporary credentials, as AWS documents it', () => {
    const texts = [
      'Error: RequestExpired: Request has expired.\n\tstatus code: 400, request id: 334f1126-6632-4a95-afbe-987edcc34246',
      'Request has expired. (Service: AmazonEC2; Status Code: 400; Error Code: RequestExpired; Request ID: db00d551-f2d1-4959-ad2f-310616648b7e)',
    ];
    for (const text of texts) {
      const ids = triage(text).causes.map((c) => c.id);
      expect(ids.slice(0, 2)).toEqual(expect.arrayContaining(['temp_credentials_expired', 'clock_skew']));
      expect(conf(text, 'temp_credentials_expired')).toBeGreaterThanOrEqual(0.3);
    }
    // A clock named in the text settles it.
    const resumed = `after resuming the laptop, inside WSL2\n${texts[0]}`;
    expect(triage(resumed).causes[0]?.id).toBe('clock_skew');
  });

  it('AuthFailure lists the account AWS tells you to check, next to the credentials', () => {
    const text = 'AWS::EC2::Errors::AuthFailure AWS was not able to validate the provided access credentials';
    const ids = triage(text)
      .causes.slice(0, 3)
      .map((c) => c.id);
    expect(ids).toContain('account_issue');
    expect(ids).toContain('key_not_found');
    // In a region the account has not enabled, the region is the reading.
    expect(
      triage(`aws ec2 describe-instances --region ap-east-1\nAuthFailure: ${text.split(' AuthFailure ')[1]}`).causes[0]
        ?.id,
    ).toBe('opt_in_region_token');
  });
});

describe('a service that names the permissions a role lacks', () => {
  it('"The execution role requires permissions for ecr:..." is a missing permission, not a validation error', () => {
    const text =
      "An error occurred (ValidationException) when calling the CreateAgentRuntime operation: Access denied while validating ECR URI '111122223333.dkr.ecr.us-east-1.amazonaws.com/agent:latest'. The execution role requires permissions for ecr:GetAuthorizationToken, ecr:BatchGetImage, and ecr:GetDownloadUrlForLayer operations.";
    expect(triage(text).causes[0]?.id).toBe('missing_iam_permission');
    // A validation error that names no permission stays a non-auth error.
    expect(triage('ValidationException: The execution role ARN is malformed.').causes[0]?.id).toBe('unknown');
  });
});

describe('aws sts decode-authorization-message output', () => {
  it('reads explicitDeny from the decoded message, JSON-escaped or not', () => {
    const escaped =
      '{\n  "DecodedMessage": "{\\"allowed\\":false,\\"explicitDeny\\":true,\\"matchedStatements\\":{\\"items\\":[{\\"effect\\":\\"DENY\\"}]}}"\n}';
    expect(triage(escaped).causes[0]?.id).toBe('explicit_deny');
    const implicit = '{"allowed":false,"explicitDeny":false,"matchedStatements":{"items":[]},"failures":{"items":[]}}';
    expect(triage(implicit).causes[0]?.id).toBe('missing_iam_permission');
    expect(triage('{"allowed":true,"explicitDeny":false}').causes[0]?.id).not.toBe('explicit_deny');
  });
});

describe("Go's TCP connect timeout", () => {
  it('to an AWS endpoint is an unreachable endpoint; to the instance metadata address it is not', () => {
    const sts =
      'failed to refresh cached credentials, operation error STS: AssumeRoleWithWebIdentity, exceeded maximum number of attempts, 3, https response error: Post "https://sts.eu-central-1.amazonaws.com/": dial tcp 3.123.45.67:443: i/o timeout';
    expect(messageFamilies(sts)).toContain('endpoint_unreachable');
    expect(triage(sts).causes.map((c) => c.id)).toContain('region_unsupported');
    const imds =
      'NoCredentialProviders: no valid providers in chain\ncaused by: EC2RoleRequestError: no EC2 instance role found\ncaused by: RequestError: send request failed\ncaused by: Get "http://169.254.169.254/latest/meta-data/iam/security-credentials/": dial tcp 169.254.169.254:80: i/o timeout';
    expect(messageFamilies(imds)).not.toContain('endpoint_unreachable');
  });
});

describe("the JS SDK v3 signer's check of credentials the application built", () => {
  it('"Resolved credential object is not valid" is the application\'s credentials code, not a missing chain', () => {
    const text =
      'Error: Resolved credential object is not valid\n    at SignatureV4.validateResolvedCredentials (node_modules/@smithy/signature-v4/dist-cjs/index.js:410:13)';
    expect(messageFamilies(text)).toContain('credential_object_invalid');
    expect(messageFamilies(text)).not.toContain('no_credentials');
    expect(triage(text).causes[0]?.id).toBe('unknown');
    // The chain finding nothing stays the environment's.
    const chain = 'CredentialsProviderError: Could not load credentials from any providers';
    expect(messageFamilies(chain)).not.toContain('credential_object_invalid');
    expect(triage(chain).causes[0]?.id).toBe('wrong_profile_or_env');
  });
});

describe('Bedrock refusing a whole operation ("not authorized to invoke the X operation")', () => {
  it('is an operation offered in a few Regions only, before model access', () => {
    const text =
      'ValidationError: {"message":"You are not authorized to invoke the Rerank operation."} (region us-east-2)';
    expect(messageFamilies(text)).toContain('operation_not_offered');
    expect(triage(text).causes[0]?.id).toBe('region_unsupported');
    // The model-access wording stays model access.
    const access = "AccessDeniedException: You don't have access to the model with the specified model ID.";
    expect(messageFamilies(access)).not.toContain('operation_not_offered');
    expect(triage(access).causes[0]?.id).toBe('model_access_not_granted');
  });
});
