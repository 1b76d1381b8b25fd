/**
 * Containment of a long-term Bedrock API key through the one remediation state machine (real SQLite store, real
 * SDK clients, nock in the IAM awsQuery wire format of botocore's model): request -> four-eyes approval -> exactly
 * one iam:UpdateServiceSpecificCredential (Inactive) or iam:DeleteServiceSpecificCredential, every step audited;
 * refusals for a rotation, an unknown user, a self-approval and a key already inactive.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { iam } from '../helpers/aws-mock.js';
import { ACCOUNT, useAwsWire } from './helpers/aws-wire.js';
import { APPROVER, createHarness, GROUP_MEMBER, type Harness, REQUESTER } from './helpers/harness.js';

const IAM = 'https://iam.amazonaws.com';
const KEY_USER = 'BedrockAPIKey-h42z';
const CREDENTIAL = 'ACCAEXAMPLEBEDROCKKEY1';
type FormBody = Record<string, string>;

let h: Harness;
const wire = useAwsWire(50);

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

function mockApiKeys(status: 'Active' | 'Inactive' | 'Expired', times = 10) {
  const bodies: FormBody[] = [];
  nock(IAM)
    .post('/', (b: FormBody) => {
      const match = b.Action === 'ListServiceSpecificCredentials' && b.UserName === KEY_USER;
      if (match) bodies.push(b);
      return match;
    })
    .times(times)
    .reply(() => {
      const r = iam.listServiceSpecificCredentials([
        {
          userName: KEY_USER,
          status,
          alias: `${KEY_USER}-at-${ACCOUNT}`,
          createDate: '2026-10-01T00:00:00Z',
          id: CREDENTIAL,
        },
      ]);
      return [r.status, r.body, r.headers];
    });
  return bodies;
}

function mockWrite(action: 'UpdateServiceSpecificCredential' | 'DeleteServiceSpecificCredential') {
  const bodies: FormBody[] = [];
  nock(IAM)
    .persist()
    .post('/', (b: FormBody) => {
      const match = b.Action === action;
      if (match) bodies.push(b);
      return match;
    })
    .reply(() => {
      const r = iam.noOutput(action);
      return [r.status, r.body, r.headers];
    });
  return bodies;
}

async function requestApiKey(action: 'deactivate' | 'delete' | 'rotate', userName = KEY_USER) {
  return h.service.request({
    action,
    account: 'prod-apps',
    accessKeyId: CREDENTIAL,
    credential: 'bedrock_api_key',
    userName,
    requestedBy: REQUESTER,
    channelId: 'C0123ABCD',
    threadTs: '1700000000.000100',
  });
}

describe('deactivating a leaked long-term Bedrock API key', () => {
  it('request -> approval -> exactly one UpdateServiceSpecificCredential Inactive, audited, whatever the clicks', async () => {
    const listed = mockApiKeys('Active', 1);
    const outcome = await requestApiKey('deactivate');
    if (!outcome.ok || !outcome.created) throw new Error(JSON.stringify(outcome));
    expect(outcome.request).toMatchObject({
      state: 'requested',
      action: 'deactivate',
      userName: KEY_USER,
      accessKeyId: CREDENTIAL,
      key: { credential: 'bedrock_api_key', status: 'Active' },
    });
    expect(listed[0]).toMatchObject({ ServiceName: 'bedrock.amazonaws.com', UserName: KEY_USER });

    // A second request for the same key finds the open one, without an AWS call.
    const again = await requestApiKey('deactivate');
    expect(again).toMatchObject({ ok: true, created: false, request: { id: outcome.request.id } });

    expect(
      await h.service.decide({ requestId: outcome.request.id, userId: REQUESTER, decision: 'approved' }),
    ).toMatchObject({
      ok: false,
      reason: 'self_approval',
    });

    mockApiKeys('Active');
    const updates = mockWrite('UpdateServiceSpecificCredential');
    const { service: replica } = await h.replica();
    const click = async (service: typeof h.service, userId: string) => {
      const decided = await service.decide({ requestId: outcome.request.id, userId, decision: 'approved' });
      return decided.ok ? service.execute(outcome.request.id, userId) : undefined;
    };
    const results = await Promise.all([
      click(h.service, APPROVER),
      click(replica, GROUP_MEMBER),
      click(h.service, APPROVER),
    ]);
    const executed = results.filter(Boolean);
    expect(executed).toHaveLength(1);
    expect(executed[0]).toMatchObject({ state: 'done', result: { oldKeyStatus: 'Inactive' } });
    expect(executed[0]?.progress.map((p) => p.step)).toEqual(['last_use_read', 'key_deactivated']);
    expect(executed[0]?.progress[0]?.detail).toMatch(/IAM records no last use for Bedrock API key/);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      Action: 'UpdateServiceSpecificCredential',
      Version: '2010-05-08',
      UserName: KEY_USER,
      ServiceSpecificCredentialId: CREDENTIAL,
      Status: 'Inactive',
    });
    const events = (await h.store.listAudit({ requestId: outcome.request.id })).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['requested', 'approved', 'executing', 'step', 'done']));
    expect(wire.unmatched).toEqual([]);
  });

  it('deletes an inactive (or expired) key after approval: DeleteServiceSpecificCredential', async () => {
    mockApiKeys('Inactive');
    const outcome = await requestApiKey('delete');
    if (!outcome.ok || !outcome.created) throw new Error(JSON.stringify(outcome));
    const deletes = mockWrite('DeleteServiceSpecificCredential');
    const decided = await h.service.decide({ requestId: outcome.request.id, userId: APPROVER, decision: 'approved' });
    expect(decided.ok).toBe(true);
    const done = await h.service.execute(outcome.request.id, APPROVER);
    expect(done).toMatchObject({ state: 'done', result: { oldKeyStatus: 'Deleted' } });
    expect(deletes).toEqual([expect.objectContaining({ UserName: KEY_USER, ServiceSpecificCredentialId: CREDENTIAL })]);
  });

  it('refuses a rotation, an active key to delete, an inactive key to deactivate, and a user that is gone', async () => {
    const rotate = await requestApiKey('rotate');
    expect(rotate).toMatchObject({
      ok: false,
      reason: 'bad_key_id',
      message: expect.stringMatching(/not rotated here/),
    });
    mockApiKeys('Active', 1);
    expect(await requestApiKey('delete')).toMatchObject({ ok: false, reason: 'key_active' });
    mockApiKeys('Inactive', 1);
    expect(await requestApiKey('deactivate')).toMatchObject({ ok: false, reason: 'already_inactive' });
    nock(IAM)
      .post('/', (b: FormBody) => b.Action === 'ListServiceSpecificCredentials')
      .reply(
        404,
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>' +
          '<Message>The user with name gone-user cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
        { 'Content-Type': 'text/xml', 'x-amzn-RequestId': 'r' },
      );
    expect(await requestApiKey('deactivate', 'gone-user')).toMatchObject({
      ok: false,
      reason: 'key_not_found',
      message: expect.stringMatching(/does not exist/),
    });
    const refused = (await h.store.listAudit({})).filter((e) => e.event === 'request_refused');
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(refused.every((e) => e.detail.startsWith('API key '))).toBe(true);
  });
});
