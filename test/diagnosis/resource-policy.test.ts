import { describe, expect, it } from 'vitest';
import { type CrossAccountRequest, resourcePolicyDecision } from '../../src/diagnosis/resource-policy.js';

const GUARDRAIL = 'arn:aws:bedrock:us-east-1:987654321098:guardrail/hu1dlsv9wy1d';
const request: CrossAccountRequest = {
  action: 'bedrock:ApplyGuardrail',
  resources: [GUARDRAIL, `${GUARDRAIL}:1`],
  principalArn: 'arn:aws:iam::111122223333:role/app/Worker',
  principalAccount: '111122223333',
  partition: 'aws',
};
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const allow = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Action: 'bedrock:ApplyGuardrail',
  Resource: GUARDRAIL,
  ...extra,
});

describe('resourcePolicyDecision', () => {
  it.each([
    ['the account id', { AWS: '111122223333' }],
    ['the account root', { AWS: 'arn:aws:iam::111122223333:root' }],
    ['the role ARN', { AWS: ['arn:aws:iam::444455556666:root', 'arn:aws:iam::111122223333:role/app/Worker'] }],
    ['a wildcard root', { AWS: 'arn:aws:iam::*:root' }],
    ['everyone', '*'],
    ['everyone (AWS: *)', { AWS: '*' }],
  ])('an Allow naming %s allows', (_label, Principal) => {
    expect(resourcePolicyDecision(doc(allow({ Principal })), request).kind).toBe('allowed');
  });

  it('another account, a service principal, or another action: not allowed', () => {
    for (const statement of [
      allow({ Principal: { AWS: '444455556666' } }),
      allow({ Principal: { Service: 'bedrock.amazonaws.com' } }),
      allow({ Principal: '*', Action: 'bedrock:GetGuardrail' }),
      allow({ Principal: '*', Resource: 'arn:aws:bedrock:us-east-1:987654321098:guardrail/other' }),
    ]) {
      expect(resourcePolicyDecision(doc(statement), request)).toEqual({ kind: 'not-allowed', statements: [] });
    }
    expect(resourcePolicyDecision({}, request).kind).toBe('not-allowed');
  });

  it('matches the versioned guardrail ARN and action wildcards', () => {
    expect(
      resourcePolicyDecision(
        doc(allow({ Principal: '*', Action: 'bedrock:Apply*', Resource: `${GUARDRAIL}:1` })),
        request,
      ).kind,
    ).toBe('allowed');
  });

  it('a Deny that names the caller wins over an Allow', () => {
    const decision = resourcePolicyDecision(
      doc(allow({ Principal: '*' }), {
        Effect: 'Deny',
        Principal: { AWS: '111122223333' },
        Action: '*',
        Resource: '*',
      }),
      request,
    );
    expect(decision.kind).toBe('denied');
  });

  it('evaluates aws:PrincipalAccount and aws:PrincipalArn, which the diagnosis knows', () => {
    const holds = allow({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } });
    const fails = allow({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '444455556666' } } });
    const like = allow({ Principal: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app/*' } } });
    expect(resourcePolicyDecision(doc(holds), request).kind).toBe('allowed');
    expect(resourcePolicyDecision(doc(fails), request).kind).toBe('not-allowed');
    expect(resourcePolicyDecision(doc(like), request).kind).toBe('allowed');
  });

  it('a condition it cannot evaluate (aws:PrincipalOrgID) makes the Allow conditional, shown', () => {
    const decision = resourcePolicyDecision(
      doc(allow({ Sid: 'Org', Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } })),
      request,
    );
    expect(decision).toEqual({
      kind: 'conditional',
      allows: false,
      statements: [
        `Org: Allow bedrock:ApplyGuardrail on ${GUARDRAIL} when {"StringEquals":{"aws:PrincipalOrgID":"o-abc123def4"}}`,
      ],
    });
  });

  it('a conditional Deny beside an Allow is conditional, not allowed', () => {
    const decision = resourcePolicyDecision(
      doc(allow({ Principal: '*' }), {
        Effect: 'Deny',
        Principal: '*',
        Action: 'bedrock:ApplyGuardrail',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
      request,
    );
    expect(decision.kind).toBe('conditional');
    expect(decision.kind === 'conditional' && decision.allows).toBe(true);
  });

  it('NotPrincipal excludes those named; a role whose path is unknown matches on its name', () => {
    const notMe = { Effect: 'Allow', NotPrincipal: { AWS: '444455556666' }, Action: '*', Resource: '*' };
    const me = { Effect: 'Allow', NotPrincipal: { AWS: '111122223333' }, Action: '*', Resource: '*' };
    expect(resourcePolicyDecision(doc(notMe), request).kind).toBe('allowed');
    expect(resourcePolicyDecision(doc(me), request).kind).toBe('not-allowed');
    const pathless = { ...request, principalArn: 'arn:aws:iam::111122223333:role/Worker', principalPathUnknown: true };
    expect(
      resourcePolicyDecision(doc(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/app/Worker' } })), pathless)
        .kind,
    ).toBe('allowed');
  });
});
