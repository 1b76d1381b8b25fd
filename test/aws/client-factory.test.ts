import { ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { type AwsCallEvent, createAwsClientFactory } from '../../src/aws/client-factory.js';
import { classifyAwsError } from '../../src/aws/errors.js';
import {
  bedrock,
  FAST_CLIENT_SETTINGS,
  iam,
  mockBedrock,
  mockQuery,
  mockSts,
  sts,
  TEST_CREDENTIALS,
} from '../helpers/aws-mock.js';
import { ACCOUNT, mockDiagnosisScenario, testEngine } from '../helpers/diagnosis-scenario.js';

const ENDPOINT_VARS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_IAM', 'AWS_ENDPOINT_URL_BEDROCK'];

afterEach(() => {
  nock.cleanAll();
  for (const name of ENDPOINT_VARS) delete process.env[name];
});

describe('createAwsClientFactory', () => {
  it("honours the SDK's AWS_ENDPOINT_URL_STS / _IAM / _BEDROCK variables", async () => {
    process.env.AWS_ENDPOINT_URL_STS = 'http://localhost:4566';
    process.env.AWS_ENDPOINT_URL_IAM = 'http://localhost:4567';
    process.env.AWS_ENDPOINT_URL_BEDROCK = 'http://localhost:4568';
    const stsMock = mockQuery(
      'http://localhost:4566',
      'GetCallerIdentity',
      sts.getCallerIdentity({ account: ACCOUNT, arn: 'arn:aws:iam::111122223333:user/x' }),
    );
    const iamMock = mockQuery('http://localhost:4567', 'ListAccessKeys', iam.listAccessKeys('x', []));
    const bedrockMock = mockBedrock(
      'us-east-1',
      'GET',
      '/foundation-models',
      bedrock.listFoundationModels([]),
      {},
      'http://localhost:4568',
    );
    const clients = createAwsClientFactory({ settings: FAST_CLIENT_SETTINGS, botCredentials: TEST_CREDENTIALS });
    await clients.sts('us-east-1').send(new GetCallerIdentityCommand({}));
    await clients.iam('us-east-1').send(new ListAccessKeysCommand({ UserName: 'x' }));
    await clients.bedrock('us-east-1').send(new ListFoundationModelsCommand({}));
    expect(stsMock.requests).toHaveLength(1);
    expect(iamMock.requests).toHaveLength(1);
    expect(bedrockMock.paths).toHaveLength(1);
    clients.destroy();
  });

  it('a whole diagnosis follows AWS_ENDPOINT_URL_STS for the AssumeRole call', async () => {
    process.env.AWS_ENDPOINT_URL_STS = 'http://localhost:4566';
    const aws = mockDiagnosisScenario({
      overrides: { AssumeRole: 'none', GetAccessKeyInfo: 'none', GetCallerIdentity: 'none' },
    });
    const assume = mockQuery('http://localhost:4566', 'AssumeRole', (body) =>
      sts.assumeRole({
        accountId: ACCOUNT,
        roleName: 'BedrockDiagnosticsRole',
        sessionName: body.RoleSessionName,
        expiration: new Date(Date.now() + 900_000),
      }),
    );
    mockQuery('http://localhost:4566', 'GetAccessKeyInfo', sts.getAccessKeyInfo(ACCOUNT));
    mockQuery(
      'http://localhost:4566',
      'GetCallerIdentity',
      sts.getCallerIdentity({ account: ACCOUNT, arn: 'arn:aws:sts::111122223333:assumed-role/R/s' }),
    );
    const engine = testEngine();
    const report = await engine.diagnose(aws.target);
    engine.close();
    expect(assume.requests).toHaveLength(1);
    expect(report.checks.every((c) => c.status === 'pass' || (c.id === 'api_key' && c.status === 'skip'))).toBe(true);
  });

  it('reuses one client per service, region and credentials, in a bounded cache', () => {
    const clients = createAwsClientFactory({ botCredentials: TEST_CREDENTIALS, maxClients: 3 });
    const source = { cacheKey: 'role:a', provider: async () => TEST_CREDENTIALS };
    expect(clients.bedrock('us-east-1', source)).toBe(clients.bedrock('us-east-1', source));
    expect(clients.bedrock('us-west-2', source)).not.toBe(clients.bedrock('us-east-1', source));
    expect(clients.iam('us-east-1', source)).toBe(clients.iam('eu-west-1', source));
    expect(clients.sts('us-east-1')).not.toBe(clients.sts('us-east-1', source));
    expect(clients.size()).toBe(3);
    clients.destroy();
  });

  it('a request that outlives requestTimeout fails with a TimeoutError', async () => {
    mockSts(
      'us-east-1',
      'GetCallerIdentity',
      sts.getCallerIdentity({ account: ACCOUNT, arn: 'arn:aws:iam::1:user/x' }),
      {
        delayMs: 1_000,
      },
    );
    const clients = createAwsClientFactory({
      settings: { ...FAST_CLIENT_SETTINGS, requestTimeoutMs: 100 },
      botCredentials: TEST_CREDENTIALS,
    });
    const error = await clients
      .sts('us-east-1')
      .send(new GetCallerIdentityCommand({}))
      .catch((e: unknown) => e);
    expect(classifyAwsError(error).kind).toBe('timeout');
    clients.destroy();
  });

  it('reports every call to onAwsCall, and an observer that throws changes nothing', async () => {
    mockSts(
      'us-east-1',
      'GetCallerIdentity',
      sts.getCallerIdentity({ account: ACCOUNT, arn: 'arn:aws:iam::1:user/x' }),
    );
    mockBedrock('us-west-2', 'GET', '/foundation-models', {
      status: 403,
      body: JSON.stringify({ message: 'denied' }),
      headers: { 'x-amzn-ErrorType': 'AccessDeniedException' },
    });
    const events: AwsCallEvent[] = [];
    const clients = createAwsClientFactory({
      settings: FAST_CLIENT_SETTINGS,
      botCredentials: TEST_CREDENTIALS,
      onAwsCall: (e) => {
        events.push(e);
        throw new Error('metrics broke');
      },
    });
    await clients.sts('us-east-1').send(new GetCallerIdentityCommand({}));
    await expect(clients.bedrock('us-west-2').send(new ListFoundationModelsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    expect(events.map(({ durationMs: _d, ...e }) => e)).toEqual([
      { service: 'STS', operation: 'GetCallerIdentity', region: 'us-east-1', ok: true, attempts: 1 },
      {
        service: 'Bedrock',
        operation: 'ListFoundationModels',
        region: 'us-west-2',
        ok: false,
        errorName: 'AccessDeniedException',
        attempts: 1,
      },
    ]);
    clients.destroy();
  });
});
