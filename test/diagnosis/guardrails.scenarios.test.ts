/**
 * Enforced guardrails (issue 15): the guardrails check lists the account-level enforced guardrail configuration
 * (bedrock:ListEnforcedGuardrailsConfiguration, `GET /enforcedGuardrailsConfiguration`, restJson1: botocore bedrock
 * 2023-04-20 and @aws-sdk/client-bedrock 3.1164.0), reads the organization's effective Amazon Bedrock policy through
 * the organization reader role (organizations:DescribeEffectivePolicy, JSON 1.1) and simulates bedrock:ApplyGuardrail
 * for the principal on each enforced guardrail ARN (iam:SimulatePrincipalPolicy, awsQuery XML).
 *
 * The Bedrock control-plane client goes through the factory's shared HTTP/1.1 handler, so nock sees its calls (the
 * HTTP/2 pitfall of the reference is the runtime client's, which the diagnosis never builds).
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report, Target } from '../../src/report.js';
import {
  awsErrors,
  bedrock,
  FAST_CLIENT_SETTINGS,
  formContextValues,
  formList,
  jsonResponse,
} from '../helpers/aws-mock.js';
import { effectiveBedrockPolicy, json11Error, mockOrganizations } from '../helpers/aws-mock-json11.js';
import {
  ACCOUNT,
  checkOf,
  MODEL,
  mockDiagnosisScenario,
  ROLE_NAME,
  type ScenarioOptions,
  simulationAnswer,
  testAwsSettings,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const GUARDRAIL_ID = 'gr7k2m9x4q1z';
const GUARDRAIL_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:guardrail/${GUARDRAIL_ID}`;
const MANAGEMENT = '987654321098';
const ORG_GUARDRAIL_ARN = `arn:aws:bedrock:us-east-1:${MANAGEMENT}:guardrail/hu1dlsv9wy1d`;
const ORG_READER = `arn:aws:iam::${MANAGEMENT}:role/BedrockOrgReaderRole`;
const APPLY = 'bedrock:ApplyGuardrail';

const enforced = (extra: Partial<Parameters<typeof bedrock.enforcedGuardrailBody>[0]> = {}) =>
  bedrock.enforcedGuardrails([{ accountId: ACCOUNT, guardrailId: GUARDRAIL_ID, ...extra }]);

const guardrails = (report: Report) => checkOf(report, 'guardrails');

/** ApplyGuardrail decided by `decide`; everything else allowed (the healthy account). */
const applyGuardrail = (decide: Parameters<typeof simulationAnswer>[1]) => (body: Record<string, string>) =>
  simulationAnswer(body, (action, resource, region) => (action === APPLY ? decide(action, resource, region) : {}));

/** The SimulatePrincipalPolicy requests that asked about bedrock:ApplyGuardrail. */
function applyRequests(scenario: ReturnType<typeof mockDiagnosisScenario>): Record<string, string>[] {
  return (scenario.calls.SimulatePrincipalPolicy?.requests ?? []).filter((r) =>
    formList(r, 'ActionNames').includes(APPLY),
  );
}

async function diagnose(
  options: ScenarioOptions,
  engineOptions: Parameters<typeof testEngine>[0] = {},
  target?: Target,
) {
  const scenario = mockDiagnosisScenario(options);
  const engine = testEngine(engineOptions);
  const report = await engine.diagnose(target ?? scenario.target);
  engine.close();
  return { scenario, report, check: guardrails(report) };
}

const withOrgReader = {
  aws: testAwsSettings({ orgReaderRoleArn: ORG_READER }),
};

describe('no guardrail enforced', () => {
  it('passes, says the organization level was not read and where to look, simulates nothing', async () => {
    const { scenario, report, check } = await diagnose({});
    const list = scenario.calls.ListEnforcedGuardrailsConfiguration;
    expect(list?.paths).toEqual(['/enforcedGuardrailsConfiguration']);
    expect(String(list?.headers[0]?.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIA\w+\/\d{8}\/us-east-1\/bedrock\//,
    );
    expect(check.status).toBe('pass');
    expect(check.evidence['account-level (us-east-1)']).toBe('none');
    expect(check.evidence['organization-level (Amazon Bedrock policy)']).toBe(
      'not read (ORG_READER_ROLE_ARN is not set)',
    );
    expect(check.summary).toContain(`describe-effective-policy --policy-type BEDROCK_POLICY --target-id ${ACCOUNT}`);
    expect(applyRequests(scenario)).toEqual([]);
    expect(report.causes).toEqual([]);
  });

  it('a "not found" answer to the list is read as nothing configured, and says so', async () => {
    const { check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: awsErrors.bedrock('ResourceNotFoundException', 'No configuration', 404),
      },
    });
    expect(check.status).toBe('pass');
    expect(check.evidence['account-level (us-east-1)']).toMatch(
      /^none \(answered ResourceNotFoundException \(HTTP 404\): No configuration .*read as no configuration\)$/,
    );
  });
});

