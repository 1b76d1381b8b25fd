/**
 * The api_key check against nock in the real wire formats (IAM awsQuery XML of ListServiceSpecificCredentials and
 * SimulatePrincipalPolicy, botocore's iam service model): long-term keys active / inactive / deleted / expired /
 * of a deleted user / of another account, a principal without bedrock:CallWithBearerToken, an SCP denying it,
 * short-term keys in the wrong region, past expiry, signed by a deleted key, made from a role session.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyTarget } from '../../src/bedrock-api-keys/index.js';
import type { Target } from '../../src/report.js';
import { awsErrors, formContextValues, formList, iam } from '../helpers/aws-mock.js';
import { fakeSessionToken, makeLongTermKey, makeShortTermKey } from '../helpers/bedrock-api-keys.js';
import {
  ACCOUNT,
  checkOf,
  keyIdForAccount,
  mockDiagnosisScenario,
  OTHER_ACCOUNT,
  simulationAnswer,
  testEngine,
} from '../helpers/diagnosis-scenario.js';

afterEach(() => {
  nock.cleanAll();
});

const day = 86_400_000;
const KEY_USER = 'BedrockAPIKey-h42z';
const LONG_KEY = makeLongTermKey({ userName: KEY_USER, accountId: ACCOUNT });

const check = checkOf;

function target(key: string, extra: Partial<Target> = {}): Target {
  const apiKey = apiKeyTarget(key);
  if (!apiKey) throw new Error('not an API key');
  return { accountId: ACCOUNT, apiKey, ...extra };
}

function credentialRow(overrides: Partial<Parameters<typeof iam.listServiceSpecificCredentials>[0][number]> = {}) {
  return {
    userName: KEY_USER,
    status: 'Active' as const,
    alias: `${KEY_USER}-at-${ACCOUNT}`,
    createDate: new Date(Date.now() - 40 * day),
    id: 'ACCAEXAMPLEBEDROCKKEY1',
    ...overrides,
  };
}

describe('api_key: long-term keys', () => {
  it('an active key whose user may call CallWithBearerToken passes; the simulation carries BearerTokenType', async () => {
    const aws = mockDiagnosisScenario({ userName: KEY_USER });
    const report = await testEngine().diagnose(target(LONG_KEY, { region: 'us-east-1' }));
    const apiKey = check(report, 'api_key');
    expect(apiKey.status).toBe('pass');
    expect(apiKey.summary).toBe(
      `The long-term API key of ${KEY_USER} is Active; it never expires, and ${KEY_USER} may call bedrock:CallWithBearerToken`,
    );
    expect(apiKey.evidence).toMatchObject({
      user: KEY_USER,
      'credential id': 'ACCAEXAMPLEBEDROCKKEY1',
      status: 'Active',
      expires: 'never (no expiry was set)',
      'principal behind the key': `arn:aws:iam::${ACCOUNT}:user/${KEY_USER}`,
    });
    expect(apiKey.fix.join(' ')).toMatch(/never expire are a standing risk/);
    const listed = aws.calls.ListServiceSpecificCredentials?.requests[0];
    expect(listed).toMatchObject({
      Action: 'ListServiceSpecificCredentials',
      Version: '2010-05-08',
      UserName: KEY_USER,
      ServiceName: 'bedrock.amazonaws.com',
    });
    const simulations = aws.calls.SimulatePrincipalPolicy?.requests ?? [];
    const bearer = simulations.find((b) => formList(b, 'ActionNames').includes('bedrock:CallWithBearerToken'));
    expect(bearer && formContextValues(bearer, 'bedrock:BearerTokenType')).toEqual(['LONG_TERM']);
    expect(bearer?.PolicySourceArn).toBe(`arn:aws:iam::${ACCOUNT}:user/${KEY_USER}`);
    // The permissions check simulates the key's user too, as a bearer-token call.
    const invoke = simulations.find((b) =>
      formList(b, 'ActionNames').includes('bedrock:InvokeModelWithResponseStream'),
    );
    expect(invoke && formContextValues(invoke, 'bedrock:BearerTokenType')).toEqual(['LONG_TERM']);
    expect(check(report, 'permissions').evidence.principal).toBe(
      `arn:aws:iam::${ACCOUNT}:user/${KEY_USER} (behind the API key)`,
    );
    expect(report.causes).toEqual([]);
    expect(report.apiKeyRecord).toEqual({
      userName: KEY_USER,
      credentialId: 'ACCAEXAMPLEBEDROCKKEY1',
      status: 'Active',
    });
    expect(JSON.stringify(report)).not.toContain(LONG_KEY.slice(4, 40));
  });

  it('Inactive: fails with bedrock_api_key, says how to reactivate', async () => {
    mockDiagnosisScenario({
      userName: KEY_USER,
      overrides: {
        ListServiceSpecificCredentials: iam.listServiceSpecificCredentials([credentialRow({ status: 'Inactive' })]),
      },
    });
    const report = await testEngine().diagnose(target(LONG_KEY));
    const apiKey = check(report, 'api_key');
    expect(apiKey.status).toBe('fail');
    expect(apiKey.summary).toBe(`The long-term API key of ${KEY_USER} is Inactive (deactivated)`);
    expect(report.causes[0]).toMatchObject({ id: 'bedrock_api_key', title: 'Bedrock API key deactivated' });
    expect(apiKey.fix).toContainEqual(
      `Otherwise reactivate it: aws iam update-service-specific-credential --user-name ${KEY_USER} --service-specific-credential-id ACCAEXAMPLEBEDROCKKEY1 --status Active`,
    );
    expect(report.verdict).toContain(`The long-term API key of ${KEY_USER} is Inactive`);
    expect(report.apiKeyRecord?.status).toBe('Inactive');
  });

  it('expired: by IAM status, and by an expiry date already passed while IAM still says Active', async () => {
    for (const row of [
      credentialRow({ status: 'Expired', expirationDate: new Date(Date.now() - 2 * day) }),
      credentialRow({ status: 'Active', expirationDate: new Date(Date.now() - 60_000) }),
    ]) {
      mockDiagnosisScenario({
        userName: KEY_USER,
        overrides: { ListServiceSpecificCredentials: iam.listServiceSpecificCredentials([row]) },
      });
      const report = await testEngine().diagnose(target(LONG_KEY));
      expect(check(report, 'api_key').summary).toMatch(new RegExp(`^The long-term API key of ${KEY_USER} expired on `));
      expect(report.causes[0]).toMatchObject({ id: 'bedrock_api_key', title: 'Bedrock API key expired' });
      nock.cleanAll();
    }
  });

  it('deleted: the user holds other keys but none with this alias', async () => {
    mockDiagnosisScenario({
      userName: KEY_USER,
      overrides: {
        ListServiceSpecificCredentials: iam.listServiceSpecificCredentials([
          credentialRow({ alias: `${KEY_USER}-at-${ACCOUNT}-new1`, id: 'ACCAEXAMPLEBEDROCKKEY2' }),
        ]),
      },
    });
    const report = await testEngine().diagnose(target(LONG_KEY));
    const apiKey = check(report, 'api_key');
    expect(apiKey.summary).toBe(
      `User ${KEY_USER} has no Bedrock API key with this key's alias any more: the key was deleted`,
    );
    expect(apiKey.evidence["user's Bedrock API keys"]).toEqual([
      expect.stringMatching(/^ACCAEXAMPLEBEDROCKKEY2 Active/),
    ]);
    expect(report.causes[0]).toMatchObject({ id: 'bedrock_api_key', title: 'Bedrock API key deleted' });
  });

  it("the key's user was deleted (NoSuchEntity)", async () => {
    mockDiagnosisScenario({
      userName: KEY_USER,
      overrides: {
        ListServiceSpecificCredentials: awsErrors.iam(
          'NoSuchEntity',
          `The user with name ${KEY_USER} cannot be found.`,
          404,
        ),
        GetUser: awsErrors.iam('NoSuchEntity', `The user with name ${KEY_USER} cannot be found.`, 404),
      },
    });
    const report = await testEngine().diagnose(target(LONG_KEY));
    expect(check(report, 'api_key').summary).toBe(
      `User ${KEY_USER} no longer exists in account ${ACCOUNT}: its API keys went with it`,
    );
    expect(report.causes[0]?.id).toBe('bedrock_api_key');
  });

  it('a principal without bedrock:CallWithBearerToken: missing_iam_permission, every API-key call refused', async () => {
    mockDiagnosisScenario({
      userName: KEY_USER,
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action === 'bedrock:CallWithBearerToken' ? { decision: 'implicitDeny', matched: [] } : {},
          ),
      },
    });
    const report = await testEngine().diagnose(target(LONG_KEY));
    const apiKey = check(report, 'api_key');
    expect(apiKey.status).toBe('fail');
    expect(apiKey.summary).toBe(
      `No policy of user ${KEY_USER} allows bedrock:CallWithBearerToken, so every API-key call is refused`,
    );
    expect(report.causes[0]?.id).toBe('missing_iam_permission');
    expect(report.causes[0]?.why).toMatch(/every call with a Bedrock API key is authorized on it/);
  });

  it('an SCP that denies bedrock:CallWithBearerToken: explicit_deny, attributed to the SCP', async () => {
    mockDiagnosisScenario({
      userName: KEY_USER,
      overrides: {
        SimulatePrincipalPolicy: (body) =>
          simulationAnswer(body, (action) =>
            action === 'bedrock:CallWithBearerToken'
              ? { decision: 'explicitDeny', allowedByOrganizations: false, matched: [] }
              : {},
          ),
      },
    });
    const report = await testEngine().diagnose(target(LONG_KEY));
    const apiKey = check(report, 'api_key');
    expect(apiKey.summary).toBe(
      `bedrock:CallWithBearerToken is denied to user ${KEY_USER} by a service control policy (SCP) of the organization`,
    );
    expect(apiKey.evidence['bedrock:CallWithBearerToken (BearerTokenType LONG_TERM)']).toMatch(
      /an SCP of the organization does not allow it/,
    );
    expect(report.causes[0]).toMatchObject({ id: 'explicit_deny', title: 'bedrock:CallWithBearerToken denied' });
    expect(apiKey.fix[0]).toMatch(/Deny Bedrock API keys/);
  });

  it('a key of another account settles the matter without an AWS call about it', async () => {
    const aws = mockDiagnosisScenario({ userName: KEY_USER });
    const key = makeLongTermKey({ userName: KEY_USER, accountId: OTHER_ACCOUNT });
    const report = await testEngine().diagnose(target(key));
    expect(check(report, 'api_key').summary).toBe(
      `The long-term API key belongs to account ${OTHER_ACCOUNT}, not ${ACCOUNT}`,
    );
    expect(report.causes).toHaveLength(1);
    expect(report.causes[0]?.title).toBe('Bedrock API key of another account');
    expect(aws.calls.ListServiceSpecificCredentials?.requests ?? []).toEqual([]);
  });

  it('a malformed key fails offline', async () => {
    mockDiagnosisScenario({ userName: KEY_USER });
    const report = await testEngine().diagnose(target(`ABSK${Buffer.from('not-a-key').toString('base64')}`));
    expect(check(report, 'api_key').summary).toMatch(/^The long-term \(ABSK\.\.\.\) Bedrock API key does not decode/);
    expect(report.causes[0]?.title).toBe('Bedrock API key malformed');
  });

  it('no API key: skipped with how to give one', async () => {
    const aws = mockDiagnosisScenario();
    const report = await testEngine().diagnose(aws.target);
    expect(check(report, 'api_key')).toMatchObject({
      status: 'skip',
      summary: expect.stringMatching(/^No Bedrock API key given/),
    });
  });
});

describe('api_key: short-term keys', () => {
  const userKeyId = keyIdForAccount(ACCOUNT, 'AKIA', 7);

  it('valid, in its region, signed by an active user key: passes, simulating the user with SHORT_TERM', async () => {
    const aws = mockDiagnosisScenario({ keyId: userKeyId });
    const key = await makeShortTermKey({
      accessKeyId: userKeyId,
      region: 'eu-west-1',
      signingDate: new Date(Date.now() - 3_600_000),
    });
    const report = await testEngine().diagnose(target(key));
    const apiKey = check(report, 'api_key');
    expect(report.target.region).toBe('eu-west-1');
    expect(apiKey.status).toBe('pass');
    expect(apiKey.summary).toMatch(
      /^The short-term API key is valid in eu-west-1 until .*, and user alice may call bedrock:CallWithBearerToken$/,
    );
    expect(apiKey.evidence).toMatchObject({
      'presigning key status': 'Active',
      'valid for': expect.stringMatching(/^another 11 h at most$/),
    });
    const bearer = (aws.calls.SimulatePrincipalPolicy?.requests ?? []).find((b) =>
      formList(b, 'ActionNames').includes('bedrock:CallWithBearerToken'),
    );
    expect(bearer && formContextValues(bearer, 'bedrock:BearerTokenType')).toEqual(['SHORT_TERM']);
    expect(bearer && formContextValues(bearer, 'aws:RequestedRegion')).toEqual(['eu-west-1']);
    expect(aws.calls.GetAccessKeyLastUsed?.requests[0]?.AccessKeyId).toBe(userKeyId);
    // A leaked short-term key cannot be revoked: the documented containment, as guidance with the exact policy.
    const containment = apiKey.fix.find((f) => f.startsWith('If this key leaked'));
    expect(containment).toMatch(/Attach this inline policy to user alice/);
    const policy = JSON.parse(containment?.slice(containment.indexOf('{')) ?? '{}') as {
      Statement: { Effect: string; Action: string; Condition: Record<string, Record<string, string>> }[];
    };
    expect(policy.Statement[0]).toMatchObject({
      Effect: 'Deny',
      Action: 'bedrock:CallWithBearerToken',
      Condition: { StringEquals: { 'bedrock:BearerTokenType': 'SHORT_TERM' } },
    });
    expect(policy.Statement[0]?.Condition.DateLessThan?.['aws:CurrentTime']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('used in another region than the one it was made in', async () => {
    mockDiagnosisScenario({ keyId: userKeyId, region: 'us-west-2' });
    const key = await makeShortTermKey({ accessKeyId: userKeyId, region: 'us-east-1', signingDate: new Date() });
    const report = await testEngine().diagnose(target(key, { region: 'us-west-2' }));
    const apiKey = check(report, 'api_key');
    expect(apiKey.status).toBe('fail');
    expect(apiKey.summary).toBe('The short-term API key works only in us-east-1, but the call goes to us-west-2');
    expect(report.causes[0]).toMatchObject({ id: 'bedrock_api_key', title: 'Bedrock API key from another region' });
  });

  it('past its expiry', async () => {
    mockDiagnosisScenario({ keyId: userKeyId });
    const key = await makeShortTermKey({
      accessKeyId: userKeyId,
      region: 'us-east-1',
      expiresIn: 3600,
      signingDate: new Date(Date.now() - 3 * 3_600_000),
    });
    const report = await testEngine().diagnose(target(key));
    expect(check(report, 'api_key').summary).toMatch(/^The short-term API key expired at \S+ \(2 h ago\)$/);
    expect(report.causes[0]).toMatchObject({ id: 'bedrock_api_key', title: 'Bedrock API key expired' });
  });

  it('signed by an access key IAM no longer knows, or by a deactivated one', async () => {
    mockDiagnosisScenario({
      keyId: userKeyId,
      overrides: {
        GetAccessKeyLastUsed: awsErrors.iam('NoSuchEntity', 'The Access Key with id ... cannot be found', 404),
      },
    });
    const key = await makeShortTermKey({ accessKeyId: userKeyId, region: 'us-east-1', signingDate: new Date() });
    const gone = await testEngine().diagnose(target(key));
    expect(check(gone, 'api_key').summary).toBe(
      `The access key that presigned the API key (${userKeyId}) is not in account ${ACCOUNT} any more`,
    );
    nock.cleanAll();
    mockDiagnosisScenario({
      keyId: userKeyId,
      overrides: {
        ListAccessKeys: iam.listAccessKeys('alice', [{ id: userKeyId, status: 'Inactive', createDate: new Date() }]),
      },
    });
    const inactive = await testEngine().diagnose(target(key));
    expect(check(inactive, 'api_key').summary).toBe(
      `The access key that presigned the API key (${userKeyId} of alice) is Inactive`,
    );
  });

  it('made from a role session: the role is simulated when given, named as missing otherwise', async () => {
    const sessionKey = keyIdForAccount(ACCOUNT, 'ASIA', 3);
    const key = await makeShortTermKey({
      accessKeyId: sessionKey,
      sessionToken: fakeSessionToken(),
      region: 'us-east-1',
      signingDate: new Date(),
    });
    mockDiagnosisScenario();
    const bare = await testEngine().diagnose(target(key));
    const unknown = check(bare, 'api_key');
    expect(unknown.status).toBe('pass');
    expect(unknown.evidence['bedrock:CallWithBearerToken']).toMatch(/give principal=<role ARN>/);
    expect(check(bare, 'permissions').status).toBe('skip');
    nock.cleanAll();
    const aws = mockDiagnosisScenario();
    const withRole = await testEngine().diagnose(
      target(key, { principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/app-role/i-0abc` }),
    );
    expect(check(withRole, 'api_key').summary).toMatch(/and role app-role may call bedrock:CallWithBearerToken$/);
    const bearer = (aws.calls.SimulatePrincipalPolicy?.requests ?? []).find((b) =>
      formList(b, 'ActionNames').includes('bedrock:CallWithBearerToken'),
    );
    expect(bearer?.PolicySourceArn).toBe(`arn:aws:iam::${ACCOUNT}:role/app-role`);
  });
});
