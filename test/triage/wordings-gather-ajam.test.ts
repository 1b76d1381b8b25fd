/**
 * Readings added while studying the gatherAJ / AL / AK / AI / AM batches, each checked on examples of our own (not
 * the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { contextSignals, messageFamilies, triage } from '../../src/triage/index.js';
import { expectCauses } from './expect-causes.js';

describe('a clock said to be wrong beside a message that names no reason', () => {
  it('reads a bare 403 next to "the phone clock is two days ahead" as clock skew', () => {
    const text = 'Upload fails with Status code 403 whenever the phone clock is two days ahead of the real time.';
    expect(contextSignals(text)).toContain('clock_wrong');
    expectCauses(text, { first: 'clock_skew' });
  });

  it('does not take any "time ... wrong" for the clock', () => {
    expect(contextSignals('Status code 403 every time, something is wrong with the bucket policy')).not.toContain(
      'clock_wrong',
    );
  });
});

describe("AWS's signature-expired message cut short", () => {
  it('reads `"Message": "Signature expired ..."` as the clock', () => {
    const text = '{"error": {"Message": "Signature expired ..."}}';
    expect(messageFamilies(text)).toContain('signature_expired');
    expectCauses(text, { first: 'clock_skew' });
  });

  it("leaves another cloud's own sentence alone", () => {
    expect(messageFamilies('Signature expired. Please use local time and enable NTP service')).not.toContain(
      'signature_expired',
    );
  });
});

describe('a client upgrade beside a policy denial', () => {
  it('keeps an explicit deny first after "since upgrading the CLI"', () => {
    const text =
      'Since upgrading the CLI: An error occurred (AccessDeniedException) when calling the ListKeys operation: User: arn:aws:iam::111122223333:user/dev is not authorized to perform: kms:ListKeys on resource: * with an explicit deny in an identity-based policy';
    expect(contextSignals(text)).not.toContain('client_regression');
    expectCauses(text, { first: 'explicit_deny' });
  });

  it('still reads an upgrade beside a signature mismatch as a possible client bug', () => {
    const text =
      'Since upgrading the SDK: SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.';
    expect(contextSignals(text)).toContain('client_regression');
  });
});

describe('a call to another service than Bedrock', () => {
  it("drops Bedrock's own causes from a bare S3 AccessDenied", () => {
    const text = '* aws_s3_bucket.logs: Error putting S3 policy: AccessDenied: Access Denied\n\tstatus code: 403';
    expect(contextSignals(text)).toContain('other_service_call');
    const ids = triage(text).causes.map((c) => c.id);
    expect(ids).not.toContain('model_access_not_granted');
    // Ruling causes out is no reason: the bare message stays capped.
    expect(triage(text).causes[0]?.confidence).toBeLessThanOrEqual(0.5);
  });

  it('keeps them when the text is about a model or Marketplace', () => {
    expect(
      contextSignals('operation error S3: GetObject, AccessDenied while loading the model weights for Bedrock import'),
    ).not.toContain('other_service_call');
    expect(
      contextSignals('AWS Marketplace product: OptInRequired (Service: AmazonEC2; Status Code: 401; Error Code: X)'),
    ).not.toContain('other_service_call');
  });
});

describe('a model id behind a region, as a gateway forwards it', () => {
  it('reads "The model \'eu-west-1/amazon.nova-pro-v1:0\' does not exist" as a wrong id', () => {
    const text = `BedrockException - {"error":{"message":"The model 'eu-west-1/amazon.nova-pro-v1:0' does not exist","type":"invalid_request_error"}}`;
    expect(messageFamilies(text)).toContain('model_id_invalid');
    expectCauses(text, { first: 'invalid_model_id' });
    expect(triage(text).entities.modelId).toBe('eu-west-1/amazon.nova-pro-v1:0');
  });
});

describe("a tool's own demand for a credential setting", () => {
  it('is never met with silence', () => {
    const text = 'MYTOOL_AWS_SECRET is required for batch mode. Run mytool setup first.';
    expect(triage(text).causes.length).toBeGreaterThan(0);
    expect(triage(text).causes[0]?.id).toBe('unknown');
  });
});

describe('a status right before AWS sentence', () => {
  it('reads 403 from "... mode: 403 The security token included in the request is invalid"', () => {
    expect(
      triage('[ERROR] falling back to polling: 403 The security token included in the request is invalid').entities
        .httpStatus,
    ).toBe(403);
  });
});

describe('a person tying an invalid token to expiry', () => {
  it('puts expired credentials first when the text says the creds expire', () => {
    const text =
      'Our sso creds expire every 8 hours and then the plugin shows: The security token included in the request is invalid.';
    expect(contextSignals(text)).toContain('expiry_stated');
    expectCauses(text, { first: 'temp_credentials_expired' });
  });

  it('says nothing of a token message that does not mention expiry', () => {
    expect(
      contextSignals('The security token included in the request is invalid. I just created the key.'),
    ).not.toContain('expiry_stated');
  });
});

describe("the AWS console's permission banner", () => {
  it('reads "update your IAM permissions to allow s3:X" as a denial', () => {
    const text =
      "You don't have permission to list objects. You or your AWS administrator must update your IAM permissions to allow s3:ListBucket.";
    expect(messageFamilies(text)).toContain('access_denied_bare');
    expectCauses(text, { first: 'missing_iam_permission', top3: ['unknown'] });
  });
});

describe('a service refusing the role it was handed', () => {
  it('reads SES\'s "Could not assume IAM role" with a second apply that worked as IAM propagation', () => {
    const text =
      'BadRequestException: Could not assume IAM role <arn:aws:iam::111122223333:role/ses-to-firehose>. Running it a second time worked.';
    expect(messageFamilies(text)).toContain('service_role_not_assumable');
    expectCauses(text, { first: 'key_not_propagated' });
  });
});

describe('a key id that is no key id', () => {
  it('reads the placeholder S3 echoes back as a key that does not exist', () => {
    const text =
      '<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message><AWSAccessKeyId>MY_ACCESS_KEY</AWSAccessKeyId></Error>';
    const t = triage(text);
    expect(t.entities.accessKeyId).toBe('MY_ACCESS_KEY');
    expect(contextSignals(text)).toContain('key_id_not_a_key');
    expectCauses(text, { first: 'key_not_found' });
  });

  it('leaves a real key id echoed the same way to the other readings', () => {
    const text =
      '<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message><AWSAccessKeyId>ASIAY34FZKBOKMUTVV7A</AWSAccessKeyId></Error>';
    expect(contextSignals(text)).not.toContain('key_id_not_a_key');
  });
});

describe('prompt caching refused', () => {
  it('reads "your request did not allow prompt caching" as a client setting, not a model id', () => {
    const text =
      'ValidationException: You invoked an unsupported model or your request did not allow prompt caching. See the documentation for more information.';
    expect(messageFamilies(text)).toContain('prompt_caching_refused');
    expect(messageFamilies(text)).not.toContain('model_id_invalid');
    expectCauses(text, { first: 'unknown', top3: ['region_unsupported'] });
  });

  it('leaves "The provided model identifier is invalid" to the model-id reading', () => {
    expect(messageFamilies('ValidationException: The provided model identifier is invalid.')).not.toContain(
      'prompt_caching_refused',
    );
  });
});
