import { describe, expect, it } from 'vitest';
import { isAwsEndpointHost, s3CompatibleServiceOf } from '../../src/aws-facts/endpoints.js';

describe('endpoint domains', () => {
  it("tells AWS's endpoint hosts from others", () => {
    expect(isAwsEndpointHost('bedrock-runtime.us-east-1.amazonaws.com')).toBe(true);
    expect(isAwsEndpointHost('s3.cn-north-1.amazonaws.com.cn')).toBe(true);
    expect(isAwsEndpointHost('notamazonaws.com')).toBe(false);
    expect(isAwsEndpointHost('oss-cn-beijing.aliyuncs.com')).toBe(false);
  });

  it('names the S3-compatible service a host belongs to, on label boundaries only', () => {
    expect(s3CompatibleServiceOf('bucket.oss-cn-hangzhou.aliyuncs.com')).toBe('Alibaba Cloud OSS');
    expect(s3CompatibleServiceOf('abc123.r2.cloudflarestorage.com')).toBe('Cloudflare R2');
    expect(s3CompatibleServiceOf('ns.compat.objectstorage.eu-frankfurt-1.oraclecloud.com')).toBe(
      'Oracle Cloud Object Storage',
    );
    expect(s3CompatibleServiceOf('evilaliyuncs.com')).toBeUndefined();
    expect(s3CompatibleServiceOf('bucket.s3.us-east-1.amazonaws.com')).toBeUndefined();
  });
});
