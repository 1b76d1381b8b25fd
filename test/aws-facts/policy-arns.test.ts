import { describe, expect, it } from 'vitest';
import { findDenyingPolicy, parsePolicyArn, whereToReadPolicy } from '../../src/aws-facts/policy-arns.js';
import { decodePolicyDocument, denyingStatements, wildcardMatch } from '../../src/diagnosis/policy-statements.js';

describe('policy ARNs an AccessDenied message names', () => {
  it('parses SCP, RCP, AWS managed SCP, customer and AWS managed IAM policies; refuses the rest', () => {
    expect(
      parsePolicyArn('arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd'),
    ).toMatchObject({
      kind: 'organizations',
      managementAccountId: '987654321098',
      organizationId: 'o-qv5af4abcd',
      policyType: 'service_control_policy',
      policyId: 'p-2kgnabcd',
    });
    expect(parsePolicyArn('arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess')).toMatchObject({
      kind: 'organizations',
      managementAccountId: 'aws',
      policyId: 'p-FullAWSAccess',
    });
    expect(parsePolicyArn('arn:aws:iam::111122223333:policy/team/a/DenyAll')).toMatchObject({
      kind: 'iam',
      accountId: '111122223333',
      path: '/team/a/',
      name: 'DenyAll',
    });
    expect(parsePolicyArn('arn:aws:iam::aws:policy/AWSDenyAll')).toMatchObject({ kind: 'iam', accountId: 'aws' });
    expect(parsePolicyArn('arn:aws:iam::111122223333:role/x')).toBeUndefined();
    expect(
      parsePolicyArn('arn:aws:organizations::98765432109:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd'),
    ).toBeUndefined();
  });

  it('reads the type of every documented phrase, with a trailing period after the ARN', () => {
    expect(findDenyingPolicy('... with an explicit deny in a VPC endpoint policy')).toEqual({
      type: 'vpc_endpoint',
      explicit: true,
    });
    expect(findDenyingPolicy('with an explicit deny in a resource-based policy')?.type).toBe('resource');
    expect(
      findDenyingPolicy('with an explicit deny in an identity-based policy: arn:aws:iam::111122223333:policy/DenyAll.'),
    ).toEqual({ type: 'identity', explicit: true, arn: 'arn:aws:iam::111122223333:policy/DenyAll' });
    expect(findDenyingPolicy('because no permissions boundary allows the bedrock:InvokeModel action')).toEqual({
      type: 'permissions_boundary',
      explicit: false,
    });
    expect(findDenyingPolicy('AccessDenied')).toBeUndefined();
  });

  it('says where to read what it cannot', () => {
    const scp = parsePolicyArn(
      'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd',
    );
    expect(whereToReadPolicy('scp', scp)).toContain('aws organizations describe-policy --policy-id p-2kgnabcd');
    expect(whereToReadPolicy('session', undefined)).toContain('CloudTrail');
  });
});

describe('policy statements', () => {
  it('decodes IAM URL-encoded documents and plain JSON; not JSON is undefined', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }] };
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
    expect(decodePolicyDocument(JSON.stringify(doc))).toEqual(doc);
    expect(decodePolicyDocument('%7Bnot json')).toBeUndefined();
  });

  it('matches Action/NotAction case-insensitively and Resource/NotResource with wildcards', () => {
    expect(wildcardMatch('bedrock:Invoke*', 'BEDROCK:InvokeModel', true)).toBe(true);
    expect(wildcardMatch('arn:aws:bedrock:us-?ast-1::*', 'arn:aws:bedrock:us-east-1::foundation-model/x', false)).toBe(
      true,
    );
    const doc = {
      Statement: [
        { Sid: 'A', Effect: 'Deny', NotAction: 'iam:*', Resource: '*' },
        { Sid: 'B', Effect: 'Deny', Action: 'bedrock:InvokeModel', NotResource: 'arn:aws:bedrock:us-east-1::*' },
        { Sid: 'C', Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    };
    const sids = (resources: string[]) =>
      denyingStatements(doc, 'bedrock:InvokeModel', resources).map((m) => m.statement.sid);
    expect(sids(['arn:aws:bedrock:us-east-1::foundation-model/m'])).toEqual(['A']);
    expect(sids(['arn:aws:bedrock:eu-west-1::foundation-model/m'])).toEqual(['A', 'B']);
    expect(denyingStatements(doc, 'iam:GetUser')).toEqual([]);
  });
});
