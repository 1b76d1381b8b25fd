import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createRoleAssumer } from '../../src/aws/assume-role.js';
import { createAwsClientFactory } from '../../src/aws/client-factory.js';
import { awsErrors, FAST_CLIENT_SETTINGS, mockSts, sts, TEST_CREDENTIALS } from '../helpers/aws-mock.js';

afterEach(() => {
  nock.cleanAll();
});

const T0 = Date.parse('2026-11-26T12:00:00Z');
const request = {
  accountId: '111122223333',
  roleName: 'BedrockDiagnosticsRole',
  externalId: 'ext-1',
  sessionName: 'diag-alice',
};

function setup(expiresInMs = 15 * 60_000) {
  let now = T0;
  const clients = createAwsClientFactory({ settings: FAST_CLIENT_SETTINGS, botCredentials: TEST_CREDENTIALS });
  const assumer = createRoleAssumer({ clients, stsRegion: 'us-east-1', now: () => now });
  const mock = mockSts('us-east-1', 'AssumeRole', (body) =>
    sts.assumeRole({
      accountId: request.accountId,
      roleName: request.roleName,
      sessionName: body.RoleSessionName,
      expiration: new Date(now + expiresInMs),
    }),
  );
  return { assumer, mock, advance: (ms: number) => (now += ms), clients };
}

describe('createRoleAssumer', () => {
  it('sends the role ARN, external id, session name and the minimum duration', async () => {
    const { assumer, mock } = setup();
    const role = await assumer.assumeRoleCredentials(request);
    expect(mock.requests[0]).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: 'arn:aws:iam::111122223333:role/BedrockDiagnosticsRole',
      RoleSessionName: 'diag-alice',
      ExternalId: 'ext-1',
      DurationSeconds: '900',
    });
    expect(role).toMatchObject({
      roleArn: 'arn:aws:iam::111122223333:role/BedrockDiagnosticsRole',
      assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/BedrockDiagnosticsRole/diag-alice',
      fromCache: false,
    });
    expect(role.credentials.sessionToken).toBeTruthy();
  });

  it('omits ExternalId when none is configured', async () => {
    const { assumer, mock } = setup();
    await assumer.assumeRoleCredentials({ ...request, externalId: undefined });
    expect(mock.requests[0]).not.toHaveProperty('ExternalId');
  });

  it('serves the cache until five minutes before expiry, then assumes again', async () => {
    const { assumer, mock, advance } = setup(15 * 60_000);
    await assumer.assumeRoleCredentials(request);
    advance(9 * 60_000); // 6 minutes left
    expect((await assumer.assumeRoleCredentials(request)).fromCache).toBe(true);
    expect(mock.requests).toHaveLength(1);
    advance(60_001); // under 5 minutes left
    expect((await assumer.assumeRoleCredentials(request)).fromCache).toBe(false);
    expect(mock.requests).toHaveLength(2);
  });

  it('keeps one session per account, role and requester', async () => {
    const { assumer, mock } = setup();
    await assumer.assumeRoleCredentials(request);
    await assumer.assumeRoleCredentials({ ...request, sessionName: 'diag-bob' });
    await assumer.assumeRoleCredentials({ ...request, accountId: '444455556666' });
    await assumer.assumeRoleCredentials({ ...request, roleName: 'BedrockKeyRemediationRole' });
    await assumer.assumeRoleCredentials(request);
    expect(mock.requests).toHaveLength(4);
    expect(assumer.size()).toBe(4);
  });

  it('shares one in-flight call among concurrent callers', async () => {
    const { assumer, mock } = setup();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => assumer.assumeRoleCredentials(request)));
    expect(mock.requests).toHaveLength(1);
    expect(new Set(results.map((r) => r.credentials.accessKeyId)).size).toBe(1);
  });

  it('does not cache failures', async () => {
    const clients = createAwsClientFactory({ settings: FAST_CLIENT_SETTINGS, botCredentials: TEST_CREDENTIALS });
    const assumer = createRoleAssumer({ clients, stsRegion: 'us-east-1' });
    const mock = mockSts('us-east-1', 'AssumeRole', [
      awsErrors.sts('AccessDenied', 'User: x is not authorized to perform: sts:AssumeRole'),
      sts.assumeRole({
        accountId: request.accountId,
        roleName: request.roleName,
        expiration: new Date(Date.now() + 3_600_000),
      }),
    ]);
    await expect(assumer.assumeRoleCredentials(request)).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assumer.assumeRoleCredentials(request)).resolves.toMatchObject({ fromCache: false });
    expect(mock.requests).toHaveLength(2);
  });

  it('a caller that aborts stops waiting; the shared call still serves the others', async () => {
    const clients = createAwsClientFactory({ settings: FAST_CLIENT_SETTINGS, botCredentials: TEST_CREDENTIALS });
    const assumer = createRoleAssumer({ clients, stsRegion: 'us-east-1' });
    const mock = mockSts(
      'us-east-1',
      'AssumeRole',
      sts.assumeRole({
        accountId: request.accountId,
        roleName: request.roleName,
        expiration: new Date(Date.now() + 3_600_000),
      }),
      { delayMs: 100 },
    );
    const controller = new AbortController();
    const impatient = assumer.assumeRoleCredentials({ ...request, signal: controller.signal });
    const patient = assumer.assumeRoleCredentials(request);
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ name: 'AbortError' });
    await expect(patient).resolves.toMatchObject({ fromCache: false });
    expect(mock.requests).toHaveLength(1);
  });

  it('invalidate() forgets a session', async () => {
    const { assumer, mock } = setup();
    await assumer.assumeRoleCredentials(request);
    assumer.invalidate(request);
    await assumer.assumeRoleCredentials(request);
    expect(mock.requests).toHaveLength(2);
  });

  it('the credential source re-assumes through the cache when the SDK asks again near expiry', async () => {
    const { assumer, mock, advance } = setup(15 * 60_000);
    const role = await assumer.assumeRoleCredentials(request);
    expect((await role.source.provider()).accessKeyId).toBe(role.credentials.accessKeyId);
    expect(mock.requests).toHaveLength(1);
    advance(11 * 60_000);
    await role.source.provider();
    expect(mock.requests).toHaveLength(2);
  });

  it('refuses an answer without credentials', async () => {
    const clients = createAwsClientFactory({ settings: FAST_CLIENT_SETTINGS, botCredentials: TEST_CREDENTIALS });
    const assumer = createRoleAssumer({ clients, stsRegion: 'us-east-1' });
    mockSts('us-east-1', 'AssumeRole', {
      status: 200,
      body: '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult/></AssumeRoleResponse>',
      headers: { 'Content-Type': 'text/xml' },
    });
    await expect(assumer.assumeRoleCredentials(request)).rejects.toThrow(/without credentials/);
  });
});
