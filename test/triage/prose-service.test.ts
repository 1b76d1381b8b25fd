/** The service a paste names only in words: kept as spelled, and only when the words say it was the one called. */
import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';
import { proseService } from '../../src/triage/prose-service.js';

describe('proseService', () => {
  it('reads a service named beside a word of the call', () => {
    expect(proseService('the first DynamoDB request after a cold start fails with ExpiredToken')).toBe('DynamoDB');
    expect(proseService('creating the Route53 client gives CredentialsProviderError')).toBe('Route53');
    expect(proseService('Initializing remote state for the s3 backend')).toBe('s3');
  });

  it('reads a service a clause sends something to', () => {
    expect(proseService('Error uploading backup.tar to S3: The AWS Access Key Id you provided does not exist')).toBe(
      'S3',
    );
    expect(proseService('could not create volume in EC2: NoCredentialProviders')).toBe('EC2');
  });

  it("reads Haskell amazonka's service record", () => {
    expect(proseService('ServiceError\' {_serviceAbbrev = Abbrev "Lambda", _serviceStatus = 403}')).toBe('Lambda');
  });

  it('says nothing when two services are called, or when the only one is where the code runs', () => {
    expect(proseService('the S3 client works but the SQS client fails')).toBeUndefined();
    expect(proseService('our Lambda gets AccessDenied')).toBeUndefined();
    expect(proseService('on EC2 the instance role is used')).toBeUndefined();
  });

  it('does not read an IAM action prefix, an ARN field or a word that merely contains a name', () => {
    expect(proseService('is not authorized to perform: kms:Decrypt')).toBeUndefined();
    expect(proseService('on resource arn:aws:sqs:us-east-1:123456789012:q')).toBeUndefined();
    expect(proseService('s3cmd ls gives 403')).toBeUndefined();
  });

  it('is the last resort: a host or SDK slot names the service first', () => {
    const e = triage(
      'Error uploading to S3: operation error STS: GetCallerIdentity, https response error StatusCode: 403, api error InvalidClientTokenId: The security token included in the request is invalid.',
    ).entities;
    expect(e.service).toBe('STS');
    expect(triage('Error uploading photo.png to S3: SignatureDoesNotMatch').entities.service).toBe('S3');
  });
});
