/**
 * diag_role and the permissions of the diagnostic role (issue 15): a role deployed from an older template lacks the
 * actions added since (CloudTrail, enforced guardrails, API keys, policy reading). The checks that need them say
 * what they could not see; diag_role lists each missing permission with what it serves (warn for optional ones,
 * fail for one every template grants) and how to update the role. Only the role's own refusals count: AWS's
 * "<role session> is not authorized to perform: <action>", never a bare AccessDenied that IAM gives for an unknown
 * key. The refusals are the real wire shapes: awsQuery XML for IAM, JSON 1.1 for CloudTrail and Organizations,
 * restJson1 with x-amzn-ErrorType for Bedrock.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_ROLE_ACTIONS } from '../../src/diagnosis/role-actions.js';
import { awsErrors, formList } from '../helpers/aws-mock.js';
import { json11Error, mockOrganizations } from '../helpers/aws-mock-json11.js';
import {
  ACCOUNT,
  checkOf,
  mockDiagnosisScenario,
  ROLE_NAME,
  type ScenarioOptions,
  simulationAnswer,
  testAwsSettings,
  testEngine,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/diag-test`;
const notAuthorized = (action: string, tail = `because no identity-based policy allows the ${action} action`) =>
  `User: ${SESSION} is not authorized to perform: ${action} ${tail}`;
const ORG_READER = 'arn:aws:iam::987654321098:role/BedrockOrgReaderRole';

const check = checkOf;

async function diagnose(options: ScenarioOptions, engineOptions: Parameters<typeof testEngine>[0] = {}) {
  const scenario = mockDiagnosisScenario(options);
  const engine = testEngine(engineOptions);
  const report = await engine.diagnose(scenario.target);
  engine.close();
  return { report, role: check(report, 'diag_role') };
}

/** The refusals of a role deployed from the template of before CloudTrail and enforced guardrails. */
const olderRole: ScenarioOptions['overrides'] = {
  LookupEvents: json11Error('AccessDeniedException', notAuthorized('cloudtrail:LookupEvents'), 400),
  ListEnforcedGuardrailsConfiguration: awsErrors.bedrock(
    'AccessDeniedException',
    notAuthorized('bedrock:ListEnforcedGuardrailsConfiguration'),
    403,
  ),
};

describe('a healthy role', () => {
  it('passes and lists nothing missing', async () => {
    const { role } = await diagnose({});
    expect(role.status).toBe('pass');
    expect(Object.keys(role.evidence).filter((k) => k.startsWith('missing'))).toEqual([]);
    expect(role.fix).toEqual([]);
  });
});

describe('a role from an older template', () => {
  it('warns, naming each missing optional permission and what it serves, with the update command', async () => {
    const { report, role } = await diagnose({ overrides: olderRole });
    expect(role.status).toBe('warn');
    expect(role.summary).toMatch(
      new RegExp(
        `^Assumed ${ROLE_NAME} in ${ACCOUNT} as session diag-\\S+; the role lacks 2 optional permissions ` +
          '\\((cloudtrail:LookupEvents, bedrock:ListEnforcedGuardrailsConfiguration|' +
          'bedrock:ListEnforcedGuardrailsConfiguration, cloudtrail:LookupEvents)\\): it was likely deployed from an ' +
          'older template, and the checks that need them could not look as deep$',
      ),
    );
    expect([...((role.evidence['missing optional permissions'] as string[]) ?? [])].sort()).toEqual([
      "bedrock:ListEnforcedGuardrailsConfiguration: the account's enforced guardrails",
      'cloudtrail:LookupEvents: the failing call in CloudTrail',
    ]);
    expect(role.evidence['missing required permissions']).toBeUndefined();
    expect(role.evidence['role ARN']).toBe(`arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`);
    expect(role.fix[0]).toBe(
      `Update the diagnostic role in account ${ACCOUNT} to the current infra/diagnostic-role.yaml: aws ` +
        'cloudformation deploy --template-file infra/diagnostic-role.yaml --stack-name bedrock-403-diagnostic-role ' +
        '--capabilities CAPABILITY_NAMED_IAM (an existing stack keeps its parameters), or update the StackSet with ' +
        '--template-body file://infra/diagnostic-role.yaml (docs/deployment.md)',
    );
    expect(role.fix[1]).toBe(
      `If the role is current, an SCP or permissions boundary in account ${ACCOUNT} takes these from ${ROLE_NAME}`,
    );
    // The checks that need them say what they could not see; the core checks stand.
    expect(check(report, 'cloudtrail').status).toBe('skip');
    expect(check(report, 'guardrails').status).toBe('error');
    for (const id of ['key_status', 'permissions', 'model_access'] as const) {
      expect(check(report, id).status).toBe('pass');
    }
    // Not a fault of the caller's account: no cause, and the verdict does not blame the role.
    expect(report.causes).toEqual([]);
    expect(report.verdict).not.toContain('Could not fully check');
  });

  it('an explicit deny (SCP) on a role action is named, with whom to ask', async () => {
    const { role } = await diagnose({
      overrides: {
        LookupEvents: json11Error(
          'AccessDeniedException',
          notAuthorized(
            'cloudtrail:LookupEvents',
            'with an explicit deny in a service control policy: arn:aws:organizations::987654321098:policy/o-a1b2c3d4e5/service_control_policy/p-examplepol',
          ),
          400,
        ),
      },
    });
    expect(role.status).toBe('warn');
    expect(role.evidence['missing optional permissions']).toEqual([
      'cloudtrail:LookupEvents: the failing call in CloudTrail (explicit deny in a service control policy)',
    ]);
    expect(role.fix[1]).toBe(
      `An explicit deny in a service control policy refuses cloudtrail:LookupEvents to ${ROLE_NAME}: ask its ` +
        'owners to exempt the role',
    );
    expect(role.summary).toContain('the checks that need it could not look as deep');
  });
});