describe('an account-level enforced guardrail', () => {
  it('principal allowed bedrock:ApplyGuardrail on it: pass, with the guardrail and the allowing statement', async () => {
    const { scenario, report, check } = await diagnose({
      overrides: { ListEnforcedGuardrailsConfiguration: enforced() },
    });
    const [sim] = applyRequests(scenario);
    expect(sim?.PolicySourceArn).toBe(`arn:aws:iam::${ACCOUNT}:user/${USER}`);
    expect(formList(sim ?? {}, 'ActionNames')).toEqual([APPLY]);
    expect(formList(sim ?? {}, 'ResourceArns')).toEqual([GUARDRAIL_ARN]);
    expect(formContextValues(sim ?? {}, 'aws:RequestedRegion')).toEqual(['us-east-1']);
    expect(check.status).toBe('pass');
    expect(check.evidence['account-level (us-east-1)']).toBe(
      `${GUARDRAIL_ARN} version 1, configuration cfg0abc123def: all models; selective content guarding system ` +
        `COMPREHENSIVE, messages COMPREHENSIVE; set by arn:aws:iam::${ACCOUNT}:role/SecurityAdmin at 2026-03-10T09:15:00.000Z`,
    );
    expect(check.evidence[`${APPLY} on ${GUARDRAIL_ARN}`]).toMatch(
      /^allowed; matched BedrockInvoke \(user policy, lines 3-9\)/,
    );
    expect(check.summary).toBe(
      `Guardrail ${GUARDRAIL_ARN} version 1 (account level, all models) is enforced; user alice may call ` +
        `${APPLY} on it (allowed by BedrockInvoke (user policy, lines 3-9))`,
    );
    expect(report.causes).toEqual([]);
  });

  it('implicit deny: fails as missing_iam_permission, the fix grants ApplyGuardrail on the guardrail it names', async () => {
    const { report, check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: enforced(),
        SimulatePrincipalPolicy: applyGuardrail(() => ({ decision: 'implicitDeny', matched: [] })),
      },
    });
    expect(check.status).toBe('fail');
    expect(check.evidence[`${APPLY} on ${GUARDRAIL_ARN}`]).toMatch(/^implicitDeny: no policy allows it/);
    expect(check.fix[0]).toBe(
      `Allow ${APPLY} on the enforced guardrail ${GUARDRAIL_ARN} to user alice: ` +
        `{"Effect":"Allow","Action":"${APPLY}","Resource":"${GUARDRAIL_ARN}"}`,
    );
    const missing = report.causes.find((c) => c.id === 'missing_iam_permission');
    expect(missing?.confidence).toBe(0.9);
    expect(missing?.title).toBe(`Missing IAM permission: ${APPLY} on the enforced guardrail`);
    expect(missing?.why).toContain(`Guardrail ${GUARDRAIL_ARN} version 1 is enforced on the account in us-east-1`);
    expect(report.causes[0]?.id).toBe('missing_iam_permission');
    expect(report.verdict).toBe(
      `An enforced guardrail blocks user alice: no policy allows ${APPLY} on ${GUARDRAIL_ARN} (enforced on the ` +
        'account in us-east-1), and every Bedrock call there needs it',
    );
    // InvokeModel itself is allowed: the permissions check passes, and does not hide this cause.
    expect(report.checks.find((c) => c.id === 'permissions')?.status).toBe('pass');
  });

  it('explicit deny in a policy: fails as explicit_deny, naming the Deny statement and the guardrail', async () => {
    const { report, check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: enforced(),
        SimulatePrincipalPolicy: applyGuardrail(() => ({
          decision: 'explicitDeny',
          matched: [{ id: 'DenyGuardrailUse', type: 'user' }],
        })),
      },
    });
    expect(check.status).toBe('fail');
    expect(check.fix[0]).toBe(
      `Remove or narrow the Deny statement DenyGuardrailUse (user policy, lines 3-9) that matches ${APPLY} on ` +
        `${GUARDRAIL_ARN} for user alice`,
    );
    const deny = report.causes.find((c) => c.id === 'explicit_deny');
    expect(deny?.why).toContain('an explicit Deny (DenyGuardrailUse (user policy, lines 3-9)) denies it to user alice');
    expect(report.causes.some((c) => c.id === 'missing_iam_permission')).toBe(false);
  });

  it('an SCP that denies ApplyGuardrail: explicit_deny, the fix asks the organization admins for an exemption', async () => {
    const { report, check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: enforced(),
        SimulatePrincipalPolicy: applyGuardrail(() => ({
          decision: 'implicitDeny',
          allowedByOrganizations: false,
          matched: [],
        })),
      },
    });
    expect(check.status).toBe('fail');
    expect(check.fix[0]).toBe(
      `Ask the organization admins to exempt ${APPLY} on ${GUARDRAIL_ARN} from the SCP that denies it to user alice`,
    );
    expect(report.causes.find((c) => c.id === 'explicit_deny')?.why).toContain('an SCP of the organization denies it');
  });

  it('a decision that depends on context the simulator lacks is a warning, never a pass', async () => {
    const { check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: enforced(),
        SimulatePrincipalPolicy: applyGuardrail(() => ({
          decision: 'implicitDeny',
          missingContext: ['aws:SourceVpce'],
        })),
      },
    });
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('could not confirm that user alice may call bedrock:ApplyGuardrail');
    expect(check.summary).toContain('aws:SourceVpce');
  });

  it('a model the enforcement excludes: a denied ApplyGuardrail is a warning about the other models, not a fail', async () => {
    const { report, check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: enforced({ includedModels: ['ALL'], excludedModels: [MODEL] }),
        SimulatePrincipalPolicy: applyGuardrail(() => ({ decision: 'implicitDeny', matched: [] })),
      },
    });
    expect(check.status).toBe('warn');
    expect(check.summary).toContain(`enforced on all models except ${MODEL}: calls to ${MODEL} are not covered`);
    expect(report.causes.some((c) => c.id === 'missing_iam_permission')).toBe(false);
  });

  it('with no principal to simulate: warns that every caller needs ApplyGuardrail on it', async () => {
    const { scenario, check } = await diagnose(
      { overrides: { ListEnforcedGuardrailsConfiguration: enforced() } },
      {},
      { accountId: ACCOUNT, region: 'us-east-1', modelId: MODEL },
    );
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(/every caller needs bedrock:ApplyGuardrail on it\. Not simulated: No principal/);
    expect(check.fix[0]).toContain(`"Resource":"${GUARDRAIL_ARN}"`);
    expect(applyRequests(scenario)).toEqual([]);
  });
});

