/**
 * Two processes over one SQLite file (two bots pointed at the same DATABASE_URL, or an old and a new process
 * during a restart): SQLite's own locking, not this process's queue, decides. Each request is approved and
 * claimed by exactly one of them.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';
import { newRequest } from './store-contract.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SQLite store across processes', () => {
  it('approves and claims each request exactly once when two processes race', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bedrock-403-mp-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const startFile = join(dir, 'go');
    const store = await SqlStore.open(new SqliteDriver(path));
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const created = await store.createRequest(
        newRequest({ accessKeyId: `AKIATESTKEY${String(i).padStart(9, '0')}` }),
      );
      if (created.created) ids.push(created.request.id);
    }
    await store.close();
    const worker = new URL('./helpers/claim-worker.ts', import.meta.url).pathname;
    const children = ['U0PROCESSA', 'U0PROCESSB'].map((who) =>
      run(process.execPath, ['--import', 'tsx', worker, path, startFile, who], { timeout: 60_000 }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    writeFileSync(startFile, 'go');
    const results = (await Promise.all(children)).map(
      (r) => JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { decided: string[]; claimed: string[] },
    );
    const decided = results.flatMap((r) => r.decided);
    const claimed = results.flatMap((r) => r.claimed);
    expect(decided.sort()).toEqual([...ids].sort());
    expect(claimed.sort()).toEqual([...ids].sort());
    const check = await SqlStore.open(new SqliteDriver(path));
    const events = await check.listAudit();
    expect(events.filter((e) => e.event === 'approved')).toHaveLength(ids.length);
    expect(events.filter((e) => e.event === 'executing')).toHaveLength(ids.length);
    await check.close();
  }, 60_000);
});
