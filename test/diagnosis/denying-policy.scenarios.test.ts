/**
 * The denying policy, named and shown (issue 15): a pasted AccessDenied message names the policy (type and, since
 * 2026, ARN); triage extracts it; the permissions check reads the statement that denies (IAM GetPolicyVersion with
 * a URL-encoded document, inline policies, Organizations DescribePolicy through ORG_READER_ROLE_ARN) or says where
 * to read it. Every AWS answer is nock in the real wire format.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';
import { awsErrors, mockIam } from '../helpers/aws-mock.js';
import { mockOrganizations, organizations } from '../helpers/aws-mock-json11.js';
import {
  ACCOUNT,
  checkOf,
  MODEL,
  mockDiagnosisScenario,
  simulationAnswer,
  testAwsSettings,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';
import { iamPolicies } from '../helpers/iam-policies-mock.js';

afterEach(() => {
  nock.cleanAll();
});

const SCP_ARN = 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd';
const ORG_READER = 'arn:aws:iam::987654321098:role/BedrockOrgReaderRole';
const MODEL_ARN = `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`;

const permissions = (report: Report) => checkOf(report, 'permissions');

/** The enhanced AccessDenied wording (AWS Security Blog, "Enhanced access denied error messages with policy ARNs"). */
function paste(denial: string): string {
  return (
    'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the InvokeModel ' +
    `operation: User: arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: bedrock:InvokeModel on ` +
    `resource: ${MODEL_ARN} ${denial}`
  );
}

const REGION_SCP = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DenyLeaveOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
    {
      Sid: 'DenyOutsideApprovedRegions',
      Effect: 'Deny',
      NotAction: ['iam:*', 'sts:*', 'organizations:*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
    },
  ],
};

const scpDenies = (body: Record<string, string>) =>
  simulationAnswer(body, (action) =>
    action.startsWith('bedrock:Invoke') ? { decision: 'implicitDeny', allowedByOrganizations: false, matched: [] } : {},
  );

describe('triage names the denying policy', () => {
  it('extracts the ARN and type of an SCP, an identity policy and a boundary, and the type alone without an ARN', () => {
    expect(triage(paste(`with an explicit deny in a service control policy: ${SCP_ARN}`)).entities).toMatchObject({
      denyingPolicyType: 'scp',
      denyingPolicyArn: SCP_ARN,
    });
    const managed = `arn:aws:iam::${ACCOUNT}:policy/guardrails/DenyBedrock`;
    expect(triage(paste(`with an explicit deny in an identity-based policy: ${managed}.`)).entities).toMatchObject({
      denyingPolicyType: 'identity',
      denyingPolicyArn: managed,
    });
    expect(
      triage(paste(`with an explicit deny in a permissions boundary: arn:aws:iam::${ACCOUNT}:policy/Boundary`))
        .entities,
    ).toMatchObject({ denyingPolicyType: 'permissions_boundary' });
    const bare = triage(paste('with an explicit deny in a session policy')).entities;
    expect(bare.denyingPolicyType).toBe('session');
    expect(bare.denyingPolicyArn).toBeUndefined();
    const rcp = 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/resource_control_policy/p-8mrqefgh';
    expect(triage(paste(`with an explicit deny in a resource control policy: ${rcp}`)).entities).toMatchObject({
      denyingPolicyType: 'rcp',
      denyingPolicyArn: rcp,
    });
  });

  it('names no denying policy for an implicit deny', () => {
    const t = triage(paste('because no identity-based policy allows the bedrock:InvokeModel action'));
    expect(t.entities.denyingPolicyType).toBeUndefined();
  });
});

