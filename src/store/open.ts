/**
 * Opens the store named by DATABASE_URL (`Config.database`): SQLite by default. PostgreSQL is chosen by a
 * postgres:// URL and plugs in here as another SqlDriver over the same SQL and migrations.
 */

import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { PostgresDriver, type PostgresDriverOptions } from './postgres-driver.js';
import { SqlStore } from './sql-store.js';
import { SqliteDriver } from './sqlite-driver.js';
import type { Store } from './types.js';

export { StoreOpenError } from './sqlite-driver.js';

export interface OpenStoreOptions {
  clock?: Clock;
  /** PostgreSQL pool settings (pool size, timeouts, idle-connection error callback). */
  postgres?: PostgresDriverOptions;
}

export async function openStore(database: Config['database'], options: OpenStoreOptions = {}): Promise<Store> {
  if (database.kind === 'sqlite') {
    return SqlStore.open(new SqliteDriver(database.path), options);
  }
  return SqlStore.open(await PostgresDriver.connect(database.url, options.postgres), options);
}
