/**
 * An organization-enforced guardrail lives in the management account: a member account's caller applies it only if
 * the guardrail's resource-based policy allows it too (Bedrock user guide, "Using resource-based policies for
 * guardrails"). With the organization reader role in that account, the guardrails check reads the policy
 * (bedrock:GetResourcePolicy, restJson1 `GET /resource-policy/{resourceArn}` answering
 * `{"resourcePolicy": "<JSON string>"}`; ResourceNotFoundException without one) and judges it for the principal.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { awsErrors, bedrockPath, jsonResponse, type MockReply, mockBedrock } from '../helpers/aws-mock.js';
import { effectiveBedrockPolicy, mockOrganizations } from '../helpers/aws-mock-json11.js';
import {
  ACCOUNT,
  checkOf,
  mockDiagnosisScenario,
  testAwsSettings,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const MANAGEMENT = '987654321098';
const GUARDRAIL = `arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/hu1dlsv9wy1d`;
const APPLY = 'bedrock:ApplyGuardrail';
const READER_IN_MANAGEMENT = `arn:aws:iam::${MANAGEMENT}:role/BedrockOrgReaderRole`;

const policy = (...statements: Record<string, unknown>[]): MockReply =>
  jsonResponse({ resourcePolicy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });

async function diagnose(resourcePolicy: MockReply | undefined, readerArn = READER_IN_MANAGEMENT) {
  mockOrganizations('DescribeEffectivePolicy', effectiveBedrockPolicy(ACCOUNT, `${GUARDRAIL}:1`));
  const get = resourcePolicy
    ? mockBedrock('us-east-1', 'GET', bedrockPath('/resource-policy', GUARDRAIL), resourcePolicy)
    : undefined;
  const scenario = mockDiagnosisScenario({});
  const engine = testEngine({ aws: testAwsSettings({ orgReaderRoleArn: readerArn }) });
  const report = await engine.diagnose(scenario.target);
  engine.close();
  return { report, get, check: checkOf(report, 'guardrails'), role: checkOf(report, 'diag_role') };
}

describe("the management account's guardrail policy", () => {
  it('allows the member account: pass, with the allowing statement, read with the reader role', async () => {
    const { check, get, report } = await diagnose(
      policy({
        Sid: 'MembersApply',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: [APPLY, 'bedrock:GetGuardrail'],
        Resource: GUARDRAIL,
      }),
    );
    expect(get?.paths).toEqual([`/resource-policy/${encodeURIComponent(GUARDRAIL)}`]);
    expect(String(get?.headers[0]?.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIA\w+\/\d{8}\/us-east-1\/bedrock\//,
    );
    expect(check.status).toBe('pass');
    expect(check.evidence[`resource-based policy of ${GUARDRAIL}`]).toBe(
      `allows user ${USER} of account ${ACCOUNT}: MembersApply: Allow ${APPLY}, bedrock:GetGuardrail on ${GUARDRAIL}`,
    );
    expect(check.summary).toContain(`its resource-based policy allows account ${ACCOUNT} (MembersApply:`);
    expect(report.causes).toEqual([]);
  });

  it("AWS's own wildcard example (arn:aws:iam::*:root) allows any account", async () => {
    const { check } = await diagnose(
      policy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::*:root' }, Action: APPLY, Resource: `${GUARDRAIL}*` }),
    );
    expect(check.status).toBe('pass');
  });

  it('names only another account: fail, missing_iam_permission, the statement to add', async () => {
    const { check, report } = await diagnose(
      policy({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::222233334444:root' },
        Action: APPLY,
        Resource: GUARDRAIL,
      }),
    );
    expect(check.status).toBe('fail');
    expect(check.evidence[`resource-based policy of ${GUARDRAIL}`]).toBe(
      `no statement of its resource-based policy allows ${APPLY} to account ${ACCOUNT} or user ${USER}`,
    );
    const cause = report.causes.find((c) => c.id === 'missing_iam_permission');
    expect(cause?.confidence).toBe(0.85);
    expect(cause?.why).toContain(`belongs to account ${MANAGEMENT}`);
    expect(check.fix[0]).toBe(
      `In account ${MANAGEMENT}, add to the resource-based policy of ${GUARDRAIL}: ` +
        `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:root"},"Action":"${APPLY}","Resource":"${GUARDRAIL}"}` +
        ' (for every account of the organization: Principal "*" with the condition StringEquals aws:PrincipalOrgID)',
    );
    expect(report.verdict).toMatch(/^An enforced guardrail blocks user alice: .* belongs to account 987654321098/);
  });

  it('no policy at all (ResourceNotFoundException): fail, no other account may apply it', async () => {
    const { check } = await diagnose(awsErrors.bedrock('ResourceNotFoundException', 'Resource policy not found', 404));
    expect(check.status).toBe('fail');
    expect(check.evidence[`resource-based policy of ${GUARDRAIL}`]).toMatch(/^the guardrail has no resource-based/);
  });

  it('a Deny for the account: explicit_deny, remove the Deny', async () => {
    const { check, report } = await diagnose(
      policy(
        { Effect: 'Allow', Principal: '*', Action: APPLY, Resource: GUARDRAIL },
        { Sid: 'NotSandbox', Effect: 'Deny', Principal: { AWS: ACCOUNT }, Action: 'bedrock:*', Resource: '*' },
      ),
    );
    expect(check.status).toBe('fail');
    expect(report.causes.map((c) => c.id)).toContain('explicit_deny');
    expect(check.fix).toContain(
      `In account ${MANAGEMENT}, remove or narrow the Deny in the resource-based policy of ${GUARDRAIL}`,
    );
  });

  it('allows the organization (aws:PrincipalOrgID): warn, the condition shown, not a cause', async () => {
    const { check, report } = await diagnose(
      policy({
        Sid: 'Org',
        Effect: 'Allow',
        Principal: '*',
        Action: APPLY,
        Resource: GUARDRAIL,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      }),
    );
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('only when Org: Allow bedrock:ApplyGuardrail on');
    expect(check.summary).toContain('"aws:PrincipalOrgID":"o-a1b2c3d4e5"');
    expect(report.causes).toEqual([]);
  });
});

describe('when the policy cannot be read', () => {
  it('the reader role is in a delegated administrator account: not read, where to read it, no call', async () => {
    const { check, get } = await diagnose(undefined, 'arn:aws:iam::555566667777:role/BedrockOrgReaderRole');
    expect(get).toBeUndefined();
    expect(check.status).toBe('pass');
    expect(check.evidence[`resource-based policy of ${GUARDRAIL}`]).toBe(
      `not read: the organization reader role is in account 555566667777, the guardrail in ${MANAGEMENT}. Read it ` +
        `in account ${MANAGEMENT}: Bedrock console (us-east-1), Guardrails, hu1dlsv9wy1d, Resource-based policy, or ` +
        `\`aws bedrock get-resource-policy --resource-arn ${GUARDRAIL} --region us-east-1\``,
    );
    expect(check.summary).toContain(`the resource-based policy of ${GUARDRAIL} (account ${MANAGEMENT}) must allow`);
  });

  it('the reader role may not call GetResourcePolicy: not read, and diag_role names the missing permission', async () => {
    const { check, role } = await diagnose(
      awsErrors.bedrock(
        'AccessDeniedException',
        `User: arn:aws:sts::${MANAGEMENT}:assumed-role/BedrockOrgReaderRole/diag-test is not authorized to perform: ` +
          `bedrock:GetResourcePolicy on resource: ${GUARDRAIL}`,
        403,
      ),
    );
    expect(check.status).toBe('pass');
    expect(String(check.evidence[`resource-based policy of ${GUARDRAIL}`])).toMatch(
      /^not read: the organization reader role may not call bedrock:GetResourcePolicy \(AccessDeniedException\)/,
    );
    expect(role.status).toBe('warn');
    expect(role.evidence['organization reader role lacks']).toEqual([
      "bedrock:GetResourcePolicy: an organization guardrail's resource-based policy",
    ]);
  });
});
