import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RemediationRequest } from '../../src/remediation/model.js';
import { RunningWork } from '../../src/slack/admission.js';
import type { ListenerDeps } from '../../src/slack/deps.js';
import { ACTION } from '../../src/slack/ids.js';
import {
  createDecisionListener,
  type RemediationButtonArgs,
} from '../../src/slack/listeners/actions/remediation-buttons.js';
import { InMemoryDeliveryDedupe } from '../../src/slack/stores.js';
import { BackgroundTasks } from '../../src/slack/tasks.js';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from '../../src/store/sql-driver.js';
import {
  createSecretBodies,
  mockCreateKey,
  mockCreateSecret,
  mockDeleteKey,
  mockKeyLastUsed,
  mockListKeys,
  mockNewKeyIdentity,
  mockUpdateKey,
  NEW_KEY,
  OLD_KEY,
  updateKeyBodies,
  useAwsWire,
} from './helpers/aws-wire.js';
import { APPROVER, createHarness, type Harness, REQUESTER } from './helpers/harness.js';

/** Fails, while `failWhen` says so, the statements it matches: as a full disk or a lost database connection would. */
class FlakyDriver implements SqlDriver {
  readonly dialect: SqlDriver['dialect'];
  failWhen: ((sql: string, params: readonly SqlValue[]) => boolean) | undefined;
  failures = 0;

  constructor(private readonly inner: SqlDriver) {
    this.dialect = inner.dialect;
  }

  private check(sql: string, params: readonly SqlValue[] = []): void {
    if (this.failWhen?.(sql, params)) {
      this.failures += 1;
      throw Object.assign(new Error('disk I/O error (injected)'), { code: 'SQLITE_IOERR' });
    }
  }

