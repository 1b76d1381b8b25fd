import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RemediationService } from '../../src/remediation/service.js';
import { RemediationSweeper } from '../../src/remediation/sweeper.js';
import type { Store } from '../../src/store/types.js';
import {
  mockKeyLastUsed,
  mockListKeys,
  mockUpdateKey,
  OLD_KEY,
  updateKeyBodies,
  useAwsWire,
} from './helpers/aws-wire.js';
import { APPROVER, createHarness, type Harness, REQUESTER, TTL_MS } from './helpers/harness.js';

let h: Harness;
const wire = useAwsWire(50);

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

async function newRequest(accessKeyId = OLD_KEY) {
  mockKeyLastUsed(accessKeyId);
  mockListKeys([{ id: accessKeyId, status: 'Active' }]);
  const outcome = await h.service.request({
    action: 'deactivate',
    account: 'prod-apps',
    accessKeyId,
    requestedBy: REQUESTER,
    channelId: 'C0123ABCD',
    threadTs: '1.1',
  });
  if (!outcome.ok) throw new Error(outcome.message);
  await h.service.attachMessage(outcome.request.id, { channel: 'C0123ABCD', threadTs: '1.1', messageTs: '1.2' });
  return outcome.request;
}

const sweeper = ({ service, store }: { service: RemediationService; store: Store } = h) =>
  new RemediationSweeper(service, {
    store,
    clock: h.clock.read,
    logger: h.log.logger,
    graceMs: 60_000,
    staleExecutionMs: 15 * 60_000,
  });

describe('RemediationSweeper', () => {
  it('expires due requests and updates their message once, with two replicas sweeping together', async () => {
    const request = await newRequest();
    expect((await sweeper().sweepOnce()).expired).toBe(0);
    h.clock.advance(TTL_MS);
    const replica = await h.replica();
    const [a, b] = await Promise.all([sweeper().sweepOnce(), sweeper(replica).sweepOnce()]);
    expect(a.expired + b.expired).toBe(1);
    expect(h.renders.states(request.id)).toEqual(['expired']);
    expect((await h.store.getRequest(request.id))?.state).toBe('expired');
    const events = await h.store.listAudit({ requestId: request.id });
    expect(events.map((e) => [e.event, e.actor])).toEqual([
      ['requested', REQUESTER],
      ['expired', 'system'],
    ]);
  });

  it('fails an execution interrupted by a restart once it is stale, and never re-runs it', async () => {
    const request = await newRequest();
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    await h.store.claimExecution(request.id, APPROVER);
    await h.restart();
    h.clock.advance(14 * 60_000);
    expect((await sweeper().sweepOnce()).interrupted).toBe(0);
    h.clock.advance(2 * 60_000);
    const report = await sweeper().sweepOnce();
    expect(report.interrupted).toBe(1);
    const failed = await h.store.getRequest(request.id);
    expect(failed?.state).toBe('failed');
    expect(failed?.failure).toMatch(/interrupted.*not retried.*No step was recorded/);
    expect(h.renders.states(request.id)).toContain('failed');
    expect(wire.unmatched).toEqual([]);
  });

  it('executes an approval that a stopped process never started, after the grace period', async () => {
    const request = await newRequest();
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    await h.restart();
    expect((await sweeper().sweepOnce()).resumed).toBe(0);
    h.clock.advance(60_000);
    mockKeyLastUsed(OLD_KEY);
    mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
    mockUpdateKey(OLD_KEY, 'Inactive');
    expect((await sweeper().sweepOnce()).resumed).toBe(1);
    expect((await h.store.getRequest(request.id))?.state).toBe('done');
    expect((await sweeper().sweepOnce()).resumed).toBe(0);
    expect(updateKeyBodies).toHaveLength(1);
    expect(wire.unmatched).toEqual([]);
  });

  it('redraws a message whose update was lost (the process died before chat.update)', async () => {
    const request = await newRequest();
    // The decision is stored but nobody rendered it.
    await h.store.decide(request.id, 'rejected', APPROVER);
    expect(h.renders.states(request.id)).toEqual([]);
    h.clock.advance(60_000);
    expect((await sweeper().sweepOnce()).redrawn).toBe(1);
    expect(h.renders.states(request.id)).toEqual(['rejected']);
    expect((await sweeper().sweepOnce()).redrawn).toBe(0);
  });

  it('prunes expired idempotency keys', async () => {
    await h.store.claimIdempotencyKey('slack:evt', 1000);
    h.clock.advance(1000);
    expect((await sweeper().sweepOnce()).pruned).toBe(1);
  });

  it('starts, runs a first pass at once, and stops cleanly', async () => {
    const request = await newRequest();
    h.clock.advance(TTL_MS);
    const s = sweeper();
    s.start();
    s.start();
    await s.stop();
    expect((await h.store.getRequest(request.id))?.state).toBe('expired');
  });
});
