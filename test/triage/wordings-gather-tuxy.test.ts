/**
 * Wordings added while studying the gatherT / gatherU / gatherX / gatherY batches, each checked on examples of our
 * own (not the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe("EC2's OptInRequired for a Marketplace product", () => {
  it('is the missing Marketplace subscription, not an account block', () => {
    const text =
      'An error occurred (OptInRequired) when calling the RunInstances operation: In order to use this AWS Marketplace product you need to accept terms and subscribe. To do so please visit https://aws.amazon.com/marketplace/pp?sku=0000000000000000000000000';
    expect(messageFamilies(text)).toContain('marketplace');
    expect(messageFamilies(text)).not.toContain('account_blocked');
    expect(ids(text)[0]).toBe('model_access_not_granted');
  });

  it('leaves the account-level OptInRequired an account problem', () => {
    const text =
      'An error occurred (OptInRequired) when calling the DescribeInstances operation: You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.';
    expect(ids(text)[0]).toBe('account_issue');
  });
});

describe("AWS's common error codes printed bare", () => {
  it('reads InternalFailure and MalformedQueryString wherever they stand', () => {
    expect(
      triage('stack failed: InternalFailure\nundefined\nInternalFailure\n    at Request.extractError').entities
        .errorCode,
    ).toBe('InternalFailure');
    expect(triage('the call returned MalformedQueryString for the signed URL').entities.errorCode).toBe(
      'MalformedQueryString',
    );
  });

  it('does not take a word that only contains one', () => {
    expect(triage('an InternalFailureMode enum value was logged').entities.errorCode).toBeUndefined();
  });
});

describe('an error code at the end of a chain of wrapped Go errors', () => {
  it('is read after the last wrapper', () => {
    const text =
      'Error: applying: eu-west-1: creating function: InvalidParameterValueException: The runtime parameter of python3.6 is no longer supported';
    expect(triage(text).entities.errorCode).toBe('InvalidParameterValueException');
  });

  it("is not an SDK's or language's own wrapper class", () => {
    expect(triage('Error: loading config: SdkClientException: Unable to load region').entities.errorCode).not.toBe(
      'SdkClientException',
    );
  });
});

describe('a language server that found no Identity Center connection', () => {
  it('is never silent: no credentials were provided', () => {
    const text =
      '[info] Token Service Manager: No active SSO connection is detected: no credentials provided. Resetting';
    expect(messageFamilies(text)).toContain('no_credentials');
    expect(ids(text).slice(0, 2)).toEqual(expect.arrayContaining(['temp_credentials_expired', 'wrong_profile_or_env']));
  });

  it('leaves a sentence about credentials being provided alone', () => {
    expect(messageFamilies('credentials are provided by the instance role')).not.toContain('no_credentials');
  });
});

describe('a new member account whose activation is not complete', () => {
  it('is an account issue', () => {
    const text =
      'AWS Control Tower cannot complete the operation because activation of account 111122223333 not complete. Try again in one hour.';
    expect(ids(text)[0]).toBe('account_issue');
  });

  it('leaves the activation of other things alone', () => {
    expect(messageFamilies('activation of the license is not complete yet')).not.toContain('account_blocked');
  });
});

describe("a model id in an issue template's Markdown field", () => {
  it('is the model the person names, ahead of one in a command further down', () => {
    const text =
      "- **Model ID**: `us.anthropic.claude-sonnet-4-5-20250929-v1:0`\n\n```\nclaude --model global.anthropic.claude-sonnet-4-5-20250929-v1:0\n```\n403 You don't have access to the model with the specified model ID.";
    expect(triage(text).entities.modelId).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('still reads a plain key', () => {
    expect(triage('modelId: "amazon.nova-pro-v1:0" is invalid').entities.modelId).toBe('amazon.nova-pro-v1:0');
  });
});

describe("S3 tools' and CloudFormation's slots for the error code", () => {
  it('reads s3cmd\'s `403 (Code):` and CloudFormation\'s `failed with "Code":`', () => {
    const s3cmd = triage(
      'ERROR: S3 error: 403 (SignatureDoesNotMatch): The request signature we calculated does not match',
    );
    expect(s3cmd.entities).toMatchObject({ errorCode: 'SignatureDoesNotMatch', httpStatus: 403 });
    expect(
      triage('Resource handler returned message: operation UPDATE failed with "InvalidRequest": role cannot be assumed')
        .entities.errorCode,
    ).toBe('InvalidRequest');
  });

  it('leaves words in brackets and quoted reasons that are not codes', () => {
    expect(triage('the batch failed with "Timeout": retrying later').entities.errorCode).toBeUndefined();
    expect(triage('rows 404 (Moved) in the report').entities.errorCode).toBeUndefined();
  });
});

describe('a signature mismatch signed by an AWS SDK', () => {
  const mismatch =
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';

  it("leans to the secret: the SDK's signer is the well-trodden path", () => {
    for (const text of [
      `botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: ${mismatch}`,
      `software.amazon.awssdk.services.s3.model.S3Exception: ${mismatch} (Service: S3, Status Code: 403)`,
      `operation error S3: GetObject, https response error StatusCode: 403, RequestID: X1, api error SignatureDoesNotMatch: ${mismatch}`,
    ]) {
      expect(messageFamilies(text)).toContain('signature_mismatch');
      expect(ids(text)[0], text.slice(0, 40)).toBe('secret_key_mismatch');
    }
  });

  it("leaves a client's own signer a client bug first", () => {
    expect(ids(`ExAws.Request: SignatureDoesNotMatch: ${mismatch}`)[0]).toBe('unknown');
  });
});

describe('gatherGG/HH wordings', () => {
  it('reads a region missing from the environment as no region', () => {
    const text = 'Could not assume role using web identity: "Missing required AWS_REGION env variable"';
    expect(messageFamilies(text)).toContain('no_region');
    expect(messageFamilies('AWS_REGION is set to us-east-1 as required')).not.toContain('no_region');
  });

  it("reads a thin client's bracketed code, not a log level", () => {
    expect(
      triage('S3::putObject(): [InvalidRequest] The authorization mechanism is not supported.').entities.errorCode,
    ).toBe('InvalidRequest');
    expect(triage('[ERROR] Upload failed').entities.errorCode).toBeUndefined();
  });
});
