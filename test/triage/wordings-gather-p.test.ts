/**
 * Signals, wordings and formats added while studying the gatherP batch, each checked on examples of our own (not the
 * corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

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

  it('leaves the same error from AWS S3 alone', () => {
    expect(ids(signature('photos.s3.eu-west-1.amazonaws.com'))[0]).toBe('secret_key_mismatch');
    expect(ids(signature('XyZ12abcDEF/ghi='))[0]).toBe('secret_key_mismatch');
  });

  it('leaves it alone when an AWS endpoint is in the text too, or the domain is only part of a word', () => {
    const both = `copy from https://src.s3.us-east-1.amazonaws.com to photos.r2.cloudflarestorage.com: ${signature('x')}`;
    expect(ids(both)[0]).toBe('secret_key_mismatch');
    expect(ids(signature('mirror.notwasabisys.com'))[0]).toBe('secret_key_mismatch');
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
