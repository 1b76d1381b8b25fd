/**
 * Readings added while studying the gatherNN / gatherMM / gatherPP batches, each checked on examples of our own
 * (not the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { contextSignals, messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe('denials and signatures in older or other wordings', () => {
  it("reads SES's TeX-quoted denial, without the colon, with its action", () => {
    const text =
      "Access denied: User `arn:aws:iam::111122223333:user/mailer' is not authorized to perform " +
      "`ses:SendEmail' on resource `arn:aws:ses:eu-west-1:111122223333:identity/ops@example.com'";
    expect(messageFamilies(text)).toContain('denied_principal');
    expect(triage(text).entities.action).toBe('ses:SendEmail');
    expect(ids(text)[0]).toBe('missing_iam_permission');
  });

  it('takes no action from "not authorized to perform this operation"', () => {
    const text = 'UnauthorizedOperation: You are not authorized to perform this operation.';
    expect(triage(text).entities.action).toBeUndefined();
  });

  it("reads the Product Advertising API's signature refusal as a signature mismatch", () => {
    const text =
      "System.Exception: 'The request has not been correctly signed. If you are using an AWS SDK, requests are " +
      "signed for you automatically.'";
    expect(messageFamilies(text)).toContain('signature_mismatch');
    expect(ids(text).slice(0, 3)).toContain('secret_key_mismatch');
  });

  it("reads S3's mal-formed Credential as a value that is not a key id", () => {
    const text =
      'AuthorizationHeaderMalformed: The authorization header is malformed; the Credential is mal-formed; ' +
      'expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".';
    expect(messageFamilies(text)).toContain('credential_malformed');
    expect(ids(text)[0]).toBe('key_not_found');
  });
});

describe('credentials never loaded', () => {
  it('reads an empty access key id in the Credential as no credentials', () => {
    const text =
      'api error AuthorizationHeaderMalformed: The authorization header is malformed; a non-empty Access Key ' +
      '(AKID) must be provided in the credential.';
    expect(messageFamilies(text)).toContain('no_credentials');
    expect(ids(text)[0]).toBe('wrong_profile_or_env');
  });

  it("reads aws-config's failed instance-metadata token as the end of the chain, not S3's InvalidToken", () => {
    const rust =
      'Err value: ProviderError(ProviderError { source: FailedToLoadToken(FailedToLoadToken { source: ' +
      'ServiceError(ServiceError { source: TokenError { kind: InvalidToken }, raw: Response { status: 411 } }) }) })';
    expect(messageFamilies(rust)).toContain('no_credentials');
    expect(messageFamilies(rust)).not.toContain('s3_token_invalid');
    const s3 =
      '<Error><Code>InvalidToken</Code><Message>The provided token is malformed or otherwise invalid.</Message></Error>';
    expect(messageFamilies(s3)).toContain('s3_token_invalid');
  });
});

describe("an IDE toolkit's failed profile check", () => {
  it('reads "Credentials profile X is invalid" and a China region as a key of another partition', () => {
    const text = 'The region is cn-north-1 and the toolkit says: Credentials profile default is invalid';
    expect(messageFamilies(text)).toContain('profile_check_failed');
    expect(contextSignals(text)).toContain('partition_mismatch');
    expect(ids(text)[0]).toBe('key_not_found');
  });

  it('leaves a profile that is merely named alone', () => {
    expect(messageFamilies('Using credentials profile default in us-east-1')).not.toContain('profile_check_failed');
  });
});

describe('IAM refusing GetSessionToken sessions', () => {
  const invalid = 'InvalidClientTokenId: The security token included in the request is invalid';

  it('puts the session type first when IAM is called with a GetSessionToken session', () => {
    const text = `$ aws sts get-session-token --duration-seconds 3600 > creds.json\n$ aws iam list-users\n${invalid}`;
    expect(contextSignals(text)).toContain('iam_call_session_token_credentials');
    expect(ids(text)[0]).toBe('unknown');
  });

  it('raises the reading a little for an IAM call alone, and not at all for another service', () => {
    const iam = `CREATE_FAILED | AWS::IAM::Role | "${invalid} (Service: Iam, Status Code: 403)"`;
    expect(contextSignals(iam)).toContain('iam_call_token_invalid');
    const unknownIam = triage(iam).causes.find((c) => c.id === 'unknown')?.confidence ?? 0;
    const unknownBare = triage(invalid).causes.find((c) => c.id === 'unknown')?.confidence ?? 0;
    expect(unknownIam).toBeGreaterThan(unknownBare);
    const bedrock = `An error occurred (UnrecognizedClientException) when calling the InvokeModel operation: ${invalid}`;
    expect(contextSignals(bedrock)).not.toContain('iam_call_token_invalid');
    expect(contextSignals(bedrock)).not.toContain('iam_call_session_token_credentials');
  });
});

describe('an SSO profile the tool cannot read', () => {
  it('reads sso_start_url and sso_region both "missing" as an unread [sso-session] section', () => {
    const text =
      'error: profile "dev" is configured to use SSO but is missing required configuration: sso_region, sso_start_url';
    expect(contextSignals(text)).toContain('sso_session_unread');
    expect(ids(text).slice(0, 2)).toContain('unknown');
  });

  it('leaves a profile missing only its account id alone', () => {
    const text = 'profile "dev" is configured to use SSO but is missing required configuration: sso_account_id';
    expect(contextSignals(text)).not.toContain('sso_session_unread');
    expect(ids(text)[0]).toBe('wrong_profile_or_env');
  });
});

describe("an app's advice and the AWS error it wraps", () => {
  it('reads a Bedrock agent\'s failing Lambda as not an access problem, over the app\'s "enable the model"', () => {
    const text =
      'Please enable the model in the Bedrock console.\nbotocore.exceptions.EventStreamError: An error occurred ' +
      "(dependencyFailedException) when calling the InvokeAgent operation: Your request couldn't be completed. " +
      'Lambda function arn:aws:lambda:us-east-1:111122223333:function:act encountered a problem while processing request.';
    expect(messageFamilies(text)).toContain('not_auth_error');
    expect(messageFamilies(text)).not.toContain('model_access_advice');
    expect(ids(text)[0]).toBe('unknown');
  });

  it("keeps the app's advice when it is all there is", () => {
    expect(ids('Please enable the model in the Bedrock console.')[0]).toBe('model_access_not_granted');
  });
});

describe('a release or commit that "breaks" it, and longer S3 request ids', () => {
  it('reads "v0.68.0 breaks" and "commit abc1234 breaks" as a client regression, not "this breaks"', () => {
    const sig = 'InvalidSignatureException: Credential should be scoped to a valid region.';
    expect(contextSignals(`v0.68.0 breaks EU profiles. ${sig}`)).toContain('client_regression');
    expect(contextSignals(`commit cc078a5 breaks bedrock. ${sig}`)).toContain('client_regression');
    expect(contextSignals(`This breaks our deploys. ${sig}`)).not.toContain('client_regression');
  });

  it('keeps a 17-character S3 request id after its key, not a word of capitals', () => {
    expect(triage('AccessDenied: status code: 403, request id: TMZDENVDWQ8V6JV53, host id: x').entities.requestId).toBe(
      'TMZDENVDWQ8V6JV53',
    );
    expect(triage('AccessDenied: request id: ABCDEFGHIJKLMNOPQ').entities.requestId).toBeUndefined();
  });
});
