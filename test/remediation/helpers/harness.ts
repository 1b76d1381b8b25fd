/**
 * A remediation service over a real SQLite file, the real SDK clients (nock at the HTTP layer), a fake clock, an
 * instant sleep that records its waits, captured log lines and captured renders. `restart()` closes the store and
 * builds a fresh service over the same file, as a bot restart would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type AccountEntry, type AccountsDirectory, accountsDirectory } from '../../../src/accounts.js';
import { createLogger, type Logger } from '../../../src/log.js';
import type { RemediationRequest } from '../../../src/remediation/model.js';
import { createRemediationAws, type RemediationAwsFactory } from '../../../src/remediation/remediation-aws.js';
import { remediationRoleCredentials } from '../../../src/remediation/role-credentials.js';
import {
  type ApproverDirectory,
  type RemediationNotifier,
  RemediationService,
} from '../../../src/remediation/service.js';
import type { SqlDriver } from '../../../src/store/sql-driver.js';
import { SqlStore } from '../../../src/store/sql-store.js';
import { SqliteDriver } from '../../../src/store/sqlite-driver.js';
import type { Store } from '../../../src/store/types.js';
import { captureLogLines } from '../../helpers/output-capture.js';
import { FakeClock } from '../../store/store-contract.js';
import { ACCOUNT, EXTERNAL_ID, REGION, ROLE_NAME, testRoleAssumer } from './aws-wire.js';

export const REQUESTER = 'U0REQUESTR';
export const APPROVER = 'U0APPROVER';
export const GROUP_MEMBER = 'U0GROUPMEM';
export const OUTSIDER = 'U0OUTSIDER';
export const USERGROUP = 'S0SECOPS';
export const TTL_MS = 30 * 60_000;
export const CONFIRM_DELAYS = [1000, 2000, 4000];

export const ACCOUNTS: AccountEntry[] = [
  {
    id: ACCOUNT,
    alias: 'prod-apps',
    channels: ['C0123ABCD'],
    requesters: [REQUESTER, APPROVER],
    approvers: { users: [APPROVER], usergroup: USERGROUP },
  },
  { id: '222222222222', alias: 'no-approvers' },
  { id: '333333333333', alias: 'open-requesters', channels: ['C0123ABCD'], approvers: { users: [APPROVER] } },
];

export class CapturedLog {
  readonly lines: string[] = [];
  readonly logger: Logger;
  constructor() {
    const lines = this.lines;
    this.logger = createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk, _enc, done) {
          lines.push(chunk.toString());
          captureLogLines('remediation harness', chunk.toString());
          done();
        },
      }),
    });
  }
  text(): string {
    return this.lines.join('');
  }
  records(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export class FakeApprovers implements ApproverDirectory {
  calls = 0;
  members = new Map<string, string[]>([[USERGROUP, [GROUP_MEMBER]]]);
  failWith: Error | undefined;
  async usergroupMembers(group: string): Promise<readonly string[]> {
    this.calls += 1;
    if (this.failWith) throw this.failWith;
    return this.members.get(group) ?? [];
  }
}

export class CapturedRenders implements RemediationNotifier {
  readonly renders: RemediationRequest[] = [];
  async render(request: RemediationRequest): Promise<void> {
    this.renders.push(request);
  }
  states(id?: string): string[] {
    return this.renders.filter((r) => !id || r.id === id).map((r) => r.state);
  }
}

export interface Harness {
  accounts: AccountsDirectory;
  dir: string;
  path: string;
  clock: FakeClock;
  store: Store;
  service: RemediationService;
  log: CapturedLog;
  approvers: FakeApprovers;
  renders: CapturedRenders;
  sleeps: number[];
  aws: RemediationAwsFactory;
  /** Closes the store and builds a new service over the same database file. */
  restart(): Promise<void>;
  /** Another service over the same database (a second replica), sharing clock, log and renders. */
  replica(): Promise<{ service: RemediationService; store: Store }>;
  close(): Promise<void>;
}

export async function createHarness(
  options: {
    accounts?: AccountEntry[];
    configured?: boolean;
    /** false: no notifier; an object: that notifier instead of the capturing one. */
    notifier?: false | RemediationNotifier;
    approvers?: ApproverDirectory;
    /** Wraps the SQLite driver of every store the harness opens (fault injection). */
    driver?: (inner: SqlDriver) => SqlDriver;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-remediation-'));
  const path = join(dir, 'data', 'bedrock-403.db');
  const clock = new FakeClock();
  const log = new CapturedLog();
  const approvers = new FakeApprovers();
  const renders = new CapturedRenders();
  const sleeps: number[] = [];
  const stores: Store[] = [];
  const accounts: AccountsDirectory = accountsDirectory(options.accounts ?? ACCOUNTS, options.configured ?? true);
  const aws = createRemediationAws({
    credentials: remediationRoleCredentials(testRoleAssumer(), ROLE_NAME, EXTERNAL_ID),
    maxAttempts: 1,
  });

  const build = async () => {
    const sqlite = new SqliteDriver(path);
    const store = await SqlStore.open(options.driver ? options.driver(sqlite) : sqlite, { clock: clock.read });
    stores.push(store);
    const service = new RemediationService({
      store,
      accounts,
      aws,
      approvers: options.approvers ?? approvers,
      logger: log.logger,
      ttlMs: TTL_MS,
      defaultRegion: REGION,
      clock: clock.read,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      confirmDelaysMs: CONFIRM_DELAYS,
      ...(options.notifier === false ? {} : { notifier: options.notifier ?? renders }),
    });
    return { store, service };
  };

  const first = await build();
  const harness: Harness = {
    accounts,
    dir,
    path,
    clock,
    store: first.store,
    service: first.service,
    log,
    approvers,
    renders,
    sleeps,
    aws,
    async restart() {
      await harness.store.close();
      const next = await build();
      harness.store = next.store;
      harness.service = next.service;
    },
    replica: build,
    async close() {
      for (const s of stores) await s.close().catch(() => undefined);
      aws.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
