/**
 * The Store contract on a real PostgreSQL server (TEST_DATABASE_URL), plus what is specific to PostgreSQL:
 * connection errors, int8 parsing, transactions, migrations under concurrent starts, and two Store instances
 * (two replicas) racing over one database. This file creates its own database (or, without CREATEDB, works in
 * the given one) and gives every test a fresh schema. Without TEST_DATABASE_URL it is skipped locally; in CI
 * (CI set) a missing TEST_DATABASE_URL fails the run, so PostgreSQL can never be skipped silently there.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore, StoreOpenError } from '../../src/store/open.js';
import { describePostgresUrl, explainConnectError, PostgresDriver } from '../../src/store/postgres-driver.js';
import { SchemaTooNewError, SqlStore } from '../../src/store/sql-store.js';
import type { Store } from '../../src/store/types.js';
import { freePort } from '../helpers/free-port.js';
import { describeStoreContract, FakeClock, newRequest, TTL } from './store-contract.js';

const baseUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');
if (!baseUrl && inCi) {
  throw new Error(
    'TEST_DATABASE_URL is not set, but CI is: the PostgreSQL store tests must run in CI (.ci/run starts a server)',
  );
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

const suffix = () => randomBytes(6).toString('hex');

/** This file's database: created once (dropped in afterAll), or the given one when CREATEDB is not allowed. */
let fileDatabase: Promise<{ url: string; created?: string }> | undefined;
function fileDatabaseUrl(): Promise<{ url: string; created?: string }> {
  const url = baseUrl as string;
  fileDatabase ??= (async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const name = `bedrock403_t_${process.pid}_${suffix()}`;
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      return { url: withDatabase(url, name), created: name };
    } catch (error) {
      if ((error as { code?: string }).code === '42501') return { url };
      throw error;
    } finally {
      await admin.end();
    }
  })();
  return fileDatabase;
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema in this file's database; `drop` removes it with everything in it. */
async function freshSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const db = await fileDatabaseUrl();
  const schema = `t_${suffix()}`;
  return {
    url: withSchema(db.url, schema),
    drop: () => withAdmin(db.url, (c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).then(() => undefined)),
  };
}

afterAll(async () => {
  if (!fileDatabase) return;
  const db = await fileDatabase;
  if (!db.created) return;
  await withAdmin(baseUrl as string, (c) => c.query(`DROP DATABASE IF EXISTS ${db.created} WITH (FORCE)`));
});

/** A TCP port on loopback that nothing listens on. */
const closedPort = freePort;