  private wrap(executor: SqlExecutor): SqlExecutor {
    return {
      query: async <T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]) => {
        this.check(sql, params);
        return executor.query<T>(sql, params);
      },
      run: async (sql, params) => {
        this.check(sql, params);
        return executor.run(sql, params);
      },
      exec: async (sql) => {
        this.check(sql);
        return executor.exec(sql);
      },
    };
  }

  query<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.wrap(this.inner).query<T>(sql, params);
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.wrap(this.inner).run(sql, params);
  }
  exec(sql: string): Promise<void> {
    return this.wrap(this.inner).exec(sql);
  }
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(this.wrap(tx)));
  }
  lockForMigration(tx: SqlExecutor): Promise<void> {
    return this.inner.lockForMigration?.(tx) ?? Promise.resolve();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The audit insert of one event kind (`approved`, `executing`, `step`, ...): `at, event, ...` are $1, $2. */
const auditOf =
  (event: string, detail?: RegExp) =>
  (sql: string, params: readonly SqlValue[]): boolean =>
    sql.includes('INSERT INTO audit_events') &&
    params[1] === event &&
    (detail === undefined || detail.test(String(params[8] ?? '')));

let h: Harness;
let driver: FlakyDriver;
useAwsWire(50);

beforeEach(async () => {
  h = await createHarness({
    driver: (inner) => {
      driver = new FlakyDriver(inner);
      return driver;
    },
  });
});

afterEach(async () => {
  await h.close();
});

async function requested(action: 'rotate' | 'deactivate'): Promise<RemediationRequest> {
  mockKeyLastUsed(OLD_KEY);
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  const outcome = await h.service.request({
    action,
    account: 'prod-apps',
    accessKeyId: OLD_KEY,
    requestedBy: REQUESTER,
    channelId: 'C0123ABCD',
    threadTs: '1700000000.000100',
  });
  if (!outcome.ok || !outcome.created) throw new Error(`request not created: ${JSON.stringify(outcome)}`);
  return outcome.request;
}

/** Every AWS call an execution could make; each scope says whether it was called. */
function mockEveryKeyChange() {
  mockListKeys([{ id: OLD_KEY, status: 'Active' }]);
  const created = mockCreateKey();
  mockCreateSecret();
  mockNewKeyIdentity(0);
  mockUpdateKey(OLD_KEY, 'Inactive');
  const deleted = mockDeleteKey(NEW_KEY);
  return { keyCreated: () => created.isDone(), newKeyDeleted: () => deleted.isDone() };
}

const events = async (id: string) => (await h.store.listAudit({ requestId: id })).map((e) => e.event);

describe('the store failing during an approval', () => {
  it('the approval audit event cannot be written: the decision is rolled back and nothing runs', async () => {
    const request = await requested('rotate');
    mockEveryKeyChange();
    driver.failWhen = auditOf('approved');
    await expect(h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' })).rejects.toThrow(
      /disk I\/O error/,
    );
    expect(driver.failures).toBe(1);
    expect((await h.store.getRequest(request.id))?.state).toBe('requested');
    expect(await events(request.id)).toEqual(['requested']);
    expect(updateKeyBodies).toEqual([]);
    expect(createSecretBodies).toEqual([]);

    // Once the store works again, the same approval goes through and runs once.
    driver.failWhen = undefined;
    const decided = await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    expect(decided.ok).toBe(true);
    const done = await h.service.execute(request.id, APPROVER);
    expect(done?.state).toBe('done');
    expect(updateKeyBodies).toHaveLength(1);
  });

  it('the execution claim cannot be written: no key is touched, the approval is resumed later, once', async () => {
    const request = await requested('deactivate');
    mockEveryKeyChange();
    mockKeyLastUsed(OLD_KEY);
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    driver.failWhen = auditOf('executing');
    await expect(h.service.execute(request.id, APPROVER)).rejects.toThrow(/disk I\/O error/);
    expect((await h.store.getRequest(request.id))?.state).toBe('approved');
    expect(await events(request.id)).toEqual(['requested', 'approved']);
    expect(updateKeyBodies).toEqual([]);

    driver.failWhen = undefined;
    const resumed = await h.service.resumeApproved();
    expect(resumed.map((r) => r.state)).toEqual(['done']);
    expect(updateKeyBodies).toHaveLength(1);
    expect(await h.service.resumeApproved()).toEqual([]);
  });

  it('deactivation: the step before the change cannot be recorded, so the key is not deactivated', async () => {
    const request = await requested('deactivate');
    mockEveryKeyChange();
    mockKeyLastUsed(OLD_KEY);
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    driver.failWhen = auditOf('step');
    const finished = await h.service.execute(request.id, APPROVER);
    expect(updateKeyBodies).toEqual([]);
    expect(finished?.state).toBe('failed');
    expect(finished?.failure).toMatch(/could not be written to the audit trail.*Nothing was changed.*still Active/s);
    expect(finished?.result?.oldKeyStatus).toBe('Active');
    expect(await events(request.id)).toEqual(['requested', 'approved', 'executing', 'failed']);
  });

  it('rotation: the first step cannot be recorded, so no new key is created', async () => {
    const request = await requested('rotate');
    const aws = mockEveryKeyChange();
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    driver.failWhen = auditOf('step');
    const finished = await h.service.execute(request.id, APPROVER);
    expect(aws.keyCreated()).toBe(false);
    expect(createSecretBodies).toEqual([]);
    expect(updateKeyBodies).toEqual([]);
    expect(finished?.state).toBe('failed');
    expect(finished?.failure).toMatch(/Nothing was changed/);
  });

  it('rotation: the new key cannot be recorded, so it is deleted again and the old key is left alone', async () => {
    const request = await requested('rotate');
    const aws = mockEveryKeyChange();
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    driver.failWhen = auditOf('step', /new key .* created/);
    const finished = await h.service.execute(request.id, APPROVER);
    expect(aws.keyCreated()).toBe(true);
    expect(createSecretBodies).toEqual([]);
    expect(updateKeyBodies).toEqual([]);
    expect(aws.newKeyDeleted()).toBe(true);
    expect(finished).toMatchObject({ state: 'failed', result: { newKeyState: 'deleted', oldKeyStatus: 'Active' } });
    expect(finished?.failure).toMatch(/deleted again/);
  });

  it('rotation: the stored secret cannot be recorded, so the old key is not deactivated', async () => {
    const request = await requested('rotate');
    mockEveryKeyChange();
    await h.service.decide({ requestId: request.id, userId: APPROVER, decision: 'approved' });
    driver.failWhen = auditOf('step', /stored in Secrets Manager/);
    const finished = await h.service.execute(request.id, APPROVER);
    expect(createSecretBodies).toHaveLength(1);
    expect(updateKeyBodies).toEqual([]);
    expect(finished).toMatchObject({ state: 'failed', result: { newKeyState: 'Active', oldKeyStatus: 'Active' } });
    expect(finished?.failure).toMatch(/was NOT deactivated/);
  });
});

describe('the approval button while the store fails', () => {
  it('tells the approver the decision was not recorded and nothing changed', async () => {
    const request = await requested('rotate');
    mockEveryKeyChange();
    driver.failWhen = auditOf('approved');
    const responses: Record<string, unknown>[] = [];
    const deps = {
      accounts: h.accounts,
      dedupe: new InMemoryDeliveryDedupe(),
      logger: h.log.logger,
      tasks: new BackgroundTasks(h.log.logger),
      running: new RunningWork(),
      remediation: h.service,
    } as unknown as ListenerDeps;
    const action = {
      type: 'button',
      action_id: ACTION.approveRequest,
      block_id: 'b',
      value: request.id,
      action_ts: '1700000100.000001',
      text: { type: 'plain_text', text: 'Approve' },
    };
    const args = {
      ack: vi.fn(async () => undefined),
      action,
      body: {
        type: 'block_actions',
        user: { id: APPROVER },
        channel: { id: 'C0123ABCD' },
        container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C0123ABCD' },
        message: { type: 'message', ts: '1700000000.000200', thread_ts: '1700000000.000100', text: 'x' },
        actions: [action],
      },
      respond: vi.fn(async (message: Record<string, unknown>) => {
        responses.push(message);
        return new Response('ok');
      }),
    } as unknown as RemediationButtonArgs;
    await createDecisionListener(deps, 'approved')(args);
    await deps.tasks.idle();
    expect(updateKeyBodies).toEqual([]);
    expect((await h.store.getRequest(request.id))?.state).toBe('requested');
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(responses[0])).toMatch(/could not be recorded.*Nothing was changed.*try again/s);
  });
});
