/**
 * Marketplace permissions of the first caller (issue 15): the first call of a third-party model makes Bedrock
 * subscribe the account in the caller's name, which needs aws-marketplace:Subscribe and
 * aws-marketplace:ViewSubscriptions (Bedrock user guide, model-access-permissions; re:Post knowledge center
 * "bedrock-resolve-marketplace-permission"). When GetFoundationModelAvailability shows no AVAILABLE agreement (or the
 * pasted error names an aws-marketplace action), model_access simulates both actions for the principal
 * (iam:SimulatePrincipalPolicy, awsQuery XML, resource "*"). Models of providers AWS does not sell through Marketplace
 * (Amazon, Meta, Mistral AI, DeepSeek, Qwen, OpenAI) and accounts whose agreement is AVAILABLE need no simulation.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report, Triage } from '../../src/report.js';
import { triage } from '../../src/triage/index.js';
import { awsErrors, bedrock, formList } from '../helpers/aws-mock.js';
import {
  ACCOUNT,
  checkOf,
  MODEL,
  mockDiagnosisScenario,
  type ScenarioOptions,
  simulationAnswer,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const SUBSCRIBE = 'aws-marketplace:Subscribe';
const VIEW = 'aws-marketplace:ViewSubscriptions';
const SCP_ARN = 'arn:aws:organizations::987654321098:policy/o-a1b2c3d4e5/service_control_policy/p-7gh8ij9k';

/** The agreement the first call never made (GetFoundationModelAvailability, restJson1). */
const noAgreement = (modelId = MODEL) =>
  bedrock.availability({ modelId, agreement: 'NOT_AVAILABLE', entitlement: 'NOT_AVAILABLE' });

/** The Marketplace actions decided by `decide`; everything else allowed (the healthy account). */
const marketplace = (decide: Parameters<typeof simulationAnswer>[1]) => (body: Record<string, string>) =>
  simulationAnswer(body, (action, resource, region) =>
    action.startsWith('aws-marketplace:') ? decide(action, resource, region) : {},
  );

function marketplaceRequests(scenario: ReturnType<typeof mockDiagnosisScenario>): Record<string, string>[] {
  return (scenario.calls.SimulatePrincipalPolicy?.requests ?? []).filter((r) =>
    formList(r, 'ActionNames').includes(SUBSCRIBE),
  );
}

const modelAccess = (report: Report) => checkOf(report, 'model_access');

async function diagnose(options: ScenarioOptions, pasted?: string) {
  const scenario = mockDiagnosisScenario(options);
  const engine = testEngine();
  const t: Triage | undefined = pasted ? triage(pasted) : undefined;
  const report = await engine.diagnose(scenario.target, t ? { triage: t } : {});
  engine.close();
  return { scenario, report, check: modelAccess(report) };
}

