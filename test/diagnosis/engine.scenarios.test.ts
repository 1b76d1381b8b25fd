/**
 * The live diagnosis engine against nock in the real AWS wire formats: one test per scenario of issue 3's
 * "Evidence required" list, plus the Bedrock-specific truths (inference profiles, SCP conditions, model access).
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { TargetValidationError } from '../../src/diagnosis/index.js';
import type { Report, Triage } from '../../src/report.js';
import { awsErrors, bedrock, formContextValues, formList, iam, sts } from '../helpers/aws-mock.js';
import {
  ACCOUNT,
  BOT_ARN,
  checkOf,
  EXTERNAL_ID,
  KEY,
  keyIdForAccount,
  MODEL,
  mockDiagnosisScenario,
  OTHER_ACCOUNT,
  ROLE_NAME,
  simulationAnswer,
  testEngine,
  USER,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const day = 86_400_000;

const check = checkOf;

function statuses(report: Report): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

const PROFILE = `us.${MODEL}`;

describe('healthy account', () => {
  it('passes every check, has no causes and says so in the verdict', async () => {
    const aws = mockDiagnosisScenario();
    const seen: string[] = [];
    const engine = testEngine();
    const report = await engine.diagnose(aws.target, {
      requestedBy: 'Alice Smith <U0123ABCD>',
      onCheck: (c, done) => {
        seen.push(c.id);
        expect(done.map((d) => d.id)).toContain(c.id);
      },
    });
    engine.close();

    expect(statuses(report)).toEqual({
      diag_role: 'pass',
      key_owner: 'pass',
      key_status: 'pass',
      credential_type: 'pass',
      api_key: 'skip',
      region: 'pass',
      permissions: 'pass',
      model_access: 'pass',
      control_path: 'pass',
      cloudtrail: 'pass',
      guardrails: 'pass',
    });
    expect(report.causes).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual([
      'diag_role',
      'key_owner',
      'key_status',
      'credential_type',
      'api_key',
      'region',
      'permissions',
      'model_access',
      'control_path',
      'cloudtrail',
      'guardrails',
    ]);
    expect(report.verdict).toMatch(/checks out for Bedrock in us-east-1/);
    expect(seen.sort()).toEqual(report.checks.map((c) => c.id).sort());
    expect(check(report, 'key_status').evidence).toMatchObject({ user: USER, status: 'Active' });
    expect(report.key).toEqual({ id: KEY, userName: USER, status: 'Active' });
    expect(report.target).toEqual({ accountId: ACCOUNT, region: 'us-east-1', accessKeyId: KEY, modelId: MODEL });
    expect(Date.parse(report.startedAt)).not.toBeNaN();

    // The AssumeRole call: role ARN, external id, a session name that shows who asked, the shortest duration.
    const assume = aws.calls.AssumeRole?.requests[0];
    expect(assume).toMatchObject({
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`,
      ExternalId: EXTERNAL_ID,
      RoleSessionName: 'diag-Alice-Smith-U0123ABCD',
      DurationSeconds: '900',
    });
    // The simulation asked for the key's user, on the model ARN, with the requested region as context.
    const sim = aws.calls.SimulatePrincipalPolicy?.requests ?? [];
    const invoke = sim.find((b) => formList(b, 'ActionNames').includes('bedrock:InvokeModel'));
    expect(invoke?.PolicySourceArn).toBe(`arn:aws:iam::${ACCOUNT}:user/${USER}`);
    expect(formList(invoke ?? {}, 'ResourceArns')).toEqual([`arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`]);
    expect(formContextValues(invoke ?? {}, 'aws:RequestedRegion')).toEqual(['us-east-1']);
    // Bedrock calls are SigV4-signed by the diagnostic role's temporary credentials.
    expect(String(aws.calls.ListFoundationModels?.headers[0]?.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAJEXAMPLEXEG2JICEA\//,
    );
    expect(aws.calls.ListFoundationModels?.paths).toHaveLength(1);
  });

  it('keeps Bedrock on SigV4 when AWS_BEARER_TOKEN_BEDROCK is set in the environment', async () => {
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLWtleS1ub3QtcmVhbA==';
    try {
      const aws = mockDiagnosisScenario();
      const report = await testEngine().diagnose(aws.target);
      expect(check(report, 'region').status).toBe('pass');
      for (const headers of aws.calls.ListFoundationModels?.headers ?? []) {
        expect(String(headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 /);
      }
      expect(aws.calls.GetFoundationModelAvailability?.headers[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    } finally {
      delete process.env.AWS_BEARER_TOKEN_BEDROCK;
    }
  });
});

describe('the key', () => {
  it('key inactive: names the user and the last use, and ranks key_inactive first', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: iam.listAccessKeys(USER, [
          { id: KEY, status: 'Inactive', createDate: new Date(Date.now() - 200 * day) },
          { id: keyIdForAccount(ACCOUNT, 'AKIA', 7), status: 'Active', createDate: new Date(Date.now() - 3 * day) },
        ]),
        GetAccessKeyLastUsed: iam.getAccessKeyLastUsed({
          userName: USER,
          lastUsedDate: '2026-10-02T08:00:00Z',
          serviceName: 'bedrock',
          region: 'us-east-1',
        }),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const status = check(report, 'key_status');
    expect(status.status).toBe('fail');
    expect(status.summary).toMatch(/Inactive/);
    expect(status.evidence).toMatchObject({ user: USER, status: 'Inactive', 'last used': '2026-10-02T08:00:00.000Z' });
    expect(status.fix.join(' ')).toMatch(/update-access-key .*--status Active/);
    expect(status.fix.join(' ')).toContain(keyIdForAccount(ACCOUNT, 'AKIA', 7));
    expect(report.causes[0]?.id).toBe('key_inactive');
    expect(report.verdict).toBe(`Key AKIA…${KEY.slice(-4)} of user alice was deactivated (last used 2026-10-02)`);
    expect(report.key).toEqual({ id: KEY, userName: USER, status: 'Inactive' });
  });

  it("IAM's third status Expired is handled like Inactive, with its own wording", async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: iam.listAccessKeys(USER, [
          { id: KEY, status: 'Expired', createDate: new Date(Date.now() - 400 * day) },
        ]),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const status = check(report, 'key_status');
    expect(status.status).toBe('fail');
    expect(status.summary).toMatch(/has expired \(IAM status Expired\)/);
    expect(status.fix[0]).toMatch(/cannot be reactivated/);
    expect(report.causes[0]).toMatchObject({ id: 'key_inactive', title: 'Access key expired (IAM status Expired)' });
    expect(report.verdict).toMatch(/has expired/);
  });

  it('key deleted: IAM has no such key although STS maps it to the account', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        GetAccessKeyLastUsed: awsErrors.iam('NoSuchEntity', `The Access Key with id ${KEY} cannot be found`, 404),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'key_owner').status).toBe('pass');
    const status = check(report, 'key_status');
    expect(status.status).toBe('fail');
    expect(status.summary).toMatch(/does not exist in account 111122223333/);
    expect(status.evidence.user).toBeUndefined();
    expect(report.causes[0]).toMatchObject({ id: 'key_not_found', title: 'Access key deleted' });
    expect(check(report, 'permissions')).toMatchObject({ status: 'skip' });
    expect(check(report, 'permissions').summary).toMatch(/--principal/);
    expect(report.verdict).toMatch(/was deleted from account 111122223333/);
    expect(aws.calls.ListAccessKeys?.requests ?? []).toHaveLength(0);
    expect(report.key).toEqual({ id: KEY, status: 'Deleted' });
  });

  it('key deleted from a user that still exists: not among its keys any more', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: iam.listAccessKeys(USER, [
          { id: keyIdForAccount(ACCOUNT, 'AKIA', 9), status: 'Active', createDate: new Date() },
        ]),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'key_status').summary).toMatch(/not among the access keys of user alice/);
    expect(report.causes[0]?.id).toBe('key_not_found');
  });

  it('key owned by another account: says who owns it and stops guessing', async () => {
    const otherKey = keyIdForAccount(OTHER_ACCOUNT);
    const aws = mockDiagnosisScenario({
      keyId: otherKey,
      overrides: {
        GetAccessKeyInfo: sts.getAccessKeyInfo(OTHER_ACCOUNT),
        GetAccessKeyLastUsed: awsErrors.iam('AccessDenied', 'Access denied'),
      },
    });
    const triage: Triage = {
      entities: {},
      causes: [
        { id: 'missing_iam_permission', confidence: 0.6, title: 'Missing permission', why: 'text', fix: [] },
        { id: 'clock_skew', confidence: 0.3, title: 'Clock', why: 'text', fix: [] },
      ],
      secretsFound: false,
      commands: [],
      findings: [],
      truncated: false,
    };
    const report = await testEngine().diagnose(aws.target, { triage });
    const owner = check(report, 'key_owner');
    expect(owner.status).toBe('fail');
    expect(owner.evidence['owning account']).toBe(OTHER_ACCOUNT);
    expect(report.causes).toHaveLength(1);
    expect(report.causes[0]).toMatchObject({ id: 'key_not_found', title: 'Key belongs to another account' });
    expect(report.verdict).toBe(
      `Key AKIA…${otherKey.slice(-4)} belongs to account ${OTHER_ACCOUNT}, not ${ACCOUNT}: diagnose account ${OTHER_ACCOUNT} or use a key of ${ACCOUNT}`,
    );
    expect(check(report, 'key_status').status).toBe('skip');
    expect(check(report, 'key_status').summary).toMatch(/belongs to account 444455556666/);
    expect(check(report, 'permissions').status).toBe('skip');
    // It stopped guessing: IAM in the target account was not asked about a key that is not there.
    expect(aws.calls.GetAccessKeyLastUsed?.requests ?? []).toHaveLength(0);
    expect(report.key).toEqual({ id: otherKey });
    expect(report.triage).toBe(triage);
  });

  it('GetAccessKeyInfo unavailable (not implemented): a key id that decodes to another account still settles it', async () => {
    const otherKey = keyIdForAccount(OTHER_ACCOUNT);
    const aws = mockDiagnosisScenario({
      keyId: otherKey,
      overrides: {
        GetAccessKeyInfo: awsErrors.sts('InvalidAction', 'Could not find operation GetAccessKeyInfo', 400),
        GetAccessKeyLastUsed: awsErrors.iam('AccessDenied', 'Access denied'),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const owner = check(report, 'key_owner');
    expect(owner.status).toBe('fail');
    expect(owner.summary).toMatch(
      /belongs to account 444455556666, not 111122223333 \(the key id \(decoded offline\)\)/,
    );
    expect(owner.evidence.note).toMatch(/GetAccessKeyInfo failed \(InvalidAction\)/);
    expect(report.causes.map((c) => c.id)).toEqual(['key_not_found']);
  });

  it('an old-format key id (not decodable) of another account: STS names the owner, the rest is set aside', async () => {
    const oldKey = 'AKIAIOSFODNN7EXAMPLE';
    const aws = mockDiagnosisScenario({
      keyId: oldKey,
      overrides: {
        GetAccessKeyInfo: sts.getAccessKeyInfo(OTHER_ACCOUNT),
        GetAccessKeyLastUsed: awsErrors.iam('AccessDenied', 'Access denied'),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'key_owner').evidence['decoded from the key id']).toBe('not decodable (older key id format)');
    expect(check(report, 'key_status').status).toBe('skip');
    expect(report.causes.map((c) => c.id)).toEqual(['key_not_found']);
    expect(report.verdict).toMatch(/belongs to account 444455556666, not 111122223333/);
  });

  it('temporary (ASIA) key: points at expiry and the session token, skips the IAM key checks', async () => {
    const temp = keyIdForAccount(ACCOUNT, 'ASIA');
    const aws = mockDiagnosisScenario({ keyId: temp });
    const report = await testEngine().diagnose(aws.target);
    const type = check(report, 'credential_type');
    expect(type.status).toBe('warn');
    expect(type.summary).toMatch(/temporary \(ASIA\)/);
    expect(report.causes.map((c) => c.id).slice(0, 2)).toEqual(['temp_credentials_expired', 'session_token_mismatch']);
    expect(check(report, 'key_owner').status).toBe('pass');
    expect(check(report, 'key_status').status).toBe('skip');
    expect(check(report, 'permissions').status).toBe('skip');
    expect(check(report, 'permissions').summary).toMatch(/--principal with the role ARN/);
    expect(report.verdict).toMatch(/temporary key/);
    expect(aws.calls.GetAccessKeyLastUsed?.requests ?? []).toHaveLength(0);
    expect(report.key).toEqual({ id: temp });
  });

  it('a key created seconds ago is key_not_propagated', async () => {
    const aws = mockDiagnosisScenario({ keyCreated: new Date(Date.now() - 5_000) });
    const report = await testEngine().diagnose(aws.target);
    const status = check(report, 'key_status');
    expect(status.status).toBe('warn');
    expect(status.summary).toMatch(/created \d+ s ago/);
    expect(report.causes[0]?.id).toBe('key_not_propagated');
    expect(report.verdict).toMatch(/retry in about 15 s/);
  });

  it('a long-term key over 90 days old is a rotation warning, not a cause', async () => {
    const aws = mockDiagnosisScenario({ keyCreated: new Date(Date.now() - 120 * day) });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'credential_type')).toMatchObject({ status: 'warn' });
    expect(check(report, 'credential_type').summary).toMatch(/120 days old \(over 90\)/);
    expect(report.causes).toEqual([]);
  });
});

describe('permissions', () => {
  it('implicit deny: no policy allows InvokeModel, with the statement to add', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) => (action.startsWith('bedrock:Invoke') ? { decision: 'implicitDeny' } : {})),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const perms = check(report, 'permissions');
    expect(perms.status).toBe('fail');
    expect(perms.summary).toMatch(
      /user alice may not call bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream/,
    );
    expect(perms.fix[0]).toContain('"Effect":"Allow"');
    expect(perms.fix[0]).toContain(`arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`);
    expect(report.causes[0]?.id).toBe('missing_iam_permission');
    expect(report.verdict).toMatch(/no policy allows it/);
  });

  it('explicit deny by an SCP', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action === 'bedrock:InvokeModel'
              ? { decision: 'explicitDeny', allowedByOrganizations: false, matched: [] }
              : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const perms = check(report, 'permissions');
    expect(perms.status).toBe('fail');
    expect(report.causes[0]).toMatchObject({ id: 'explicit_deny', title: 'Denied by a service control policy (SCP)' });
    expect(report.causes[0]?.why).toMatch(/AllowedByOrganizations=false/);
    expect(Object.values(perms.evidence).join(' ')).toMatch(/an SCP of the organization does not allow it/);
    expect(report.verdict).toMatch(/An SCP denies bedrock:InvokeModel/);
  });

  it('permissions boundary deny', async () => {
    const boundary = `arn:aws:iam::${ACCOUNT}:policy/DevBoundary`;
    const aws = mockDiagnosisScenario({
      overrides: {
        GetUser: iam.getUser({
          userName: USER,
          arn: `arn:aws:iam::${ACCOUNT}:user/apps/${USER}`,
          boundaryArn: boundary,
        }),
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action.startsWith('bedrock:Invoke') ? { decision: 'implicitDeny', allowedByBoundary: false } : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const perms = check(report, 'permissions');
    expect(perms.status).toBe('fail');
    expect(perms.evidence['permissions boundary']).toBe(boundary);
    expect(report.causes[0]).toMatchObject({ id: 'explicit_deny', title: 'Blocked by the permissions boundary' });
    expect(perms.fix[0]).toContain(boundary);
    // The user's ARN with its path, from GetUser, is what was simulated.
    expect(aws.calls.SimulatePrincipalPolicy?.requests[0]?.PolicySourceArn).toBe(
      `arn:aws:iam::${ACCOUNT}:user/apps/${USER}`,
    );
  });

  it('SCP conditions the simulator cannot evaluate: "could not confirm", never "allowed"', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action.startsWith('bedrock:Invoke')
              ? { decision: 'implicitDeny', allowedByOrganizations: false, missingContext: ['aws:PrincipalTag/team'] }
              : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const perms = check(report, 'permissions');
    expect(perms.status).toBe('warn');
    expect(perms.summary).toMatch(/^Could not confirm/);
    expect(perms.summary).toMatch(/aws:PrincipalTag\/team/);
    expect(perms.summary).toMatch(/not an "allowed"/);
    expect(Object.values(perms.evidence).join(' ')).toMatch(/could not confirm/);
    expect(report.causes).toEqual([]);
    expect(report.verdict).toMatch(/not confirmed/);
  });

  it('an allowed decision that still depends on missing context is not "allowed" either', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action.startsWith('bedrock:Invoke') ? { resourceMissingContext: ['aws:SourceIp'] } : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'permissions').status).toBe('warn');
  });

  it('a principal ARN alone (no key) still runs the permission and model checks', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/app/bedrock-app`;
    mockDiagnosisScenario();
    const report = await testEngine().diagnose({ accountId: ACCOUNT, principalArn: role, modelId: MODEL });
    expect(statuses(report)).toMatchObject({
      key_owner: 'skip',
      key_status: 'skip',
      credential_type: 'skip',
      permissions: 'pass',
      model_access: 'pass',
    });
    expect(check(report, 'key_status').summary).toMatch(/No access key id given/);
    expect(check(report, 'permissions').summary).toMatch(/^role bedrock-app may call/);
    expect(report.causes).toEqual([]);
    expect(report.key).toBeUndefined();
  });

  it('an assumed-role session ARN is simulated as its role', async () => {
    const aws = mockDiagnosisScenario();
    await testEngine().diagnose({
      accountId: ACCOUNT,
      principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/bedrock-app/i-123`,
    });
    expect(aws.calls.SimulatePrincipalPolicy?.requests[0]?.PolicySourceArn).toBe(
      `arn:aws:iam::${ACCOUNT}:role/bedrock-app`,
    );
  });
});

describe('models and inference profiles', () => {
  const profileRegions = ['us-east-1', 'us-east-2', 'us-west-2'];
  const profileMock = bedrock.inferenceProfile({
    profileId: PROFILE,
    accountId: ACCOUNT,
    sourceRegion: 'us-east-1',
    modelId: MODEL,
    regions: profileRegions,
  });
  const profileArn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${PROFILE}`;

  it('a cross-region profile is simulated on the profile ARN and the model ARN of every routed region', async () => {
    const aws = mockDiagnosisScenario({ modelId: PROFILE, overrides: { GetInferenceProfile: profileMock } });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'permissions').status).toBe('pass');
    expect(check(report, 'model_access').status).toBe('pass');
    expect(check(report, 'model_access').evidence['routes to regions']).toEqual(profileRegions);
    const invokes = (aws.calls.SimulatePrincipalPolicy?.requests ?? []).filter((b) =>
      formList(b, 'ActionNames').includes('bedrock:InvokeModel'),
    );
    const byRegion = Object.fromEntries(
      invokes.map((b) => [formContextValues(b, 'aws:RequestedRegion')[0], formList(b, 'ResourceArns')]),
    );
    expect(byRegion).toEqual({
      'us-east-1': [profileArn, `arn:aws:bedrock:us-east-1::foundation-model/${MODEL}`],
      'us-east-2': [`arn:aws:bedrock:us-east-2::foundation-model/${MODEL}`],
      'us-west-2': [`arn:aws:bedrock:us-west-2::foundation-model/${MODEL}`],
    });
    for (const b of invokes) expect(formContextValues(b, 'bedrock:InferenceProfileArn')).toEqual([profileArn]);
  });

  it('inference-profile ARN not allowed: the model ARN alone is not enough', async () => {
    const aws = mockDiagnosisScenario({
      modelId: PROFILE,
      overrides: {
        GetInferenceProfile: profileMock,
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action, resource) =>
            action.startsWith('bedrock:Invoke') && resource.includes(':inference-profile/')
              ? { resourceDecision: 'implicitDeny' }
              : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const perms = check(report, 'permissions');
    expect(perms.status).toBe('fail');
    expect(report.causes[0]?.id).toBe('missing_iam_permission');
    expect(report.causes[0]?.why).toMatch(/inference-profile ARN .* is not: a call through a profile needs both/);
    expect(perms.fix[0]).toContain(profileArn);
    expect(report.verdict).toMatch(/needs the profile ARN and the foundation-model ARN in every routed region/);
  });

  it('an SCP that denies a region the profile routes to breaks the call', async () => {
    const aws = mockDiagnosisScenario({
      modelId: PROFILE,
      overrides: {
        GetInferenceProfile: profileMock,
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action, _resource, region) =>
            action.startsWith('bedrock:Invoke') && region === 'us-west-2'
              ? { decision: 'explicitDeny', allowedByOrganizations: false, matched: [] }
              : {},
          ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'permissions').status).toBe('fail');
    expect(report.causes[0]?.id).toBe('explicit_deny');
    expect(report.verdict).toBe(
      'An SCP denies bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream in us-west-2, where the inference profile routes requests',
    );
  });

  it('model not authorized: model access is separate from IAM', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        GetFoundationModelAvailability: bedrock.availability({ modelId: MODEL, authorization: 'NOT_AUTHORIZED' }),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'permissions').status).toBe('pass');
    const access = check(report, 'model_access');
    expect(access.status).toBe('fail');
    expect(access.evidence.authorization).toBe('NOT_AUTHORIZED');
    expect(report.causes[0]?.id).toBe('model_access_not_granted');
    expect(report.causes[0]?.why).toMatch(/IAM permissions do not grant model access/);
    expect(access.fix.join(' ')).toMatch(/use-case form/);
    expect(report.verdict).toMatch(/has no access to model .* \(model access, not IAM\)/);
  });

  it('a missing Marketplace subscription is model access too', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        GetFoundationModelAvailability: bedrock.availability({
          modelId: MODEL,
          agreement: 'NOT_AVAILABLE',
          entitlement: 'NOT_AVAILABLE',
        }),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(report.causes[0]).toMatchObject({
      id: 'model_access_not_granted',
      title: 'Marketplace subscription missing for the model',
    });
    expect(check(report, 'model_access').fix[0]).toMatch(/aws-marketplace:Subscribe/);
  });

  it('a model that refuses on-demand invocation needs an inference profile', async () => {
    const nova = 'amazon.nova-pro-v1:0';
    const aws = mockDiagnosisScenario({
      modelId: nova,
      foundationModelId: nova,
      overrides: {
        ListInferenceProfiles: bedrock.listInferenceProfiles([
          {
            profileId: `us.${nova}`,
            accountId: ACCOUNT,
            sourceRegion: 'us-east-1',
            modelId: nova,
            regions: ['us-east-1', 'us-west-2'],
          },
        ]),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const access = check(report, 'model_access');
    expect(access.status).toBe('fail');
    expect(access.summary).toMatch(/does not support on-demand invocation/);
    expect(access.evidence['inference profiles with this model']).toEqual([`us.${nova}`]);
    expect(report.causes[0]?.id).toBe('inference_profile_required');
    expect(report.verdict).toBe(
      `${nova} cannot be invoked on demand: call it through an inference profile such as us.${nova}`,
    );
  });

  it('an unknown model id is invalid_model_id', async () => {
    const bad = 'anthropic.claude-9-opus-v9:0';
    const aws = mockDiagnosisScenario({
      modelId: bad,
      foundationModelId: bad,
      overrides: {
        GetFoundationModelAvailability: awsErrors.bedrock('ResourceNotFoundException', 'Model not found', 404),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'model_access').status).toBe('fail');
    expect(check(report, 'region').status).toBe('warn');
    expect(report.causes[0]?.id).toBe('invalid_model_id');
  });
});

describe('regions', () => {
  it('region without Bedrock: fails offline, no Bedrock call', async () => {
    const aws = mockDiagnosisScenario({ region: 'ap-east-1' });
    const report = await testEngine().diagnose(aws.target);
    const region = check(report, 'region');
    expect(region.status).toBe('fail');
    expect(region.summary).toBe('Amazon Bedrock is not offered in ap-east-1 (Hong Kong)');
    expect(region.fix[0]).toMatch(/such as ap-northeast-1/);
    expect(report.causes[0]?.id).toBe('region_unsupported');
    expect(check(report, 'model_access').status).toBe('skip');
    expect(check(report, 'control_path').status).toBe('skip');
    expect(aws.calls.ListFoundationModels?.paths ?? []).toHaveLength(0);
    expect(report.verdict).toMatch(/^Amazon Bedrock is not offered in ap-east-1/);
  });

  it('an opt-in region not enabled for the account refuses valid credentials', async () => {
    const aws = mockDiagnosisScenario({
      region: 'me-central-1',
      overrides: {
        ListFoundationModels: awsErrors.bedrock(
          'UnrecognizedClientException',
          'The security token included in the request is invalid.',
          403,
        ),
        GetCallerIdentity: awsErrors.sts(
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
        ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'region').status).toBe('fail');
    expect(check(report, 'control_path').status).toBe('fail');
    expect(report.causes[0]?.id).toBe('opt_in_region_token');
    expect(check(report, 'region').fix[0]).toMatch(/Enable me-central-1/);
  });
});

describe('the diagnostic role', () => {
  const denied = awsErrors.sts(
    'AccessDenied',
    `User: ${BOT_ARN} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`,
  );

  it('diagnostic role missing: says how to deploy it; the checks that need it skip', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        AssumeRole: denied,
        GetCallerIdentity: sts.getCallerIdentity({ account: '999988887777', arn: BOT_ARN }),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const role = check(report, 'diag_role');
    expect(role.status).toBe('fail');
    expect(role.summary).toMatch(/AccessDenied.*role does not exist.*trust policy.*external id/);
    expect(role.fix[0]).toContain('aws cloudformation deploy --template-file infra/diagnostic-role.yaml');
    expect(role.fix[0]).toContain(`BotRoleArn=${BOT_ARN}`);
    expect(role.evidence['bot principal']).toBe(BOT_ARN);
    expect(statuses(report)).toMatchObject({
      key_owner: 'pass',
      key_status: 'skip',
      permissions: 'skip',
      model_access: 'skip',
      control_path: 'skip',
      region: 'skip',
    });
    expect(check(report, 'key_status').summary).toMatch(/could not be assumed/);
    expect(report.causes).toEqual([]);
    expect(report.verdict).toBe(
      `Could not check account ${ACCOUNT}: the diagnostic role ${ROLE_NAME} could not be assumed (AccessDenied)`,
    );
  });

  it('wrong external id: the same AccessDenied, and the fix names the external id', async () => {
    const aws = mockDiagnosisScenario({ overrides: { AssumeRole: denied } });
    const report = await testEngine({
      aws: {
        region: 'us-east-1',
        diagRoleName: ROLE_NAME,
        diagExternalId: 'not-the-right-one',
        diagnosisDeadlineMs: 15_000,
      },
    }).diagnose(aws.target);
    expect(aws.calls.AssumeRole?.requests[0]?.ExternalId).toBe('not-the-right-one');
    const role = check(report, 'diag_role');
    expect(role.status).toBe('fail');
    expect(role.evidence['external id']).toBe('sent (DIAG_EXTERNAL_ID)');
    expect(role.fix.join('\n')).toMatch(/sts:ExternalId equal to DIAG_EXTERNAL_ID/);
    expect(JSON.stringify(report)).not.toContain('not-the-right-one');
  });

  it("the bot's own credentials rejected: error, not a finding about the account", async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        AssumeRole: awsErrors.sts('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'diag_role').status).toBe('error');
    expect(report.verdict).toMatch(/bot's own AWS credentials were rejected/);
  });

  it('a diagnostic role without a permission says which action it lacks', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: awsErrors.iam(
          'AccessDenied',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/diag is not authorized to perform: iam:ListAccessKeys on resource: user alice because no identity-based policy allows the iam:ListAccessKeys action`,
        ),
      },
    });
    const report = await testEngine().diagnose(aws.target);
    const status = check(report, 'key_status');
    expect(status.status).toBe('error');
    expect(status.summary).toBe('Could not check: the diagnostic role may not call iam:ListAccessKeys (AccessDenied)');
    expect(status.fix[0]).toMatch(/infra\/diagnostic-role\.yaml: it must allow iam:ListAccessKeys/);
    expect(check(report, 'region').status).toBe('pass');
  });

  it('a key IAM could not be read for still names the user of an IAM user principal ARN in the report', async () => {
    const denied = awsErrors.iam(
      'AccessDenied',
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/${ROLE_NAME}/diag is not authorized to perform: iam:ListAccessKeys on resource: user bob because no identity-based policy allows the iam:ListAccessKeys action`,
    );
    const aws = mockDiagnosisScenario({ overrides: { ListAccessKeys: denied } });
    const report = await testEngine().diagnose({
      ...aws.target,
      principalArn: `arn:aws:iam::${ACCOUNT}:user/path/bob`,
    });
    expect(check(report, 'key_status').status).toBe('error');
    expect(report.key).toEqual({ id: KEY, userName: 'bob' });
  });

  it('the cached role is reused on the second diagnosis: one AssumeRole call', async () => {
    const aws = mockDiagnosisScenario();
    const engine = testEngine();
    const first = await engine.diagnose(aws.target, { requestedBy: 'U0ALICE' });
    const second = await engine.diagnose(aws.target, { requestedBy: 'U0ALICE' });
    expect(aws.calls.AssumeRole?.requests).toHaveLength(1);
    expect(check(first, 'diag_role').evidence['reused cached session']).toBe(false);
    expect(check(second, 'diag_role').evidence['reused cached session']).toBe(true);
    expect(check(second, 'diag_role').summary).toMatch(/cached session reused/);
    expect(second.causes).toEqual([]);
    // Another person gets their own session, so that CloudTrail shows who asked.
    await engine.diagnose(aws.target, { requestedBy: 'U0BOB' });
    expect(aws.calls.AssumeRole?.requests.map((r) => r.RoleSessionName)).toEqual(['diag-U0ALICE', 'diag-U0BOB']);
  });

  it('concurrent diagnoses of one account share one AssumeRole call', async () => {
    const aws = mockDiagnosisScenario({ delayMs: { AssumeRole: 50 } });
    const engine = testEngine();
    const reports = await Promise.all([engine.diagnose(aws.target), engine.diagnose(aws.target)]);
    expect(aws.calls.AssumeRole?.requests).toHaveLength(1);
    for (const r of reports) expect(r.causes).toEqual([]);
  });
});

describe('resilience', () => {
  it('throttling then success: retried with backoff, the report is clean', async () => {
    const aws = mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: [
          awsErrors.iam('Throttling', 'Rate exceeded', 400),
          iam.listAccessKeys(USER, [{ id: KEY, status: 'Active', createDate: new Date(Date.now() - 30 * day) }]),
        ],
        ListFoundationModels: [
          awsErrors.bedrock('ThrottlingException', 'Too many requests, please wait before trying again.', 429),
          bedrock.listFoundationModels([{ modelId: MODEL }]),
        ],
      },
    });
    const engine = testEngine({
      clientSettings: { maxAttempts: 3, baseDelayMs: 1, throttlingBaseDelayMs: 5, maxDelayMs: 20 },
    });
    const report = await engine.diagnose(aws.target);
    expect(report.causes).toEqual([]);
    expect(check(report, 'key_status').status).toBe('pass');
    expect(aws.calls.ListAccessKeys?.requests).toHaveLength(2);
    expect(aws.calls.ListFoundationModels?.paths).toHaveLength(2);
    expect(aws.calls.ListAccessKeys?.headers[1]?.['amz-sdk-request']).toBe('attempt=2; max=3');
  });

  it('throttling beyond the retries: that check says so, the others stand', async () => {
    const aws = mockDiagnosisScenario({
      overrides: { ListAccessKeys: awsErrors.iam('Throttling', 'Rate exceeded', 400) },
    });
    const engine = testEngine({
      clientSettings: { maxAttempts: 2, baseDelayMs: 1, throttlingBaseDelayMs: 1, maxDelayMs: 2 },
    });
    const report = await engine.diagnose(aws.target);
    expect(check(report, 'key_status')).toMatchObject({ status: 'error' });
    expect(check(report, 'key_status').summary).toMatch(/throttling iam:ListAccessKeys after 2 attempts/);
    expect(check(report, 'model_access').status).toBe('pass');
    expect(aws.calls.ListAccessKeys?.requests).toHaveLength(2);
  });

  it('one check timing out: it reports "timed out" while the others complete', async () => {
    const aws = mockDiagnosisScenario({ delayMs: { SimulatePrincipalPolicy: 4_000 } });
    const report = await testEngine().diagnose(aws.target, { deadlineMs: 800 });
    const perms = check(report, 'permissions');
    expect(perms.status).toBe('error');
    expect(perms.summary).toMatch(/^Timed out: not finished within the 0\.8 s deadline/);
    expect(statuses(report)).toMatchObject({
      diag_role: 'pass',
      key_owner: 'pass',
      key_status: 'pass',
      region: 'pass',
      model_access: 'pass',
      control_path: 'pass',
    });
    expect(report.causes).toEqual([]);
    expect(report.verdict).toMatch(/iam permissions was not confirmed: Timed out/);
  });

  it('AssumeRole outliving the deadline: the checks that need the role time out, the bot-side ones stand', async () => {
    const aws = mockDiagnosisScenario({ delayMs: { AssumeRole: 4_000 } });
    const report = await testEngine().diagnose(aws.target, { deadlineMs: 500 });
    expect(check(report, 'key_owner').status).toBe('pass');
    for (const id of ['diag_role', 'key_status', 'region', 'permissions', 'model_access', 'control_path'] as const) {
      expect(check(report, id).status).toBe('error');
      expect(check(report, id).summary).toMatch(/^Timed out/);
    }
    expect(report.verdict).toMatch(
      /^No fault found in account 111122223333, but diagnostic role, .* were not confirmed/,
    );
  });

  it('an onCheck callback that throws never breaks the engine, and sees every check', async () => {
    mockDiagnosisScenario();
    const seen: string[] = [];
    const report = await testEngine().diagnose(
      { accountId: ACCOUNT, accessKeyId: KEY, modelId: MODEL },
      {
        onCheck: (c) => {
          seen.push(c.id);
          throw new Error('slack is down');
        },
      },
    );
    expect(seen).toHaveLength(11);
    expect(seen).toContain('diag_role');
    expect(report.causes).toEqual([]);
  });

  it('a cancelled diagnosis stops its checks', async () => {
    const aws = mockDiagnosisScenario({ delayMs: 2_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const report = await testEngine().diagnose(aws.target, { signal: controller.signal });
    for (const c of report.checks) {
      if (c.status !== 'skip') expect(c.summary).toMatch(/Cancelled/);
    }
    expect(check(report, 'diag_role').status).toBe('error');
  });
});

describe('triage and the report', () => {
  const triage = (causes: Triage['causes']): Triage => ({
    entities: {},
    causes,
    secretsFound: false,
    commands: [],
    findings: [],
    truncated: false,
  });

  it('drops triage hypotheses the checks disproved, keeps the ones they cannot see', async () => {
    mockDiagnosisScenario();
    const report = await testEngine().diagnose(
      { accountId: ACCOUNT, accessKeyId: KEY, modelId: MODEL },
      {
        triage: triage([
          { id: 'key_inactive', confidence: 0.5, title: 'Key inactive', why: 'pasted', fix: [] },
          {
            id: 'clock_skew',
            confidence: 0.3,
            title: 'Clock skew',
            why: 'Signature expired in the text',
            fix: ['ntp'],
          },
        ]),
      },
    );
    expect(report.causes.map((c) => c.id)).toEqual(['clock_skew']);
    expect(report.verdict).toMatch(/from the pasted error, not confirmed live/);
  });

  it('reinforces a triage cause the checks confirm', async () => {
    mockDiagnosisScenario({
      overrides: {
        ListAccessKeys: iam.listAccessKeys(USER, [{ id: KEY, status: 'Inactive', createDate: '2025-01-01T00:00:00Z' }]),
      },
    });
    const report = await testEngine().diagnose(
      { accountId: ACCOUNT, accessKeyId: KEY },
      {
        triage: triage([
          { id: 'key_not_found', confidence: 0.5, title: 'Key not found', why: 'pasted', fix: [] },
          { id: 'key_inactive', confidence: 0.4, title: 'Key inactive', why: 'pasted', fix: ['reactivate'] },
        ]),
      },
    );
    expect(report.causes.map((c) => c.id)).toEqual(['key_inactive']);
    expect(report.causes[0]?.confidence).toBeGreaterThan(0.95);
    expect(report.causes[0]?.why).toMatch(/the pasted error points the same way/);
  });

  it('fills the target from triage entities when the caller gave none, ignoring invalid ones', async () => {
    const aws = mockDiagnosisScenario();
    const report = await testEngine().diagnose(
      { accountId: ACCOUNT },
      {
        triage: {
          ...triage([]),
          entities: { accessKeyId: KEY, modelId: 'sonnet', region: 'us-east-1' },
        },
      },
    );
    expect(report.target).toEqual({ accountId: ACCOUNT, region: 'us-east-1', accessKeyId: KEY });
    expect(check(report, 'model_access').status).toBe('skip');
    expect(aws.calls.GetAccessKeyInfo?.requests[0]?.AccessKeyId).toBe(KEY);
  });
});

describe('validation before any AWS call', () => {
  it.each([
    [{ accountId: '12345' }, /has 5 digits/],
    [{ accountId: 'prod' }, /not an AWS account id/],
    [{ accountId: ACCOUNT, accessKeyId: 'AKIA123' }, /7 characters/],
    [{ accountId: ACCOUNT, accessKeyId: 'AKIAIOSFODNN7EXAMP1E' }, /never appear in key ids/],
    [{ accountId: ACCOUNT, accessKeyId: 'AIDAJQABLZS4A3QDU576Q' }, /IAM user id/],
    [{ accountId: ACCOUNT, region: 'us-east-1a' }, /availability zone/],
    [{ accountId: ACCOUNT, region: 'mars-north-1' }, /not an AWS region this tool knows/],
    [{ accountId: ACCOUNT, region: 'cn-north-1' }, /partition aws-cn/],
    [{ accountId: ACCOUNT, modelId: 'sonnet' }, /friendly names like "sonnet" are not model ids/],
    [{ accountId: ACCOUNT, principalArn: `arn:aws:iam::${OTHER_ACCOUNT}:user/bob` }, /in account 444455556666, not/],
    [{ accountId: ACCOUNT, principalArn: 'bob' }, /not an ARN/],
  ])('%j is refused with a precise message', async (target, message) => {
    const aws = mockDiagnosisScenario();
    const engine = testEngine();
    const error = await engine.diagnose(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetValidationError);
    expect((error as Error).message).toMatch(message);
    const calls = Object.values(aws.calls).reduce((n, handle) => n + (handle?.paths.length ?? 0), 0);
    expect(calls).toBe(0);
  });

  it('names every problem at once', async () => {
    const error = await testEngine()
      .diagnose({ accountId: '1', accessKeyId: 'nope', region: 'nowhere', modelId: 'x' })
      .catch((e: unknown) => e);
    expect((error as TargetValidationError).problems).toHaveLength(4);
  });
});