describe('the SCP an AccessDenied message names', () => {
  it('shows the denying statement (Sid and condition) read with the organization reader role', async () => {
    const aws = mockDiagnosisScenario({ overrides: { SimulatePrincipalPolicy: scpDenies } });
    const describe = mockOrganizations(
      'DescribePolicy',
      organizations.describePolicy({ id: 'p-2kgnabcd', arn: SCP_ARN, name: 'RegionGuard', document: REGION_SCP }),
    );
    const engine = testEngine({
      aws: testAwsSettings({ orgReaderRoleArn: ORG_READER }),
    });
    const t = triage(paste(`with an explicit deny in a service control policy: ${SCP_ARN}`));
    const report = await engine.diagnose(aws.target, { triage: t });
    engine.close();

    expect(describe.requests).toEqual([{ PolicyId: 'p-2kgnabcd' }]);
    expect(describe.headers[0]?.['x-amz-target']).toBe('AWSOrganizationsV20161128.DescribePolicy');
    const assumed = aws.calls.AssumeRole?.requests.map((r) => r.RoleArn);
    expect(assumed).toContain(ORG_READER);
    expect(aws.calls.AssumeRole?.requests.find((r) => r.RoleArn === ORG_READER)?.ExternalId).toBe('ext-id-for-tests');

    const p = permissions(report);
    expect(p.status).toBe('fail');
    expect(p.evidence['denying policy (named by the error)']).toBe(`service control policy (SCP): ${SCP_ARN}`);
    expect(p.evidence['denying statement']).toBe(
      'DenyOutsideApprovedRegions: Deny every action except iam:*, sts:*, organizations:* on * when ' +
        '{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]}}',
    );
    const deny = report.causes.find((c) => c.id === 'explicit_deny');
    expect(deny?.why).toContain('DenyOutsideApprovedRegions');
    expect(p.fix.join('\n')).toContain('DenyOutsideApprovedRegions');
  });

  it('without ORG_READER_ROLE_ARN names the policy and where to read it, and calls no Organizations API', async () => {
    const aws = mockDiagnosisScenario({ overrides: { SimulatePrincipalPolicy: scpDenies } });
    const describe = mockOrganizations(
      'DescribePolicy',
      organizations.describePolicy({ id: 'x', arn: SCP_ARN, name: 'x', document: {} }),
    );
    const t = triage(paste(`with an explicit deny in a service control policy: ${SCP_ARN}`));
    const report = await testEngine().diagnose(aws.target, { triage: t });

    expect(describe.requests).toHaveLength(0);
    const p = permissions(report);
    expect(p.status).toBe('fail');
    expect(String(p.evidence['denying statement'])).toMatch(/^not read: ORG_READER_ROLE_ARN is not configured/);
    expect(String(p.evidence['denying statement'])).toContain(
      'aws organizations describe-policy --policy-id p-2kgnabcd (in the management account 987654321098',
    );
    expect(p.fix.join('\n')).toContain(SCP_ARN);
  });

  it('says the reader role may not call organizations:DescribePolicy when Organizations refuses it', async () => {
    const aws = mockDiagnosisScenario({ overrides: { SimulatePrincipalPolicy: scpDenies } });
    mockOrganizations('DescribePolicy', {
      status: 400,
      body: JSON.stringify({
        __type: 'AccessDeniedException',
        Message: "You don't have permissions to access this resource.",
      }),
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': 'r-1' },
    });
    const engine = testEngine({
      aws: testAwsSettings({ orgReaderRoleArn: ORG_READER }),
    });
    const t = triage(paste(`with an explicit deny in a service control policy: ${SCP_ARN}`));
    const report = await engine.diagnose(aws.target, { triage: t });
    engine.close();
    const p = permissions(report);
    expect(p.status).toBe('fail');
    expect(String(p.evidence['denying statement'])).toContain(
      'the organization reader role may not call organizations:DescribePolicy',
    );
    expect(p.fix.join('\n')).toContain('allow organizations:DescribePolicy to the organization reader role');
  });
});

