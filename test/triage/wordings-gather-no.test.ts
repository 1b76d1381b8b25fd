/**
 * Wordings and formats added while studying the gatherN / gatherO batches, each checked on examples of our own
 * (not the corpus pastes): a positive that needs the addition and a negative it must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { messageFamilies, triage } from '../../src/triage/index.js';

const ids = (text: string) => triage(text).causes.map((c) => c.id);

describe('MediaConvert called on the wrong endpoint', () => {
  const text =
    'BadRequestException: You must use the subscription API to subscribe your account to the service before using this operation.';

  it('is an endpoint that does not match the Region, never an empty answer', () => {
    expect(messageFamilies(text)).toEqual(['account_endpoint_required']);
    expect(ids(text)[0]).toBe('region_unsupported');
  });

  it('leaves other subscription wordings alone', () => {
    expect(
      messageFamilies('Please subscribe your account to our newsletter before using this operation.'),
    ).not.toContain('account_endpoint_required');
  });
});

describe("EC2's UnauthorizedOperation", () => {
  it('reads the bare message as a denial that may be implicit or explicit', () => {
    const text =
      'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: abcDEF123';
    expect(messageFamilies(text)).toContain('denied_principal');
    const top3 = ids(text).slice(0, 3);
    expect(top3[0]).toBe('missing_iam_permission');
    expect(top3).toContain('explicit_deny');
  });

  it('reads the code alone (Go SDK v1) the same way', () => {
    const text = 'UnauthorizedOperation: \n\tstatus code: 403, request id: 0f4e1a2b-1111-2222-3333-444455556666';
    expect(messageFamilies(text)).toContain('denied_principal');
  });

  it('yields to the reason clause when AWS gives one', () => {
    const text =
      'UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:iam::210987654321:user/ci is not authorized to perform: ec2:RunInstances because no identity-based policy allows the ec2:RunInstances action';
    const families = messageFamilies(text);
    expect(families).toContain('denied_implicit');
    expect(families).not.toContain('denied_principal');
  });
});

describe('a named profile that is not in the file read', () => {
  it('takes "could not find profile NAME" as a wrong profile or environment', () => {
    const text = 'mount failed: Could not find profile: staging in file: /root/.aws/credentials';
    expect(messageFamilies(text)).toContain('no_credentials');
    expect(ids(text)[0]).toBe('wrong_profile_or_env');
  });

  it('needs a profile named after the verb', () => {
    expect(messageFamilies('error: could not find profiles directory')).not.toContain('no_credentials');
  });
});

describe('the CDK environment aws://ACCOUNT/REGION', () => {
  it('gives the account and the region', () => {
    const t = triage(
      'Environment aws://210987654321/ap-south-2 failed bootstrapping: ExpiredToken: The security token included in the request is expired',
    );
    expect(t.entities.accountId).toBe('210987654321');
    expect(t.entities.region).toBe('ap-south-2');
  });

  it('needs a 12-digit account', () => {
    expect(triage('Environment aws://2109876543/ap-south-2 failed bootstrapping').entities.accountId).toBeUndefined();
  });
});

describe('principal ARNs with a placeholder account', () => {
  it.each([
    'arn:aws-cn:sts::member-account:assumed-role/OrgAccess/lambda-session',
    'arn:aws:sts::ACCOUNT_ID:assumed-role/DevRole/alice',
    'arn:aws:sts::<account>:assumed-role/DevRole/alice',
    'arn:aws:iam::{account-id}:user/ci-bot',
  ])('reads %s as the principal, with no account id', (arn) => {
    const t = triage(`User: ${arn} is not authorized to perform: bedrock:InvokeModel`);
    expect(t.entities.principalArn).toBe(arn);
    expect(t.entities.accountId).toBeUndefined();
  });

  it('does not take words with spaces for an account', () => {
    expect(
      triage('User: arn:aws:sts::my account:assumed-role/DevRole/alice is not authorized').entities.principalArn,
    ).toBeUndefined();
  });
});

describe('the denied principal after "User:" at the end of a line', () => {
  it('is the ARN on the next line, not an ARN named earlier', () => {
    const text =
      'Can not assume role arn:aws:iam::111122223333:role/Target, (AccessDenied) User:\narn:aws:sts::210987654321:assumed-role/Scheduler/main is not authorized to perform: sts:AssumeRole';
    expect(triage(text).entities.principalArn).toBe('arn:aws:sts::210987654321:assumed-role/Scheduler/main');
  });

  it('is not an ARN two lines further down', () => {
    const text =
      'Can not assume role arn:aws:iam::111122223333:role/Target User:\n\nsee arn:aws:sts::210987654321:assumed-role/Scheduler/main';
    expect(triage(text).entities.principalArn).toBe('arn:aws:iam::111122223333:role/Target');
  });
});
