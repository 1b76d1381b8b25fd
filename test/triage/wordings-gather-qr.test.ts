/**
 * Wordings and formats added while studying the gatherQ / gatherR batches, each checked on examples of our own
 * (not the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe("S3's AllAccessDisabled", () => {
  it('is an account-level block, read from the code or the message', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AllAccessDisabled</Code><Message>All access to this Amazon S3 resource has been disabled.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>';
    expect(triage(xml).entities.errorCode).toBe('AllAccessDisabled');
    expect(messageFamilies(xml)).toContain('account_blocked');
    expect(ids(xml)[0]).toBe('account_issue');
    const cli =
      'fatal error: An error occurred (AllAccessDisabled) when calling the ListObjectsV2 operation: All access to this object has been disabled';
    expect(ids(cli)[0]).toBe('account_issue');
  });

  it('leaves a feature that was disabled alone', () => {
    const text = 'AccessDenied: Access to this bucket is disabled for public ACLs (Block Public Access is on)';
    expect(messageFamilies(text)).not.toContain('account_blocked');
    expect(triage(text).entities.errorCode).not.toBe('AllAccessDisabled');
  });
});

describe('an inference profile Bedrock does not know', () => {
  it('reads "inference profile X does not exist" as an invalid model id', () => {
    const text =
      'botocore.errorfactory.ResourceNotFoundException: An error occurred (ResourceNotFoundException) when calling the Converse operation: The specified inference profile arn:aws:bedrock:ap-southeast-2:111122223333:inference-profile/apac.amazon.nova-lite-v2:0 does not exist.';
    expect(messageFamilies(text)).toContain('model_id_invalid');
    expect(ids(text)[0]).toBe('invalid_model_id');
  });

  it('needs the inference profile to be the thing missing', () => {
    const text =
      'ResourceNotFoundException: The inference profile was created, but the log group /aws/bedrock/x does not exist.';
    expect(messageFamilies(text)).not.toContain('model_id_invalid');
  });
});

describe("Amazon Q Developer's 'Your account is not authorized to make this call'", () => {
  it('is an account-level entitlement (a subscription), not an IAM policy', () => {
    const text =
      'Error: AccessDeniedException: Your account is not authorized to make this call. (request id: 0a1b2c3d-1111-2222-3333-444455556666)';
    expect(messageFamilies(text)).toContain('account_blocked');
    expect(ids(text)[0]).toBe('account_issue');
  });

  it("leaves Bedrock's 'not authorized to invoke this API operation' (model access) alone", () => {
    const text =
      'An error occurred (AccessDeniedException) when calling the InvokeModel operation: Your account is not authorized to invoke this API operation.';
    expect(messageFamilies(text)).not.toContain('account_blocked');
  });
});

describe('a region under "This works:" is the one that works', () => {
  const paste = (first: string) =>
    `${first}\n\`\`\`\nAWS_REGION=eu-west-1 sam deploy\n\`\`\`\nBut this doesn't:\n\`\`\`\nAWS_REGION=me-south-1 sam deploy\nTraceback (most recent call last):\n  File "deploy.py", line 12, in main\n\`\`\``;

  it('takes the other region for the call, and the opt-in one failing alone as not enabled', () => {
    const t = triage(paste('This works:'));
    expect(t.entities.region).toBe('me-south-1');
    expect(t.causes.slice(0, 3).map((c) => c.id)).toContain('opt_in_region_token');
  });

  it('needs the works heading right before the region', () => {
    expect(triage(paste('This fails:')).entities.region).toBe('eu-west-1');
  });
});

describe("OpenSearch's own authorization refusal", () => {
  it('reads security_exception and "no permissions for [...] and User [" as a missing data-access grant', () => {
    const fgac =
      '{"error":{"root_cause":[{"type":"security_exception","reason":"no permissions for [indices:data/write/bulk] and User [name=arn:aws:iam::111122223333:role/ingest, backend_roles=[arn:aws:iam::111122223333:role/ingest]]"}],"type":"security_exception"},"status":403}';
    expect(messageFamilies(fgac)).toContain('search_data_denied');
    expect(ids(fgac)[0]).toBe('missing_iam_permission');
    const aoss =
      'opensearchpy.exceptions.AuthorizationException: AuthorizationException(403, "authorization_exception")';
    expect(messageFamilies(aoss)).toContain('search_data_denied');
    expect(ids(aoss).slice(0, 3)).toContain('region_unsupported');
  });

  it("leaves Java's SecurityException alone, and yields to IAM's own denial", () => {
    expect(
      messageFamilies('java.lang.SecurityException: Permission denied (missing INTERNET permission?)'),
    ).not.toContain('search_data_denied');
    const iam =
      'security_exception: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: aoss:APIAccessAll because no identity-based policy allows the aoss:APIAccessAll action';
    expect(messageFamilies(iam)).not.toContain('search_data_denied');
  });
});

describe('a resource given from another region than the one it must share', () => {
  it('reads "is in a different region than/to/from" as a region problem', () => {
    const text =
      'botocore.errorfactory.ValidationException: An error occurred (ValidationException) when calling the CreateModelInvocationJob operation: The provided S3 bucket is in a different region than the job. Provide a bucket in us-west-2.';
    expect(messageFamilies(text)).toContain('not_in_region');
    expect(ids(text)[0]).toBe('region_unsupported');
  });

  it('needs the resource to be in the other region, not traffic sent there', () => {
    expect(
      messageFamilies('ValidationException: failover sends traffic to a different region than usual'),
    ).not.toContain('not_in_region');
  });
});