describe('no AVAILABLE agreement for a third-party model', () => {
  it('Subscribe and ViewSubscriptions not allowed (implicit deny): model_access_not_granted, the fix names both and the admin first call', async () => {
    const { scenario, report, check } = await diagnose({
      overrides: {
        GetFoundationModelAvailability: noAgreement(),
        SimulatePrincipalPolicy: marketplace(() => ({ decision: 'implicitDeny', matched: [] })),
      },
    });
    const [sim, ...more] = marketplaceRequests(scenario);
    expect(more).toEqual([]);
    expect(sim?.PolicySourceArn).toBe(`arn:aws:iam::${ACCOUNT}:user/${USER}`);
    expect(formList(sim ?? {}, 'ActionNames')).toEqual([SUBSCRIBE, VIEW]);
    expect(formList(sim ?? {}, 'ResourceArns')).toEqual(['*']);

    expect(check.status).toBe('fail');
    expect(check.evidence['Marketplace permissions']).toMatch(/^simulated for user alice \(no AVAILABLE agreement/);
    expect(check.evidence[`${SUBSCRIBE} (user alice)`]).toMatch(/^implicitDeny: no policy allows it/);
    expect(check.evidence[`${VIEW} (user alice)`]).toMatch(/^implicitDeny/);
    expect(check.summary).toBe(
      `user alice may not call ${SUBSCRIBE} and ${VIEW}, so the first call of ${MODEL} cannot make its Marketplace ` +
        `subscription (account ${ACCOUNT} has none)`,
    );
    expect(check.fix[0]).toContain(`Allow ${SUBSCRIBE} and ${VIEW} to user alice: `);
    expect(check.fix[0]).toContain(`"Action":["${SUBSCRIBE}","${VIEW}"],"Resource":"*"`);
    expect(check.fix[1]).toMatch(
      /^Or have an admin who is allowed aws-marketplace:Subscribe and .* make the first call/,
    );
    expect(report.causes[0]).toMatchObject({ id: 'model_access_not_granted', confidence: 0.9 });
    expect(report.causes[0]?.why).toMatch(/no AVAILABLE Marketplace agreement .* \(agreement NOT_AVAILABLE\)/);
    expect(report.verdict).toBe(check.summary);
  });

  it('only ViewSubscriptions missing: the finding names that one action', async () => {
    const { check } = await diagnose({
      overrides: {
        GetFoundationModelAvailability: noAgreement(),
        SimulatePrincipalPolicy: marketplace((action) =>
          action === VIEW ? { decision: 'implicitDeny', matched: [] } : {},
        ),
      },
    });
    expect(check.status).toBe('fail');
    expect(check.evidence[`${SUBSCRIBE} (user alice)`]).toMatch(/^allowed/);
    expect(check.summary).toMatch(new RegExp(`^user alice may not call ${VIEW}, so`));
  });

  it('a Deny statement in the user policy: explicit_deny naming the statement', async () => {
    const { report, check } = await diagnose({
      overrides: {
        GetFoundationModelAvailability: noAgreement(),
        SimulatePrincipalPolicy: marketplace(() => ({
          decision: 'explicitDeny',
          matched: [{ id: 'DenyMarketplaceSubscriptions', type: 'user', startLine: 12, endLine: 18 }],
        })),
      },
    });
    expect(check.status).toBe('fail');
    expect(report.causes[0]?.id).toBe('explicit_deny');
    expect(report.causes[0]?.title).toBe('Explicit deny of the Marketplace subscription');
    expect(report.causes[0]?.why).toContain(
      'the Deny statement DenyMarketplaceSubscriptions (user policy, lines 12-18) denies aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions to user alice',
    );
    expect(check.fix[0]).toMatch(/^Ask the owners of the Deny statement DenyMarketplaceSubscriptions/);
    expect(check.fix.some((f) => /admin who is allowed/.test(f))).toBe(true);
    expect(report.causes.map((c) => c.id)).not.toContain('model_access_not_granted');
  });

  it('an SCP denies it, and the pasted error names the SCP: explicit_deny with its ARN; permissions does not refute it', async () => {
    const pasted =
      `An error occurred (AccessDeniedException) when calling the InvokeModel operation: Model access is denied due to ` +
      `arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: ${SUBSCRIBE} on resource: * with an ` +
      `explicit deny in a service control policy: ${SCP_ARN}`;
    const { report, check } = await diagnose(
      {
        overrides: {
          GetFoundationModelAvailability: noAgreement(),
          SimulatePrincipalPolicy: marketplace(() => ({
            decision: 'implicitDeny',
            matched: [],
            allowedByOrganizations: false,
          })),
        },
      },
      pasted,
    );
    expect(check.status).toBe('fail');
    expect(check.evidence['denying policy (named by the error)']).toBe(`service control policy (SCP): ${SCP_ARN}`);
    expect(report.causes[0]?.id).toBe('explicit_deny');
    expect(report.causes[0]?.why).toContain(`a service control policy (SCP) ${SCP_ARN} of the organization denies`);
    expect(check.summary).toMatch(/^a service control policy \(SCP\) arn:aws:organizations::.* denies aws-marketplace/);
    // The Bedrock actions are allowed: the permissions check passes without refuting the Marketplace deny.
    const perms = report.checks.find((c) => c.id === 'permissions');
    expect(perms?.status).toBe('pass');
    expect(perms?.evidence['denying policy (named by the error)']).toBeUndefined();
  });

  it('the pasted SCP deny that the simulation does not reproduce still stands (explicit_deny, the policy named)', async () => {
    const pasted =
      `AccessDeniedException: Model access is denied due to arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized ` +
      `to perform: ${SUBSCRIBE} on resource: * with an explicit deny in a service control policy: ${SCP_ARN}`;
    const { report, check } = await diagnose(
      {
        overrides: {
          GetFoundationModelAvailability: noAgreement(),
          SimulatePrincipalPolicy: marketplace(() => ({ missingContext: ['aws:RequestedRegion'] })),
        },
      },
      pasted,
    );
    expect(check.status).toBe('fail');
    expect(check.evidence[`${SUBSCRIBE} (user alice)`]).toMatch(/^could not confirm/);
    expect(report.causes[0]?.id).toBe('explicit_deny');
    expect(report.causes[0]?.why).toContain(`the pasted error says ${SUBSCRIBE} was explicitly denied`);
    expect(check.fix[0]).toContain(`Ask the organization admins to exempt ${SUBSCRIBE} and ${VIEW} from ${SCP_ARN}`);
  });

  it('the principal may subscribe: the missing agreement is not its permissions (payment method, use-case form)', async () => {
    const { scenario, check } = await diagnose({ overrides: { GetFoundationModelAvailability: noAgreement() } });
    expect(marketplaceRequests(scenario)).toHaveLength(1);
    expect(check.status).toBe('fail');
    expect(check.evidence[`${SUBSCRIBE} (user alice)`]).toMatch(/^allowed/);
    expect(check.fix[0]).toMatch(
      /^user alice may call aws-marketplace:Subscribe and aws-marketplace:ViewSubscriptions: invoke .* payment method/,
    );
  });

  it('PENDING and the principal may not subscribe: warns that a subscription it started cannot complete', async () => {
    const { check } = await diagnose({
      overrides: {
        GetFoundationModelAvailability: bedrock.availability({ modelId: MODEL, agreement: 'PENDING' }),
        SimulatePrincipalPolicy: marketplace(() => ({ decision: 'implicitDeny', matched: [] })),
      },
    });
    expect(check.status).toBe('warn');
    expect(check.summary).toMatch(/PENDING, and user alice may not call aws-marketplace:Subscribe and .*will fail$/);
    expect(check.fix[0]).toMatch(/^Retry in 15 minutes/);
    expect(check.fix[1]).toContain(`Allow ${SUBSCRIBE} and ${VIEW} to user alice`);
  });

  it('the agreement could not be read, but the paste names a Marketplace action: the simulation still answers', async () => {
    const pasted =
      'An error occurred (AccessDeniedException) when calling the Converse operation: Model access is denied due to ' +
      'IAM user or service role is not authorized to perform the required AWS Marketplace actions ' +
      `(${VIEW}, ${SUBSCRIBE}) to enable access to this model. model ${MODEL}`;
    const { check, report } = await diagnose(
      {
        overrides: {
          GetFoundationModelAvailability: awsErrors.bedrock(
            'AccessDeniedException',
            'User is not authorized to perform: bedrock:GetFoundationModelAvailability',
            403,
          ),
          SimulatePrincipalPolicy: marketplace(() => ({ decision: 'implicitDeny', matched: [] })),
        },
      },
      pasted,
    );
    expect(check.status).toBe('fail');
    expect(check.evidence['Marketplace agreement']).toMatch(/^not read: bedrock:GetFoundationModelAvailability failed/);
    expect(report.causes[0]?.id).toBe('model_access_not_granted');
    expect(report.causes[0]?.why).toContain('(agreement unknown (not read))');
  });
});

describe('no Marketplace simulation needed', () => {
  it('the agreement is AVAILABLE: nothing simulated, evidence says why, a pasted Marketplace denial is stale', async () => {
    const pasted =
      `AccessDeniedException: Model access is denied due to arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized ` +
      `to perform: ${SUBSCRIBE} on resource: * because no identity-based policy allows the action`;
    const { scenario, check } = await diagnose({}, pasted);
    expect(marketplaceRequests(scenario)).toEqual([]);
    expect(check.status).toBe('pass');
    expect(check.evidence['Marketplace permissions']).toBe(
      'not simulated: the Marketplace agreement is AVAILABLE, so every principal of the account may call the model ' +
        'without aws-marketplace permissions',
    );
    expect(check.summary).toMatch(/the pasted aws-marketplace:Subscribe denial came before the agreement was made/);
  });

  it('an Amazon model without an agreement: not sold through Marketplace, so no Marketplace permission is asked', async () => {
    const titan = 'amazon.titan-text-express-v1';
    const { scenario, check } = await diagnose({
      modelId: titan,
      foundationModelId: titan,
      overrides: {
        GetFoundationModelAvailability: noAgreement(titan),
        SimulatePrincipalPolicy: marketplace(() => ({ decision: 'implicitDeny', matched: [] })),
      },
    });
    expect(marketplaceRequests(scenario)).toEqual([]);
    expect(check.evidence['Marketplace permissions']).toBe(
      'Amazon models are not sold through AWS Marketplace: no aws-marketplace permission is needed',
    );
    expect(check.fix.join(' ')).not.toMatch(/aws-marketplace/);
  });

  it.each([
    ['meta.llama3-8b-instruct-v1:0', 'Meta'],
    ['mistral.mistral-7b-instruct-v0:2', 'Mistral AI'],
    ['deepseek.r1-v1:0', 'DeepSeek'],
  ])('%s: %s models need no Marketplace permission', async (modelId, provider) => {
    const { scenario, check } = await diagnose({
      modelId,
      foundationModelId: modelId,
      overrides: { GetFoundationModelAvailability: noAgreement(modelId) },
    });
    expect(marketplaceRequests(scenario)).toEqual([]);
    expect(check.evidence['Marketplace permissions']).toMatch(new RegExp(`^${provider} models are not sold`));
  });
});
