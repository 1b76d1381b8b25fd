/**
 * Readings added while studying the gatherAH / AN / AO / AP / AQ batches, each checked on examples of our own (not
 * the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { contextSignals, messageFamilies, triage } from '../../src/triage/index.js';
import { expectCauses } from './expect-causes.js';

describe("Bedrock's payment-instrument block", () => {
  it('reads "must have a valid payment instrument on file" as the account', () => {
    const text =
      'AccessDeniedException: Your account is not authorized to invoke this model. Your account must have a valid payment instrument on file.';
    expect(messageFamilies(text)).toContain('account_blocked');
    expectCauses(text, { first: 'account_issue' });
  });
});

describe("Node's refusal of a credential with a line break in it", () => {
  it('reads `Invalid character in header content ["Authorization"]` as a badly copied credential', () => {
    const text = 'TypeError [ERR_INVALID_CHAR]: Invalid character in header content ["Authorization"]';
    expect(messageFamilies(text)).toContain('credential_whitespace');
    expectCauses(text, { first: 'secret_key_mismatch' });
  });

  it('leaves another header to other readings', () => {
    expect(messageFamilies('Invalid character in header content ["X-Trace-Id"]')).not.toContain(
      'credential_whitespace',
    );
  });
});

describe("Lambda's check of an event source's role", () => {
  it('reads "The provided execution role does not have permissions to call ReceiveMessage on SQS" as a grant or propagation', () => {
    const text =
      'InvalidParameterValueException: The provided execution role does not have permissions to call ReceiveMessage on SQS';
    expect(messageFamilies(text)).toContain('service_role_lacks_permission');
    expect(messageFamilies(text)).not.toContain('service_role_not_assumable');
    expectCauses(text, { first: 'missing_iam_permission', top3: ['key_not_propagated'] });
  });
});

describe("CloudFormation's refused resource call", () => {
  it('reads "API: s3:PutBucketPolicy Access Denied" as a denial', () => {
    const text = 'CREATE_FAILED | AWS::S3::BucketPolicy | API: s3:PutBucketPolicy Access Denied';
    expect(messageFamilies(text)).toContain('access_denied_bare');
    expectCauses(text, { first: 'missing_iam_permission' });
  });
});

describe("a framework's own programming error", () => {
  it('is not met with silence', () => {
    const text = "BedrockClient.__init__() got an unexpected keyword argument 'bearer'";
    expect(triage(text).causes[0]?.id).toBe('unknown');
  });
});

describe('a Bedrock API key the client never sent', () => {
  it('reads an API key beside "Could not load credentials from any providers" as a client that ignores the key', () => {
    const text =
      'AWS_BEARER_TOKEN_BEDROCK is set, but the app fails: CredentialsProviderError: Could not load credentials from any providers';
    expect(contextSignals(text)).toContain('api_key_not_sent');
    expect(contextSignals(text)).not.toContain('bearer_token_present');
    expectCauses(text, { first: 'unknown', top3: ['bedrock_api_key'] });
  });

  it('still reads a rejected API key as the key', () => {
    const text = 'AWS_BEARER_TOKEN_BEDROCK set; 403 Authentication failed: Please make sure your API Key is valid.';
    expect(contextSignals(text)).not.toContain('api_key_not_sent');
  });
});

describe('the region a client was handed', () => {
  it('reads a model id given as the region as mixed-up arguments', () => {
    const text =
      "botocore.exceptions.InvalidRegionError: Provided region_name 'cohere.embed-english-v3' doesn't match a supported format.";
    expect(contextSignals(text)).toContain('model_id_as_region');
    expectCauses(text, { first: 'unknown' });
  });

  it('leaves a mistyped region to the region reading', () => {
    const text =
      "botocore.exceptions.InvalidRegionError: Provided region_name 'us-east1' doesn't match a supported format.";
    expect(contextSignals(text)).not.toContain('model_id_as_region');
    expectCauses(text, { first: 'region_unsupported' });
  });

  it('reads "fails without region_name ... no credentials" as the region', () => {
    const text =
      'Creating the client without `region_name` fails: Could not load credentials to authenticate with AWS client. When I pass region_name it works.';
    expect(contextSignals(text)).toContain('region_left_out');
    expectCauses(text, { top3: ['region_unsupported'] });
  });

  it('reads langchain-aws\'s "Did not find region_name" as no region', () => {
    expect(messageFamilies('ValueError: Did not find region_name, please add an environment variable')).toContain(
      'no_region',
    );
  });

  it('reads "not authorized to call this API in this region" as the region', () => {
    const text = 'AccessDeniedException: You are not authorized to call this API in this region eu-north-1';
    expect(messageFamilies(text)).toContain('not_in_region');
    expectCauses(text, { first: 'region_unsupported' });
  });
});

describe('a negated wish is not another identity', () => {
  it('does not read "even if I don\'t want to use Bedrock" as an unintended identity', () => {
    expect(contextSignals("NoRegionError even if I don't want to use Bedrock at all")).not.toContain(
      'unintended_identity',
    );
    expect(contextSignals('AccessDenied: the job was supposed to use the deploy role')).toContain(
      'unintended_identity',
    );
  });
});

describe("S3's message with the client's service prefix", () => {
  it('reads "S3 error: Access Denied" as a denial, and a region closing a stack name after a placeholder', () => {
    const text = 'Stack-<account>-eu-west-2 failed: Error [ValidationError]: S3 error: Access Denied';
    expect(messageFamilies(text)).toContain('access_denied_bare');
    expect(triage(text).entities.region).toBe('eu-west-2');
    expect(messageFamilies('S3 error: the bucket does not exist')).not.toContain('access_denied_bare');
  });
});

describe("langchain-aws's summary of a failed client build", () => {
  it('gives way to the error it caught when the text shows it', () => {
    const text =
      'ValueError: Could not load credentials to authenticate with AWS client. Please check that credentials in the specified profile name are valid. Service error: You must specify a region.';
    expect(messageFamilies(text)).toContain('no_region');
    expect(messageFamilies(text)).not.toContain('client_init_failed');
    expectCauses(text, { first: 'region_unsupported' });
  });

  it('reads the summary alone as credentials first, a missing region next', () => {
    const text =
      'ValidationError: Could not load credentials to authenticate with AWS client. Please check that credentials in the specified profile name are valid.';
    expect(messageFamilies(text)).toContain('client_init_failed');
    expectCauses(text, { first: 'wrong_profile_or_env', top3: ['region_unsupported'] });
  });
});