describe('the diagnostic role cannot read the configuration', () => {
  it('AccessDenied: could not check (error), naming the action to add and the template, the other checks stand', async () => {
    const { report, check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: awsErrors.bedrock(
          'AccessDeniedException',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/diag-test is not authorized to perform: ` +
            'bedrock:ListEnforcedGuardrailsConfiguration because no identity-based policy allows the ' +
            'bedrock:ListEnforcedGuardrailsConfiguration action',
          403,
        ),
      },
    });
    expect(check.status).toBe('error');
    expect(check.summary).toBe(
      'Could not check: the diagnostic role may not call bedrock:ListEnforcedGuardrailsConfiguration ' +
        `(AccessDeniedException), so whether a guardrail is enforced on account ${ACCOUNT} in us-east-1 is unknown`,
    );
    expect(check.fix[0]).toBe(
      `Update the diagnostic role ${ROLE_NAME} in account ${ACCOUNT} from infra/diagnostic-role.yaml: it must allow ` +
        'bedrock:ListEnforcedGuardrailsConfiguration (a List action without a resource type: Resource "*")',
    );
    expect(check.evidence.call).toBe('bedrock:ListEnforcedGuardrailsConfiguration');
    expect(report.checks.filter((c) => c.id !== 'guardrails' && c.status === 'error')).toEqual([]);
    expect(report.causes).toEqual([]);
  });
});

describe('throttling and odd answers', () => {
  it('throttled beyond the retries: could not check, retry in a minute', async () => {
    const { check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: awsErrors.bedrock('ThrottlingException', 'Rate exceeded', 429),
      },
    });
    expect(check.status).toBe('error');
    expect(check.summary).toMatch(
      /^Could not check: AWS kept throttling bedrock:ListEnforcedGuardrailsConfiguration \(ThrottlingException\); retry in a minute$/,
    );
  });

  it('throttled once, then the answer: the SDK retries and the guardrail is judged', async () => {
    const { scenario, check } = await diagnose(
      {
        overrides: {
          ListEnforcedGuardrailsConfiguration: [
            awsErrors.bedrock('ThrottlingException', 'Rate exceeded', 429),
            enforced(),
          ],
          SimulatePrincipalPolicy: applyGuardrail(() => ({ decision: 'implicitDeny', matched: [] })),
        },
      },
      { clientSettings: { ...FAST_CLIENT_SETTINGS, maxAttempts: 3 } },
    );
    expect(scenario.calls.ListEnforcedGuardrailsConfiguration?.paths).toHaveLength(2);
    expect(check.status).toBe('fail');
  });

  it('an answer without guardrailsConfig (a required member): could not check, never a pass', async () => {
    const { check } = await diagnose({ overrides: { ListEnforcedGuardrailsConfiguration: jsonResponse({}) } });
    expect(check.status).toBe('error');
    expect(check.summary).toContain('answered without guardrailsConfig');
  });

  it('an answer that is not JSON: could not check, no crash', async () => {
    const { check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: {
          status: 200,
          body: '<html>gateway</html>',
          headers: { 'Content-Type': 'text/html', 'x-amzn-RequestId': 'req-html' },
        },
      },
    });
    expect(check.status).toBe('error');
    expect(check.summary).toMatch(/^Could not check: bedrock:ListEnforcedGuardrailsConfiguration failed: /);
  });

  it('an API the region does not serve (UnknownOperationException): could not check, says it may not be offered', async () => {
    const { check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: awsErrors.bedrock('UnknownOperationException', 'Unknown operation', 404),
      },
    });
    expect(check.status).toBe('error');
    expect(check.summary).toContain('is not available in us-east-1');
  });

  it('a configuration with the guardrail id but no ARN: the ARN is built in the account and region', async () => {
    const { scenario, check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: jsonResponse({
          guardrailsConfig: [{ configId: 'cfg1', guardrailId: GUARDRAIL_ID, guardrailVersion: '3', owner: 'ACCOUNT' }],
        }),
      },
    });
    expect(formList(applyRequests(scenario)[0] ?? {}, 'ResourceArns')).toEqual([GUARDRAIL_ARN]);
    expect(check.status).toBe('pass');
    expect(check.evidence['account-level (us-east-1)']).toBe(
      `${GUARDRAIL_ARN} version 3, configuration cfg1: all models`,
    );
  });

  it('a configuration that names no guardrail: a warning, not a pass', async () => {
    const { check } = await diagnose({
      overrides: {
        ListEnforcedGuardrailsConfiguration: jsonResponse({
          guardrailsConfig: [{ configId: 'cfg2', owner: 'ACCOUNT' }],
        }),
      },
    });
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('configuration cfg2 names no readable guardrail');
  });

  it('a nextToken that never ends: the pages stop, the token is sent back as the query parameter', async () => {
    const { scenario, check } = await diagnose({
      overrides: { ListEnforcedGuardrailsConfiguration: bedrock.enforcedGuardrails([], 'same-token') },
    });
    const paths = scenario.calls.ListEnforcedGuardrailsConfiguration?.paths ?? [];
    expect(paths).toEqual([
      '/enforcedGuardrailsConfiguration',
      '/enforcedGuardrailsConfiguration?nextToken=same-token',
    ]);
    expect(check.status).toBe('pass');
  });
});

describe('organization-level enforcement (ORG_READER_ROLE_ARN)', () => {
  const effective = (identifier: string, extra: Record<string, unknown> = {}) =>
    effectiveBedrockPolicy(ACCOUNT, identifier, extra);

  it("reads the account's effective Amazon Bedrock policy and fails when the principal may not apply its guardrail", async () => {
    const describe = mockOrganizations('DescribeEffectivePolicy', effective(`${ORG_GUARDRAIL_ARN}:1`));
    const { scenario, report, check } = await diagnose(
      { overrides: { SimulatePrincipalPolicy: applyGuardrail(() => ({ decision: 'implicitDeny', matched: [] })) } },
      withOrgReader,
    );
    expect(describe.requests).toEqual([{ PolicyType: 'BEDROCK_POLICY', TargetId: ACCOUNT }]);
    expect(describe.headers[0]?.['x-amz-target']).toBe('AWSOrganizationsV20161128.DescribeEffectivePolicy');
    expect(scenario.calls.AssumeRole?.requests.map((r) => r.RoleArn)).toContain(ORG_READER);
    expect(formList(applyRequests(scenario)[0] ?? {}, 'ResourceArns')).toEqual([ORG_GUARDRAIL_ARN]);
    expect(check.status).toBe('fail');
    expect(check.evidence['organization-level (Amazon Bedrock policy)']).toBe(
      `${ORG_GUARDRAIL_ARN} version 1, configuration config_1: all models`,
    );
    expect(check.fix).toContain(
      `Allow ${APPLY} on the enforced guardrail ${ORG_GUARDRAIL_ARN} to user alice: ` +
        `{"Effect":"Allow","Action":"${APPLY}","Resource":"${ORG_GUARDRAIL_ARN}"}`,
    );
    expect(check.fix.join('\n')).toContain(
      `The guardrail belongs to account ${MANAGEMENT}: its resource-based policy must also allow ${APPLY} to account ${ACCOUNT}`,
    );
    expect(report.causes.find((c) => c.id === 'missing_iam_permission')?.why).toContain(
      "enforced by the organization's Amazon Bedrock policy in us-east-1",
    );
  });

  it('allowed on the organization guardrail: pass, saying its resource-based policy must allow it too', async () => {
    mockOrganizations('DescribeEffectivePolicy', effective(`${ORG_GUARDRAIL_ARN}:1`));
    const { check } = await diagnose({}, withOrgReader);
    expect(check.status).toBe('pass');
    expect(check.summary).toContain(
      `the resource-based policy of ${ORG_GUARDRAIL_ARN} (account ${MANAGEMENT}) must allow it too`,
    );
  });

  it('no Amazon Bedrock policy applies (EffectivePolicyNotFoundException): pass', async () => {
    mockOrganizations(
      'DescribeEffectivePolicy',
      json11Error('EffectivePolicyNotFoundException', 'No effective policy of type BEDROCK_POLICY'),
    );
    const { check } = await diagnose({}, withOrgReader);
    expect(check.status).toBe('pass');
    expect(check.evidence['organization-level (Amazon Bedrock policy)']).toBe(
      'none: no Amazon Bedrock policy applies to the account',
    );
    expect(check.summary).toContain('no Amazon Bedrock policy of the organization applies');
  });

  it('the reader role may not call DescribeEffectivePolicy: the account level still decides, the fix names the action', async () => {
    mockOrganizations(
      'DescribeEffectivePolicy',
      json11Error('AccessDeniedException', 'You don’t have permissions to access this resource.'),
    );
    const { check } = await diagnose({}, withOrgReader);
    expect(check.status).toBe('pass');
    expect(check.evidence['organization-level (Amazon Bedrock policy)']).toBe(
      'not read: the organization reader role may not call organizations:DescribeEffectivePolicy (AccessDeniedException)',
    );
    expect(check.fix).toEqual([
      'To read organization-level enforcement, allow organizations:DescribeEffectivePolicy to the organization ' +
        'reader role (infra/org-reader-role.yaml)',
    ]);
  });

  it('a malformed identifier in the organization policy: a warning (AWS says every Bedrock call then fails)', async () => {
    mockOrganizations('DescribeEffectivePolicy', effective('arn:aws:bedrock:us-east-1:987654321098:guardrail/'));
    const { check } = await diagnose({}, withOrgReader);
    expect(check.status).toBe('warn');
    expect(check.summary).toContain('makes every Bedrock call in the organization fail');
  });

  it('the account level cannot be read but the organization guardrail is denied: still a fail, with both fixes', async () => {
    mockOrganizations('DescribeEffectivePolicy', effective(`${ORG_GUARDRAIL_ARN}:2`));
    const { check } = await diagnose(
      {
        overrides: {
          ListEnforcedGuardrailsConfiguration: awsErrors.bedrock('AccessDeniedException', 'not authorized', 403),
          SimulatePrincipalPolicy: applyGuardrail(() => ({ decision: 'implicitDeny', matched: [] })),
        },
      },
      withOrgReader,
    );
    expect(check.status).toBe('fail');
    expect(check.fix.join('\n')).toContain('it must allow bedrock:ListEnforcedGuardrailsConfiguration');
    expect(check.fix.join('\n')).toContain(`on the enforced guardrail ${ORG_GUARDRAIL_ARN} to user alice`);
  });
});
