import { describe, expect, it } from 'vitest';

/** The ARN template IAM puts in the top-level EvalResourceName (aws-facts 2.4), built without a template literal. */
const TEMPLATE = ['arn:', '$', '{Partition}:bedrock:', '$', '{Region}::foundation-model/', '$', '{ResourceId}'].join(
  '',
);

import { classify, describeRow, rowsFromResults, shortResource } from '../../src/diagnosis/simulation.js';

describe('classify', () => {
  it.each([
    ['allowed', [], true, true, 'allowed'],
    ['allowed', ['aws:SourceIp'], true, true, 'unconfirmed'],
    ['allowed', [], false, true, 'scp'],
    ['implicitDeny', [], undefined, undefined, 'implicit'],
    ['implicitDeny', [], false, true, 'scp'],
    ['implicitDeny', [], true, false, 'boundary'],
    ['implicitDeny', ['aws:PrincipalTag/team'], false, true, 'unconfirmed'],
    ['explicitDeny', [], true, true, 'explicit'],
    ['explicitDeny', [], false, true, 'scp'],
    ['explicitDeny', ['aws:SourceVpce'], true, true, 'unconfirmed'],
    ['somethingNew', [], true, true, 'unconfirmed'],
  ] as const)('%s missing=%j org=%s boundary=%s -> %s', (decision, missing, org, boundary, expected) => {
    expect(classify(decision, missing, org, boundary)).toBe(expected);
  });
});

describe('rowsFromResults', () => {
  it('uses resource-specific results, merging missing context from both levels', () => {
    const rows = rowsFromResults(
      [
        {
          EvalActionName: 'bedrock:InvokeModel',
          EvalResourceName: TEMPLATE,
          EvalDecision: 'implicitDeny',
          MissingContextValues: ['aws:SourceIp'],
          OrganizationsDecisionDetail: { AllowedByOrganizations: true },
          ResourceSpecificResults: [
            {
              EvalResourceName: 'arn:aws:bedrock:us-east-1:1:inference-profile/us.x',
              EvalResourceDecision: 'implicitDeny',
            },
            { EvalResourceName: 'arn:aws:bedrock:us-east-1::foundation-model/x', EvalResourceDecision: 'allowed' },
          ],
        },
      ],
      ['arn:aws:bedrock:us-east-1:1:inference-profile/us.x', 'arn:aws:bedrock:us-east-1::foundation-model/x'],
      'us-east-1',
    );
    expect(rows.map((r) => [r.resource, r.decision, r.verdict, r.missingContext])).toEqual([
      ['arn:aws:bedrock:us-east-1:1:inference-profile/us.x', 'implicitDeny', 'unconfirmed', ['aws:SourceIp']],
      ['arn:aws:bedrock:us-east-1::foundation-model/x', 'allowed', 'unconfirmed', ['aws:SourceIp']],
    ]);
  });

  it('prefers the single requested ARN over the top-level ARN template', () => {
    const rows = rowsFromResults(
      [
        {
          EvalActionName: 'bedrock:InvokeModel',
          EvalResourceName: TEMPLATE,
          EvalDecision: 'allowed',
        },
      ],
      ['arn:aws:bedrock:us-east-1::foundation-model/m'],
      'us-east-1',
    );
    expect(rows[0]?.resource).toBe('arn:aws:bedrock:us-east-1::foundation-model/m');
    expect(rows[0]?.verdict).toBe('allowed');
  });

  it('describes matched statements with their policy type and lines', () => {
    const [row] = rowsFromResults(
      [
        {
          EvalActionName: 'bedrock:InvokeModel',
          EvalDecision: 'explicitDeny',
          MatchedStatements: [
            {
              SourcePolicyId: 'DenyOutsideEU',
              SourcePolicyType: 'aws-managed',
              StartPosition: { Line: 4, Column: 1 },
              EndPosition: { Line: 12, Column: 2 },
            },
          ],
        },
      ],
      ['*'],
      'us-east-1',
    );
    expect(row?.matched).toEqual(['DenyOutsideEU (aws-managed policy, lines 4-12)']);
    expect(row && describeRow(row)).toBe(
      'explicitDeny by a Deny statement; matched DenyOutsideEU (aws-managed policy, lines 4-12)',
    );
  });
});

it('shortResource keeps the resource and its region', () => {
  expect(shortResource('arn:aws:bedrock:us-west-2::foundation-model/m:0')).toBe('foundation-model/m:0 in us-west-2');
  expect(shortResource('*')).toBe('*');
});
