/**
 * An approval that has not run yet is checked again when it runs (issue 11, item 3): the approver must still be
 * an approver and the account entry must still allow the request, or the request fails as "policy changed" with no
 * AWS key call; an approval older than the TTL is never resumed; and a click on Approve claims the execution before
 * the Slack redraw, so no sweeper anywhere starts it while the redraw waits. The real service and SQLite store, a
 * restart modelled as a new service over the same database file with another accounts file, AWS over nock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AccountEntry, accountsDirectory } from '../../src/accounts.js';
import type { RemediationRequest } from '../../src/remediation/model.js';
import { type RemediationNotifier, RemediationService } from '../../src/remediation/service.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';
import type { Store } from '../../src/store/types.js';
import {
  mockCreateKey,
  mockCreateSecret,
  mockKeyLastUsed,
  mockListKeys,
  mockNewKeyIdentity,
  mockUpdateKey,
  OLD_KEY,
  REGION,
  useAwsWire,
} from './helpers/aws-wire.js';
import {
  ACCOUNTS,
  APPROVER,
  CONFIRM_DELAYS,
  createHarness,
  GROUP_MEMBER,
  type Harness,
  REQUESTER,
  TTL_MS,
} from './helpers/harness.js';

let h: Harness;
const wire = useAwsWire(20);
const stores: Store[] = [];

beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close().catch(() => undefined);
  await h.close();
});

async function approvedRequest(by = APPROVER): Promise<RemediationRequest> {
  mockKeyLastUsed(OLD_KEY);
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  const outcome = await h.service.request({
    action: 'rotate',
    account: 'prod-apps',
    accessKeyId: OLD_KEY,
    requestedBy: REQUESTER,
    channelId: 'C0123ABCD',
  });
  if (!outcome.ok || !outcome.created) throw new Error('request not created');
  await h.service.attachMessage(outcome.request.id, { channel: 'C0123ABCD', messageTs: '1700000000.000200' });
  const decided = await h.service.decide({ requestId: outcome.request.id, userId: by, decision: 'approved' });
  if (!decided.ok) throw new Error(decided.message);
  return decided.request;
}

/** The bot restarted with another accounts file: a new service over the same database. */
async function restartedWith(accounts: AccountEntry[], configured = true): Promise<RemediationService> {
  await h.store.close();
  const store = await SqlStore.open(new SqliteDriver(h.path), { clock: h.clock.read });
  stores.push(store);
  return new RemediationService({
    store,
    accounts: accountsDirectory(accounts, configured),
    aws: h.aws,
    approvers: h.approvers,
    logger: h.log.logger,
    ttlMs: TTL_MS,
    defaultRegion: REGION,
    clock: h.clock.read,
    sleep: async () => undefined,
    confirmDelaysMs: CONFIRM_DELAYS,
    notifier: h.renders,
  });
}

const prodApps = ACCOUNTS[0] as AccountEntry;