describe('a role that lacks a permission every template grants', () => {
  it('fails, names it as required, and the verdict says the account could not be fully checked', async () => {
    const { report, role } = await diagnose({
      overrides: {
        SimulatePrincipalPolicy: awsErrors.iam('AccessDenied', notAuthorized('iam:SimulatePrincipalPolicy', '')),
      },
    });
    expect(role.status).toBe('fail');
    expect(role.evidence['missing required permissions']).toEqual([
      'iam:SimulatePrincipalPolicy: the permissions simulation',
    ]);
    expect(role.summary).toMatch(
      /, but the role may not call iam:SimulatePrincipalPolicy, which every version of the role grants: the checks that need it could not run$/,
    );
    expect(check(report, 'permissions').status).toBe('error');
    expect(report.verdict).toBe(
      `Could not fully check account ${ACCOUNT}: the diagnostic role ${ROLE_NAME} may not call iam:SimulatePrincipalPolicy`,
    );
  });
});

describe('refusals that are not the role lacking a permission', () => {
  it("IAM's bare AccessDenied for a key it does not hold is the target's answer: diag_role stays pass", async () => {
    const { report, role } = await diagnose({
      overrides: {
        GetAccessKeyLastUsed: awsErrors.iam('AccessDenied', 'Access Denied'),
        ListAccessKeys: 'none',
        GetUser: 'none',
      },
    });
    expect(role.status).toBe('pass');
    expect(role.evidence['missing required permissions']).toBeUndefined();
    expect(check(report, 'key_status').status).not.toBe('pass');
  });
});

describe('the organization reader role', () => {
  it('lacking DescribeEffectivePolicy: diag_role warns, naming the reader role and its template', async () => {
    mockOrganizations(
      'DescribeEffectivePolicy',
      json11Error('AccessDeniedException', 'You don’t have permissions to access this resource.'),
    );
    const { role } = await diagnose(
      {},
      {
        aws: testAwsSettings({ orgReaderRoleArn: ORG_READER }),
      },
    );
    expect(role.status).toBe('warn');
    expect(role.evidence['organization reader role lacks']).toEqual([
      'organizations:DescribeEffectivePolicy: organization-level enforced guardrails',
    ]);
    expect(role.summary).toMatch(
      /; the organization reader role lacks organizations:DescribeEffectivePolicy: the checks that need it could not look as deep$/,
    );
    expect(role.fix).toEqual([
      `Update the organization reader role (${ORG_READER}) from infra/org-reader-role.yaml: it must allow ` +
        'organizations:DescribeEffectivePolicy',
    ]);
  });
});

