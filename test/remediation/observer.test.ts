/** Every stored state change reaches the onTransition observer once (metrics), and a throwing observer is harmless. */
import { describe, expect, it } from 'vitest';
import { accountsDirectory } from '../../src/accounts.js';
import { silentLogger } from '../../src/log.js';
import { BotMetrics } from '../../src/ops/metrics.js';
import { previousState } from '../../src/remediation/model.js';
import type { RemediationAws } from '../../src/remediation/remediation-aws.js';
import { RemediationService } from '../../src/remediation/service.js';
import { RemediationSweeper } from '../../src/remediation/sweeper.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';
import { FakeClock } from '../store/store-contract.js';
import { ACCOUNTS, APPROVER, REQUESTER } from './helpers/harness.js';

const aws: RemediationAws = {
  keyLastUsed: async () => ({ userName: 'bedrock-app', lastUsed: { service: 'N/A', region: 'N/A' } }),
  listKeys: async () => [
    { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' },
    { accessKeyId: 'AKIAI44QHQDHBEXAMPLE', status: 'Active' },
  ],
  createKey: async () => {
    throw new Error('not used');
  },
  setKeyStatus: async () => undefined,
  deleteKey: async () => undefined,
  listApiKeys: async () => [],
  setApiKeyStatus: async () => undefined,
  deleteApiKey: async () => undefined,
  createSecret: async () => ({ arn: 'x', name: 'x' }),
  callerIdentityOf: async () => ({}),
};

async function setup(onTransition: (from: string | undefined, to: string) => void) {
  const clock = new FakeClock();
  const store = await SqlStore.open(new SqliteDriver(':memory:'), { clock: clock.read });
  const service = new RemediationService({
    store,
    accounts: accountsDirectory(ACCOUNTS),
    aws: { forAccount: () => aws, destroy: () => undefined },
    approvers: { usergroupMembers: async () => [] },
    logger: silentLogger,
    ttlMs: 60_000,
    defaultRegion: 'us-east-1',
    clock: clock.read,
    onTransition,
  });
  const request = async (accessKeyId: string) => {
    const outcome = await service.request({
      action: 'deactivate',
      account: 'prod-apps',
      accessKeyId,
      requestedBy: REQUESTER,
      channelId: 'C0123ABCD',
    });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.request.id;
  };
  return { clock, store, service, request };
}

describe('onTransition', () => {
  it('sees creation, decision, execution and expiry, each once', async () => {
    const seen: string[] = [];
    const { clock, store, service, request } = await setup((from, to) => seen.push(`${from ?? 'none'}>${to}`));
    const id = await request('AKIAIOSFODNN7EXAMPLE');
    await service.decide({ requestId: id, userId: APPROVER, decision: 'approved' });
    await service.decide({ requestId: id, userId: APPROVER, decision: 'approved' });
    await service.execute(id);
    await service.execute(id);
    await request('AKIAI44QHQDHBEXAMPLE');
    clock.advance(60_000);
    await new RemediationSweeper(service, { store, clock: clock.read, logger: silentLogger }).sweepOnce();
    expect(seen).toEqual([
      'none>requested',
      'requested>approved',
      'approved>executing',
      'executing>done',
      'none>requested',
      'requested>expired',
    ]);
    await store.close();
  });

  it('feeds the approval-transition metric (as main.ts wires it) once per transition', async () => {
    const m = new BotMetrics({ defaultMetrics: false });
    const { clock, store, service, request } = await setup((from, to) => m.recordApprovalTransition(from, to));
    const a = await request('AKIAIOSFODNN7EXAMPLE');
    const b = await request('AKIAI44QHQDHBEXAMPLE');
    expect((await service.decide({ requestId: a, userId: APPROVER, decision: 'approved' })).ok).toBe(true);
    expect((await service.decide({ requestId: a, userId: APPROVER, decision: 'approved' })).ok).toBe(false);
    await service.decide({ requestId: b, userId: APPROVER, decision: 'rejected' });
    await service.execute(a);
    await service.execute(a);
    await request('AKIAIOSFODNN7EXAMPLE');
    clock.advance(60_000);
    await new RemediationSweeper(service, { store, clock: clock.read, logger: silentLogger }).sweepOnce();
    await new RemediationSweeper(service, { store, clock: clock.read, logger: silentLogger }).sweepOnce();
    const { body } = await m.render();
    const count = (from: string, to: string) => {
      const series = `bedrock403_approval_transitions_total{from="${from}",to="${to}"} `;
      const line = body.split('\n').find((l) => l.startsWith(series));
      return line === undefined ? undefined : Number(line.slice(series.length));
    };
    expect(count('none', 'requested')).toBe(3);
    expect(count('requested', 'approved')).toBe(1);
    expect(count('requested', 'rejected')).toBe(1);
    expect(count('approved', 'executing')).toBe(1);
    expect(count('executing', 'done')).toBe(1);
    expect(count('requested', 'expired')).toBe(1);
    await store.close();
  });

  it('ignores an observer that throws', async () => {
    const { store, service, request } = await setup(() => {
      throw new Error('metrics down');
    });
    const id = await request('AKIAIOSFODNN7EXAMPLE');
    expect((await service.decide({ requestId: id, userId: APPROVER, decision: 'rejected' })).ok).toBe(true);
    await store.close();
  });

  it('knows each state by its one predecessor', () => {
    expect(previousState('requested')).toBeUndefined();
    expect(previousState('approved')).toBe('requested');
    expect(previousState('expired')).toBe('requested');
    expect(previousState('executing')).toBe('approved');
    expect(previousState('failed')).toBe('executing');
  });
});