describe('the policy is checked again at execution', () => {
  it.each([
    [
      'the approver was removed from the accounts file',
      [{ ...prodApps, approvers: { users: ['U0SOMEONE'] } }],
      true,
      /Policy changed: <@U0APPROVER> can no longer approve it: You are not an approver for account prod-apps/,
    ],
    [
      'remediation was turned off for the account (no approvers)',
      [{ id: prodApps.id, alias: 'prod-apps' }],
      true,
      /Policy changed: Key remediation is off for account prod-apps/,
    ],
    [
      'the accounts file is gone (open mode)',
      [],
      false,
      /Policy changed: Key remediation is off: this bot has no accounts file/,
    ],
    [
      'the requester is no longer a listed requester',
      [{ ...prodApps, requesters: [APPROVER] }],
      true,
      /Policy changed: You may not request key changes in account prod-apps/,
    ],
    [
      'the account was narrowed to another channel',
      [{ ...prodApps, channels: ['C0TRIAGE01'] }],
      true,
      /Policy changed: Key changes for account prod-apps .* may only be requested from <#C0TRIAGE01>/,
    ],
  ])('%s: the sweeper fails it as policy changed, with no AWS call', async (_what, accounts, configured, message) => {
    const request = await approvedRequest();
    const service = await restartedWith(accounts, configured);
    const resumed = await service.resumeApproved();
    expect(resumed.map((r) => r.state)).toEqual(['failed']);
    expect(resumed[0]?.failure).toMatch(message);
    expect(resumed[0]?.failure).toMatch(/Nothing was changed in AWS/);
    expect(resumed[0]?.progress).toEqual([]);
    // Not one key call: no interceptor was set up for CreateAccessKey and none was asked for.
    expect(wire.unmatched).toEqual([]);
    expect(h.renders.states(request.id).at(-1)).toBe('failed');
  });

  it('a user group approver who left the group: failed as policy changed', async () => {
    const request = await approvedRequest(GROUP_MEMBER);
    h.approvers.members.set('S0SECOPS', []);
    const finished = await h.service.execute(request.id);
    expect(finished?.state).toBe('failed');
    expect(finished?.failure).toMatch(/Policy changed: <@U0GROUPMEM> can no longer approve it/);
    expect(wire.unmatched).toEqual([]);
  });

  it('the policy unchanged: the same resume executes (the control case)', async () => {
    const request = await approvedRequest();
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(0);
    mockUpdateKey(OLD_KEY, 'Inactive');
    const service = await restartedWith(ACCOUNTS);
    const resumed = await service.resumeApproved();
    expect(resumed.map((r) => [r.id, r.state])).toEqual([[request.id, 'done']]);
    expect(wire.unmatched).toEqual([]);
  });
});

describe('an approval does not keep', () => {
  it('an approval older than APPROVAL_TTL_SECONDS is never resumed: failed, no AWS call', async () => {
    const request = await approvedRequest();
    h.clock.advance(TTL_MS + 1);
    const resumed = await h.service.resumeApproved();
    expect(resumed.map((r) => r.state)).toEqual(['failed']);
    expect(resumed[0]?.failure).toMatch(
      /Policy changed: the approval \(.*\) is older than APPROVAL_TTL_SECONDS \(1800 s\)/,
    );
    expect((await h.store.getRequest(request.id))?.state).toBe('failed');
    expect(wire.unmatched).toEqual([]);
  });
});

describe('a click on Approve claims the execution before the Slack redraw', () => {
  it('while the redraw waits, the request is already executing and no replica can start it', async () => {
    let release: () => void = () => undefined;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const drawn: string[] = [];
    const slowSlack: RemediationNotifier = {
      async render(r) {
        drawn.push(r.state);
        if (r.state === 'executing') await blocked; // chat.update retrying under a rate limit
      },
    };
    await h.close();
    h = await createHarness({ notifier: slowSlack });
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    const outcome = await h.service.request({
      action: 'rotate',
      account: 'prod-apps',
      accessKeyId: OLD_KEY,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    if (!outcome.ok || !outcome.created) throw new Error('not created');
    await h.service.attachMessage(outcome.request.id, { channel: 'C0123ABCD', messageTs: '1700000000.000200' });

    const decided = await h.service.decideAndExecute({
      requestId: outcome.request.id,
      userId: APPROVER,
      decision: 'approved',
    });
    expect(decided.ok).toBe(true);
    // The redraw is still waiting; the request is claimed already.
    expect((await h.store.getRequest(outcome.request.id))?.state).toBe('executing');
    const replica = (await h.replica()).service;
    expect(await replica.resumeApproved()).toEqual([]);

    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockCreateKey();
    mockCreateSecret();
    mockNewKeyIdentity(0);
    mockUpdateKey(OLD_KEY, 'Inactive');
    release();
    const finished = 'execution' in decided ? await decided.execution : undefined;
    expect(finished?.state).toBe('done');
    expect(drawn).toEqual(['executing', 'done']);
    expect(wire.unmatched).toEqual([]);
  });
});
