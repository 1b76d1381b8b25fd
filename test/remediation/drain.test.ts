/** Shutdown lets running executions finish (bounded), so a stop never cuts a rotation in half when it can wait. */
import { describe, expect, it } from 'vitest';
import { accountsDirectory } from '../../src/accounts.js';
import { silentLogger } from '../../src/log.js';
import type { RemediationAws, RemediationAwsFactory } from '../../src/remediation/remediation-aws.js';
import { RemediationService } from '../../src/remediation/service.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';
import { newRequest } from '../store/store-contract.js';
import { ACCOUNTS } from './helpers/harness.js';

function gatedAws() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const calls: string[] = [];
  const aws: RemediationAws = {
    keyLastUsed: async () => ({ userName: 'bedrock-app', lastUsed: { service: 'N/A', region: 'N/A' } }),
    listKeys: async () => [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' }],
    createKey: async () => {
      throw new Error('not used');
    },
    setKeyStatus: async (_user, id, status) => {
      calls.push(`setKeyStatus ${id} ${status}`);
      await gate;
    },
    deleteKey: async () => undefined,
    listApiKeys: async () => [],
    setApiKeyStatus: async () => undefined,
    deleteApiKey: async () => undefined,
    createSecret: async () => ({ arn: 'x', name: 'x' }),
    callerIdentityOf: async () => ({}),
  };
  const factory: RemediationAwsFactory = { forAccount: () => aws, destroy: () => undefined };
  return { factory, calls, open: () => open() };
}

async function setup() {
  const store = await SqlStore.open(new SqliteDriver(':memory:'));
  const aws = gatedAws();
  const service = new RemediationService({
    store,
    accounts: accountsDirectory(ACCOUNTS),
    aws: aws.factory,
    approvers: { usergroupMembers: async () => [] },
    logger: silentLogger,
    ttlMs: 60_000,
    defaultRegion: 'us-east-1',
  });
  const created = await store.createRequest(newRequest({ action: 'deactivate' }));
  if (!created.created) throw new Error('not created');
  await store.decide(created.request.id, 'approved', 'U0APPROVER');
  return { store, service, aws, id: created.request.id };
}

describe('RemediationService.drain', () => {
  it('waits for a running execution to finish', async () => {
    const { store, service, aws, id } = await setup();
    const running = service.execute(id, 'U0APPROVER');
    await new Promise((resolve) => setImmediate(resolve));
    expect(service.inFlight).toBe(1);
    const drained = service.drain(10_000);
    setImmediate(aws.open);
    expect(await drained).toBe(0);
    expect((await running)?.state).toBe('done');
    expect(aws.calls).toEqual(['setKeyStatus AKIAIOSFODNN7EXAMPLE Inactive']);
    await store.close();
  });

  it('gives up after its bound and says how many are still running', async () => {
    const { store, service, aws, id } = await setup();
    const running = service.execute(id, 'U0APPROVER');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await service.drain(0)).toBe(1);
    aws.open();
    await running;
    expect(service.inFlight).toBe(0);
    await store.close();
  });
});
