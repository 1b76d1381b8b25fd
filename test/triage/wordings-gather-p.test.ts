/**
 * Signals, wordings and formats added while studying the gatherP batch, each checked on examples of our own (not the
 * corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);
const signature = (host: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><HostId>${host}</HostId></Error>`;

describe('an S3-style error from a storage service outside AWS', () => {
  it('is not an AWS cause when the host is an S3-compatible provider, and the finding names it', () => {
    const t = triage(`rclone: upload failed: 403 ${signature('photos.3f1c0a9b2e.r2.cloudflarestorage.com')}`);
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.findings.join(' ')).toContain('Cloudflare R2');
  });

  it('reads a key error from such a provider the same way', () => {
    const text =
      'InvalidAccessKeyId: The Access Key Id you provided does not exist in our records. (host: backups.fra1.digitaloceanspaces.com)';
    expect(ids(text)[0]).toBe('unknown');
  });

  // The bare S3 answer is itself a coin flip between a wrong secret and a client signing bug (the corpus's threads
  // split about evenly): what these check is that no other sender is named, so both AWS readings stay in the first two.
  const awsReadings = (text: string) => {
    const t = triage(text);
    expect(t.findings.join(' ')).not.toMatch(/Not an AWS error/);
    expect(
      t.causes.slice(0, 2).map((c) => c.id),
      text.slice(0, 60),
    ).toEqual(expect.arrayContaining(['secret_key_mismatch', 'unknown']));
    expect(t.causes[0]?.confidence).toBeLessThanOrEqual(0.5);
  };

  it('leaves the same error from AWS S3 alone', () => {
    awsReadings(signature('photos.s3.eu-west-1.amazonaws.com'));
    awsReadings(signature('XyZ12abcDEF/ghi='));
  });

  it('leaves it alone when an AWS endpoint is in the text too, or the domain is only part of a word', () => {
    awsReadings(
      `copy from https://src.s3.us-east-1.amazonaws.com to photos.r2.cloudflarestorage.com: ${signature('x')}`,
    );
    awsReadings(signature('mirror.notwasabisys.com'));
  });
});

describe('an S3-style error from the server behind an endpoint override', () => {
  it('is that server refusing the request (MinIO, a gateway), not AWS', () => {
    const text =
      '$ aws s3 ls s3://data --endpoint-url http://minio.lab.internal:9000\nAn error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.';
    const t = triage(text);
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.findings.join(' ')).toContain('minio.lab.internal:9000');
  });

  it('leaves LocalStack and AWS endpoint overrides alone', () => {
    const error =
      'An error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.';
    expect(ids(`aws s3 ls --endpoint-url http://localhost:4566\n${error}`)[0]).not.toBe('unknown');
    expect(
      ids(`aws s3 ls --endpoint-url https://bucket.vpce-0a1b2c3d.s3.us-east-1.vpce.amazonaws.com\n${error}`)[0],
    ).toBe('secret_key_mismatch');
  });
});

describe('the service of an error', () => {
  it('is read from the credential scope on its own line of the String-to-Sign AWS quotes', () => {
    const text =
      "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20240102T030405Z\n20240102/eu-west-1/sqs/aws4_request\n0a1b2c'";
    expect(triage(text).entities.service).toBe('sqs');
  });

  it('is not read from a date glued to other characters', () => {
    const text =
      'SignatureDoesNotMatch: The request signature we calculated does not match. build-20240102/eu-west-1/sqs/aws4_request';
    expect(triage(text).entities.service).toBeUndefined();
  });

  it("is the denied action's own service when its resource is of that service and no operation is named", () => {
    const text =
      'AccessDenied: User: arn:aws:sts::123456789012:assumed-role/deploy/ci is not authorized to perform: sqs:SendMessage on resource: arn:aws:sqs:eu-west-1:123456789012:jobs because no identity-based policy allows the sqs:SendMessage action';
    expect(triage(text).entities.service).toBe('sqs');
  });

  it('is not iam for iam:PassRole, which the calling service checks, nor a service other than the resource one', () => {
    const passRole =
      'AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/fn-role';
    expect(triage(passRole).entities.service).toBeUndefined();
    const other =
      'AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sqs:SendMessage on resource: arn:aws:sns:eu-west-1:123456789012:topic';
    expect(triage(other).entities.service).toBeUndefined();
  });
});

describe('the Marketplace actions a model subscription needs, named as missing', () => {
  const denied =
    'AccessDeniedException when calling ConverseStream on a third-party model: the role lacks aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions';

  it('reads them as model access not granted', () => {
    expect(messageFamilies(denied)).toContain('marketplace');
    expect(ids(denied)[0]).toBe('model_access_not_granted');
  });

  it('leaves a pasted policy that lists them alone', () => {
    const json =
      'AccessDeniedException\npolicy: {"Effect": "Allow", "Action": ["aws-marketplace:Subscribe"], "Resource": "*"}';
    expect(messageFamilies(json)).not.toContain('marketplace');
    const yaml =
      'AccessDeniedException\nActions:\n  - aws-marketplace:ViewSubscriptions\n  - aws-marketplace:Subscribe';
    expect(messageFamilies(yaml)).not.toContain('marketplace');
    expect(
      messageFamilies('AccessDeniedException; aws-marketplace:Subscribe is already granted to the role'),
    ).not.toContain('marketplace');
  });
});

describe('a guardrail Bedrock does not find', () => {
  it('is most often a guardrail of another Region, else a wrong id or version', () => {
    const text =
      'An error occurred (ValidationException) when calling the Converse operation: The guardrail identifier or version provided in the request does not exist.';
    expect(messageFamilies(text)).toContain('guardrail_not_found');
    expect(ids(text).slice(0, 2)).toEqual(['region_unsupported', 'invalid_model_id']);
  });

  it('leaves other guardrail messages alone', () => {
    expect(messageFamilies('ValidationException: The guardrail version must be a number or DRAFT.')).not.toContain(
      'guardrail_not_found',
    );
  });
});

describe("an S3-compatible provider's own error fields", () => {
  it('name the provider when the host was cut off', () => {
    const text =
      '403 <Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message><RequestId>65F0A1B2C3D4E5F6</RequestId><OSSAccessKeyId>LTAIxxxxxxxxxxxx</OSSAccessKeyId></Error>';
    const t = triage(text);
    expect(t.causes[0]?.id).toBe('unknown');
    expect(t.findings.join(' ')).toContain('Alibaba Cloud OSS');
    const cos = `PUT failed: SignatureDoesNotMatch, the Signature you specified is invalid. Authorization: q-sign-algorithm=sha1&q-ak=AKIDxxxx&q-sign-time=1700000000;1700003600`;
    expect(ids(cos)[0]).toBe('unknown');
  });

  it('are not read from words that merely contain them', () => {
    const text =
      'An error occurred (SignatureDoesNotMatch) when calling the PutObject operation: The request signature we calculated does not match the signature you provided. Check your key and signing method. (uploading faq-sign-algorithm.png)';
    expect(ids(text)[0]).toBe('secret_key_mismatch');
  });
});