describe('PostgreSQL URL checks (no server needed)', () => {
  it('describes a URL without its password', () => {
    expect(describePostgresUrl('postgres://bot:s3cr%40t@db.internal:6432/bedrock?sslmode=require')).toEqual({
      host: 'db.internal',
      port: 6432,
      database: 'bedrock',
      user: 'bot',
    });
    expect(describePostgresUrl('postgresql://bot@db/bedrock?schema=bot_state')).toMatchObject({
      port: 5432,
      schema: 'bot_state',
    });
  });

  it('refuses malformed URLs with a message that says what is wrong and never shows the password', () => {
    const cases: [string, RegExp][] = [
      ['postgres://bot:hunter2secret@', /not a valid PostgreSQL URL|no host/],
      ['postgres://bot:hunter2secret@db.internal', /no database name/],
      ['postgres://bot:hunter2secret@db.internal/a/b', /not a database name/],
      ['postgres://bot:hunter2secret@db/x?schema=drop;table', /schema .* letters, digits/],
      ['mysql://bot:hunter2secret@db/x', /must start with postgres:\/\//],
      ['postgres://bot:hunter2secret@db:notaport/x', /not a valid PostgreSQL URL/],
    ];
    for (const [url, message] of cases) {
      let caught: unknown;
      try {
        describePostgresUrl(url);
      } catch (error) {
        caught = error;
      }
      expect(caught, url).toBeInstanceOf(StoreOpenError);
      expect((caught as Error).message, url).toMatch(message);
      expect((caught as Error).message, url).not.toContain('hunter2secret');
    }
  });

  it('explains connection failures by cause, masking the password even if the server echoes it', () => {
    const target = { host: 'db', port: 5432, database: 'bedrock', user: 'bot' };
    const auth = Object.assign(new Error('password authentication failed for user "bot" (pw hunter2secret)'), {
      code: '28P01',
    });
    expect(explainConnectError(auth, target, 'hunter2secret')).toMatch(/refused user "bot".*user and password/);
    expect(explainConnectError(auth, target, 'hunter2secret')).not.toContain('hunter2secret');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(explainConnectError(refused, target)).toMatch(/cannot reach PostgreSQL at db:5432 \(ECONNREFUSED\)/);
    const missing = Object.assign(new Error('database "bedrock" does not exist'), { code: '3D000' });
    expect(explainConnectError(missing, target)).toMatch(/database "bedrock" does not exist on PostgreSQL at db:5432/);
    expect(explainConnectError(new Error('Connection terminated due to connection timeout'), target)).toMatch(
      /timed out/,
    );
  });

  it('reports an unreachable server as a StoreOpenError naming host and port', async () => {
    const port = await closedPort();
    const url = `postgres://bot:hunter2secret@127.0.0.1:${port}/bedrock`;
    const failure = openStore({ kind: 'postgres', url }, { postgres: { connectTimeoutMs: 2000 } });
    await expect(failure).rejects.toThrow(StoreOpenError);
    await expect(failure).rejects.toThrow(
      new RegExp(`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`),
    );
    await failure.catch((error: Error) => expect(error.message).not.toContain('hunter2secret'));
  });
});

describe.skipIf(!baseUrl)('PostgreSQL store', () => {
  describeStoreContract('postgres', async () => {
    const schema = await freshSchema();
    return {
      open: (clock) => openStore({ kind: 'postgres', url: schema.url }, { clock }),
      destroy: schema.drop,
    };
  });

  describe('PostgreSQL specifics', () => {
    const cleanups: (() => Promise<unknown>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
    });
    async function schemaUrl(): Promise<string> {
      const schema = await freshSchema();
      cleanups.push(schema.drop);
      return schema.url;
    }
    async function driver(url: string, options = {}): Promise<PostgresDriver> {
      const d = await PostgresDriver.connect(url, options);
      cleanups.push(() => d.close());
      return d;
    }
    async function store(url: string, clock: FakeClock): Promise<Store> {
      const s = await openStore({ kind: 'postgres', url }, { clock: clock.read });
      cleanups.push(() => s.close());
      return s;
    }

    it('refuses a wrong password with a message naming the user, without the password', async () => {
      const u = new URL(baseUrl as string);
      u.password = 'definitely-wrong-pw-7731';
      const failure = openStore({ kind: 'postgres', url: u.toString() });
      await expect(failure).rejects.toThrow(StoreOpenError);
      await failure.catch((error: Error) => {
        expect(error.message).toMatch(new RegExp(`refused user "${decodeURIComponent(u.username)}"`));
        expect(error.message).not.toContain('definitely-wrong-pw-7731');
      });
    });

    it('names a database that does not exist', async () => {
      const url = withDatabase(baseUrl as string, `no_such_db_${suffix()}`);
      await expect(openStore({ kind: 'postgres', url })).rejects.toThrow(/database "no_such_db_\w+" does not exist/);
    });

    it('returns BIGINT as numbers and refuses values a number cannot hold', async () => {
      const d = await driver(await schemaUrl());
      const [row] = await d.query<{ big: unknown; n: unknown }>(
        'SELECT 9007199254740991::bigint AS big, count(*) AS n FROM (VALUES (1), (2)) AS v(x)',
      );
      expect(row).toEqual({ big: 9007199254740991, n: 2 });
      await expect(d.query('SELECT 9007199254740993::bigint AS too_big')).rejects.toThrow(/does not fit/);
    });

    it('creates the schema named in the URL and keeps the tables there', async () => {
      const url = await schemaUrl();
      const schema = new URL(url).searchParams.get('schema');
      await store(url, new FakeClock());
      const d = await driver(url);
      const tables = await d.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual([
        'audit_events',
        'channel_settings',
        'idempotency_keys',
        'rate_limit_windows',
        'remediation_requests',
        'schema_migrations',
      ]);
    });

    it('migrates once when several replicas start together', async () => {
      const url = await schemaUrl();
      const clock = new FakeClock();
      const stores = await Promise.all([1, 2, 3, 4].map(() => store(url, clock)));
      expect(stores).toHaveLength(4);
      const d = await driver(url);
      const rows = await d.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    });

    it('refuses a database migrated by a newer version', async () => {
      const url = await schemaUrl();
      const extra = [...MIGRATIONS, { id: 99, name: 'future', sql: 'CREATE TABLE future_thing (id TEXT)' }];
      const newer = await SqlStore.open(await PostgresDriver.connect(url), { migrations: extra });
      await newer.close();
      await expect(openStore({ kind: 'postgres', url })).rejects.toThrow(SchemaTooNewError);
    });

    it('applies a failing migration all or nothing', async () => {
      const url = await schemaUrl();
      const broken = [...MIGRATIONS, { id: 2, name: 'broken', sql: 'CREATE TABLE half (id TEXT); SELECT nope FROM' }];
      await expect(SqlStore.open(await PostgresDriver.connect(url), { migrations: broken })).rejects.toThrow();
      const d = await driver(url);
      expect(await d.query("SELECT tablename FROM pg_tables WHERE tablename IN ('half', 'audit_events')")).toEqual([]);
      await store(url, new FakeClock());
    });

    it('rolls a transaction back when its work throws, and keeps serving afterwards', async () => {
      const url = await schemaUrl();
      const s = await store(url, new FakeClock());
      const d = await driver(url);
      await expect(
        d.transaction(async (tx) => {
          await tx.run("INSERT INTO channel_settings (channel_id, key, value, updated_at) VALUES ('C1', 'k', 'v', 1)");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.getChannelSetting('C1', 'k')).toBeUndefined();
      expect((await s.createRequest(newRequest())).created).toBe(true);
    });

    it('retries a transaction that lost a deadlock, and gives up after three attempts', async () => {
      const d = await driver(await schemaUrl());
      let attempts = 0;
      const result = await d.transaction(async (tx) => {
        attempts += 1;
        await tx.query('SELECT 1');
        if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
        return 'done';
      });
      expect({ result, attempts }).toEqual({ result: 'done', attempts: 2 });
      attempts = 0;
      await expect(
        d.transaction(async () => {
          attempts += 1;
          throw Object.assign(new Error('could not serialize access'), { code: '40001' });
        }),
      ).rejects.toThrow(/serialize/);
      expect(attempts).toBe(3);
      attempts = 0;
      await expect(
        d.transaction(async () => {
          attempts += 1;
          throw new Error('not retryable');
        }),
      ).rejects.toThrow('not retryable');
      expect(attempts).toBe(1);
    });

    it('survives the server dropping an idle connection and reports it', async () => {
      const url = await schemaUrl();
      const errors: Error[] = [];
      const d = await driver(url, { onIdleError: (e: Error) => errors.push(e) });
      const [{ pid } = { pid: 0 }] = await d.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await withAdmin(url, (c) => c.query('SELECT pg_terminate_backend($1)', [pid]));
      for (let i = 0; i < 50 && errors.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(errors.length).toBeGreaterThan(0);
      expect(await d.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    });

    it('rejects calls after close', async () => {
      const d = await PostgresDriver.connect(await schemaUrl());
      await d.close();
      await expect(d.query('SELECT 1')).rejects.toThrow(/closed/);
      await expect(d.transaction(async () => 1)).rejects.toThrow(/closed/);
      await d.close();
    });
  });

  describe('two replicas over one database', () => {
    const stores: Store[] = [];
    let drop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      for (const s of stores.splice(0)) await s.close().catch(() => undefined);
      await drop?.();
      drop = undefined;
    });
    async function twoReplicas(clock: FakeClock): Promise<[Store, Store]> {
      const schema = await freshSchema();
      drop = schema.drop;
      const a = await openStore({ kind: 'postgres', url: schema.url }, { clock: clock.read });
      stores.push(a);
      const b = await openStore({ kind: 'postgres', url: schema.url }, { clock: clock.read });
      stores.push(b);
      return [a, b];
    }
    const key = (n: number) => `AKIA${String(n).padStart(16, '0')}`;

    it('concurrent decisions on the same request from both replicas: exactly one wins, per request', async () => {
      const clock = new FakeClock();
      const [a, b] = await twoReplicas(clock);
      const ids: string[] = [];
      for (let n = 0; n < 12; n += 1) {
        const created = await a.createRequest(newRequest({ accessKeyId: key(n) }));
        if (!created.created) throw new Error('not created');
        ids.push(created.request.id);
      }
      const results = await Promise.all(
        ids.flatMap((id) => [
          a.decide(id, 'approved', 'U0A1').then((r) => ({ id, r })),
          b.decide(id, 'approved', 'U0B1').then((r) => ({ id, r })),
          a.decide(id, 'rejected', 'U0A2').then((r) => ({ id, r })),
          b.decide(id, 'rejected', 'U0B2').then((r) => ({ id, r })),
        ]),
      );
      for (const id of ids) {
        const mine = results.filter((x) => x.id === id);
        expect(
          mine.filter((x) => x.r.ok),
          id,
        ).toHaveLength(1);
        const events = await b.listAudit({ requestId: id });
        expect(events).toHaveLength(2);
        expect(events[0]?.event).toBe('requested');
        const stored = await b.getRequest(id);
        const winner = mine.find((x) => x.r.ok)?.r;
        expect(winner?.ok && winner.transition.request.decidedBy).toBe(stored?.decidedBy);
      }
      const approved = (await a.listRequests({ states: ['approved'] })).map((r) => r.id);
      expect(approved.length).toBeGreaterThan(0);
      const claims = await Promise.all(
        approved.flatMap((id) => [a.claimExecution(id, 'replica-a'), b.claimExecution(id, 'replica-b')]),
      );
      expect((await b.listRequests({ states: ['executing'] })).map((r) => r.id).sort()).toEqual([...approved].sort());
      expect(claims.filter(Boolean)).toHaveLength(approved.length);
    });

    it('expiry sweeps running in both replicas expire each due request exactly once', async () => {
      const clock = new FakeClock();
      const [a, b] = await twoReplicas(clock);
      const due: string[] = [];
      for (let n = 0; n < 15; n += 1) {
        const created = await (n % 2 ? a : b).createRequest(newRequest({ accessKeyId: key(n) }));
        if (!created.created) throw new Error('not created');
        due.push(created.request.id);
      }
      clock.advance(TTL / 2);
      const fresh = await a.createRequest(newRequest({ accessKeyId: key(99) }));
      clock.advance(TTL / 2);
      const sweeps = await Promise.all([a.expireDue(), b.expireDue(), a.expireDue(), b.expireDue()]);
      const expired = sweeps.flat().map((t) => t.request.id);
      expect(expired.sort()).toEqual([...due].sort());
      for (const id of due) {
        const events = (await a.listAudit({ requestId: id })).map((e) => e.event);
        expect(events).toEqual(['requested', 'expired']);
      }
      expect(fresh.created && (await b.getRequest(fresh.request.id))?.state).toBe('requested');
      expect([...(await a.expireDue()), ...(await b.expireDue())]).toEqual([]);
    });
  });
});
