import { describe, expect, it } from 'vitest';
import { triage } from '../../src/triage/index.js';

const service = (text: string) => triage(text).entities.service;

describe('the service from the endpoint host, the CLI command or the SDK client the text names', () => {
  it('reads any regional endpoint host, and the endpoint prefixes that are not the service code', () => {
    expect(
      service(
        'Error executing "CheckDomainAvailability" on "https://route53domains.us-east-2.amazonaws.com"; AWS HTTP error: Client error: 403 Forbidden',
      ),
    ).toBe('route53domains');
    expect(service("Could not connect to the endpoint URL: 'https://runtime.sagemaker.eu-west-1.amazonaws.com/'")).toBe(
      'sagemaker',
    );
    expect(service('host:email.us-east-1.amazonaws.com\nSignatureDoesNotMatch')).toBe('ses');
  });

  it('reads the AWS CLI command and a boto3 client when the text names one service that way', () => {
    expect(
      service(
        '$ aws support describe-cases\n\nAn error occurred (SubscriptionRequiredException) when calling the DescribeCases operation',
      ),
    ).toBe('support');
    expect(service('ec2 = boto3.client(\'ec2\', region_name="eu-south-1")\nAuthFailure')).toBe('ec2');
    expect(service('aws s3 ls\n\nAn error occurred (InvalidToken) when calling the ListBuckets operation')).toBe('s3');
  });

  it('says nothing when the text types two services, or only a command that is not a service', () => {
    expect(
      service("s3 = boto3.client('s3')\nec2 = boto3.client('ec2')\nbotocore.exceptions.ClientError: AccessDenied"),
    ).toBeUndefined();
    expect(service('aws configure list\nUnable to locate credentials')).toBeUndefined();
    expect(service('I run aws cli every day and it is fine')).toBeUndefined();
  });
});
