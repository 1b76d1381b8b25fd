/**
 * A separate process for the multi-process test: opens the SQLite file, waits for the start signal (a file), then
 * tries to decide and claim every request, printing the ids it won as one JSON line.
 */
import { existsSync } from 'node:fs';
import { SqlStore } from '../../../src/store/sql-store.js';
import { SqliteDriver } from '../../../src/store/sqlite-driver.js';

const [path, startFile, who] = process.argv.slice(2);
if (!path || !startFile || !who) throw new Error('usage: claim-worker DB START WHO');
const store = await SqlStore.open(new SqliteDriver(path));
const ids = (await store.listRequests({ states: ['requested'] })).map((r) => r.id);
while (!existsSync(startFile)) await new Promise((resolve) => setTimeout(resolve, 5));
const decided: string[] = [];
const claimed: string[] = [];
for (const id of ids) {
  if ((await store.decide(id, 'approved', who)).ok) decided.push(id);
  if (await store.claimExecution(id, who)) claimed.push(id);
}
await store.close();
process.stdout.write(`${JSON.stringify({ decided, claimed })}\n`);
