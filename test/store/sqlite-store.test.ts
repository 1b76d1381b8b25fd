import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrationSql } from '../../src/store/migrations.js';
import { openStore, StoreOpenError } from '../../src/store/open.js';
import { SchemaTooNewError, SqlStore } from '../../src/store/sql-store.js';
import { SqliteDriver } from '../../src/store/sqlite-driver.js';
import { describeStoreContract, FakeClock, newRequest } from './store-contract.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bedrock-403-store-'));
}

describeStoreContract('sqlite', async () => {
  const dir = tempDir();
  const path = join(dir, 'nested', 'dir', 'test.db');
  return {
    open: (clock) => SqlStore.open(new SqliteDriver(path), { clock }),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store specifics', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('opens the DATABASE_URL path, creating its directory, and migrates once', async () => {
    const path = join(dir(), 'a', 'b', 'bedrock-403.db');
    const store = await openStore({ kind: 'sqlite', path });
    expect(existsSync(path)).toBe(true);
    await store.ping();
    await store.close();
    const driver = new SqliteDriver(path);
    const again = await SqlStore.open(driver);
    const rows = await driver.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    await again.close();
  });

  it('refuses a database migrated by a newer version', async () => {
    const path = join(dir(), 'db.sqlite');
    const extra = [...MIGRATIONS, { id: 99, name: 'future', sql: 'CREATE TABLE future_thing (id TEXT)' }];
    const newer = await SqlStore.open(new SqliteDriver(path), { migrations: extra });
    await newer.close();
    await expect(SqlStore.open(new SqliteDriver(path))).rejects.toThrow(SchemaTooNewError);
    await expect(SqlStore.open(new SqliteDriver(path))).rejects.toThrow(
      new RegExp(`migration 99.*knows \\(${MIGRATIONS.length}\\)`),
    );
  });

  it('applies a failing migration all or nothing', async () => {
    const path = join(dir(), 'db.sqlite');
    const broken = [...MIGRATIONS, { id: 2, name: 'broken', sql: 'CREATE TABLE half (id TEXT); SELECT nope FROM' }];
    await expect(SqlStore.open(new SqliteDriver(path), { migrations: broken })).rejects.toThrow();
    const driver = new SqliteDriver(path);
    await expect(
      driver.query("SELECT name FROM sqlite_master WHERE name IN ('half', 'audit_events')"),
    ).resolves.toEqual([]);
    await driver.close();
    const store = await SqlStore.open(new SqliteDriver(path));
    await store.close();
  });

  it('names the path when the database cannot be opened', () => {
    const file = join(dir(), 'file');
    rmSync(file, { force: true });
    writeFileSync(file, 'x');
    expect(() => new SqliteDriver(join(file, 'db.sqlite'))).toThrow(StoreOpenError);
    expect(() => new SqliteDriver(join(file, 'db.sqlite'))).toThrow(/cannot open SQLite database at .*DATABASE_URL/);
  });

  it('hands postgres:// URLs to the PostgreSQL driver (a malformed one is refused by name)', async () => {
    await expect(openStore({ kind: 'postgres', url: 'postgres://x@localhost' })).rejects.toThrow(StoreOpenError);
    await expect(openStore({ kind: 'postgres', url: 'postgres://x@localhost' })).rejects.toThrow(/no database name/);
  });

  it('rejects calls after close', async () => {
    const store = await SqlStore.open(new SqliteDriver(':memory:'));
    await store.close();
    await expect(store.ping()).rejects.toThrow(/closed/);
  });

  it('rolls a transaction back when its work throws, and keeps serving afterwards', async () => {
    const driver = new SqliteDriver(':memory:');
    const store = await SqlStore.open(driver, { clock: new FakeClock().read });
    await expect(
      driver.transaction(async (tx) => {
        await tx.run("INSERT INTO channel_settings (channel_id, key, value, updated_at) VALUES ('C1', 'k', 'v', 1)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.getChannelSetting('C1', 'k')).toBeUndefined();
    const created = await store.createRequest(newRequest());
    expect(created.created).toBe(true);
    await store.close();
  });

  it('expands the dialect token for both engines and rejects unknown tokens', () => {
    const first = MIGRATIONS[0];
    if (!first) throw new Error('no migrations');
    expect(migrationSql(first, 'sqlite')).toContain('INTEGER PRIMARY KEY AUTOINCREMENT');
    expect(migrationSql(first, 'postgres')).toContain('BIGSERIAL PRIMARY KEY');
    expect(migrationSql(first, 'postgres')).not.toContain('{{');
    expect(() => migrationSql({ id: 9, name: 'typo', sql: 'x {{nope}}' }, 'sqlite')).toThrow(/unknown token/);
  });
});
