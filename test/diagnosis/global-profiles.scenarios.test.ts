/**
 * Global and geographic inference profiles in the permissions check (issue 15, bedrock-2025-2026 section 1.3): a
 * `global.*` profile is simulated on the profile ARN and the source region's model ARN (aws:RequestedRegion = the
 * source) and on the region-less model ARN with aws:RequestedRegion=unspecified, each with bedrock:InferenceProfileArn;
 * an SCP deny on global routing or on a destination region the user never named is attributed to it, and the fix
 * names the carve-out.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { bedrock, formContextValues, formList } from '../helpers/aws-mock.js';
import {
  ACCOUNT,
  checkOf,
  mockDiagnosisScenario,
  simulationAnswer,
  testEngine,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const GLOBAL = `global.${SONNET}`;
const GLOBAL_ARN = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${GLOBAL}`;
const REGIONLESS = `arn:aws:bedrock:::foundation-model/${SONNET}`;

const check = checkOf;

/** GetInferenceProfile for the global profile: models in several commercial regions (shape of aws-mock's body). */
const globalProfile = bedrock.inferenceProfile({
  profileId: GLOBAL,
  accountId: ACCOUNT,
  sourceRegion: 'us-east-1',
  modelId: SONNET,
  regions: ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'ap-northeast-1'],
});

function scenario(decide?: Parameters<typeof simulationAnswer>[1]) {
  return mockDiagnosisScenario({
    modelId: GLOBAL,
    foundationModelId: SONNET,
    overrides: {
      GetInferenceProfile: globalProfile,
      ...(decide ? { SimulatePrincipalPolicy: (body: Record<string, string>) => simulationAnswer(body, decide) } : {}),
    },
  });
}

describe('global.* inference profiles', () => {
  it('simulates the three grants with the context the service sets: source region and "unspecified"', async () => {
    const aws = scenario();
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'permissions').status).toBe('pass');
    const invokes = (aws.calls.SimulatePrincipalPolicy?.requests ?? []).filter((b) =>
      formList(b, 'ActionNames').includes('bedrock:InvokeModel'),
    );
    const byRegion = Object.fromEntries(
      invokes.map((b) => [formContextValues(b, 'aws:RequestedRegion')[0], formList(b, 'ResourceArns')]),
    );
    expect(byRegion).toEqual({
      'us-east-1': [GLOBAL_ARN, `arn:aws:bedrock:us-east-1::foundation-model/${SONNET}`],
      unspecified: [REGIONLESS],
    });
    for (const b of invokes) expect(formContextValues(b, 'bedrock:InferenceProfileArn')).toEqual([GLOBAL_ARN]);
    expect(String(check(report, 'permissions').evidence['routes to regions'])).toContain('any commercial region');
  });

  it('an SCP without the "unspecified" carve-out: attributed to global routing, the fix names the carve-out', async () => {
    const aws = scenario((action, _resource, region) =>
      action.startsWith('bedrock:Invoke') && region === 'unspecified'
        ? { decision: 'explicitDeny', allowedByOrganizations: false, matched: [] }
        : {},
    );
    const report = await testEngine().diagnose(aws.target);
    const p = check(report, 'permissions');
    expect(p.status).toBe('fail');
    expect(report.causes[0]?.id).toBe('explicit_deny');
    expect(report.causes[0]?.title).toBe('Denied by a service control policy (SCP): global routing');
    expect(report.causes[0]?.why).toContain(REGIONLESS);
    expect(report.verdict).toContain('global routing (aws:RequestedRegion=unspecified)');
    expect(p.fix[0]).toContain('add "unspecified" to the regions the region-deny SCP allows');
    expect(p.fix.join('\n')).toContain('bedrock:InferenceProfileArn');
  });

  it('an identity policy without the region-less model ARN: missing_iam_permission with the conditioned grant', async () => {
    const aws = scenario((action, resource) =>
      action.startsWith('bedrock:Invoke') && resource === REGIONLESS ? { resourceDecision: 'implicitDeny' } : {},
    );
    const report = await testEngine().diagnose(aws.target);
    const p = check(report, 'permissions');
    expect(p.status).toBe('fail');
    expect(report.causes[0]?.id).toBe('missing_iam_permission');
    expect(report.verdict).toContain('region-less model ARN');
    const grant = JSON.parse(p.fix[0]?.slice(p.fix[0].indexOf('[')) ?? '[]') as {
      Resource: string[];
      Condition?: Record<string, Record<string, string>>;
    }[];
    expect(grant[1]?.Resource).toEqual([REGIONLESS]);
    expect(grant[1]?.Condition).toEqual({
      StringEquals: { 'aws:RequestedRegion': 'unspecified' },
      ArnEquals: { 'bedrock:InferenceProfileArn': GLOBAL_ARN },
    });
    expect(grant[0]?.Resource).not.toContain(REGIONLESS);
  });

  it('the profile unreadable: still simulates the region-less grant for a global id', async () => {
    const aws = mockDiagnosisScenario({ modelId: GLOBAL, foundationModelId: SONNET });
    const report = await testEngine().diagnose(aws.target);
    const regions = (aws.calls.SimulatePrincipalPolicy?.requests ?? [])
      .filter((b) => formList(b, 'ActionNames').includes('bedrock:InvokeModel'))
      .map((b) => formContextValues(b, 'aws:RequestedRegion')[0]);
    expect(regions.sort()).toEqual(['unspecified', 'us-east-1']);
    expect(report.checks.find((c) => c.id === 'permissions')).toBeDefined();
  });
});

describe('geographic profiles (eu.*)', () => {
  it('an SCP deny in a destination region the user never named is attributed to the routing', async () => {
    const profile = `eu.${SONNET}`;
    const aws = mockDiagnosisScenario({
      region: 'eu-west-1',
      modelId: profile,
      foundationModelId: SONNET,
      overrides: {
        GetInferenceProfile: bedrock.inferenceProfile({
          profileId: profile,
          accountId: ACCOUNT,
          sourceRegion: 'eu-west-1',
          modelId: SONNET,
          regions: ['eu-west-1', 'eu-central-1', 'eu-north-1', 'eu-west-3'],
        }),
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action, _r, region) =>
            action.startsWith('bedrock:Invoke') && region === 'eu-north-1'
              ? { decision: 'explicitDeny', allowedByOrganizations: false, matched: [] }
              : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'permissions').status).toBe('fail');
    expect(report.verdict).toContain('in eu-north-1, where the inference profile routes requests');
    expect(check(report, 'permissions').fix[0]).toContain('bedrock:InferenceProfileArn');
  });
});
