import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemediationRequest } from '../../src/remediation/model.js';
import { containsSecret } from '../../src/secrets.js';
import {
  ACCOUNT,
  assumeRoleBodies,
  createSecretBodies,
  EXTERNAL_ID,
  type KeyRow,
  mockCreateKey,
  mockCreateKeyError,
  mockCreateSecret,
  mockCreateSecretError,
  mockDeleteKey,
  mockDeleteKeyDropped,
  mockDeleteKeyError,
  mockKeyLastUsed,
  mockKeyLastUsedError,
  mockListKeys,
  mockNewKeyIdentity,
  mockUpdateKey,
  mockUpdateKeyError,
  NEW_KEY,
  NEW_SECRET,
  OLD_KEY,
  OTHER_KEY,
  ROLE_NAME,
  SECRET_ARN_PREFIX,
  USER,
  updateKeyBodies,
  useAwsWire,
} from './helpers/aws-wire.js';
import {
  APPROVER,
  CONFIRM_DELAYS,
  createHarness,
  GROUP_MEMBER,
  type Harness,
  OUTSIDER,
  REQUESTER,
  TTL_MS,
} from './helpers/harness.js';

let h: Harness;
const wire = useAwsWire(50);

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

/** IAM mocks for the request-time lookup of OLD_KEY. */
function mockLookup(keys: KeyRow[] = [{ id: OLD_KEY, status: 'Active' }]) {
  mockKeyLastUsed(OLD_KEY);
  mockListKeys(keys);
}

async function requestOf(
  action: 'rotate' | 'deactivate' | 'delete' = 'rotate',
  keys?: Parameters<typeof mockLookup>[0],
) {
  mockLookup(keys);
  const outcome = await h.service.request({
    action,
    account: 'prod-apps',
    accessKeyId: OLD_KEY,
    requestedBy: REQUESTER,
    channelId: 'C0123ABCD',
    threadTs: '1700000000.000100',
  });
  if (!outcome.ok || !outcome.created) throw new Error(`request not created: ${JSON.stringify(outcome)}`);
  await h.service.attachMessage(outcome.request.id, {
    channel: 'C0123ABCD',
    threadTs: '1700000000.000100',
    messageTs: '1700000000.000200',
  });
  return outcome.request;
}

/** The AWS calls of a complete, healthy rotation of OLD_KEY. */
function mockHealthyRotation(identityFailures = 0) {
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  mockCreateKey();
  mockCreateSecret();
  mockNewKeyIdentity(identityFailures);
  mockUpdateKey(OLD_KEY, 'Inactive');
}

async function approveAndExecute(id: string, by = APPROVER): Promise<RemediationRequest | undefined> {
  const decided = await h.service.decide({ requestId: id, userId: by, decision: 'approved' });
  if (!decided.ok) throw new Error(`not approved: ${decided.message}`);
  return h.service.execute(id, by);
}