describe("diag_role's simulation of the role itself", () => {
  /** The answer for a role deployed before CloudTrail, guardrails and policy reading were added to the template. */
  const older = ['cloudtrail:LookupEvents', 'bedrock:ListEnforcedGuardrailsConfiguration', 'iam:GetPolicy'];
  const olderTemplate = (body: Record<string, string>) =>
    simulationAnswer(body, (action) => (older.includes(action) ? { decision: 'implicitDeny', matched: [] } : {}));

  it('simulates every action of the template on a resource of its kind, one call per kind, as the role', async () => {
    const scenario = mockDiagnosisScenario({});
    const engine = testEngine();
    const report = await engine.diagnose(scenario.target);
    engine.close();
    const calls = scenario.calls.SimulateDiagnosticRole?.requests ?? [];
    expect(calls.map((b) => b.PolicySourceArn)).toEqual(Array(4).fill(`arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`));
    const byResource = Object.fromEntries(
      calls.map((b) => [b['ResourceArns.member.1'] ?? '*', formList(b, 'ActionNames')]),
    );
    expect(Object.keys(byResource).sort()).toEqual([
      '*',
      `arn:aws:iam::${ACCOUNT}:policy/bedrock-403-permission-probe`,
      `arn:aws:iam::${ACCOUNT}:role/bedrock-403-permission-probe`,
      `arn:aws:iam::${ACCOUNT}:user/bedrock-403-permission-probe`,
    ]);
    expect(Object.values(byResource).flat().sort()).toEqual([...DIAGNOSTIC_ROLE_ACTIONS].sort());
    expect(byResource[`arn:aws:iam::${ACCOUNT}:policy/bedrock-403-permission-probe`]).toEqual([
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
    ]);
    // The checks' own simulations are not these.
    expect(
      (scenario.calls.SimulatePrincipalPolicy?.requests ?? []).every((b) => !b.PolicySourceArn?.includes(ROLE_NAME)),
    ).toBe(true);
    const role = checkOf(report, 'diag_role');
    expect(role.status).toBe('pass');
    expect(role.evidence['role permissions (simulated)']).toBe(
      `all ${DIAGNOSTIC_ROLE_ACTIONS.length} actions of infra/diagnostic-role.yaml allowed`,
    );
  });

  it('an older role: warns with every missing optional permission, also those this diagnosis never needed', async () => {
    const { role, report } = await diagnose({ overrides: { SimulateDiagnosticRole: olderTemplate } });
    expect(role.status).toBe('warn');
    expect([...((role.evidence['missing optional permissions'] as string[]) ?? [])].sort()).toEqual([
      "bedrock:ListEnforcedGuardrailsConfiguration: the account's enforced guardrails",
      'cloudtrail:LookupEvents: the failing call in CloudTrail',
      'iam:GetPolicy: the denying statement of a managed policy or boundary',
    ]);
    expect(role.evidence['role permissions (simulated)']).toBe(
      `3 of ${DIAGNOSTIC_ROLE_ACTIONS.length} actions of infra/diagnostic-role.yaml not allowed`,
    );
    // The checks themselves ran normally (the mocked account answered them): only diag_role speaks of the role.
    expect(checkOf(report, 'cloudtrail').status).not.toBe('error');
  });

  it('an SCP that takes an action from the role is named', async () => {
    const { role } = await diagnose({
      overrides: {
        SimulateDiagnosticRole: (body) =>
          simulationAnswer(body, (action) =>
            action === 'cloudtrail:LookupEvents'
              ? { decision: 'explicitDeny', matched: [], allowedByOrganizations: false }
              : {},
          ),
      },
    });
    expect(role.evidence['missing optional permissions']).toEqual([
      'cloudtrail:LookupEvents: the failing call in CloudTrail (explicit deny in a service control policy)',
    ]);
    expect(role.fix[1]).toContain('An explicit deny in a service control policy refuses cloudtrail:LookupEvents');
  });

  it('is cached per role by the engine: a second diagnosis does not simulate again, and still warns', async () => {
    const scenario = mockDiagnosisScenario({ overrides: { SimulateDiagnosticRole: olderTemplate } });
    const engine = testEngine();
    await engine.diagnose(scenario.target);
    const second = await engine.diagnose(scenario.target);
    engine.close();
    expect(scenario.calls.SimulateDiagnosticRole?.requests).toHaveLength(4);
    const role = checkOf(second, 'diag_role');
    expect(role.status).toBe('warn');
    expect(role.evidence['role permissions (simulated)']).toMatch(/not allowed \(answer cached for 15 minutes\)$/);
  });

  it('a role that may not simulate itself: diag_role passes and says so, no required permission is blamed', async () => {
    const { role } = await diagnose({
      overrides: {
        SimulateDiagnosticRole: awsErrors.iam(
          'AccessDenied',
          notAuthorized('iam:SimulatePrincipalPolicy', `on resource: arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`),
        ),
      },
    });
    expect(role.status).toBe('pass');
    expect(role.evidence['role permissions (simulated)']).toMatch(/^not simulated: AccessDenied/);
    expect(role.evidence['missing required permissions']).toBeUndefined();
  });
});
