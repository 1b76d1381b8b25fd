/**
 * The SQLite store on the remediation path: the latency of each state change (one conditional UPDATE plus its audit
 * event in one write transaction, fsync'd per the WAL settings) and how long a burst of simultaneous approval clicks
 * takes to settle to one winner. Real file in a temp directory; one process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewRequest } from '../src/remediation/model.js';
import { SqlStore } from '../src/store/sql-store.js';
import { SqliteDriver } from '../src/store/sqlite-driver.js';
import { type BenchRow, percentile } from './types.js';

const REQUESTS = 300;
const BURST = 20;
const TARGET_P99_MS = 25;

const request = (i: number): NewRequest => ({
  action: 'rotate',
  accountId: '111111111111',
  userName: 'bedrock-app',
  accessKeyId: `AKIABENCH${String(i).padStart(11, '0')}`,
  region: 'us-east-1',
  key: { status: 'Active', lastUsed: { date: '2026-11-25T10:45:00Z', service: 'bedrock', region: 'us-west-2' } },
  requestedBy: 'U0REQUESTR',
  ttlMs: 1_800_000,
  slack: { channel: 'C0123ABCD', threadTs: '1.1' },
});

export default async function storeBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-bench-'));
  const store = await SqlStore.open(new SqliteDriver(join(dir, 'bench.db')));
  const transition: number[] = [];
  const time = async <T>(work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await work();
    transition.push(performance.now() - t0);
    return out;
  };
  try {
    for (let i = 0; i < REQUESTS; i++) {
      const created = await time(() => store.createRequest(request(i)));
      if (!created.created) throw new Error('bench request not created');
      const id = created.request.id;
      await time(() => store.decide(id, 'approved', 'U0APPROVER'));
      await time(() => store.claimExecution(id, 'U0APPROVER'));
      await time(() => store.recordStep(id, 'new_key_created', 'new key created'));
      await time(() => store.finishExecution(id, { state: 'done', result: {}, detail: 'done' }));
    }
    const bursts: number[] = [];
    for (let b = 0; b < 20; b++) {
      const created = await store.createRequest(request(REQUESTS + b));
      if (!created.created) throw new Error('bench request not created');
      const t0 = performance.now();
      const results = await Promise.all(
        Array.from({ length: BURST }, (_, n) => store.decide(created.request.id, 'approved', `U0APPROVR${n}`)),
      );
      bursts.push(performance.now() - t0);
      if (results.filter((r) => r.ok).length !== 1) throw new Error('a burst had more or less than one winner');
    }
    const t0 = performance.now();
    const events = await store.listAudit({ limit: 100_000 });
    const listMs = performance.now() - t0;
    const p99 = percentile(transition, 99);
    return [
      { bench: 'store', metric: 'state change p50', value: percentile(transition, 50), unit: 'ms' },
      {
        bench: 'store',
        metric: 'state change p99',
        value: p99,
        unit: 'ms',
        target: `<= ${TARGET_P99_MS}`,
        met: p99 <= TARGET_P99_MS,
      },
      {
        bench: 'store',
        metric: `${BURST} simultaneous approvals settle (p50)`,
        value: percentile(bursts, 50),
        unit: 'ms',
      },
      { bench: 'store', metric: `list ${events.length} audit events`, value: listMs, unit: 'ms' },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