describe('identity policies and boundaries the error names', () => {
  const DENY_DOC = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowRead', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      {
        Sid: 'NoClaudeOutsideVpc',
        Effect: 'Deny',
        Action: ['bedrock:InvokeModel*'],
        Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*',
        Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-0abc1234' } },
      },
    ],
  };

  it('reads a managed policy (GetPolicy, then GetPolicyVersion with the URL-encoded document)', async () => {
    const policyArn = `arn:aws:iam::${ACCOUNT}:policy/guardrails/DenyBedrockOutsideVpc`;
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action.startsWith('bedrock:Invoke')
              ? { decision: 'explicitDeny', matched: [{ id: 'DenyBedrockOutsideVpc', type: 'user-managed' }] }
              : {},
          ),
      },
    });
    const getPolicy = mockIam(
      'GetPolicy',
      iamPolicies.getPolicy({ arn: policyArn, name: 'DenyBedrockOutsideVpc', defaultVersionId: 'v7' }),
    );
    const getVersion = mockIam('GetPolicyVersion', iamPolicies.getPolicyVersion(DENY_DOC, 'v7'));
    const t = triage(paste(`with an explicit deny in an identity-based policy: ${policyArn}`));
    const report = await testEngine().diagnose(aws.target, { triage: t });

    expect(getPolicy.requests[0]?.PolicyArn).toBe(policyArn);
    expect(getVersion.requests[0]).toMatchObject({ PolicyArn: policyArn, VersionId: 'v7' });
    const p = permissions(report);
    expect(p.status).toBe('fail');
    expect(p.evidence['policy version read']).toBe('v7');
    expect(p.evidence['denying statement']).toBe(
      'NoClaudeOutsideVpc: Deny bedrock:InvokeModel* on arn:aws:bedrock:*::foundation-model/anthropic.* when ' +
        '{"StringNotEquals":{"aws:SourceVpce":"vpce-0abc1234"}}',
    );
    expect(report.causes[0]?.id).toBe('explicit_deny');
    expect(report.causes[0]?.why).toContain('NoClaudeOutsideVpc');
  });

  it('finds the deny in an inline policy of the user when the error names no ARN', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action.startsWith('bedrock:Invoke') ? { decision: 'explicitDeny', matched: [{ id: 'inline-deny' }] } : {},
          ),
      },
    });
    const list = mockIam('ListUserPolicies', iamPolicies.listUserPolicies(['s3-read', 'inline-deny']));
    const get = mockIam('GetUserPolicy', (body) =>
      body.PolicyName === 'inline-deny'
        ? iamPolicies.getUserPolicy(USER, 'inline-deny', DENY_DOC)
        : iamPolicies.getUserPolicy(USER, 's3-read', { Version: '2012-10-17', Statement: [DENY_DOC.Statement[0]] }),
    );
    const t = triage(paste('with an explicit deny in an identity-based policy'));
    const report = await testEngine().diagnose(aws.target, { triage: t });

    expect(list.requests[0]?.UserName).toBe(USER);
    expect(get.requests.map((r) => r.PolicyName).sort()).toEqual(['inline-deny', 's3-read']);
    const p = permissions(report);
    expect(p.evidence['denying policy (named by the error)']).toBe('identity-based policy');
    expect(String(p.evidence['denying statement'])).toContain(`NoClaudeOutsideVpc: Deny bedrock:InvokeModel*`);
    expect(String(p.evidence['denying statement'])).toContain(`(in inline user/${USER}/inline-deny)`);
  });

  it('names the missing read permission when the role may not call iam:GetPolicyVersion, and still reports the deny', async () => {
    const policyArn = `arn:aws:iam::${ACCOUNT}:policy/DenyBedrock`;
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action.startsWith('bedrock:Invoke') ? { decision: 'explicitDeny', matched: [{ id: 'DenyBedrock' }] } : {},
          ),
      },
    });
    mockIam('GetPolicy', iamPolicies.getPolicy({ arn: policyArn, name: 'DenyBedrock' }));
    mockIam(
      'GetPolicyVersion',
      awsErrors.iam(
        'AccessDenied',
        `User: arn:aws:sts::${ACCOUNT}:assumed-role/BedrockDiagnosticsRole/diag-x is not authorized to perform: iam:GetPolicyVersion on resource: policy ${policyArn} because no identity-based policy allows the iam:GetPolicyVersion action`,
      ),
    );
    const t = triage(paste(`with an explicit deny in an identity-based policy: ${policyArn}`));
    const report = await testEngine().diagnose(aws.target, { triage: t });
    const p = permissions(report);
    expect(p.status).toBe('fail');
    expect(String(p.evidence['denying statement'])).toContain('the diagnostic role may not call iam:GetPolicyVersion');
    expect(p.fix.join('\n')).toContain(
      'allow iam:GetPolicyVersion to the diagnostic role (infra/diagnostic-role.yaml)',
    );
    expect(report.causes[0]?.id).toBe('explicit_deny');
  });
});

describe('a deny the simulation cannot see', () => {
  it('a session policy: the error stands (warn with explicit_deny), the simulation does not refute it', async () => {
    const aws = mockDiagnosisScenario();
    const t = triage(paste('with an explicit deny in a session policy'));
    const report = await testEngine().diagnose(aws.target, { triage: t });
    const p = permissions(report);
    expect(p.status).toBe('warn');
    expect(p.summary).toContain('does not see session policies');
    expect(String(p.evidence['denying statement'])).toContain('cannot be read afterwards');
    expect(report.causes.map((c) => c.id)).toContain('explicit_deny');
  });

  it('without a principal to simulate, still names the policy and says where to read it', async () => {
    const aws = mockDiagnosisScenario();
    const target = { accountId: aws.target.accountId, region: 'us-east-1', modelId: MODEL };
    const t = triage(
      `An error occurred (AccessDeniedException) when calling the InvokeModel operation: User: arn:aws:sts::444455556666:assumed-role/x/y is not authorized to perform: bedrock:InvokeModel with an explicit deny in a service control policy: ${SCP_ARN}`,
    );
    const report = await testEngine().diagnose(target, { triage: t });
    const p = permissions(report);
    expect(p.status).toBe('warn');
    expect(p.summary).toContain(SCP_ARN);
    expect(p.summary).toContain('Not simulated');
    expect(report.causes.map((c) => c.id)).toContain('explicit_deny');
  });
});