describe('making a request', () => {
  it('looks the key up with the remediation role and stores a request with its last use', async () => {
    const request = await requestOf('rotate');
    expect(request).toMatchObject({
      state: 'requested',
      action: 'rotate',
      accountId: ACCOUNT,
      accountLabel: 'prod-apps',
      userName: USER,
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      expiresAt: h.clock.now + TTL_MS,
      key: {
        status: 'Active',
        lastUsed: { date: '2026-11-25T10:45:00.000Z', service: 'bedrock', region: 'us-west-2' },
      },
    });
    expect(assumeRoleBodies.length).toBeGreaterThan(0);
    for (const body of assumeRoleBodies) {
      expect(body.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${ROLE_NAME}`);
      expect(body.ExternalId).toBe(EXTERNAL_ID);
      expect(body.RoleSessionName).toBe(`remediate-check-${REQUESTER}`);
    }
    const events = await h.store.listAudit({ requestId: request.id });
    expect(events.map((e) => e.event)).toEqual(['requested']);
    const logged = h.log.records().find((r) => (r.audit as { event?: string } | undefined)?.event === 'requested');
    expect(logged).toMatchObject({
      audit: { actor: REQUESTER, accountId: ACCOUNT, accessKeyId: OLD_KEY, outcome: 'ok' },
    });
    expect(wire.unmatched).toEqual([]);
  });

  it('returns the open request instead of creating a second one for the same key', async () => {
    const first = await requestOf('rotate');
    mockLookup();
    const second = await h.service.request({
      action: 'deactivate',
      account: ACCOUNT,
      accessKeyId: OLD_KEY,
      requestedBy: APPROVER,
      channelId: 'C0123ABCD',
    });
    expect(second).toMatchObject({ ok: true, created: false, request: { id: first.id, action: 'rotate' } });
  });

  const refusals: [string, () => Promise<unknown>, string, RegExp][] = [
    [
      'a requester who is not listed',
      () =>
        h.service.request({
          action: 'rotate',
          account: 'prod-apps',
          accessKeyId: OLD_KEY,
          requestedBy: OUTSIDER,
          channelId: 'C0123ABCD',
        }),
      'not_requester',
      /may not request key changes in account prod-apps \(111111111111\).*<@U0REQUESTR>/,
    ],
    [
      'an account missing from the accounts file, saying how to add it',
      () =>
        h.service.request({
          action: 'rotate',
          account: '999999999999',
          accessKeyId: OLD_KEY,
          requestedBy: REQUESTER,
          channelId: 'C0123ABCD',
        }),
      'unknown_account',
      /not in the accounts file.*ACCOUNTS_FILE.*id: "123456789012"/,
    ],
    [
      'an account without approvers',
      () =>
        h.service.request({
          action: 'rotate',
          account: 'no-approvers',
          accessKeyId: OLD_KEY,
          requestedBy: REQUESTER,
          channelId: 'C0123ABCD',
        }),
      'no_approvers',
      /names no approvers.*approvers:/,
    ],
    [
      'a channel the account may not be diagnosed from, when no requesters are listed',
      () =>
        h.service.request({
          action: 'rotate',
          account: 'open-requesters',
          accessKeyId: OLD_KEY,
          requestedBy: OUTSIDER,
          channelId: 'C0OTHER99',
        }),
      'channel_not_allowed',
      /may only be requested from <#C0123ABCD>/,
    ],
    [
      'a temporary key',
      () =>
        h.service.request({
          action: 'deactivate',
          account: 'prod-apps',
          accessKeyId: 'ASIAJEXAMPLEXEG2JICE',
          requestedBy: REQUESTER,
          channelId: 'C0123ABCD',
        }),
      'temporary_key',
      /temporary \(ASIA\.\.\.\) key.*Revoke active sessions/,
    ],
    [
      'a missing key id',
      () =>
        h.service.request({
          action: 'deactivate',
          account: 'prod-apps',
          accessKeyId: '',
          requestedBy: REQUESTER,
          channelId: 'C0123ABCD',
        }),
      'bad_key_id',
      /did not identify a long-term access key id/,
    ],
  ];
  for (const [what, call, reason, message] of refusals) {
    it(`refuses ${what}, explains why, and audits the refusal`, async () => {
      const outcome = (await call()) as { ok: boolean; reason: string; message: string };
      expect(outcome).toMatchObject({ ok: false, reason });
      expect(outcome.message).toMatch(message);
      const events = await h.store.listAudit();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event: 'request_refused', outcome: 'refused', data: { reason } });
      expect(await h.store.listRequests()).toEqual([]);
    });
  }

  it('refuses everything when no accounts file is configured', async () => {
    await h.close();
    h = await createHarness({ accounts: [], configured: false });
    const outcome = await h.service.request({
      action: 'rotate',
      account: ACCOUNT,
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'remediation_off' });
    expect(!outcome.ok && outcome.message).toMatch(/no accounts file \(ACCOUNTS_FILE\)/);
  });

  it('refuses a key that is not in the account', async () => {
    mockKeyLastUsedError(OLD_KEY, 404, 'NoSuchEntity', 'The Access Key with id AKIA... cannot be found');
    const outcome = await h.service.request({
      action: 'rotate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'key_not_found' });
  });

  it('explains a lookup failure of the remediation role', async () => {
    mockKeyLastUsedError(
      OLD_KEY,
      403,
      'AccessDenied',
      'User: arn:aws:sts::111111111111:assumed-role/X/s is not authorized',
    );
    const outcome = await h.service.request({
      action: 'rotate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'key_lookup_failed' });
    expect(!outcome.ok && outcome.message).toMatch(/AccessDenied \(HTTP 403\).*remediation-role\.yaml/);
  });

  it('refuses a rotation when the user already has two active keys (the IAM limit)', async () => {
    mockLookup([
      { id: OLD_KEY, status: 'Active' },
      { id: OTHER_KEY, status: 'Active' },
    ]);
    const outcome = await h.service.request({
      action: 'rotate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'two_keys' });
    expect(!outcome.ok && outcome.message).toMatch(/already has two active access keys.*IAM limit/);
  });

  it('refuses a rotation when the second slot holds an inactive key, naming it', async () => {
    mockLookup([
      { id: OLD_KEY, status: 'Active' },
      { id: OTHER_KEY, status: 'Inactive' },
    ]);
    const outcome = await h.service.request({
      action: 'rotate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(!outcome.ok && outcome.message).toMatch(`${OTHER_KEY} is inactive: request its deletion first`);
  });

  it('refuses to deactivate an inactive key and to delete an active one', async () => {
    mockLookup([{ id: OLD_KEY, status: 'Inactive' }]);
    const deactivate = await h.service.request({
      action: 'deactivate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(deactivate).toMatchObject({ ok: false, reason: 'already_inactive' });
    mockLookup([{ id: OLD_KEY, status: 'Active' }]);
    const del = await h.service.request({
      action: 'delete',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    expect(del).toMatchObject({ ok: false, reason: 'key_active' });
  });
});

describe('deciding', () => {
  it('refuses self-approval, even from a listed approver', async () => {
    mockLookup();
    const outcome = await h.service.request({
      action: 'deactivate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: APPROVER,
      channelId: 'C0123ABCD',
    });
    if (!outcome.ok) throw new Error('not created');
    const decided = await h.service.decide({ requestId: outcome.request.id, userId: APPROVER, decision: 'approved' });
    expect(decided).toMatchObject({ ok: false, reason: 'self_approval' });
    expect(!decided.ok && decided.message).toMatch(/someone else has to approve.*four-eyes/);
    expect((await h.store.getRequest(outcome.request.id))?.state).toBe('requested');
    const refusal = (await h.store.listAudit()).find((e) => e.event === 'decision_refused');
    expect(refusal).toMatchObject({ actor: APPROVER, outcome: 'refused', data: { reason: 'self_approval' } });
  });

  it('refuses an approver who is neither listed nor in the user group, reading the group at click time', async () => {
    const request = await requestOf('deactivate');
    const first = await h.service.decide({ requestId: request.id, userId: OUTSIDER, decision: 'approved' });
    expect(first).toMatchObject({ ok: false, reason: 'not_approver' });
    expect(!first.ok && first.message).toMatch(/not an approver.*<@U0APPROVER> or members of <!subteam\^S0SECOPS>/);
    expect(h.approvers.calls).toBe(1);
    // Added to the group since: the next click sees it.
    h.approvers.members.set('S0SECOPS', [GROUP_MEMBER, OUTSIDER]);
    const second = await h.service.decide({ requestId: request.id, userId: OUTSIDER, decision: 'rejected' });
    expect(second).toMatchObject({ ok: true, request: { state: 'rejected', decidedBy: OUTSIDER } });
    expect(h.approvers.calls).toBe(2);
  });

  it('accepts a member of the approvers user group', async () => {
    const request = await requestOf('deactivate');
    const decided = await h.service.decide({ requestId: request.id, userId: GROUP_MEMBER, decision: 'approved' });
    expect(decided).toMatchObject({ ok: true, request: { state: 'approved', decidedBy: GROUP_MEMBER } });
  });

  it('refuses, and decides nothing, when the user group cannot be read', async () => {
    const request = await requestOf('deactivate');
    h.approvers.failWith = new Error('ratelimited');
    const decided = await h.service.decide({ requestId: request.id, userId: GROUP_MEMBER, decision: 'approved' });
    expect(decided).toMatchObject({ ok: false, reason: 'approver_check_failed' });
    expect((await h.store.getRequest(request.id))?.state).toBe('requested');
  });

  it('refuses an expired request and updates its message to expired once', async () => {
    const request = await requestOf('rotate');
    h.clock.advance(TTL_MS);
    const decided = await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    expect(decided).toMatchObject({ ok: false, reason: 'expired' });
    expect(!decided.ok && decided.message).toMatch(/expired at .* without a decision/);
    expect((await h.store.getRequest(request.id))?.state).toBe('expired');
    expect(h.renders.states(request.id)).toEqual(['expired']);
    const again = await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    expect(again).toMatchObject({ ok: false, reason: 'expired' });
    expect(h.renders.states(request.id)).toEqual(['expired']);
  });

  it('lets the first decision win and tells later clicks who decided', async () => {
    const request = await requestOf('rotate');
    const rejected = await h.service.decide({ requestId: request.id, userId: GROUP_MEMBER, decision: 'rejected' });
    expect(rejected.ok).toBe(true);
    const late = await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    expect(late).toMatchObject({ ok: false, reason: 'already_decided' });
    expect(!late.ok && late.message).toMatch(/already rejected by <@U0GROUPMEM> at 2026-11-26T12:00:00\.000Z/);
    expect(await h.service.execute(request.id)).toBeUndefined();
    expect(h.renders.states(request.id)).toEqual(['rejected']);
  });

  it('says so for an unknown request id', async () => {
    const decided = await h.service.decide({ requestId: 'nope', userId: APPROVER, decision: 'approved' });
    expect(decided).toMatchObject({ ok: false, reason: 'not_found' });
  });
});

describe('executing', () => {
  it('rotates: new key, Secrets Manager, confirmed by STS, old key deactivated, only the ARN reported', async () => {
    const request = await requestOf('rotate');
    mockHealthyRotation();
    const done = await approveAndExecute(request.id);
    expect(done).toMatchObject({
      state: 'done',
      result: {
        newAccessKeyId: NEW_KEY,
        newKeyState: 'Active',
        oldKeyStatus: 'Inactive',
        confirmedArn: `arn:aws:iam::${ACCOUNT}:user/${USER}`,
      },
    });
    expect(done?.result?.secretArn).toMatch(
      new RegExp(`^${SECRET_ARN_PREFIX}bedrock-403/${ACCOUNT}/${USER}/${NEW_KEY}`),
    );
    expect(done?.result?.nextSteps?.join(' ')).toMatch(/request deletion of AKIAIOSFODNN7EXAMPLE/);
    expect(nock.pendingMocks().filter((m) => !m.includes('sts.us-east-1'))).toEqual([]);
    expect(wire.unmatched).toEqual([]);

    // The secret went to Secrets Manager, under bedrock-403/, tagged with user and key id.
    expect(createSecretBodies).toHaveLength(1);
    const secretCall = createSecretBodies[0] as {
      Name: string;
      SecretString: string;
      Tags: { Key: string; Value: string }[];
      ClientRequestToken: string;
    };
    expect(secretCall.Name).toBe(`bedrock-403/${ACCOUNT}/${USER}/${NEW_KEY}`);
    expect(JSON.parse(secretCall.SecretString)).toEqual({
      UserName: USER,
      AccessKeyId: NEW_KEY,
      SecretAccessKey: NEW_SECRET,
    });
    expect(secretCall.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'bedrock-403:user', Value: USER },
        { Key: 'bedrock-403:access-key-id', Value: NEW_KEY },
        { Key: 'bedrock-403:replaces', Value: OLD_KEY },
      ]),
    );
    expect(secretCall.ClientRequestToken).toBe(request.id);
    expect(updateKeyBodies).toEqual([expect.objectContaining({ AccessKeyId: OLD_KEY, Status: 'Inactive' })]);

    const events = await h.store.listAudit({ requestId: request.id });
    expect(events.map((e) => (e.event === 'step' ? `step:${e.data?.step}` : e.event))).toEqual([
      'requested',
      'approved',
      'executing',
      'step:keys_checked',
      'step:new_key_created',
      'step:secret_stored',
      'step:new_key_confirmed',
      'step:old_key_deactivated',
      'done',
    ]);
    expect(h.renders.states(request.id)).toEqual(['approved', 'executing', 'done']);
    // The approver's name is in the role session of the execution (CloudTrail).
    expect(assumeRoleBodies.some((b) => b.RoleSessionName === `remediate-rotate-${APPROVER}`)).toBe(true);
  });

  it('deactivates: last use read first, then UpdateAccessKey Inactive', async () => {
    const request = await requestOf('deactivate');
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockUpdateKey(OLD_KEY, 'Inactive');
    const done = await approveAndExecute(request.id);
    expect(done).toMatchObject({ state: 'done', result: { oldKeyStatus: 'Inactive' } });
    expect(done?.progress.map((p) => p.step)).toEqual(['last_use_read', 'key_deactivated']);
    expect(done?.progress[0]?.detail).toMatch(/last used: 2026-11-25T10:45:00.000Z \(bedrock, us-west-2\)/);
    expect(wire.unmatched).toEqual([]);
  });

  it('deletes only an inactive key', async () => {
    const request = await requestOf('delete', [{ id: OLD_KEY, status: 'Inactive' }]);
    mockListKeys([{ id: OLD_KEY, status: 'Inactive' }]);
    mockDeleteKey(OLD_KEY);
    expect(await approveAndExecute(request.id)).toMatchObject({ state: 'done', result: { oldKeyStatus: 'Deleted' } });
    expect(wire.unmatched).toEqual([]);
  });

  it('says a deletion that failed left the key in place, and one without an answer may or may not have happened', async () => {
    const refused = await requestOf('delete', [{ id: OLD_KEY, status: 'Inactive' }]);
    mockListKeys([{ id: OLD_KEY, status: 'Inactive' }]);
    mockDeleteKeyError(OLD_KEY, 403, 'AccessDenied', 'not allowed to delete keys');
    const failed = await approveAndExecute(refused.id);
    expect(failed).toMatchObject({ state: 'failed', result: { oldKeyStatus: 'Inactive' } });
    expect(failed?.failure).toMatch(
      /^Deleting key AKIA\w+ failed \(.*AccessDenied.*\)\. It is still there, Inactive\.$/,
    );

    const dropped = await requestOf('delete', [{ id: OLD_KEY, status: 'Inactive' }]);
    mockListKeys([{ id: OLD_KEY, status: 'Inactive' }]);
    mockDeleteKeyDropped(OLD_KEY);
    const unknown = await approveAndExecute(dropped.id);
    expect(unknown).toMatchObject({ state: 'failed', result: { oldKeyStatus: 'unknown' } });
    expect(unknown?.failure).toMatch(
      /DeleteAccessKey did not answer .*may or may not be deleted now.*list-access-keys/,
    );
    expect(unknown?.failure).not.toMatch(/still there/);
    expect(wire.unmatched).toEqual([]);
  });

  it('double clicks and concurrent approvals execute once', async () => {
    const request = await requestOf('deactivate');
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockUpdateKey(OLD_KEY, 'Inactive');
    const { service: replica } = await h.replica();
    const click = async (service: typeof h.service, userId: string) => {
      const decided = await service.decide({ requestId: request.id, userId, decision: 'approved' });
      const executed = decided.ok ? await service.execute(request.id, userId) : undefined;
      return { decided, executed };
    };
    const results = await Promise.all([
      click(h.service, APPROVER),
      click(h.service, APPROVER),
      click(replica, GROUP_MEMBER),
      click(replica, APPROVER),
      click(h.service, GROUP_MEMBER),
    ]);
    expect(results.filter((r) => r.decided.ok)).toHaveLength(1);
    expect(results.filter((r) => r.executed)).toHaveLength(1);
    for (const r of results.filter((x) => !x.decided.ok)) {
      expect(r.decided).toMatchObject({ reason: 'already_decided' });
      expect(!r.decided.ok && r.decided.message).toMatch(/already approved by <@U0/);
    }
    expect(updateKeyBodies).toHaveLength(1);
    expect(wire.unmatched).toEqual([]);
    const events = await h.store.listAudit({ requestId: request.id });
    expect(events.filter((e) => e.event === 'executing')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'decision_refused')).toHaveLength(4);
  });

  it("the sweeper resuming an approval while the approver's click executes it runs it once", async () => {
    const request = await requestOf('deactivate');
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockUpdateKey(OLD_KEY, 'Inactive');
    const decided = await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    expect(decided.ok).toBe(true);
    const { service: replica } = await h.replica();
    const [clicked, resumedHere, resumedThere, again] = await Promise.all([
      h.service.execute(request.id, APPROVER),
      h.service.resumeApproved(),
      replica.resumeApproved(),
      replica.execute(request.id, APPROVER),
    ]);
    const runs = [clicked, again, ...resumedHere, ...resumedThere].filter(Boolean);
    expect(runs).toHaveLength(1);
    expect(updateKeyBodies).toHaveLength(1);
    expect(wire.unmatched).toEqual([]);
  });

  it('a restart between approval and execution executes once', async () => {
    const request = await requestOf('deactivate');
    const decided = await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    expect(decided.ok).toBe(true);
    // The process dies here: nothing was executed.
    await h.restart();
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockUpdateKey(OLD_KEY, 'Inactive');
    const { service: replica } = await h.replica();
    const [a, b] = await Promise.all([h.service.resumeApproved(), replica.resumeApproved()]);
    expect([...a, ...b].map((r) => r.state)).toEqual(['done']);
    // A late click, a Slack retry and another restart change nothing.
    expect(await h.service.execute(request.id)).toBeUndefined();
    await h.restart();
    expect(await h.service.resumeApproved()).toEqual([]);
    expect(updateKeyBodies).toHaveLength(1);
    expect(wire.unmatched).toEqual([]);
  });

  it('refuses the rotation at execution time when a second key appeared meanwhile', async () => {
    const request = await requestOf('rotate');
    mockListKeys([
      { id: OLD_KEY, status: 'Active' },
      { id: OTHER_KEY, status: 'Active' },
    ]);
    const failed = await approveAndExecute(request.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.failure).toMatch(/already has two active access keys.*Nothing was changed/);
    expect(wire.unmatched).toEqual([]);
  });

  it('makes one CreateAccessKey call when IAM answers LimitExceeded (the SDK would retry it)', async () => {
    const request = await requestOf('rotate');
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKeyError(409, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2');
    const failed = await approveAndExecute(request.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.failure).toMatch(
      /already has two keys.*Nothing was changed; old key AKIAIOSFODNN7EXAMPLE is still Active/,
    );
    expect(wire.unmatched).toEqual([]);
  });

  it('waits for the new key to propagate, with bounded retries', async () => {
    const request = await requestOf('rotate');
    mockHealthyRotation(2);
    const done = await approveAndExecute(request.id);
    expect(done?.state).toBe('done');
    expect(h.sleeps).toEqual([CONFIRM_DELAYS[0], CONFIRM_DELAYS[1]]);
    expect(done?.progress.find((p) => p.step === 'new_key_confirmed')?.detail).toMatch(/attempt 3, after 3 s/);
    expect(wire.unmatched).toEqual([]);
  });

  it('stops waiting for propagation, and leaves the old key active, when the new key never works', async () => {
    const request = await requestOf('rotate');
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(CONFIRM_DELAYS.length + 1, false);
    const failed = await approveAndExecute(request.id);
    expect(failed).toMatchObject({
      state: 'failed',
      result: { newAccessKeyId: NEW_KEY, newKeyState: 'Active', oldKeyStatus: 'Active' },
    });
    expect(h.sleeps).toEqual(CONFIRM_DELAYS);
    expect(failed?.failure).toMatch(
      /did not accept it after 4 attempts over 7 s.*InvalidClientTokenId.*was NOT deactivated/,
    );
    expect(updateKeyBodies).toEqual([]);
    expect(wire.unmatched).toEqual([]);
  });

  it('deletes the new key again when Secrets Manager fails after its creation', async () => {
    const request = await requestOf('rotate');
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecretError(400, 'AccessDeniedException', 'not authorized to perform: secretsmanager:CreateSecret');
    mockDeleteKey(NEW_KEY);
    const failed = await approveAndExecute(request.id);
    expect(failed).toMatchObject({
      state: 'failed',
      result: { newAccessKeyId: NEW_KEY, newKeyState: 'deleted', oldKeyStatus: 'Active' },
    });
    expect(failed?.failure).toMatch(
      /Secrets Manager .* failed: AccessDeniedException.*new key AKIANEWKEYEXAMPLE234 was deleted again.*Old key AKIAIOSFODNN7EXAMPLE is unchanged \(Active\)/,
    );
    expect(failed?.progress.map((p) => p.step)).toEqual(['keys_checked', 'new_key_created', 'new_key_deleted']);
    expect(updateKeyBodies).toEqual([]);
    expect(wire.unmatched).toEqual([]);
    const audit = await h.store.listAudit({ requestId: request.id });
    expect(audit.at(-1)).toMatchObject({ event: 'failed', outcome: 'failed' });
  });

  it('says the new key is orphaned when it cannot be deleted after a Secrets Manager failure', async () => {
    const request = await requestOf('rotate');
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecretError(400, 'AccessDeniedException', 'denied');
    mockDeleteKeyError(NEW_KEY, 403, 'AccessDenied', 'not authorized to perform: iam:DeleteAccessKey');
    const failed = await approveAndExecute(request.id);
    expect(failed?.result?.newKeyState).toBe('orphaned');
    expect(failed?.failure).toMatch(/EXISTS but its secret is lost: delete it \(aws iam delete-access-key/);
  });

  it('reports a new key that works while the old key could not be deactivated', async () => {
    const request = await requestOf('rotate');
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(0);
    mockUpdateKeyError(OLD_KEY, 403, 'AccessDenied', 'not authorized to perform: iam:UpdateAccessKey');
    const failed = await approveAndExecute(request.id);
    expect(failed).toMatchObject({ state: 'failed', result: { newKeyState: 'Active', oldKeyStatus: 'Active' } });
    expect(failed?.failure).toMatch(/new key AKIANEWKEYEXAMPLE234 works and is stored in arn:.*STILL ACTIVE/);
  });

  it('never puts the new secret in the store, the audit, the logs or the renders', async () => {
    const request = await requestOf('rotate');
    mockHealthyRotation(1);
    await approveAndExecute(request.id);
    const stored = JSON.stringify([await h.store.listRequests(), await h.store.listAudit()]);
    const logs = h.log.text();
    const renders = JSON.stringify(h.renders.renders);
    for (const text of [stored, logs, renders]) {
      expect(text).not.toContain(NEW_SECRET);
      expect(containsSecret(text)).toBe(false);
      expect(text).not.toContain('[REDACTED]');
    }
    expect(stored).toContain(NEW_KEY);
    expect(logs).toContain(NEW_KEY);
  });
});
